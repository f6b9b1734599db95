/* SPDX-License-Identifier: BSD-3-Clause */
/* Initcalls from a second file land in the same table, ordered by class. */
#include <stdio.h>
#include <lith/init.h>

static int plat_init(void)
{
	printf("init plat\n");
	return 0;
}

static void sys_term(void)
{
	printf("term sys\n");
}

static int sys_init(void)
{
	printf("init sys\n");
	return 0;
}

lith_initcall_sys(sys_init, sys_term);
lith_initcall_plat(plat_init, NULL);
