/* SPDX-License-Identifier: BSD-3-Clause */
/* A failing kernel assertion: the message names file and line, the image crashes. */
#include <stdio.h>
#include <lith/assert.h>

int main(int argc, char *argv[])
{
	printf("before the assertion\n");
	LITH_ASSERT(argc == 42);
	printf("not reached\n");
	return 0;
}
