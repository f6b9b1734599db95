/* SPDX-License-Identifier: BSD-3-Clause */
/* Returns 3, or the number given as its first argument: main's value is the exit status. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[])
{
	int i;

	for (i = 0; i < argc; i++)
		printf("argv[%d]=<%s>\n", i, argv[i]);
	return argc > 1 ? atoi(argv[1]) : 3;
}
