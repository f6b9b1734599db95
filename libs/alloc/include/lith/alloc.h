/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * General-purpose kernel heap: TLSF (two-level segregated fit) over any number of
 * disjoint memory regions. O(1) malloc/free, immediate coalescing, 16-byte alignment.
 * Shared by all threads (see lith_alloc_set_lock); not for use in event handlers.
 */
#ifndef LITH_ALLOC_H
#define LITH_ALLOC_H

#include <stddef.h>
#include <stdbool.h>

struct lith_alloc_stats {
	size_t total;	     /* bytes managed (sum of usable region bytes) */
	size_t used;	     /* payload bytes currently allocated (usable sizes) */
	size_t peak;	     /* high-water mark of used */
	size_t free;	     /* bytes in free blocks */
	size_t largest_free; /* largest single allocation that would succeed right now */
	size_t nr_allocs, nr_frees, nr_failed;
};

/* Hand [base, base + len) to the heap. 0, or -EINVAL if too small after rounding inward
 * (or overlapping a region already added). Any alignment is accepted. */
int lith_alloc_add_region(void *base, size_t len);

void *lith_malloc(size_t size);			/* size 0 -> unique minimal block */
void *lith_calloc(size_t n, size_t size);	/* multiplication overflow -> NULL */
void *lith_realloc(void *p, size_t size);	/* NULL p -> malloc; size 0 -> free, NULL */
void lith_free(void *p);			/* NULL ok */
void *lith_memalign(size_t align, size_t size); /* align: power of two */
int lith_posix_memalign(void **out, size_t align, size_t size); /* 0, EINVAL, ENOMEM */
size_t lith_malloc_usable_size(void *p);
void lith_alloc_stats(struct lith_alloc_stats *st);
bool lith_alloc_check(void); /* walk every region and list; true if consistent */

/* Page allocator for drivers: n contiguous, page-aligned pages, or NULL. */
void *lith_alloc_pages(size_t n);
void lith_free_pages(void *p, size_t n);

/*
 * Serialise the heap between threads: lock() before and unlock() after every heap
 * operation. Set by a scheduler that switches threads at arbitrary points; may nest.
 */
void lith_alloc_set_lock(void (*lock)(void), void (*unlock)(void));

#endif /* LITH_ALLOC_H */
