/* SPDX-License-Identifier: BSD-3-Clause */
/* The boot banner: one line, or the name in ASCII art above it. */
#include <lith/print.h>

void lith_banner(void);

void lith_banner(void)
{
#if CONFIG_LIBBOOT_BANNER_ART
	lith_printk_raw(" _     _ _   _\n"
			"| |   (_) |_| |__\n"
			"| |   | | __| '_ \\\n"
			"| |___| | |_| | | |\n"
			"|_____|_|\\__|_| |_|\n");
#endif
	lith_printk_raw("Powered by Lith %s (%s)\n", LITH_VERSION, LITH_CODENAME);
}
