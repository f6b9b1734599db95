/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console output for crash reports: straight to plat_console_write(), with no formatting
 * library, allocation or lock, so that it works whatever else is broken.
 */
#ifndef LITH_CRASHOUT_H
#define LITH_CRASHOUT_H

#include <lith/essentials.h>
#include <plat/console.h>

static inline void crash_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	plat_console_write(s, n);
}

/* v in hexadecimal, exactly digits digits (at most 16), without a prefix. */
static inline void crash_puthex(uint64_t v, int digits)
{
	char buf[16];
	int i;

	for (i = 0; i < digits && i < 16; i++)
		buf[digits - 1 - i] = "0123456789abcdef"[(v >> (i * 4)) & 0xf];
	plat_console_write(buf, i);
}

static inline void crash_putdec(unsigned int v)
{
	char buf[10];
	int n = 0;

	do
		buf[sizeof(buf) - ++n] = (char)('0' + v % 10);
	while ((v /= 10));
	plat_console_write(buf + sizeof(buf) - n, n);
}

/* "NAME=<16 hex digits>" */
static inline void crash_putreg(const char *name, uint64_t v)
{
	crash_puts(name);
	crash_puts("=");
	crash_puthex(v, 16);
}

#endif /* LITH_CRASHOUT_H */
