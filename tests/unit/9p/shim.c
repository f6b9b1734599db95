/* SPDX-License-Identifier: BSD-3-Clause */
/* The kernel allocator's names over the host's malloc, for the 9P client on the host. */
#include <stdlib.h>

void *lith_malloc(size_t size);
void *lith_calloc(size_t n, size_t size);
void lith_free(void *p);

void *lith_malloc(size_t size)
{
	return malloc(size);
}

void *lith_calloc(size_t n, size_t size)
{
	return calloc(n, size);
}

void lith_free(void *p)
{
	free(p);
}
