/* SPDX-License-Identifier: BSD-3-Clause */
/* The boot library: from a platform's boot info to main() and back to power-off. */
#ifndef LITH_BOOT_H
#define LITH_BOOT_H

#include <lith/essentials.h>
#include <plat/bootinfo.h>

#define LITH_ARGV_MAX 64

/*
 * Called once by the platform after its early setup. Sets up the allocator over the free
 * regions, runs the init tables, prints the banner, calls main(argc, argv), runs the
 * terminate functions and powers off with main's return value.
 */
void lith_boot(struct plat_bootinfo *bi) __noreturn;

/* The boot info the platform handed over. */
const struct plat_bootinfo *lith_bootinfo(void);

/* End the image now with status: terminate functions run, then power-off. */
void lith_exit(int status) __noreturn;

/* Print why, then crash (libc's abort() ends here). */
void lith_abort(const char *why) __noreturn;

/*
 * Split a command line into words in place: blanks separate words, double quotes group,
 * a backslash takes the next character literally. Returns the number of words stored.
 */
int lith_cmdline_split(char *line, char **argv, int max);

#endif /* LITH_BOOT_H */
