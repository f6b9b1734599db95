/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test of the kernel message format: printk.c and fmt.c built for the host with a
 * stub console and clock, once per Kconfig combination (see the Makefile).
 */
#include <stdio.h>
#include <string.h>
#include <lith/print.h>
#include <plat/console.h>
#include <plat/time.h>

static char out[8192];
static size_t out_len;
static int writes;

int plat_console_write(const char *buf, size_t len)
{
	memcpy(out + out_len, buf, len);
	out_len += len;
	out[out_len] = '\0';
	writes++;
	return (int)len;
}

uint64_t plat_time_monotonic_ns(void)
{
	return 100664123ULL;
}

static int passed, failed;

static void expect(const char *what, const char *want)
{
	if (strcmp(out, want) == 0) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s\n  got:  '%s'\n  want: '%s'\n", what, out, want);
	}
	out_len = 0;
	out[0] = '\0';
	writes = 0;
}

int main(void)
{
	char longmsg[600];

#if CONFIG_LIBDEBUG_PRINTK_TIME && CONFIG_LIBDEBUG_PRINTK_ORIGIN && !CONFIG_LIBDEBUG_ANSI_COLOR
	lith_printk(LITH_LVL_CRIT, "vfs", "rootfs.c", 122, "Failed to mount %s: %d\n", "/", 22);
	expect("full line", "[    0.100664] CRIT: [vfs] <rootfs.c @  122> Failed to mount /: 22\n");
	lith_printk(LITH_LVL_INFO, "boot", "boot.c", 7, "x\n");
	expect("info", "[    0.100664] INFO: [boot] <boot.c @    7> x\n");
	lith_printk(LITH_LVL_DEBUG, "a", "b.c", 12345, "%zu|%jd|%p\n", (size_t)42, (intmax_t)-1,
		    (void *)0x1000);
	expect("debug and C99 formats", "[    0.100664] DEBUG: [a] <b.c @ 12345> 42|-1|0x1000\n");
	lith_printk(LITH_LVL_WARN, "a", "b.c", 1, "one write per line\n");
	if (writes == 1)
		passed++;
	else
		failed++, printf("FAIL one console write per short line: %d\n", writes);
	expect("warn", "[    0.100664] WARN: [a] <b.c @    1> one write per line\n");
	lith_printk(99, "a", "b.c", 1, "bad level\n");
	expect("bad level prints as critical", "[    0.100664] CRIT: [a] <b.c @    1> bad level\n");
#elif !CONFIG_LIBDEBUG_PRINTK_TIME && !CONFIG_LIBDEBUG_PRINTK_ORIGIN
	lith_printk(LITH_LVL_ERR, "vfs", "rootfs.c", 122, "plain %s\n", "line");
	expect("no time, no origin", "ERR: plain line\n");
#elif CONFIG_LIBDEBUG_ANSI_COLOR
	lith_printk(LITH_LVL_CRIT, "vfs", "rootfs.c", 122, "red\n");
	expect("colored level",
	       "[    0.100664] \033[1;31mCRIT:\033[0m [vfs] <rootfs.c @  122> red\n");
#endif
	/* Longer than the line buffer: nothing lost, nothing repeated. */
	memset(longmsg, 'x', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	lith_printk_raw("%s|end\n", longmsg);
	if (out_len == sizeof(longmsg) - 1 + 5 && strcmp(out + out_len - 5, "|end\n") == 0)
		passed++;
	else
		failed++, printf("FAIL long message: %zu bytes\n", out_len);
	out_len = 0;
	lith_printk_raw("Powered by %s\n", "Lith");
	expect("raw", "Powered by Lith\n");

	printf("printk: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
