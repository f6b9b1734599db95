/* SPDX-License-Identifier: BSD-3-Clause */
/* A wild write: the platform reports the fault and the image ends as crashed. */
#include <stdio.h>

int main(int argc, char *argv[])
{
	volatile int *p = (volatile int *)(unsigned long)(argc * 8);

	printf("writing to %p\n", (void *)p);
	*p = 1;
	printf("not reached\n");
	return 0;
}
