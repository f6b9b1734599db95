/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TLSF heap. Free blocks sit in one of FL_COUNT x SL_COUNT lists: the first level is the
 * power of two of the size, the second splits that power into SL_COUNT equal steps. Two
 * bitmaps say which lists are non-empty, so finding a fitting list is two find-first-set.
 * Every block starts with a 16-byte header {size of previous block, own size | flags};
 * the previous size is the boundary tag that lets free() merge with both neighbours.
 *
 * Region layout: [struct region][block][block]...[end sentinel: header with size 0].
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "lith/essentials.h"
#include "lith/errno.h"
#include "lith/alloc.h"
#if defined(CONFIG_LIBDEBUG) && CONFIG_LIBDEBUG
#include <lith/print.h>
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

struct block {
	size_t prev_size;	 /* size of the physically previous block, 0 if first */
	size_t size;		 /* block size including this header; low bits are flags */
	struct block *next_free; /* free blocks only: these two live in the payload */
	struct block *prev_free;
};

struct region {
	struct region *next;
	uintptr_t end; /* one past the end sentinel */
};

#define ALIGN_LOG2 4
#define ALIGNMENT  ((size_t)1 << ALIGN_LOG2)
#define HDR	   offsetof(struct block, next_free)
#define MIN_BLOCK  sizeof(struct block)
#define REGION_HDR ALIGN_UP(sizeof(struct region), ALIGNMENT)
#define BLK_FREE   ((size_t)1)
#define FLAG_MASK  (ALIGNMENT - 1)

_Static_assert(HDR == ALIGNMENT, "block header must keep payloads 16-byte aligned");
_Static_assert(MIN_BLOCK == 2 * ALIGNMENT, "minimum block is header + two links");

#define SL_LOG2	    5
#define SL_COUNT    (1u << SL_LOG2)
#define FL_SHIFT    (SL_LOG2 + ALIGN_LOG2) /* sizes below 512 are "small" */
#define SMALL_LIMIT ((size_t)1 << FL_SHIFT)
#define FL_COUNT    (64 - FL_SHIFT + 1) /* covers every 64-bit size */

/* Larger requests fail up front, which keeps every size sum below overflow. */
#define MAX_REQUEST (SIZE_MAX >> 2)

static struct {
	uint64_t fl_bitmap;
	uint32_t sl_bitmap[FL_COUNT];
	struct block *heads[FL_COUNT][SL_COUNT];
	struct region *regions;
	struct lith_alloc_stats st; /* largest_free is computed on demand */
} heap;

/*
 * The heap is shared by every thread: a scheduler that can switch threads at any point
 * installs a lock here (lith_alloc_set_lock); with none, or cooperative threads, none is
 * needed. Event handlers must not allocate.
 */
static void (*lock_fn)(void);
static void (*unlock_fn)(void);

void lith_alloc_set_lock(void (*lock)(void), void (*unlock)(void))
{
	lock_fn = lock;
	unlock_fn = unlock;
}

static inline void heap_lock(void)
{
	if (lock_fn)
		lock_fn();
}

static inline void heap_unlock(void)
{
	if (unlock_fn)
		unlock_fn();
}

/* Say why an allocation failed: a NULL alone is hard to trace back in a unikernel. */
static void report_failure(size_t size __unused, size_t align __unused)
{
#if defined(CONFIG_LIBDEBUG) && CONFIG_LIBDEBUG
	lith_pr_warn("out of memory: %zu bytes (alignment %zu) not available\n", size, align);
#endif
}

static inline unsigned int msb64(uint64_t x)
{
	return 63 - (unsigned int)__builtin_clzll(x);
}

static inline size_t block_size(const struct block *b)
{
	return b->size & ~FLAG_MASK;
}

static inline bool block_is_free(const struct block *b)
{
	return b->size & BLK_FREE;
}

static inline void block_set(struct block *b, size_t size, bool is_free)
{
	b->size = size | (is_free ? BLK_FREE : 0);
}

static inline struct block *block_next(const struct block *b)
{
	return (struct block *)((char *)b + block_size(b));
}

/* NULL for the first block of a region. */
static inline struct block *block_prev(const struct block *b)
{
	return b->prev_size ? (struct block *)((char *)b - b->prev_size) : NULL;
}

static inline void *block_payload(const struct block *b)
{
	return (char *)b + HDR;
}

static inline struct block *payload_block(const void *p)
{
	return (struct block *)((char *)p - HDR);
}

static void mapping(size_t size, unsigned int *fl, unsigned int *sl)
{
	unsigned int msb;

	if (size < SMALL_LIMIT) {
		*fl = 0;
		*sl = (unsigned int)(size >> ALIGN_LOG2);
		return;
	}
	msb = msb64(size);
	*fl = msb - FL_SHIFT + 1;
	*sl = (unsigned int)(size >> (msb - SL_LOG2)) & (SL_COUNT - 1);
}

/* Round up to the next list boundary so that any block of that list fits. */
static size_t round_to_list(size_t size)
{
	if (size >= SMALL_LIMIT)
		size += ((size_t)1 << (msb64(size) - SL_LOG2)) - 1;
	return size;
}

static void list_insert(struct block *b)
{
	unsigned int fl, sl;
	size_t size = block_size(b);

	mapping(size, &fl, &sl);
	b->prev_free = NULL;
	b->next_free = heap.heads[fl][sl];
	if (b->next_free)
		b->next_free->prev_free = b;
	heap.heads[fl][sl] = b;
	heap.fl_bitmap |= (uint64_t)1 << fl;
	heap.sl_bitmap[fl] |= 1u << sl;
	heap.st.free += size - HDR;
}

static void list_remove(struct block *b)
{
	unsigned int fl, sl;
	size_t size = block_size(b);

	mapping(size, &fl, &sl);
	if (b->prev_free)
		b->prev_free->next_free = b->next_free;
	else
		heap.heads[fl][sl] = b->next_free;
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
	if (!heap.heads[fl][sl]) {
		heap.sl_bitmap[fl] &= ~(1u << sl);
		if (!heap.sl_bitmap[fl])
			heap.fl_bitmap &= ~((uint64_t)1 << fl);
	}
	heap.st.free -= size - HDR;
}

/* First non-empty list at or above (fl, sl), or false. */
static bool next_list(unsigned int *fl, unsigned int *sl)
{
	uint32_t sl_map;
	uint64_t fl_map;

	if (*fl >= FL_COUNT)
		return false;
	sl_map = heap.sl_bitmap[*fl] & (~0u << *sl);
	if (!sl_map) {
		fl_map = *fl + 1 < 64 ? heap.fl_bitmap & (~(uint64_t)0 << (*fl + 1)) : 0;
		if (!fl_map)
			return false;
		*fl = (unsigned int)__builtin_ctzll(fl_map);
		sl_map = heap.sl_bitmap[*fl];
	}
	*sl = (unsigned int)__builtin_ctz(sl_map);
	return true;
}

/*
 * Where a payload aligned to @align starts inside free block @b, or 0 if a block of
 * @need bytes does not fit there. A gap in front must be big enough to become a block.
 */
static uintptr_t fit_in(const struct block *b, size_t need, size_t align)
{
	uintptr_t start = (uintptr_t)block_payload(b);
	uintptr_t end = (uintptr_t)b + block_size(b);
	uintptr_t p = ALIGN_UP(start, align);

	if (p != start && p - start < MIN_BLOCK)
		p = ALIGN_UP(start + MIN_BLOCK, align);
	if (p - HDR > end || end - (p - HDR) < need)
		return 0;
	return p;
}

/* Find a free block holding @need bytes at @align; returns it still on its list. */
static struct block *find_block(size_t need, size_t align, uintptr_t *payload)
{
	unsigned int fl, sl;
	size_t want = need;
	struct block *b;

	/* Good fit: any block of the rounded-up list fits, so this is O(1). */
	if (align > ALIGNMENT)
		want += align + MIN_BLOCK;
	mapping(round_to_list(want), &fl, &sl);
	if (next_list(&fl, &sl)) {
		b = heap.heads[fl][sl];
		*payload = fit_in(b, need, align);
		if (*payload)
			return b;
	}

	/*
	 * Nothing that large: scan the lists that may still hold a fitting block so that
	 * an allocation of exactly the largest free block (or an aligned one that just
	 * fits) still succeeds. For plain malloc this is at most one or two lists.
	 */
	mapping(need, &fl, &sl);
	while (next_list(&fl, &sl)) {
		for (b = heap.heads[fl][sl]; b; b = b->next_free) {
			*payload = fit_in(b, need, align);
			if (*payload)
				return b;
		}
		if (++sl == SL_COUNT) {
			sl = 0;
			fl++;
		}
	}
	return NULL;
}

/* Free @b, merging it with free neighbours, and put the result on its list. */
static void release(struct block *b)
{
	struct block *prev = block_prev(b);
	struct block *next = block_next(b);
	size_t size = block_size(b);

	if (prev && block_is_free(prev)) {
		list_remove(prev);
		size += block_size(prev);
		b = prev;
	}
	if (block_is_free(next)) {
		list_remove(next);
		size += block_size(next);
	}
	block_set(b, size, true);
	block_next(b)->prev_size = size;
	list_insert(b);
}

/* Trim used block @b to @size bytes, freeing the tail if it can stand as a block. */
static void trim(struct block *b, size_t size)
{
	size_t old = block_size(b);
	struct block *tail;

	if (old - size < MIN_BLOCK)
		return;
	block_set(b, size, false);
	tail = block_next(b);
	tail->prev_size = size;
	block_set(tail, old - size, false);
	block_next(tail)->prev_size = old - size;
	release(tail);
}

/* Block size for a request, or 0 if the request can never be met. */
static size_t block_need(size_t size)
{
	if (unlikely(size > MAX_REQUEST))
		return 0;
	return ALIGN_UP(MAX(size, MIN_BLOCK - HDR), ALIGNMENT) + HDR;
}

static void account_alloc(size_t usable)
{
	heap.st.used += usable;
	heap.st.peak = MAX(heap.st.peak, heap.st.used);
	heap.st.nr_allocs++;
}

static void *alloc_locked(size_t size, size_t align)
{
	size_t need = block_need(size);
	uintptr_t p;
	struct block *b, *lead;
	size_t lead_size;

	if (unlikely(!need || align > MAX_REQUEST))
		goto fail;
	b = find_block(need, align, &p);
	if (!b)
		goto fail;
	list_remove(b);
	block_set(b, block_size(b), false);

	/* Split off the alignment gap in front as a free block of its own. */
	if (p != (uintptr_t)block_payload(b)) {
		lead = b;
		b = payload_block((void *)p);
		lead_size = (uintptr_t)b - (uintptr_t)lead;
		b->prev_size = lead_size;
		block_set(b, block_size(lead) - lead_size, false);
		block_next(b)->prev_size = block_size(b);
		block_set(lead, lead_size, false);
		release(lead);
	}
	trim(b, need);
	account_alloc(block_size(b) - HDR);
	return block_payload(b);
fail:
	heap.st.nr_failed++;
	return NULL;
}

/* Reject pointers that cannot be live allocations instead of corrupting the heap. */
static bool valid_used(const void *p)
{
	return IS_ALIGNED((uintptr_t)p, ALIGNMENT) && !block_is_free(payload_block(p)) &&
	       block_size(payload_block(p)) >= MIN_BLOCK;
}

static void free_locked(void *p)
{
	struct block *b = payload_block(p);

	if (!valid_used(p))
		return;
	heap.st.used -= block_size(b) - HDR;
	heap.st.nr_frees++;
	release(b);
}

int lith_alloc_add_region(void *base, size_t len)
{
	uintptr_t start = (uintptr_t)base, end;
	struct region *r;
	struct block *first, *sentinel;
	size_t size;

	if (!base || start > UINTPTR_MAX - ALIGNMENT)
		return -EINVAL;
	end = len > UINTPTR_MAX - start ? UINTPTR_MAX : start + len;
	start = ALIGN_UP(start, ALIGNMENT);
	end = ALIGN_DOWN(end, ALIGNMENT);
	if (end < start || end - start < REGION_HDR + MIN_BLOCK + HDR)
		return -EINVAL;
	size = end - start - REGION_HDR - HDR;

	heap_lock();
	for (r = heap.regions; r; r = r->next) {
		if (start < r->end && (uintptr_t)r < end) {
			heap_unlock();
			return -EINVAL;
		}
	}
	r = (struct region *)start;
	r->end = end;
	r->next = heap.regions;
	heap.regions = r;

	first = (struct block *)(start + REGION_HDR);
	first->prev_size = 0;
	block_set(first, size, true);
	sentinel = block_next(first);
	sentinel->prev_size = size;
	block_set(sentinel, 0, false);
	heap.st.total += size - HDR;
	list_insert(first);
	heap_unlock();
	return 0;
}

void *lith_malloc(size_t size)
{
	void *p;

	heap_lock();
	p = alloc_locked(size, ALIGNMENT);
	heap_unlock();
	if (unlikely(!p))
		report_failure(size, ALIGNMENT);
	return p;
}

void *lith_calloc(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes))) {
		heap_lock();
		heap.st.nr_failed++;
		heap_unlock();
		return NULL;
	}
	p = lith_malloc(bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

void lith_free(void *p)
{
	if (!p)
		return;
	heap_lock();
	free_locked(p);
	heap_unlock();
}

/* Resize in place if the block itself or the free block after it is big enough. */
static bool resize_in_place(struct block *b, size_t need)
{
	struct block *next = block_next(b);
	size_t old = block_size(b);
	size_t size = old;

	if (need > size) {
		if (!block_is_free(next) || size + block_size(next) < need)
			return false;
		list_remove(next);
		size += block_size(next);
		block_set(b, size, false);
		block_next(b)->prev_size = size;
	}
	trim(b, need);
	heap.st.used = heap.st.used - (old - HDR) + (block_size(b) - HDR);
	heap.st.peak = MAX(heap.st.peak, heap.st.used);
	return true;
}

void *lith_realloc(void *p, size_t size)
{
	size_t need = block_need(size);
	void *q;

	if (!p)
		return lith_malloc(size);
	if (!size) {
		lith_free(p);
		return NULL;
	}
	heap_lock();
	if (unlikely(!need || !valid_used(p))) {
		heap.st.nr_failed++;
		heap_unlock();
		return NULL;
	}
	if (resize_in_place(payload_block(p), need)) {
		heap_unlock();
		return p;
	}
	q = alloc_locked(size, ALIGNMENT);
	if (q) {
		memcpy(q, p, block_size(payload_block(p)) - HDR);
		free_locked(p);
	}
	heap_unlock();
	if (unlikely(!q))
		report_failure(size, ALIGNMENT);
	return q;
}

void *lith_memalign(size_t align, size_t size)
{
	void *p;

	heap_lock();
	if (unlikely(!align || (align & (align - 1)))) {
		heap.st.nr_failed++;
		p = NULL;
	} else {
		p = alloc_locked(size, MAX(align, ALIGNMENT));
	}
	heap_unlock();
	if (unlikely(!p))
		report_failure(size, align);
	return p;
}

int lith_posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (!align || (align & (align - 1)) || align < sizeof(void *))
		return EINVAL;
	p = lith_memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *lith_alloc_pages(size_t n)
{
	if (unlikely(!n || n > MAX_REQUEST / PAGE_SIZE))
		return NULL;
	return lith_memalign(PAGE_SIZE, n * PAGE_SIZE);
}

void lith_free_pages(void *p, size_t n __unused)
{
	lith_free(p);
}

size_t lith_malloc_usable_size(void *p)
{
	size_t n = 0;

	if (!p)
		return 0;
	heap_lock();
	if (valid_used(p))
		n = block_size(payload_block(p)) - HDR;
	heap_unlock();
	return n;
}

/* Size of the largest free block: the highest non-empty list holds it. */
static size_t largest_free_block(void)
{
	unsigned int fl, sl;
	struct block *b;
	size_t max = 0;

	if (!heap.fl_bitmap)
		return 0;
	fl = msb64(heap.fl_bitmap);
	sl = msb64(heap.sl_bitmap[fl]);
	for (b = heap.heads[fl][sl]; b; b = b->next_free)
		max = MAX(max, block_size(b));
	return max;
}

void lith_alloc_stats(struct lith_alloc_stats *st)
{
	size_t max;

	heap_lock();
	*st = heap.st;
	max = largest_free_block();
	/* find_block() falls back to scanning, so a block of exactly this size is found. */
	st->largest_free = max ? max - HDR : 0;
	heap_unlock();
}

static bool in_some_region(const struct block *b)
{
	const struct region *r;
	uintptr_t a = (uintptr_t)b;

	if (!IS_ALIGNED(a, ALIGNMENT))
		return false;
	for (r = heap.regions; r; r = r->next) {
		if (a >= (uintptr_t)r + REGION_HDR && a + MIN_BLOCK <= r->end - HDR)
			return true;
	}
	return false;
}

/* Walk one region block by block; adds to the totals, false on any inconsistency. */
static bool check_region(const struct region *r, size_t *nfree, size_t *free_bytes,
			 size_t *used_bytes, size_t *nblocks)
{
	const struct block *b = (const struct block *)((uintptr_t)r + REGION_HDR);
	size_t prev_size = 0, size;
	bool prev_free = false;

	for (;;) {
		if ((uintptr_t)b > r->end - HDR || b->prev_size != prev_size)
			return false;
		size = block_size(b);
		if (!size)
			return (uintptr_t)b == r->end - HDR && !block_is_free(b);
		if (size < MIN_BLOCK || (b->size & FLAG_MASK & ~BLK_FREE) ||
		    size > r->end - HDR - (uintptr_t)b)
			return false;
		if (block_is_free(b)) {
			if (prev_free)
				return false; /* missed coalescing */
			(*nfree)++;
			*free_bytes += size - HDR;
		} else {
			*used_bytes += size - HDR;
		}
		(*nblocks)++;
		prev_free = block_is_free(b);
		prev_size = size;
		b = block_next(b);
	}
}

static bool check_lists(size_t nfree)
{
	unsigned int fl, sl, bfl, bsl;
	const struct block *b, *prev;
	size_t seen = 0;

	for (fl = 0; fl < FL_COUNT; fl++) {
		if (!!(heap.fl_bitmap & ((uint64_t)1 << fl)) != !!heap.sl_bitmap[fl])
			return false;
		for (sl = 0; sl < SL_COUNT; sl++) {
			if (!!(heap.sl_bitmap[fl] & (1u << sl)) != !!heap.heads[fl][sl])
				return false;
			prev = NULL;
			for (b = heap.heads[fl][sl]; b; prev = b, b = b->next_free) {
				/* The count bounds the walk even if a link loops. */
				if (++seen > nfree || !in_some_region(b) || !block_is_free(b) ||
				    b->prev_free != prev)
					return false;
				mapping(block_size(b), &bfl, &bsl);
				if (bfl != fl || bsl != sl)
					return false;
			}
		}
	}
	return seen == nfree;
}

bool lith_alloc_check(void)
{
	const struct region *r;
	size_t nfree = 0, free_bytes = 0, used_bytes = 0, nblocks = 0, nregions = 0;
	bool ok = true;

	heap_lock();
	for (r = heap.regions; r && ok; r = r->next) {
		ok = check_region(r, &nfree, &free_bytes, &used_bytes, &nblocks);
		nregions++;
	}
	ok = ok && check_lists(nfree);
	ok = ok && free_bytes == heap.st.free && used_bytes == heap.st.used;
	/* Every block beyond the first of each region costs one header of the total. */
	ok = ok && heap.st.total == used_bytes + free_bytes + (nblocks - nregions) * HDR;
	ok = ok && heap.st.peak >= heap.st.used;
	heap_unlock();
	return ok;
}
