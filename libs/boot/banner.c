/* SPDX-License-Identifier: BSD-3-Clause */
/* The boot banner: one line, or the name in ASCII art above it. */
#include <lith/print.h>
#include <plat/console.h>

#if CONFIG_LIBBOOT_BANNER_ART
#define ART                     \
	" _     _ _   _\n"      \
	"| |   (_) |_| |__\n"   \
	"| |   | | __| '_ \\\n" \
	"| |___| | |_| | | |\n" \
	"|_____|_|\\__|_| |_|\n"
#else
#define ART ""
#endif

void lith_banner(void);

void lith_banner(void)
{
	static const char banner[] = ART "Powered by Lith " LITH_VERSION " (" LITH_CODENAME ")\n";

	/*
	 * A constant: written as lith_printk_raw() would (to the console, only with the debug
	 * library), without formatting it a byte at a time (~1,700 instructions on arm64).
	 */
#if CONFIG_LIBDEBUG
	plat_console_write(banner, sizeof(banner) - 1);
#else
	(void)banner;
#endif
}
