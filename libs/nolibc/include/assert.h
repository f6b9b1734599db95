/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * assert(expr): on failure calls lith_assert_fail() (the debug library), which reports
 * expression, file, line and function and does not return. With NDEBUG defined at the
 * point of inclusion, assert() evaluates nothing. Like every assert.h this one has no
 * include guard for assert itself: each inclusion re-reads NDEBUG.
 */
#ifndef _NOLIBC_ASSERT_DECL
#define _NOLIBC_ASSERT_DECL
void lith_assert_fail(const char *expr, const char *file, int line, const char *func)
	__attribute__((noreturn));
#if !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && \
	__STDC_VERSION__ < 202311L
#define static_assert _Static_assert
#endif
#endif /* _NOLIBC_ASSERT_DECL */

#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : lith_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif
