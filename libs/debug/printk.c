/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel messages: one console write per line, prefixed as configured. */
#include <lith/fmt.h>
#include <lith/print.h>
#include <plat/console.h>
#include <plat/time.h>

/* Lines are gathered here so that a message reaches the console in one piece. */
struct line {
	size_t n;
	char buf[192];
};

static void flush(struct line *l)
{
	if (l->n)
		plat_console_write(l->buf, l->n);
	l->n = 0;
}

static void emit(void *ctx, const char *s, size_t n)
{
	struct line *l = ctx;

	while (n) {
		size_t room = sizeof(l->buf) - l->n;
		size_t take = n < room ? n : room;
		size_t i;

		for (i = 0; i < take; i++)
			l->buf[l->n + i] = s[i];
		l->n += take;
		s += take;
		n -= take;
		if (l->n == sizeof(l->buf))
			flush(l);
	}
}

static void lprintf(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vcbprintf(emit, l, fmt, ap);
	va_end(ap);
}

static const char *const level_name[] = {
	[LITH_LVL_CRIT] = "CRIT", [LITH_LVL_ERR] = "ERR",     [LITH_LVL_WARN] = "WARN",
	[LITH_LVL_INFO] = "INFO", [LITH_LVL_DEBUG] = "DEBUG",
};

#if CONFIG_LIBDEBUG_ANSI_COLOR
static const char *const level_color[] = {
	[LITH_LVL_CRIT] = "\033[1;31m", [LITH_LVL_ERR] = "\033[31m",   [LITH_LVL_WARN] = "\033[33m",
	[LITH_LVL_INFO] = "\033[32m",	[LITH_LVL_DEBUG] = "\033[36m",
};
#endif

void lith_vprintk(int lvl, const char *lib, const char *file, int line, const char *fmt, va_list ap)
{
	struct line l;

	l.n = 0;
	if (lvl < LITH_LVL_CRIT || lvl > LITH_LVL_DEBUG)
		lvl = LITH_LVL_CRIT;
#if CONFIG_LIBDEBUG_PRINTK_TIME
	{
		uint64_t us = plat_time_monotonic_ns() / 1000;

		lprintf(&l, "[%5llu.%06llu] ", (unsigned long long)(us / 1000000),
			(unsigned long long)(us % 1000000));
	}
#endif
#if CONFIG_LIBDEBUG_ANSI_COLOR
	lprintf(&l, "%s%s:\033[0m ", level_color[lvl], level_name[lvl]);
#else
	lprintf(&l, "%s: ", level_name[lvl]);
#endif
#if CONFIG_LIBDEBUG_PRINTK_ORIGIN
	lprintf(&l, "[%s] <%s @ %4d> ", lib, file, line);
#endif
	fmt_vcbprintf(emit, &l, fmt, ap);
	flush(&l);
}

void lith_printk(int lvl, const char *lib, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lith_vprintk(lvl, lib, file, line, fmt, ap);
	va_end(ap);
}

void lith_printk_raw(const char *fmt, ...)
{
	struct line l;
	va_list ap;

	l.n = 0;
	va_start(ap, fmt);
	fmt_vcbprintf(emit, &l, fmt, ap);
	va_end(ap);
	flush(&l);
}
