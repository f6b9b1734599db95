/* SPDX-License-Identifier: BSD-3-Clause */
/* The malloc/free workload of bench/sched/app against the host's C library (glibc). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "app/malloc-loop.h"

int main(void)
{
	struct timespec a, b;
	unsigned long long ns;

	clock_gettime(CLOCK_MONOTONIC, &a);
	malloc_loop();
	clock_gettime(CLOCK_MONOTONIC, &b);
	ns = (b.tv_sec - a.tv_sec) * 1000000000ULL + b.tv_nsec - a.tv_nsec;
	printf("bench: malloc_free_glibc %llu pairs/s\n", MALLOC_PAIRS * 1000000000ULL / ns);
	return 0;
}
