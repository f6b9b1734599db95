/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel messages by level. A line looks like
 *	[    0.100664] CRIT: [vfs] <rootfs.c @  122> Failed to mount /: 22
 * with the timestamp and the origin optional (Kconfig). Levels above the configured one
 * compile to nothing, but their format strings are still checked.
 */
#ifndef LITH_PRINT_H
#define LITH_PRINT_H

#include <lith/essentials.h>

#define LITH_LVL_CRIT  1
#define LITH_LVL_ERR   2
#define LITH_LVL_WARN  3
#define LITH_LVL_INFO  4
#define LITH_LVL_DEBUG 5

/* Set per library and per file by the build. */
#ifndef __LIBNAME__
#define __LIBNAME__ "?"
#endif
#ifndef __BASENAME__
#define __BASENAME__ __FILE__
#endif

#if CONFIG_LIBDEBUG
void lith_printk(int lvl, const char *lib, const char *file, int line, const char *fmt, ...)
	__printf(5, 6);
void lith_vprintk(int lvl, const char *lib, const char *file, int line, const char *fmt,
		  va_list ap);
/* A message without prefix (banners, traces), printed whatever the level. */
void lith_printk_raw(const char *fmt, ...) __printf(1, 2);
#else
static inline __printf(1, 2) void lith_printk_raw(const char *fmt, ...)
{
}
#endif

static inline __printf(1, 2) void lith_printk_none(const char *fmt, ...)
{
}

#if CONFIG_LIBDEBUG_PRINTK
#define lith_pr(lvl, fmt, ...)                                                       \
	do {                                                                         \
		if ((lvl) <= CONFIG_LIBDEBUG_PRINTK_LEVEL)                           \
			lith_printk((lvl), __LIBNAME__, __BASENAME__, __LINE__, fmt, \
				    ##__VA_ARGS__);                                  \
		else                                                                 \
			lith_printk_none(fmt, ##__VA_ARGS__);                        \
	} while (0)
#else
#define lith_pr(lvl, fmt, ...) lith_printk_none(fmt, ##__VA_ARGS__)
#endif

#define lith_pr_crit(fmt, ...)	lith_pr(LITH_LVL_CRIT, fmt, ##__VA_ARGS__)
#define lith_pr_err(fmt, ...)	lith_pr(LITH_LVL_ERR, fmt, ##__VA_ARGS__)
#define lith_pr_warn(fmt, ...)	lith_pr(LITH_LVL_WARN, fmt, ##__VA_ARGS__)
#define lith_pr_info(fmt, ...)	lith_pr(LITH_LVL_INFO, fmt, ##__VA_ARGS__)
#define lith_pr_debug(fmt, ...) lith_pr(LITH_LVL_DEBUG, fmt, ##__VA_ARGS__)

#endif /* LITH_PRINT_H */
