/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host unit tests for libs/alloc. Each case runs in its own forked child so it starts
 * with an empty heap and a crash fails only that case.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lith/alloc.h"

#define KiB (1024UL)
#define MiB (1024UL * KiB)
#define GiB (1024UL * MiB)

/* ---- harness ---- */

static int failures;	      /* in the current case (child process) */
static uint64_t current_seed; /* nonzero while a seeded test runs */

static void fail_at(const char *file, int line, const char *what)
{
	if (current_seed)
		fprintf(stderr, "    %s:%d: %s (seed 0x%" PRIx64 ")\n", file, line, what,
			current_seed);
	else
		fprintf(stderr, "    %s:%d: %s\n", file, line, what);
	failures++;
}

#define CHECK(cond)                                         \
	do {                                                \
		if (!(cond))                                \
			fail_at(__FILE__, __LINE__, #cond); \
	} while (0)

static struct lith_alloc_stats stats(void)
{
	struct lith_alloc_stats st;

	lith_alloc_stats(&st);
	return st;
}

static void *map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "    mmap(%zu) failed: %s\n", len, strerror(errno));
		exit(1);
	}
	return p;
}

/* A fresh page-aligned region of @len bytes, added to the heap. */
static unsigned char *add_mapped(size_t len)
{
	unsigned char *p = map(len);

	CHECK(lith_alloc_add_region(p, len) == 0);
	return p;
}

static bool is_filled(const unsigned char *p, size_t n, unsigned char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

/* ---- unit tests ---- */

static void t_empty_heap(void)
{
	CHECK(lith_malloc(16) == NULL);
	CHECK(lith_memalign(64, 16) == NULL);
	CHECK(stats().nr_failed == 2);
	CHECK(stats().total == 0 && stats().largest_free == 0);
	CHECK(lith_alloc_check());
}

static void t_add_region(void)
{
	unsigned char *m = map(1 * MiB);
	struct lith_alloc_stats st;
	unsigned char *p;

	CHECK(lith_alloc_add_region(NULL, 4096) == -EINVAL);
	CHECK(lith_alloc_add_region(m, 0) == -EINVAL);
	CHECK(lith_alloc_add_region(m + 1, 40) == -EINVAL);
	CHECK(lith_alloc_add_region(m + 1, 64) == -EINVAL); /* only 48 bytes once rounded */
	CHECK(lith_alloc_add_region((void *)(UINTPTR_MAX - 4), 100) == -EINVAL);
	CHECK(stats().total == 0);

	/* Odd base and odd length: rounded inward, blocks stay inside. */
	CHECK(lith_alloc_add_region(m + 7, 100003) == 0);
	st = stats();
	CHECK(st.total > 100003 - 128 && st.total < 100003);
	CHECK(st.free == st.total);
	CHECK(lith_alloc_check());
	p = lith_malloc(st.largest_free);
	CHECK(p && p >= m + 7 && p + st.largest_free <= m + 7 + 100003);
	lith_free(p);

	/* Overlapping a known region is refused rather than corrupting it. */
	CHECK(lith_alloc_add_region(m + 50000, 200000) == -EINVAL);
	CHECK(lith_alloc_add_region(m, 16 * KiB) == -EINVAL);

	/* Smallest accepted region still serves one small block. */
	CHECK(lith_alloc_add_region(m + 512 * KiB, 64) == 0);
	CHECK(stats().total == st.total + 16);
	CHECK(lith_alloc_check());

	CHECK(lith_alloc_add_region(m + 600 * KiB, 400 * KiB) == 0);
	CHECK(lith_alloc_check());
	CHECK(stats().free == stats().total);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void t_malloc_basic(void)
{
	static const size_t sizes[] = { 1,   7,	  15,	16,   17,   31,	  32,	 33,	 100,	511,
					512, 513, 1000, 4095, 4096, 4097, 65536, 100000, 300000 };
	unsigned char *base = add_mapped(4 * MiB);
	struct lith_alloc_stats st0 = stats(), st;
	unsigned char *ptrs[NELEM(sizes)];
	size_t used = 0;

	for (size_t i = 0; i < NELEM(sizes); i++) {
		unsigned char *p = lith_malloc(sizes[i]);
		size_t u = lith_malloc_usable_size(p);

		ptrs[i] = p;
		CHECK(p != NULL);
		if (!p)
			return;
		CHECK(((uintptr_t)p & 15) == 0);
		CHECK(u >= sizes[i] && u < sizes[i] + 48);
		CHECK(p >= base && p + u <= base + 4 * MiB);
		memset(p, (int)i, u);
		used += u;
	}
	st = stats();
	CHECK(st.used == used && st.peak == used);
	CHECK(st.nr_allocs == NELEM(sizes) && st.nr_frees == 0 && st.nr_failed == 0);
	CHECK(lith_alloc_check());
	for (size_t i = 0; i < NELEM(sizes); i++) {
		CHECK(is_filled(ptrs[i], lith_malloc_usable_size(ptrs[i]), (unsigned char)i));
		lith_free(ptrs[i]);
	}
	st = stats();
	CHECK(st.used == 0 && st.peak == used && st.nr_frees == NELEM(sizes));
	CHECK(st.free == st0.free && st.largest_free == st0.largest_free);
	CHECK(lith_alloc_check());
}

static void t_malloc_zero(void)
{
	void *a, *b;

	add_mapped(64 * KiB);
	a = lith_malloc(0);
	b = lith_malloc(0);
	CHECK(a && b && a != b);
	CHECK(lith_malloc_usable_size(a) >= 1);
	CHECK(((uintptr_t)a & 15) == 0 && ((uintptr_t)b & 15) == 0);
	CHECK(stats().nr_allocs == 2);
	lith_free(a);
	lith_free(b);
	CHECK(stats().used == 0 && stats().free == stats().total);
	CHECK(lith_alloc_check());
}

static void t_huge_sizes(void)
{
	static const size_t sizes[] = {
		SIZE_MAX,	  SIZE_MAX - 1,	   SIZE_MAX - 15,   SIZE_MAX - 16, SIZE_MAX / 2,
		SIZE_MAX / 4 + 1, (size_t)1 << 62, (size_t)1 << 40, 1 * MiB + 1,
	};
	size_t failed = 0;
	unsigned char *p;

	add_mapped(1 * MiB);
	for (size_t i = 0; i < NELEM(sizes); i++) {
		CHECK(lith_malloc(sizes[i]) == NULL);
		CHECK(lith_memalign(4096, sizes[i]) == NULL);
		CHECK(lith_calloc(1, sizes[i]) == NULL);
		failed += 3;
	}
	CHECK(lith_memalign((size_t)1 << 63, 16) == NULL);
	failed++;
	CHECK(stats().nr_failed == failed);

	p = lith_malloc(100);
	CHECK(p != NULL);
	memset(p, 0x5a, 100);
	CHECK(lith_realloc(p, SIZE_MAX) == NULL);
	CHECK(lith_realloc(p, 2 * MiB) == NULL);
	CHECK(is_filled(p, 100, 0x5a));
	CHECK(stats().nr_failed == failed + 2);
	lith_free(p);
	CHECK(stats().used == 0 && stats().free == stats().total);
	CHECK(lith_alloc_check());
}

static void t_calloc(void)
{
	unsigned char *m = map(1 * MiB), *p;
	struct lith_alloc_stats st;

	memset(m, 0xaa, 1 * MiB); /* calloc must zero, not rely on fresh pages */
	CHECK(lith_alloc_add_region(m, 1 * MiB) == 0);
	p = lith_calloc(10, 100);
	CHECK(p && is_filled(p, 1000, 0));
	memset(p, 0xbb, 1000);
	lith_free(p);
	p = lith_calloc(250, 4);
	CHECK(p && is_filled(p, 1000, 0));
	lith_free(p);

	CHECK(lith_calloc(SIZE_MAX / 2, 3) == NULL);
	CHECK(lith_calloc((size_t)1 << 32, (size_t)1 << 32) == NULL);
	CHECK(lith_calloc(SIZE_MAX, SIZE_MAX) == NULL);
	CHECK(stats().nr_failed == 3);

	p = lith_calloc(0, 5);
	CHECK(p != NULL);
	lith_free(p);
	p = lith_calloc(5, 0);
	CHECK(p != NULL);
	lith_free(p);
	st = stats();
	CHECK(st.used == 0 && st.free == st.total && st.nr_allocs == 4 && st.nr_frees == 4);
	CHECK(lith_alloc_check());
}

static void t_free_null(void)
{
	struct lith_alloc_stats a, b;

	add_mapped(64 * KiB);
	a = stats();
	lith_free(NULL);
	b = stats();
	CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	CHECK(lith_malloc_usable_size(NULL) == 0);
	CHECK(lith_alloc_check());
}

static void t_double_free_ignored(void)
{
	void *p, *q;

	add_mapped(64 * KiB);
	p = lith_malloc(100);
	q = lith_malloc(100);
	lith_free(p);
	lith_free(p);
	CHECK(stats().nr_frees == 1);
	CHECK(lith_alloc_check());
	lith_free(q);
	CHECK(stats().free == stats().total && lith_alloc_check());
}

static void t_realloc(void)
{
	unsigned char *a, *b, *c, *p, *q;
	struct lith_alloc_stats st;

	add_mapped(1 * MiB);

	p = lith_realloc(NULL, 100);
	CHECK(p && stats().nr_allocs == 1);
	memset(p, 0x11, 100);

	/* Shrink stays in place and keeps the head. */
	q = lith_realloc(p, 40);
	CHECK(q == p && is_filled(q, 40, 0x11));
	CHECK(lith_malloc_usable_size(q) < 100);
	CHECK(lith_alloc_check());

	/* Tiny shrink that leaves no room for a block keeps the block as is. */
	q = lith_realloc(p, 33);
	CHECK(q == p && is_filled(q, 33, 0x11));
	CHECK(lith_alloc_check());
	lith_free(p);
	CHECK(stats().used == 0 && stats().free == stats().total);

	/* Grow in place when the next block is free. */
	a = lith_malloc(100);
	b = lith_malloc(100);
	c = lith_malloc(100);
	CHECK(a && b && c);
	memset(a, 0x22, 100);
	memset(c, 0x33, 100);
	lith_free(b);
	q = lith_realloc(a, 200);
	CHECK(q == a && is_filled(q, 100, 0x22));
	CHECK(lith_malloc_usable_size(q) >= 200);
	CHECK(lith_alloc_check());

	/* Grow must move when the next block is used; contents travel along. */
	memset(a, 0x44, 200);
	q = lith_realloc(a, 10000);
	CHECK(q && q != a && is_filled(q, 200, 0x44));
	CHECK(is_filled(c, 100, 0x33));
	st = stats();
	CHECK(st.used == lith_malloc_usable_size(q) + lith_malloc_usable_size(c));
	CHECK(lith_alloc_check());

	/* Growing the last block of a region into the free rest of it. */
	p = lith_realloc(q, 200000);
	CHECK(p == q && is_filled(p, 200, 0x44));
	CHECK(lith_alloc_check());

	/* Size 0 frees. */
	st = stats();
	CHECK(lith_realloc(p, 0) == NULL);
	CHECK(stats().nr_frees == st.nr_frees + 1);
	lith_free(c);
	st = stats();
	CHECK(st.used == 0 && st.free == st.total);
	CHECK(lith_alloc_check());
}

static void t_memalign(void)
{
	static const size_t sizes[] = { 0, 1, 100, 5000 };
	void *ptrs[128];
	size_t n = 0, failed;
	void *out;

	add_mapped(16 * MiB);
	for (size_t align = 1; align <= 1 * MiB; align <<= 1) {
		for (size_t i = 0; i < NELEM(sizes); i++) {
			unsigned char *p = lith_memalign(align, sizes[i]);

			CHECK(p != NULL);
			if (!p)
				continue;
			CHECK(((uintptr_t)p & (align - 1)) == 0 && ((uintptr_t)p & 15) == 0);
			CHECK(lith_malloc_usable_size(p) >= sizes[i]);
			memset(p, 0x77, lith_malloc_usable_size(p));
			ptrs[n++] = p;
		}
		CHECK(lith_alloc_check());
	}
	for (size_t i = 0; i < n; i++) {
		CHECK(is_filled(ptrs[i], lith_malloc_usable_size(ptrs[i]), 0x77));
		lith_free(ptrs[i]);
	}
	CHECK(stats().used == 0 && stats().free == stats().total);

	CHECK(lith_memalign(0, 16) == NULL);
	CHECK(lith_memalign(3, 16) == NULL);
	CHECK(lith_memalign(24, 16) == NULL);
	CHECK(lith_memalign(48, 16) == NULL);
	failed = stats().nr_failed;
	CHECK(failed == 4);

	out = (void *)0x1234;
	CHECK(lith_posix_memalign(&out, 0, 16) == EINVAL);
	CHECK(lith_posix_memalign(&out, 4, 16) == EINVAL);
	CHECK(lith_posix_memalign(&out, 24, 16) == EINVAL);
	CHECK(lith_posix_memalign(&out, 64, SIZE_MAX) == ENOMEM);
	CHECK(lith_posix_memalign(&out, 64, 32 * MiB) == ENOMEM);
	CHECK(out == (void *)0x1234);
	CHECK(lith_posix_memalign(&out, sizeof(void *), 10) == 0);
	CHECK(out != (void *)0x1234 && ((uintptr_t)out & 15) == 0);
	lith_free(out);
	CHECK(lith_posix_memalign(&out, 8192, 10) == 0);
	CHECK(((uintptr_t)out & 8191) == 0);
	lith_free(out);
	CHECK(stats().used == 0 && stats().free == stats().total);
	CHECK(lith_alloc_check());
}

/* memalign of (nearly) a whole region: no slack beyond the real alignment gap. */
static void t_memalign_whole_region(void)
{
	struct lith_alloc_stats st;
	void *p;

	add_mapped(1 * MiB);
	st = stats();
	p = lith_memalign(16, st.largest_free);
	CHECK(p != NULL);
	lith_free(p);
	p = lith_memalign(4096, st.largest_free - 4096 - 64);
	CHECK(p && ((uintptr_t)p & 4095) == 0);
	lith_free(p);
	p = lith_memalign(256 * KiB, 512 * KiB);
	CHECK(p && ((uintptr_t)p & (256 * KiB - 1)) == 0);
	lith_free(p);
	CHECK(lith_memalign(16, st.largest_free + 1) == NULL);
	CHECK(stats().free == st.free && lith_alloc_check());
}

/* largest_free is exact: that much succeeds, one byte more fails. */
static void t_largest_free(void)
{
	void *ptrs[200], *p;
	struct lith_alloc_stats st;
	unsigned int x = 12345;

	add_mapped(256 * KiB);
	add_mapped(64 * KiB);
	for (int round = 0; round < 20; round++) {
		size_t n = 0;

		for (; n < NELEM(ptrs); n++) {
			x = x * 1103515245u + 12345u;
			ptrs[n] = lith_malloc((x >> 8) % 3000);
			if (!ptrs[n])
				break;
		}
		for (size_t i = round % 3; i < n; i += 2 + round % 3) {
			lith_free(ptrs[i]);
			ptrs[i] = NULL;
		}
		st = stats();
		CHECK(st.largest_free > 0 && st.largest_free <= st.free);
		CHECK(lith_malloc(st.largest_free + 1) == NULL);
		p = lith_malloc(st.largest_free);
		CHECK(p != NULL);
		lith_free(p);
		CHECK(lith_alloc_check());
		for (size_t i = 0; i < n; i++)
			lith_free(ptrs[i]);
		CHECK(stats().free == stats().total);
	}
}

static void t_coalesce(void)
{
	static const int orders[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
					  { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
	struct lith_alloc_stats st0;

	add_mapped(64 * KiB);
	st0 = stats();
	for (int o = 0; o < 6; o++) {
		void *b[3];

		for (int i = 0; i < 3; i++)
			b[i] = lith_malloc(1000 * (i + 1));
		for (int i = 0; i < 3; i++) {
			lith_free(b[orders[o][i]]);
			CHECK(lith_alloc_check());
		}
		CHECK(stats().free == st0.free && stats().largest_free == st0.largest_free);
	}
}

static void t_multi_region(void)
{
	unsigned char *r[3];
	size_t len[3] = { 64 * KiB, 128 * KiB, 32 * KiB };
	void *ptrs[400], *big;
	size_t n = 0;

	for (int i = 0; i < 3; i++)
		r[i] = add_mapped(len[i]);
	CHECK(stats().total > 220 * KiB && stats().total <= 224 * KiB);
	CHECK(stats().largest_free < 128 * KiB && stats().largest_free > 127 * KiB);
	CHECK(lith_malloc(130 * KiB) == NULL);
	big = lith_malloc(100 * KiB);
	CHECK(big && (unsigned char *)big >= r[1] && (unsigned char *)big < r[1] + len[1]);

	/* Fill every region; each block must lie inside exactly one region. */
	while (n < NELEM(ptrs) && (ptrs[n] = lith_malloc(1000)) != NULL) {
		unsigned char *p = ptrs[n++];
		int in = 0;

		for (int i = 0; i < 3; i++)
			in += p >= r[i] && p + 1000 <= r[i] + len[i];
		CHECK(in == 1);
	}
	CHECK(n > 100 && n < NELEM(ptrs));
	CHECK(lith_alloc_check());
	lith_free(big);
	while (n)
		lith_free(ptrs[--n]);
	CHECK(stats().free == stats().total && stats().used == 0);
	CHECK(lith_alloc_check());
}

static void t_stats(void)
{
	struct lith_alloc_stats st;
	void *a, *b;

	add_mapped(64 * KiB);
	st = stats();
	CHECK(st.total == st.free && st.used == 0 && st.peak == 0);
	CHECK(st.largest_free == st.free);
	a = lith_malloc(1000);
	b = lith_malloc(3000);
	lith_free(a);
	a = lith_malloc(10);
	st = stats();
	CHECK(st.used == lith_malloc_usable_size(a) + lith_malloc_usable_size(b));
	CHECK(st.peak >= 4000 && st.peak < 4100);
	CHECK(st.nr_allocs == 3 && st.nr_frees == 1 && st.nr_failed == 0);
	CHECK(st.used + st.free < st.total);
	lith_free(a);
	lith_free(b);
	CHECK(stats().used == 0);
}

static void t_check_detects_corruption(void)
{
	unsigned char *p, *q;
	size_t *hdr;
	size_t saved;

	add_mapped(64 * KiB);
	p = lith_malloc(64);
	q = lith_malloc(64);
	CHECK(lith_alloc_check());
	/* q's header sits right after p's usable bytes: {prev_size, size}. */
	hdr = (size_t *)(p + lith_malloc_usable_size(p));
	CHECK((unsigned char *)(hdr + 2) == q);
	saved = hdr[1];
	hdr[1] += 4096;
	CHECK(!lith_alloc_check());
	hdr[1] = saved;
	hdr[0] ^= 16;
	CHECK(!lith_alloc_check());
	hdr[0] ^= 16;
	CHECK(lith_alloc_check());
	lith_free(p);
	lith_free(q);
}

/* ---- randomized stress against a model ---- */

struct live {
	unsigned char *p;
	size_t usable;
	unsigned char pat;
};

struct area {
	unsigned char *base;
	size_t len;
};

#define MAX_LIVE 1500
#define NR_OPS	 20000

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: tiny, reproducible, good enough for picking operations */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static size_t rnd_size(void)
{
	unsigned int r = rnd() % 100;

	if (r < 60)
		return rnd() % 129;
	if (r < 90)
		return rnd() % 4097;
	if (r < 99)
		return rnd() % 65537;
	return rnd() % 400001;
}

static struct live model[MAX_LIVE];
static size_t nr_live;
static struct area areas[3];

static bool block_ok(const unsigned char *p, size_t usable, size_t align)
{
	bool inside = false;

	if ((uintptr_t)p & (align - 1))
		return false;
	for (size_t i = 0; i < NELEM(areas); i++)
		inside |= p >= areas[i].base && p + usable <= areas[i].base + areas[i].len;
	if (!inside)
		return false;
	for (size_t i = 0; i < nr_live; i++)
		if (p < model[i].p + model[i].usable && model[i].p < p + usable)
			return false;
	return true;
}

static void add_live(unsigned char *p, size_t size, size_t align)
{
	size_t u = lith_malloc_usable_size(p);

	CHECK(u >= size);
	CHECK(block_ok(p, u, align));
	model[nr_live].p = p;
	model[nr_live].usable = u;
	model[nr_live].pat = (unsigned char)rnd();
	memset(p, model[nr_live].pat, u);
	nr_live++;
}

static void drop_live(size_t i)
{
	model[i] = model[--nr_live];
}

static void check_model(void)
{
	struct lith_alloc_stats st = stats();
	size_t used = 0;

	for (size_t i = 0; i < nr_live; i++)
		used += model[i].usable;
	CHECK(st.used == used);
	CHECK(st.nr_allocs - st.nr_frees == nr_live);
	CHECK(st.used + st.free <= st.total && st.peak >= st.used);
}

static void stress_op(void)
{
	struct lith_alloc_stats before = stats();
	unsigned int op = rnd() % 100;
	size_t size = rnd_size(), i;
	unsigned char *p;

	if (nr_live == MAX_LIVE)
		op = 99;
	if (op < 35) {
		p = lith_malloc(size);
		if (p)
			add_live(p, size, 16);
		else
			CHECK(size > before.largest_free);
	} else if (op < 45) {
		size_t n = 1 + rnd() % 8, m = size / n;

		p = lith_calloc(n, m);
		if (p) {
			CHECK(is_filled(p, n * m, 0));
			add_live(p, n * m, 16);
		} else {
			CHECK(n * m > before.largest_free);
		}
	} else if (op < 55) {
		size_t align = (size_t)1 << (rnd() % (rnd() % 8 ? 9 : 17));

		p = lith_memalign(align, size);
		if (p)
			add_live(p, size, align < 16 ? 16 : align);
		else
			CHECK(size + (align <= 16 ? 0 : align + 32) > before.largest_free);
	} else if (op < 75 && nr_live) {
		struct live old;

		i = rnd() % nr_live;
		old = model[i];
		if (rnd() % 20 == 0)
			size = 0;
		p = lith_realloc(old.p, size);
		if (!size) {
			CHECK(p == NULL);
			drop_live(i);
		} else if (p) {
			size_t keep = old.usable < size ? old.usable : size;

			CHECK(is_filled(p, keep, old.pat));
			drop_live(i);
			add_live(p, size, 16);
		} else {
			CHECK(size > before.largest_free);
			CHECK(is_filled(old.p, old.usable, old.pat));
		}
	} else if (nr_live && rnd() % 50) {
		i = rnd() % nr_live;
		CHECK(is_filled(model[i].p, model[i].usable, model[i].pat));
		lith_free(model[i].p);
		drop_live(i);
	} else {
		lith_free(NULL);
	}
	check_model();
}

static void stress(uint64_t seed)
{
	static const size_t lens[3] = { 2 * MiB, 512 * KiB + 64, 128 * KiB };
	struct lith_alloc_stats st0, st;
	unsigned char *m;

	current_seed = seed;
	rng_state = seed;
	nr_live = 0;
	for (size_t i = 0; i < 3; i++) {
		m = map(lens[i]);
		areas[i].base = m;
		areas[i].len = lens[i];
	}
	/* One region at an odd address with an odd length. */
	areas[1].base += 5;
	areas[1].len -= 61;
	/* Add them out of address order. */
	for (size_t i = 3; i-- > 0;)
		CHECK(lith_alloc_add_region(areas[i].base, areas[i].len) == 0);
	st0 = stats();

	for (int n = 1; n <= NR_OPS && !failures; n++) {
		stress_op();
		if (n % 64 == 0)
			CHECK(lith_alloc_check());
		if (n % 512 == 0) {
			void *p;

			for (size_t i = 0; i < nr_live; i++)
				CHECK(is_filled(model[i].p, model[i].usable, model[i].pat));
			/* largest_free never over-estimates. */
			st = stats();
			p = lith_malloc(st.largest_free);
			CHECK(p != NULL);
			lith_free(p);
		}
	}
	while (nr_live) {
		CHECK(is_filled(model[0].p, model[0].usable, model[0].pat));
		lith_free(model[0].p);
		drop_live(0);
	}
	st = stats();
	CHECK(st.used == 0);
	CHECK(st.free == st0.free && st.largest_free == st0.largest_free);
	CHECK(st.nr_allocs > NR_OPS / 4 && st.nr_allocs == st.nr_frees);
	CHECK(lith_alloc_check());
}

static void t_stress_1(void)
{
	stress(0x1);
}

static void t_stress_2(void)
{
	stress(0xdeadbeefcafef00dULL);
}

static void t_stress_3(void)
{
	stress(0x5eed0003);
}

static void t_stress_4(void)
{
	stress(0x123456789abcdefULL);
}

/* ---- large blocks ---- */

static void t_large_blocks(void)
{
	const size_t len = 4 * GiB;
	unsigned char *m = map(len), *p, *q;
	struct lith_alloc_stats st0, st;
	size_t failed;

	CHECK(lith_alloc_add_region(m, len) == 0);
	st0 = stats();
	CHECK(st0.total > len - 64 && st0.largest_free == st0.total);

	p = lith_malloc(1 * GiB);
	CHECK(p && p >= m && p + 1 * GiB <= m + len);
	if (p) {
		p[0] = 1;
		p[1 * GiB - 1] = 2;
	}
	CHECK(stats().used >= 1 * GiB && lith_alloc_check());
	lith_free(p);

	q = lith_malloc(3 * GiB);
	CHECK(q && q >= m && q + 3 * GiB <= m + len);
	if (q) {
		q[0] = 3;
		q[3 * GiB - 1] = 4;
	}
	CHECK(lith_alloc_check());

	/* Both together do not fit: the second fails cleanly. */
	failed = stats().nr_failed;
	CHECK(lith_malloc(1 * GiB) == NULL);
	CHECK(stats().nr_failed == failed + 1);
	p = lith_malloc(512 * MiB);
	CHECK(p != NULL);
	lith_free(p);
	lith_free(q);

	/* The whole region as one block, then a 1 GiB-aligned 2 GiB block. */
	st = stats();
	CHECK(st.free == st0.free);
	p = lith_malloc(st.largest_free);
	CHECK(p != NULL);
	lith_free(p);
	p = lith_memalign(1 * GiB, 2 * GiB);
	CHECK(p && ((uintptr_t)p & (1 * GiB - 1)) == 0);
	if (p)
		p[2 * GiB - 1] = 5;
	lith_free(p);

	st = stats();
	CHECK(st.used == 0 && st.free == st0.free && st.largest_free == st0.largest_free);
	CHECK(st.peak >= 3 * GiB);
	CHECK(lith_alloc_check());
	munmap(m, len);
}

/* ---- runner ---- */

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
#define CASE(f)       \
	{             \
#f, f \
	}
	CASE(t_empty_heap),
	CASE(t_add_region),
	CASE(t_malloc_basic),
	CASE(t_malloc_zero),
	CASE(t_huge_sizes),
	CASE(t_calloc),
	CASE(t_free_null),
	CASE(t_double_free_ignored),
	CASE(t_realloc),
	CASE(t_memalign),
	CASE(t_memalign_whole_region),
	CASE(t_largest_free),
	CASE(t_coalesce),
	CASE(t_multi_region),
	CASE(t_stats),
	CASE(t_check_detects_corruption),
	CASE(t_stress_1),
	CASE(t_stress_2),
	CASE(t_stress_3),
	CASE(t_stress_4),
	CASE(t_large_blocks),
#undef CASE
};

int main(void)
{
	int passed = 0, failed = 0;

	for (size_t i = 0; i < NELEM(cases); i++) {
		pid_t pid;
		int status;

		fflush(stdout);
		fflush(stderr);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			cases[i].fn();
			fflush(stderr);
			exit(failures ? 1 : 0);
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			passed++;
			printf("  ok   %s\n", cases[i].name);
		} else {
			failed++;
			if (WIFSIGNALED(status))
				printf("  FAIL %s (signal %d)\n", cases[i].name, WTERMSIG(status));
			else
				printf("  FAIL %s\n", cases[i].name);
		}
	}
	printf("alloc: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
