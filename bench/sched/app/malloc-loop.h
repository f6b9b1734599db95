/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The malloc/free workload, shared by the Lith benchmark app and the glibc host program so
 * that both run the same code: a window of 256 live blocks of pseudo-random sizes
 * (16 B - 4 KiB), each replaced in turn.
 */
#define MALLOC_PAIRS 4000000ULL
#define WINDOW	     256

static void malloc_loop(void)
{
	static void *live[WINDOW];
	unsigned int x = 12345, i;

	for (i = 0; i < MALLOC_PAIRS; i++) {
		unsigned int slot = i % WINDOW;

		x = x * 1103515245u + 12345u;
		free(live[slot]);
		live[slot] = malloc(16 + (x >> 8) % 4081);
		if (live[slot])
			*(volatile char *)live[slot] = 1;
	}
	for (i = 0; i < WINDOW; i++) {
		free(live[i]);
		live[i] = NULL;
	}
}
