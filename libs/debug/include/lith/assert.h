/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assertions and crashes. A failed assertion prints the expression with its file and line
 * as a critical message, then the image crashes (exit status PLAT_CRASH_STATUS, or
 * SHUTDOWN_crash on Xen).
 */
#ifndef LITH_ASSERT_H
#define LITH_ASSERT_H

#include <lith/print.h>

/* libc's assert() ends here; LITH_ASSERT also names the library. */
void lith_assert_fail(const char *expr, const char *file, int line, const char *func) __noreturn;
void lith_assert_fail_at(const char *lib, const char *expr, const char *file, int line,
			 const char *func) __noreturn;

/* Print a critical message from file:line, then crash. */
void lith_crash_at(const char *lib, const char *file, int line, const char *fmt, ...) __noreturn
	__printf(4, 5);

#define lith_crash(fmt, ...) lith_crash_at(__LIBNAME__, __BASENAME__, __LINE__, fmt, ##__VA_ARGS__)

#if CONFIG_LIBDEBUG_ASSERT
#define LITH_ASSERT(x)                                                                          \
	do {                                                                                    \
		if (unlikely(!(x)))                                                             \
			lith_assert_fail_at(__LIBNAME__, #x, __BASENAME__, __LINE__, __func__); \
	} while (0)
#else
#define LITH_ASSERT(x) ((void)sizeof(!(x)))
#endif

#define LITH_BUG_ON(x) LITH_ASSERT(!(x))

#endif /* LITH_ASSERT_H */
