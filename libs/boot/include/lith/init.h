/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Init tables: a library registers a function to run at boot, in one of seven classes,
 * and optionally one to run at shutdown. Boot runs classes in order (and within a class,
 * priorities 0-9 in order); shutdown runs the terminate functions in reverse.
 *
 *	static int vfs_init(void) { ... return 0 or -errno; }
 *	lith_initcall_rootfs(vfs_init, NULL);
 *
 * A negative return stops the boot: the reason is printed and the image crashes.
 */
#ifndef LITH_INIT_H
#define LITH_INIT_H

#include <lith/essentials.h>

#define LITH_INIT_EARLY	 1 /* before anything: allocator-free setup */
#define LITH_INIT_PLAT	 2 /* platform services on top of the allocator */
#define LITH_INIT_BUS	 3 /* buses and drivers */
#define LITH_INIT_LIB	 4 /* libraries */
#define LITH_INIT_ROOTFS 5 /* the root filesystem */
#define LITH_INIT_SYS	 6 /* system services that need a root */
#define LITH_INIT_LATE	 7 /* last, just before main */

struct lith_initcall {
	int (*init)(void);
	void (*term)(void);
	const char *name;
};

/*
 * Sections sort by name: class digit, then priority digit. The explicit alignment keeps gcc
 * from padding entries (it aligns larger objects to 16), so the table is a plain array.
 */
#define LITH_INITCALL(class, prio, initfn, termfn)                                     \
	static const struct lith_initcall __lith_initcall_##initfn __used __aligned(8) \
		__section(".lith_inittab." STRINGIFY(class) "." STRINGIFY(             \
			prio)) = { .init = (initfn), .term = (termfn), .name = #initfn }

#define lith_initcall_early(fn, term)  LITH_INITCALL(LITH_INIT_EARLY, 5, fn, term)
#define lith_initcall_plat(fn, term)   LITH_INITCALL(LITH_INIT_PLAT, 5, fn, term)
#define lith_initcall_bus(fn, term)    LITH_INITCALL(LITH_INIT_BUS, 5, fn, term)
#define lith_initcall_lib(fn, term)    LITH_INITCALL(LITH_INIT_LIB, 5, fn, term)
#define lith_initcall_rootfs(fn, term) LITH_INITCALL(LITH_INIT_ROOTFS, 5, fn, term)
#define lith_initcall_sys(fn, term)    LITH_INITCALL(LITH_INIT_SYS, 5, fn, term)
#define lith_initcall_late(fn, term)   LITH_INITCALL(LITH_INIT_LATE, 5, fn, term)

#endif /* LITH_INIT_H */
