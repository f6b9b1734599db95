/* SPDX-License-Identifier: BSD-3-Clause */
/* Number parsing, sorting and searching, the heap wrappers, and program exit. */
#include <stdbool.h>
#include <stdint.h>
#include <limits.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <lith/alloc.h>
#include <lith/boot.h>

/* ---- strtol family ---- */

static int digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99; /* not a digit in any base */
}

struct parsed {
	unsigned long long mag; /* magnitude (saturated when overflow is set) */
	bool neg;
	bool overflow; /* the magnitude exceeded unsigned long long */
};

/*
 * The common part: white space, sign, base prefix, digits. On no digits *end is s and
 * the value 0, with errno untouched; an invalid base gives EINVAL.
 */
static struct parsed parse_integer(const char *s, char **end, int base)
{
	const unsigned char *p = (const unsigned char *)s;
	struct parsed r = { 0, false, false };
	bool any = false;

	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return r;
	}
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '-' || *p == '+')
		r.neg = *p++ == '-';
	/* "0x" counts as a prefix only when a hex digit follows; else the "0" is the number. */
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value(*p);

		if (d >= base)
			break;
		any = true;
		if (r.overflow)
			continue; /* keep consuming digits: *end goes past them all */
		if (r.mag > (ULLONG_MAX - (unsigned int)d) / (unsigned int)base) {
			r.overflow = true;
			r.mag = ULLONG_MAX;
		} else {
			r.mag = r.mag * (unsigned int)base + (unsigned int)d;
		}
	}
	if (end)
		*end = (char *)(any ? (const char *)p : s);
	if (!any)
		r.neg = false;
	return r;
}

/* Clamp to [-max - 1, max], ERANGE when outside. */
static long long to_signed(struct parsed r, long long max)
{
	unsigned long long limit = (unsigned long long)max + r.neg;

	if (r.overflow || r.mag > limit) {
		errno = ERANGE;
		return r.neg ? -max - 1 : max;
	}
	/* -(mag - 1) - 1 stays in range even for the most negative value. */
	return r.neg ? -(long long)(r.mag - 1) - 1 : (long long)r.mag;
}

/* Values up to max, negated in the unsigned type as C requires; ERANGE above max. */
static unsigned long long to_unsigned(struct parsed r, unsigned long long max)
{
	if (r.overflow || r.mag > max) {
		errno = ERANGE;
		return max;
	}
	return r.neg ? (0 - r.mag) & max : r.mag;
}

long strtol(const char *__restrict s, char **__restrict end, int base)
{
	return (long)to_signed(parse_integer(s, end, base), LONG_MAX);
}

long long strtoll(const char *__restrict s, char **__restrict end, int base)
{
	return to_signed(parse_integer(s, end, base), LLONG_MAX);
}

unsigned long strtoul(const char *__restrict s, char **__restrict end, int base)
{
	return (unsigned long)to_unsigned(parse_integer(s, end, base), ULONG_MAX);
}

unsigned long long strtoull(const char *__restrict s, char **__restrict end, int base)
{
	return to_unsigned(parse_integer(s, end, base), ULLONG_MAX);
}

intmax_t strtoimax(const char *__restrict s, char **__restrict end, int base)
{
	return to_signed(parse_integer(s, end, base), INTMAX_MAX);
}

uintmax_t strtoumax(const char *__restrict s, char **__restrict end, int base)
{
	return to_unsigned(parse_integer(s, end, base), UINTMAX_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

int abs(int j)
{
	return j < 0 ? -j : j;
}

long labs(long j)
{
	return j < 0 ? -j : j;
}

long long llabs(long long j)
{
	return j < 0 ? -j : j;
}

intmax_t imaxabs(intmax_t j)
{
	return j < 0 ? -j : j;
}

/* ---- qsort: introsort (quicksort, heapsort past a depth limit, insertion for small) ---- */

typedef int (*cmp_fn)(const void *, const void *);
typedef unsigned long __attribute__((may_alias)) swap_word_t;

static void swap_elems(char *a, char *b, size_t size)
{
	if (a == b)
		return;
	if (!(((uintptr_t)a | (uintptr_t)b | size) & (sizeof(swap_word_t) - 1))) {
		swap_word_t *x = (swap_word_t *)a, *y = (swap_word_t *)b;

		for (size /= sizeof(swap_word_t); size; size--, x++, y++) {
			swap_word_t t = *x;

			*x = *y;
			*y = t;
		}
		return;
	}
	for (; size; size--, a++, b++) {
		char t = *a;

		*a = *b;
		*b = t;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = i; j > 0; j--) {
			char *cur = base + j * size;

			if (cmp(cur - size, cur) <= 0)
				break;
			swap_elems(cur - size, cur, size);
		}
	}
}

static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_elems(base + root * size, base + child * size, size);
		root = child;
	}
}

static void heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i;

	for (i = n / 2; i > 0; i--)
		sift_down(base, i - 1, n, size, cmp);
	for (i = n - 1; i > 0; i--) {
		swap_elems(base, base + i * size, size);
		sift_down(base, 0, i, size, cmp);
	}
}

static char *median3(char *a, char *b, char *c, cmp_fn cmp)
{
	if (cmp(a, b) < 0)
		return cmp(b, c) < 0 ? b : cmp(a, c) < 0 ? c : a;
	return cmp(b, c) > 0 ? b : cmp(a, c) > 0 ? c : a;
}

/*
 * Partition around a pivot moved to base[0]: the median of first, middle and last, or
 * for longer runs the median of three such medians (Tukey's ninther), which resists
 * organ-pipe and sawtooth inputs. Returns the pivot's final index p: everything before
 * is <= it, everything after >= it. Both scans stop on keys equal to the pivot, which
 * keeps runs of equal keys balanced.
 */
static size_t partition(char *base, size_t n, size_t size, cmp_fn cmp)
{
	char *mid = base + (n / 2) * size, *last = base + (n - 1) * size, *pv;
	size_t i = 0, j = n;

	if (n > 40) {
		size_t s = (n / 8) * size;

		pv = median3(median3(base, base + s, base + 2 * s, cmp),
			     median3(mid - s, mid, mid + s, cmp),
			     median3(last - 2 * s, last - s, last, cmp), cmp);
	} else {
		pv = median3(base, mid, last, cmp);
	}
	swap_elems(base, pv, size);

	for (;;) {
		do
			i++;
		while (i < n - 1 && cmp(base + i * size, base) < 0);
		do
			j--;
		while (j > 0 && cmp(base, base + j * size) < 0);
		if (i >= j)
			break;
		swap_elems(base + i * size, base + j * size, size);
	}
	swap_elems(base, base + j * size, size);
	return j;
}

#define INSERTION_MAX 12

static void sort_range(char *base, size_t n, size_t size, cmp_fn cmp, unsigned int depth)
{
	/* Recurse into the smaller side, loop on the larger: O(log n) stack. */
	while (n > INSERTION_MAX) {
		size_t p, left, right;

		if (!depth--) {
			heap_sort(base, n, size, cmp);
			return;
		}
		p = partition(base, n, size, cmp);
		left = p;
		right = n - p - 1;
		if (left < right) {
			sort_range(base, left, size, cmp, depth);
			base += (p + 1) * size;
			n = right;
		} else {
			sort_range(base + (p + 1) * size, right, size, cmp, depth);
			n = left;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	unsigned int depth = 0;
	size_t k;

	if (n < 2 || !size)
		return;
	for (k = n; k > 1; k >>= 1)
		depth += 2; /* 2 * log2(n) partitions before falling back to heapsort */
	sort_range(base, n, size, cmp, depth);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp)
{
	const char *lo = base;

	while (n) {
		const char *mid = lo + (n / 2) * size;
		int c = cmp(key, mid);

		if (!c)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

/* ---- heap: the kernel allocator, with errno ---- */

void *malloc(size_t size)
{
	void *p = lith_malloc(size);

	if (!p)
		errno = ENOMEM;
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p = lith_calloc(n, size);

	if (!p)
		errno = ENOMEM;
	return p;
}

void *realloc(void *p, size_t size)
{
	void *q = lith_realloc(p, size);

	/* realloc(p, 0) frees p and returns NULL: that is not a failure. */
	if (!q && (size || !p))
		errno = ENOMEM;
	return q;
}

void free(void *p)
{
	lith_free(p);
}

static bool power_of_two(size_t x)
{
	return x && !(x & (x - 1));
}

int posix_memalign(void **out, size_t align, size_t size)
{
	/* POSIX: a power of two multiple of sizeof(void *); errno is left alone. */
	if (!power_of_two(align) || align % sizeof(void *))
		return EINVAL;
	return lith_posix_memalign(out, align, size);
}

void *memalign(size_t align, size_t size)
{
	size_t a = 1;
	void *p;

	/* Like glibc, round an alignment that is not a power of two up to one. */
	while (a < align) {
		if (a > SIZE_MAX / 2) {
			errno = EINVAL;
			return NULL;
		}
		a <<= 1;
	}
	p = lith_memalign(a, size);
	if (!p)
		errno = ENOMEM;
	return p;
}

void *aligned_alloc(size_t align, size_t size)
{
	void *p;

	if (!power_of_two(align)) {
		errno = EINVAL;
		return NULL;
	}
	p = lith_memalign(align, size);
	if (!p)
		errno = ENOMEM;
	return p;
}

/* ---- exit ---- */

#define ATEXIT_MAX 32 /* the minimum C requires */

static void (*atexit_fns[ATEXIT_MAX])(void);
static unsigned int atexit_count;

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	/* Handlers may call atexit() or exit() again: take each one off before calling. */
	while (atexit_count)
		atexit_fns[--atexit_count]();
	fflush(NULL);
	lith_exit(status);
}

void _Exit(int status)
{
	lith_exit(status);
}

void _exit(int status)
{
	lith_exit(status);
}

void abort(void)
{
	lith_abort("abort() called");
}
