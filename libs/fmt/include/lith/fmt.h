/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's printf engine: formats like glibc's snprintf and streams the result in
 * pieces to a callback, so it needs no output buffer. Freestanding, no FP, no allocation,
 * reentrant (no static state). Used by the kernel message library and nolibc's stdio.
 *
 * Supported, byte-for-byte as glibc prints them:
 *   conversions  d i u o x X c s p %, and glibc's b B (binary, '#' gives 0b/0B) and
 *                C S (same as lc ls); n consumes its pointer and stores nothing
 *   flags        - + space # 0 (' and I are accepted and ignored, as in the C locale)
 *   width and precision, digits or '*' (negative '*' width means '-', negative '*'
 *   precision means none); length modifiers hh h l ll j z t, and L q (as ll), Z (as z)
 *   %lc / %ls: wide characters of the C locale (ASCII); any other wide character makes
 *   the call fail with -1, as glibc does in the C locale.
 *   %s with NULL prints "(null)" (nothing if the precision is below 6); %p prints
 *   0x<hex>, or "(nil)" for NULL.
 *
 * Not supported:
 *   Floating point (f F e E g G a A): kernel code may be built without FP registers, so
 *   the double cannot be read. The directive is printed literally (e.g. "%.2f") and its
 *   argument is NOT consumed: later arguments are still read correctly on x86_64 and
 *   arm64, where doubles travel in FP registers, but not once they spill to the stack.
 *   Apps needing floats use newlib.
 *   Positional arguments (%1$d) and %m. These and any other unknown conversion are
 *   printed back as glibc prints unknown ones: '%', flags, width, precision, letter.
 *
 * Return values: the number of characters produced, or -1 if the format ends inside a
 * directive, a width or precision exceeds INT_MAX, a wide character has no C-locale
 * encoding, or the total would exceed INT_MAX. What was produced before the error has
 * already been passed to the callback.
 */
#ifndef LITH_FMT_H
#define LITH_FMT_H

#include <stddef.h>
#include <stdarg.h>

/* Receives the output in order, in pieces of n bytes (n > 0; s is not NUL-terminated). */
typedef void (*fmt_out_t)(void *ctx, const char *s, size_t n);

/* Stream the formatted output to out; returns the characters produced or -1. */
int fmt_vcbprintf(fmt_out_t out, void *ctx, const char *fmt, va_list ap);

/*
 * C99 vsnprintf: writes at most size bytes including the terminating NUL (always
 * terminated when size > 0; buf may be NULL when size is 0) and returns the length the
 * full output would have had, or -1 as above.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* LITH_FMT_H */
