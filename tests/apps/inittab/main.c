/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Init tables: functions registered in several classes (and files) run in class order
 * before main, and their terminate functions run in reverse after it.
 */
#include <stdio.h>
#include <lith/init.h>

static int late_init(void)
{
	printf("init late\n");
	return 0;
}

static void late_term(void)
{
	printf("term late\n");
}

static int early_init(void)
{
	printf("init early\n");
	return 0;
}

static void early_term(void)
{
	printf("term early\n");
}

static int lib_init(void)
{
	printf("init lib\n");
	return 0;
}

lith_initcall_late(late_init, late_term);
lith_initcall_early(early_init, early_term);
lith_initcall_lib(lib_init, NULL);

int main(int argc, char *argv[])
{
	printf("main\n");
	return 0;
}
