/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test of libs/nolibc. The library is built freestanding and its global symbols are
 * renamed with an nl_ prefix (objcopy --redefine-syms), so nl_strlen and glibc's strlen
 * live side by side and are compared. The platform console, the allocator and the exit
 * hooks are stubbed here.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#pragma GCC diagnostic ignored "-Wformat-truncation"

/* ---- nolibc, renamed ---- */

void *nl_memcpy(void *dst, const void *src, size_t n);
void *nl_memmove(void *dst, const void *src, size_t n);
void *nl_memset(void *dst, int c, size_t n);
int nl_memcmp(const void *a, const void *b, size_t n);
void *nl_memchr(const void *s, int c, size_t n);
size_t nl_strlen(const char *s);
size_t nl_strnlen(const char *s, size_t max);
int nl_strcmp(const char *a, const char *b);
int nl_strncmp(const char *a, const char *b, size_t n);
int nl_strcasecmp(const char *a, const char *b);
int nl_strncasecmp(const char *a, const char *b, size_t n);
char *nl_strchr(const char *s, int c);
char *nl_strrchr(const char *s, int c);
char *nl_strcpy(char *dst, const char *src);
char *nl_strncpy(char *dst, const char *src, size_t n);
char *nl_strcat(char *dst, const char *src);
char *nl_strncat(char *dst, const char *src, size_t n);
size_t nl_strlcpy(char *dst, const char *src, size_t size);
size_t nl_strlcat(char *dst, const char *src, size_t size);
char *nl_strdup(const char *s);
char *nl_strndup(const char *s, size_t n);
char *nl_strstr(const char *h, const char *n);
size_t nl_strspn(const char *s, const char *a);
size_t nl_strcspn(const char *s, const char *r);
char *nl_strpbrk(const char *s, const char *a);
char *nl_strtok(char *s, const char *d);
char *nl_strtok_r(char *s, const char *d, char **save);
char *nl_strerror(int e);
const char *nl_strerrorname_np(int e);

int nl_isalnum(int c);
int nl_isalpha(int c);
int nl_isascii(int c);
int nl_isblank(int c);
int nl_iscntrl(int c);
int nl_isdigit(int c);
int nl_isgraph(int c);
int nl_islower(int c);
int nl_isprint(int c);
int nl_ispunct(int c);
int nl_isspace(int c);
int nl_isupper(int c);
int nl_isxdigit(int c);
int nl_tolower(int c);
int nl_toupper(int c);

long nl_strtol(const char *s, char **end, int base);
unsigned long nl_strtoul(const char *s, char **end, int base);
long long nl_strtoll(const char *s, char **end, int base);
unsigned long long nl_strtoull(const char *s, char **end, int base);
intmax_t nl_strtoimax(const char *s, char **end, int base);
uintmax_t nl_strtoumax(const char *s, char **end, int base);
int nl_atoi(const char *s);
long nl_atol(const char *s);
long long nl_atoll(const char *s);
int nl_abs(int j);
long nl_labs(long j);
long long nl_llabs(long long j);
intmax_t nl_imaxabs(intmax_t j);
void nl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *nl_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));
void *nl_malloc(size_t size);
void *nl_calloc(size_t n, size_t size);
void *nl_realloc(void *p, size_t size);
void nl_free(void *p);
int nl_posix_memalign(void **out, size_t align, size_t size);
void *nl_memalign(size_t align, size_t size);
void *nl_aligned_alloc(size_t align, size_t size);
int nl_atexit(void (*fn)(void));
void nl_exit(int status) __attribute__((noreturn));
void nl__Exit(int status) __attribute__((noreturn));
void nl__exit(int status) __attribute__((noreturn));
void nl_abort(void) __attribute__((noreturn));
int *nl___errno_location(void);

typedef struct nl_file nl_FILE;
extern nl_FILE *nl_stdin, *nl_stdout, *nl_stderr;
int nl_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int nl_fprintf(nl_FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int nl_sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int nl_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int nl_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int nl_vprintf(const char *fmt, va_list ap);
int nl_fputc(int c, nl_FILE *f);
int nl_putc(int c, nl_FILE *f);
int nl_putchar(int c);
int nl_fputs(const char *s, nl_FILE *f);
int nl_puts(const char *s);
size_t nl_fwrite(const void *p, size_t size, size_t nmemb, nl_FILE *f);
int nl_fflush(nl_FILE *f);
int nl_fgetc(nl_FILE *f);
int nl_getc(nl_FILE *f);
int nl_getchar(void);
char *nl_fgets(char *s, int n, nl_FILE *f);
int nl_ungetc(int c, nl_FILE *f);
int nl_feof(nl_FILE *f);
int nl_ferror(nl_FILE *f);
void nl_clearerr(nl_FILE *f);
void nl_perror(const char *s);

/* hdr_use.c: built against nolibc's headers */
int hdr_assert_probe(int x);
int hdr_ndebug_probe(int x, int *evaluated);
int hdr_pri_probe(char *buf, size_t n);
int hdr_errno_probe(void);

#define nl_errno (*nl___errno_location())

/* ---- stubs for what nolibc imports ---- */

static char con_out[1 << 16];
static size_t con_len;
static unsigned long con_writes;
static int con_fail; /* when nonzero, plat_console_write returns it */
static const char *con_in;
static size_t con_in_len, con_in_pos;
static int alloc_fail;

int plat_console_write(const char *buf, size_t len);
int plat_console_read(char *buf, size_t len);

int plat_console_write(const char *buf, size_t len)
{
	con_writes++;
	if (con_fail)
		return con_fail;
	if (len > sizeof(con_out) - con_len)
		abort();
	memcpy(con_out + con_len, buf, len);
	con_len += len;
	return (int)len;
}

int plat_console_read(char *buf, size_t len)
{
	size_t n = con_in_len - con_in_pos;

	if (n > len)
		n = len;
	memcpy(buf, con_in + con_in_pos, n);
	con_in_pos += n;
	return (int)n;
}

static void con_reset(void)
{
	con_len = 0;
	con_writes = 0;
	con_fail = 0;
}

static int con_is(const char *want)
{
	return con_len == strlen(want) && !memcmp(con_out, want, con_len);
}

void *lith_malloc(size_t size);
void *lith_calloc(size_t n, size_t size);
void *lith_realloc(void *p, size_t size);
void lith_free(void *p);
void *lith_memalign(size_t align, size_t size);
int lith_posix_memalign(void **out, size_t align, size_t size);

void *lith_malloc(size_t size)
{
	return alloc_fail ? NULL : malloc(size ? size : 1);
}

void *lith_calloc(size_t n, size_t size)
{
	/* The real one's contract: multiplication overflow -> NULL. */
	if (alloc_fail || (size && n > SIZE_MAX / size))
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *lith_realloc(void *p, size_t size)
{
	if (!size) {
		free(p);
		return NULL;
	}
	return alloc_fail ? NULL : realloc(p, size);
}

void lith_free(void *p)
{
	free(p);
}

void *lith_memalign(size_t align, size_t size)
{
	void *p;

	if (alloc_fail || posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size))
		return NULL;
	return p;
}

int lith_posix_memalign(void **out, size_t align, size_t size)
{
	return alloc_fail ? ENOMEM : posix_memalign(out, align, size);
}

static jmp_buf exit_jb;
static int exit_status;
static const char *abort_why;
static const char *assert_expr;
static int assert_line;

void lith_exit(int status) __attribute__((noreturn));
void lith_abort(const char *why) __attribute__((noreturn));
void lith_assert_fail(const char *expr, const char *file, int line, const char *func)
	__attribute__((noreturn));

void lith_exit(int status)
{
	exit_status = status;
	longjmp(exit_jb, 1);
}

void lith_abort(const char *why)
{
	abort_why = why;
	longjmp(exit_jb, 2);
}

void lith_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	(void)file;
	(void)func;
	assert_expr = expr;
	assert_line = line;
	longjmp(exit_jb, 3);
}

/* ---- harness ---- */

static unsigned long passed, failed;

#define CHECK(cond, ...)                                                                \
	do {                                                                            \
		if (cond) {                                                             \
			passed++;                                                       \
		} else {                                                                \
			failed++;                                                       \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                   \
			fputc('\n', stderr);                                            \
		}                                                                       \
	} while (0)

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static void fill_random(unsigned char *p, size_t n)
{
	while (n--)
		*p++ = (unsigned char)rnd();
}

/* ---- mem* ---- */

static void test_memcpy_memset(void)
{
	size_t so, dof, len;

	for (so = 0; so < 16; so++)
		for (dof = 0; dof < 16; dof++)
			for (len = 0; len < 300; len += len < 80 ? 1 : 37) {
				/* Exact-size heap blocks: ASan sees any access past either end. */
				unsigned char *src = malloc(so + len + 1),
					      *d1 = malloc(dof + len + 1);
				unsigned char *d2 = malloc(dof + len + 1);
				void *r;

				fill_random(src, so + len + 1);
				fill_random(d1, dof + len + 1);
				memcpy(d2, d1, dof + len + 1);
				r = nl_memcpy(d1 + dof, src + so, len);
				memcpy(d2 + dof, src + so, len);
				CHECK(r == d1 + dof && !memcmp(d1, d2, dof + len + 1),
				      "memcpy so=%zu do=%zu len=%zu", so, dof, len);

				r = nl_memset(d1 + dof, (int)(so * 37 + len) - 200, len);
				memset(d2 + dof, (int)(so * 37 + len) - 200, len);
				CHECK(r == d1 + dof && !memcmp(d1, d2, dof + len + 1),
				      "memset off=%zu len=%zu c=%d", dof, len,
				      (int)(so * 37 + len) - 200);
				free(src);
				free(d1);
				free(d2);
			}
}

static void test_memmove(void)
{
	unsigned char a[400], b[400];
	size_t so, dof, len;

	for (so = 0; so < 40; so += 1 + so / 8)
		for (dof = 0; dof < 40; dof += 1 + dof / 8)
			for (len = 0; len < 340; len += len < 40 ? 1 : 23) {
				void *r;

				fill_random(a, sizeof(a));
				memcpy(b, a, sizeof(a));
				r = nl_memmove(a + dof, a + so, len);
				memmove(b + dof, b + so, len);
				CHECK(r == a + dof && !memcmp(a, b, sizeof(a)),
				      "memmove so=%zu do=%zu len=%zu", so, dof, len);
			}
}

static void test_memcmp_memchr(void)
{
	size_t ao, bo, len, k;

	for (ao = 0; ao < 12; ao++)
		for (bo = 0; bo < 12; bo += 3)
			for (len = 0; len < 100; len += len < 20 ? 1 : 13)
				for (k = 0; k <= len; k += 1 + len / 5) {
					unsigned char *a = malloc(ao + len + 1),
						      *b = malloc(bo + len + 1);

					fill_random(a + ao, len);
					memcpy(b + bo, a + ao, len);
					if (k < len)
						b[bo + k] = (unsigned char)(a[ao + k] + 1 +
									    rnd() % 255);
					CHECK(sign(nl_memcmp(a + ao, b + bo, len)) ==
						      sign(memcmp(a + ao, b + bo, len)),
					      "memcmp ao=%zu bo=%zu len=%zu k=%zu", ao, bo, len, k);
					CHECK(sign(nl_memcmp(b + bo, a + ao, len)) ==
						      sign(memcmp(b + bo, a + ao, len)),
					      "memcmp reversed len=%zu k=%zu", len, k);
					if (len) {
						int c = a[ao + k % len];

						CHECK(nl_memchr(a + ao, c, len) ==
							      memchr(a + ao, c, len),
						      "memchr");
						CHECK(nl_memchr(a + ao, c + 256, len) ==
							      memchr(a + ao, c + 256, len),
						      "memchr int c");
					}
					CHECK(nl_memchr(a + ao, 0x100, 0) == NULL, "memchr n=0");
					free(a);
					free(b);
				}
}

/* ---- str* ---- */

static const char *const corpus[] = {
	"",
	"a",
	"A",
	"ab",
	"abc",
	"abd",
	"ABC",
	"aBc",
	"abcdef",
	"hello world",
	"hello",
	"Hello World",
	"HELLO WORLD",
	"hello world!",
	"\xff",
	"\x80\x7f",
	"a\xff",
	"a\x01",
	"  leading",
	"trailing  ",
	"a,b,,c",
	",,x,,",
	"the quick brown fox jumps over the lazy dog",
	"aaaaaaaaab",
	"aaab",
	"abababc",
	"x",
	"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz1",
};
#define NCORPUS (sizeof(corpus) / sizeof(corpus[0]))

static void test_str_compare(void)
{
	volatile size_t huge = SIZE_MAX; /* hidden from gcc's bound warnings */
	size_t i, j, n;

	for (i = 0; i < NCORPUS; i++) {
		const char *a = corpus[i];

		CHECK(nl_strlen(a) == strlen(a), "strlen %zu", i);
		for (n = 0; n < 12; n++)
			CHECK(nl_strnlen(a, n) == strnlen(a, n), "strnlen %zu %zu", i, n);
		for (j = 0; j < NCORPUS; j++) {
			const char *b = corpus[j];

			CHECK(sign(nl_strcmp(a, b)) == sign(strcmp(a, b)), "strcmp %zu %zu", i, j);
			CHECK(sign(nl_strcasecmp(a, b)) == sign(strcasecmp(a, b)),
			      "strcasecmp %zu %zu", i, j);
			for (n = 0; n < 8; n++) {
				CHECK(sign(nl_strncmp(a, b, n)) == sign(strncmp(a, b, n)),
				      "strncmp %zu %zu %zu", i, j, n);
				CHECK(sign(nl_strncasecmp(a, b, n)) == sign(strncasecmp(a, b, n)),
				      "strncasecmp %zu %zu %zu", i, j, n);
			}
			CHECK(sign(nl_strncmp(a, b, huge)) == sign(strncmp(a, b, huge)),
			      "strncmp max %zu %zu", i, j);
			CHECK(nl_strstr(a, b) == strstr(a, b), "strstr [%s] [%s]", a, b);
			CHECK(nl_strspn(a, b) == strspn(a, b), "strspn [%s] [%s]", a, b);
			CHECK(nl_strcspn(a, b) == strcspn(a, b), "strcspn [%s] [%s]", a, b);
			CHECK(nl_strpbrk(a, b) == strpbrk(a, b), "strpbrk [%s] [%s]", a, b);
		}
	}
}

static void test_str_search(void)
{
	static const int chars[] = { 0, 'a', 'b', 'o', 'z', ' ', 0xff, -1, 0x100 + 'a', 'A', ',' };
	size_t i, k;

	for (i = 0; i < NCORPUS; i++) {
		for (k = 0; k < sizeof(chars) / sizeof(chars[0]); k++) {
			CHECK(nl_strchr(corpus[i], chars[k]) == strchr(corpus[i], chars[k]),
			      "strchr %zu %d", i, chars[k]);
			CHECK(nl_strrchr(corpus[i], chars[k]) == strrchr(corpus[i], chars[k]),
			      "strrchr %zu %d", i, chars[k]);
		}
	}
}

static void test_str_copy(void)
{
	size_t i, j, n;

	for (i = 0; i < NCORPUS; i++) {
		const char *s = corpus[i];
		size_t len = strlen(s);
		char a[128], b[128], *r;

		memset(a, 'Q', sizeof(a));
		memset(b, 'Q', sizeof(b));
		r = nl_strcpy(a + 1, s);
		strcpy(b + 1, s);
		CHECK(r == a + 1 && !memcmp(a, b, sizeof(a)), "strcpy %zu", i);

		for (n = 0; n < 60; n += 1 + n / 8) {
			memset(a, 'Q', sizeof(a));
			memset(b, 'Q', sizeof(b));
			r = nl_strncpy(a, s, n);
			strncpy(b, s, n);
			CHECK(r == a && !memcmp(a, b, sizeof(a)), "strncpy %zu %zu", i, n);

			/* strlcpy: glibc 2.36 has none; the BSD contract is spelled out. */
			memset(a, 'Q', sizeof(a));
			memset(b, 'Q', sizeof(b));
			CHECK(nl_strlcpy(a, s, n) == len, "strlcpy ret %zu %zu", i, n);
			if (n) {
				size_t k = len < n - 1 ? len : n - 1;

				memcpy(b, s, k);
				b[k] = 0;
			}
			CHECK(!memcmp(a, b, sizeof(a)), "strlcpy bytes %zu %zu", i, n);
		}

		for (j = 0; j < NCORPUS; j += 3) {
			const char *t = corpus[j];

			memset(a, 'Q', sizeof(a));
			memset(b, 'Q', sizeof(b));
			strcpy(a, t);
			strcpy(b, t);
			r = nl_strcat(a, s);
			strcat(b, s);
			CHECK(r == a && !memcmp(a, b, sizeof(a)), "strcat %zu %zu", j, i);
			for (n = 0; n < 50; n += 7) {
				memset(a, 'Q', sizeof(a));
				memset(b, 'Q', sizeof(b));
				strcpy(a, t);
				strcpy(b, t);
				r = nl_strncat(a, s, n);
				strncat(b, s, n);
				CHECK(r == a && !memcmp(a, b, sizeof(a)), "strncat %zu %zu %zu", j,
				      i, n);

				/* strlcat */
				memset(a, 'Q', sizeof(a));
				memset(b, 'Q', sizeof(b));
				strcpy(a, t);
				strcpy(b, t);
				{
					size_t tl = strlen(t), want, got;

					got = nl_strlcat(a, s, n);
					if (tl >= n) {
						want = n + len;
					} else {
						size_t k = len < n - tl - 1 ? len : n - tl - 1;

						memcpy(b + tl, s, k);
						b[tl + k] = 0;
						want = tl + len;
					}
					CHECK(got == want && !memcmp(a, b, sizeof(a)),
					      "strlcat %zu %zu n=%zu: %zu vs %zu", j, i, n, got,
					      want);
				}
			}
		}

		r = nl_strdup(s);
		CHECK(r && !strcmp(r, s), "strdup %zu", i);
		free(r);
		for (n = 0; n < 10; n++) {
			char *q = strndup(s, n);

			r = nl_strndup(s, n);
			CHECK(r && !strcmp(r, q), "strndup %zu %zu", i, n);
			free(r);
			free(q);
		}
	}

	/* strndup needs no NUL within n */
	{
		static const char raw[3] = { 'x', 'y', 'z' };
		char *r = nl_strndup(raw, 3);

		CHECK(r && !strcmp(r, "xyz"), "strndup unterminated");
		free(r);
	}
}

static void test_strtok(void)
{
	static const char *const inputs[] = { "",	   "a",	     ",",
					      "a,b",	   ",a,,b,", "  hello  world ",
					      "a;b, c;;d", ";;;",    "no-delims-here" };
	static const char *const delims[] = { ",", " ", ";, ", "", "xyz" };
	size_t i, d;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		for (d = 0; d < sizeof(delims) / sizeof(delims[0]); d++) {
			char a[64], b[64], c[64], *sa, *sb, *ta, *tb, *tc;
			int round = 0, same = 1;

			strcpy(a, inputs[i]);
			strcpy(b, inputs[i]);
			strcpy(c, inputs[i]);
			ta = nl_strtok_r(a, delims[d], &sa);
			tb = strtok_r(b, delims[d], &sb);
			tc = nl_strtok(c, delims[d]);
			for (;;) {
				if ((ta == NULL) != (tb == NULL) || (ta && strcmp(ta, tb)) ||
				    (ta && (ta - a) != (tb - b)) || (tc == NULL) != (tb == NULL) ||
				    (tc && (tc - c) != (tb - b))) {
					same = 0;
					break;
				}
				if (!ta || ++round > 20)
					break;
				ta = nl_strtok_r(NULL, delims[d], &sa);
				tb = strtok_r(NULL, delims[d], &sb);
				tc = nl_strtok(NULL, delims[d]);
			}
			CHECK(same && !memcmp(a, b, strlen(inputs[i]) + 1),
			      "strtok [%s] [%s] round %d", inputs[i], delims[d], round);
		}
}

static void test_strerror(void)
{
	int e, known = 0;

	for (e = -5; e < 200; e++) {
		const char *name = nl_strerrorname_np(e);
		char want[32];

		if (name) {
			known++;
			CHECK(strerrorname_np(e) && !strcmp(name, strerrorname_np(e)),
			      "strerrorname_np(%d) %s", e, name);
			CHECK(!strcmp(nl_strerror(e), strerror(e)), "strerror(%d) [%s] [%s]", e,
			      nl_strerror(e), strerror(e));
		} else {
			snprintf(want, sizeof(want), "Unknown error %d", e);
			CHECK(!strcmp(nl_strerror(e), want), "strerror(%d) unknown [%s]", e,
			      nl_strerror(e));
		}
	}
	/* Every value <lith/errno.h> defines (and 0) has a text. */
	CHECK(known == LITH_ERRNO_COUNT + 1, "known %d, lith/errno.h has %d", known,
	      LITH_ERRNO_COUNT);
}

/* ---- ctype ---- */

static void test_ctype(void)
{
	int c;

	for (c = -1; c < 256; c++) {
		int ok = !nl_isalnum(c) == !isalnum(c) && !nl_isalpha(c) == !isalpha(c) &&
			 !nl_isascii(c) == !isascii(c) && !nl_isblank(c) == !isblank(c) &&
			 !nl_iscntrl(c) == !iscntrl(c) && !nl_isdigit(c) == !isdigit(c) &&
			 !nl_isgraph(c) == !isgraph(c) && !nl_islower(c) == !islower(c) &&
			 !nl_isprint(c) == !isprint(c) && !nl_ispunct(c) == !ispunct(c) &&
			 !nl_isspace(c) == !isspace(c) && !nl_isupper(c) == !isupper(c) &&
			 !nl_isxdigit(c) == !isxdigit(c) && nl_tolower(c) == tolower(c) &&
			 nl_toupper(c) == toupper(c);

		CHECK(ok, "ctype %d", c);
	}
}

/* ---- strtol family ---- */

static const char *const num_inputs[] = {
	"",
	" ",
	"0",
	"-0",
	"+0",
	"1",
	"-1",
	"+1",
	"  42",
	"\t\n\v\f\r 42",
	"+-1",
	"-+1",
	"- 1",
	"0x",
	"0X",
	"-0x",
	"0x1f",
	"0X1F",
	"-0x10",
	"+0xAbC",
	"0xg",
	"0x-1",
	"0b101",
	"010",
	"-010",
	"08",
	"09",
	"0o7",
	"z",
	"Z",
	"zz",
	"-zz",
	"123abc",
	"12 34",
	"1e5",
	"7fffffff",
	"2147483647",
	"2147483648",
	"-2147483648",
	"-2147483649",
	"4294967295",
	"4294967296",
	"-4294967295",
	"-4294967296",
	"9223372036854775807",
	"9223372036854775808",
	"-9223372036854775808",
	"-9223372036854775809",
	"18446744073709551615",
	"18446744073709551616",
	"-18446744073709551615",
	"-18446744073709551616",
	"99999999999999999999999999999999",
	"-99999999999999999999999999999999xyz",
	"0x7fffffffffffffff",
	"0x8000000000000000",
	"-0x8000000000000000",
	"0xffffffffffffffff",
	"0x10000000000000000",
	"0xFFFFFFFFFFFFFFFFFFFF",
	"777777777777777777777",
	"1777777777777777777777",
	"2000000000000000000000",
	"-1000000000000000000000",
	"1111111111111111111111111111111111111111111111111111111111111111",
	"10000000000000000000000000000000000000000000000000000000000000000",
	"3w5e11264sgsf",
	"3w5e11264sgsg",
	"-3w5e11264sgsg",
	"\xff"
	"5",
	"5\xff",
	"1_000",
	"  +",
	"0x0",
	"00000000000000000000000000000000000000000000001",
	"-00x1",
};

static void check_strto(const char *s, int base)
{
	char *e1, *e2;
	int er1, er2;

#define CMP(NAME, NLF, GF, FMT)                                                   \
	do {                                                                      \
		errno = 0;                                                        \
		nl_errno = 0;                                                     \
		__typeof__(GF(s, &e2, base)) v2 = GF(s, &e2, base);               \
		er2 = errno;                                                      \
		__typeof__(NLF(s, &e1, base)) v1 = NLF(s, &e1, base);             \
		er1 = nl_errno;                                                   \
		CHECK(v1 == v2 && e1 == e2 && er1 == er2,                         \
		      NAME "(\"%s\", %d): " FMT " end+%td errno %d vs glibc " FMT \
			   " end+%td errno %d",                                   \
		      s, base, v1, e1 - s, er1, v2, e2 - s, er2);                 \
	} while (0)
	CMP("strtol", nl_strtol, strtol, "%ld");
	CMP("strtoul", nl_strtoul, strtoul, "%lu");
	CMP("strtoll", nl_strtoll, strtoll, "%lld");
	CMP("strtoull", nl_strtoull, strtoull, "%llu");
	CMP("strtoimax", nl_strtoimax, strtoimax, "%jd");
	CMP("strtoumax", nl_strtoumax, strtoumax, "%ju");
#undef CMP
	if (base == 10) {
		CHECK(nl_atoi(s) == atoi(s), "atoi %s", s);
		CHECK(nl_atol(s) == atol(s), "atol %s", s);
		CHECK(nl_atoll(s) == atoll(s), "atoll %s", s);
	}
}

static void test_strtol(void)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 3, 7, 17, 35 };
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFXYZ";
	size_t i, b;
	int k;

	for (i = 0; i < sizeof(num_inputs) / sizeof(num_inputs[0]); i++)
		for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
			check_strto(num_inputs[i], bases[b]);

	/* Random numerals near and past every overflow boundary. */
	for (k = 0; k < 20000; k++) {
		char s[80], *p = s;
		int base = (int)(rnd() % 37), n = (int)(rnd() % 70), j;

		if (base == 1)
			base = 0;
		if (rnd() % 3 == 0)
			*p++ = ' ';
		if (rnd() % 2)
			*p++ = "+-"[rnd() % 2];
		if (rnd() % 8 == 0) {
			*p++ = '0';
			*p++ = 'x';
		}
		for (j = 0; j < n; j++) {
			int lim = base ? base : 16;

			*p++ = rnd() % 50 ? digits[rnd() % (unsigned)lim] : digits[rnd() % 46];
		}
		*p = 0;
		check_strto(s, base);
	}

	/* Invalid bases: 0 and EINVAL. */
	for (k = 0; k < 3; k++) {
		static const int bad[] = { 1, 37, -2 };

		nl_errno = 0;
		CHECK(nl_strtol("123", NULL, bad[k]) == 0 && nl_errno == EINVAL, "base %d", bad[k]);
	}

	CHECK(nl_abs(-5) == 5 && nl_abs(INT_MAX) == INT_MAX && nl_labs(-7L) == 7 &&
		      nl_llabs(LLONG_MIN + 1) == LLONG_MAX && nl_imaxabs(-9) == 9,
	      "abs");
}

/* ---- qsort / bsearch ---- */

static size_t elem_size;
static unsigned long ncmp;

/* A total order over the whole element, so glibc's and nolibc's results must be equal. */
static int cmp_bytes(const void *a, const void *b)
{
	const unsigned char *p = a, *q = b;
	size_t i;

	ncmp++;
	/* The key is in the first byte's low bits, so there are many equal keys. */
	for (i = elem_size; i-- > 0;) {
		if (p[i] != q[i])
			return p[i] < q[i] ? -1 : 1;
	}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	ncmp++;
	return (x > y) - (x < y);
}

static void make_pattern(unsigned char *buf, size_t n, size_t size, int pattern)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		unsigned long long key;

		switch (pattern) {
		case 0:
			key = rnd();
			break;
		case 1: /* ascending */
			key = i;
			break;
		case 2: /* descending */
			key = n - i;
			break;
		case 3: /* all equal */
			key = 7;
			break;
		case 4: /* few distinct */
			key = rnd() % 4;
			break;
		case 5: /* organ pipe */
			key = i < n / 2 ? i : n - i;
			break;
		default: /* sorted with a few swaps */
			key = rnd() % 16 ? i : rnd() % (n + 1);
			break;
		}
		/* Byte j holds key byte j % 8; cmp_bytes reads the last byte first. */
		for (j = 0; j < size; j++)
			buf[i * size + j] = (unsigned char)(key >> (8 * (j % 8)));
	}
}

static void test_qsort(void)
{
	static const size_t sizes[] = { 1, 3, 4, 8, 24, 13 };
	static const size_t counts[] = { 0, 1, 2, 3, 5, 12, 13, 14, 31, 100, 257, 1000, 5000 };
	size_t s, c;
	int pat;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
			for (pat = 0; pat < 7; pat++) {
				size_t size = sizes[s], n = counts[c];
				unsigned char *a = malloc(n * size + 1), *b = malloc(n * size + 1);

				make_pattern(a, n, size, pat);
				memcpy(b, a, n * size);
				elem_size = size;
				ncmp = 0;
				nl_qsort(a, n, size, cmp_bytes);
				qsort(b, n, size, cmp_bytes);
				CHECK(!memcmp(a, b, n * size), "qsort size %zu n %zu pattern %d",
				      size, n, pat);
				free(a);
				free(b);
			}

	/* Comparisons stay O(n log n) on patterns that break naive quicksorts. */
	for (pat = 0; pat < 7; pat++) {
		size_t n = 20000, i;
		int *v = malloc(n * sizeof(*v));
		unsigned long limit = (unsigned long)(3.0 * n * __builtin_log2((double)n));
		int sorted = 1;

		for (i = 0; i < n; i++)
			v[i] = pat == 0 ? (int)rnd() :
			       pat == 1 ? (int)i :
			       pat == 2 ? (int)(n - i) :
			       pat == 3 ? 5 :
			       pat == 4 ? (int)(rnd() % 3) :
			       pat == 5 ? (int)(i < n / 2 ? i : n - i) :
					  (int)(i % 2 ? i : n - i);
		ncmp = 0;
		nl_qsort(v, n, sizeof(*v), cmp_int);
		for (i = 1; i < n; i++)
			sorted &= v[i - 1] <= v[i];
		CHECK(sorted && ncmp < limit,
		      "qsort pattern %d: sorted %d, %lu compares (limit %lu)", pat, sorted, ncmp,
		      limit);
		free(v);
	}
}

static void test_bsearch(void)
{
	size_t n;

	for (n = 0; n < 70; n++) {
		int *v = malloc((n + 1) * sizeof(*v));
		int key, ok = 1;
		size_t i;

		for (i = 0; i < n; i++)
			v[i] = (int)(i * 3 + 1);
		for (key = -2; key < (int)(n * 3 + 3); key++) {
			int *r = nl_bsearch(&key, v, n, sizeof(*v), cmp_int);
			int *w = key >= 1 && (key - 1) % 3 == 0 && (size_t)(key - 1) / 3 < n ?
					 &v[(key - 1) / 3] :
					 NULL;

			ok &= r == w;
		}
		CHECK(ok, "bsearch n=%zu", n);
		free(v);
	}
}

/* ---- heap ---- */

static void test_malloc(void)
{
	char *p, *q;
	void *m;
	int i;

	p = nl_malloc(100);
	CHECK(p != NULL, "malloc");
	memset(p, 'x', 100);
	q = nl_realloc(p, 1000);
	CHECK(q && q[0] == 'x' && q[99] == 'x', "realloc keeps contents");
	nl_errno = 0;
	CHECK(nl_realloc(q, 0) == NULL && nl_errno == 0, "realloc(p, 0) frees, no error");
	q = nl_realloc(NULL, 10);
	CHECK(q != NULL, "realloc(NULL, n)");
	nl_free(q);
	nl_free(NULL);

	p = nl_calloc(50, 4);
	for (i = 0; p && i < 200; i++)
		CHECK(p[i] == 0, "calloc zeroed at %d", i);
	nl_free(p);
	nl_errno = 0;
	CHECK(nl_calloc(SIZE_MAX / 2, 4) == NULL && nl_errno == ENOMEM, "calloc overflow");

	alloc_fail = 1;
	nl_errno = 0;
	CHECK(nl_malloc(10) == NULL && nl_errno == ENOMEM, "malloc failure");
	nl_errno = 0;
	CHECK(nl_realloc(NULL, 10) == NULL && nl_errno == ENOMEM, "realloc failure");
	nl_errno = 0;
	CHECK(nl_strdup("abc") == NULL && nl_errno == ENOMEM, "strdup failure");
	nl_errno = 0;
	CHECK(nl_memalign(64, 10) == NULL && nl_errno == ENOMEM, "memalign failure");
	CHECK(nl_posix_memalign(&m, 64, 10) == ENOMEM, "posix_memalign failure");
	alloc_fail = 0;

	nl_errno = 0;
	CHECK(nl_posix_memalign(&m, 3, 10) == EINVAL && nl_errno == 0, "posix_memalign align 3");
	CHECK(nl_posix_memalign(&m, 4, 10) == EINVAL, "posix_memalign below sizeof(void *)");
	m = NULL;
	CHECK(nl_posix_memalign(&m, 256, 10) == 0 && m && !((uintptr_t)m % 256),
	      "posix_memalign 256");
	nl_free(m);
	m = nl_memalign(48, 10);
	CHECK(m && !((uintptr_t)m % 64), "memalign(48) rounds up to 64");
	nl_free(m);
	m = nl_aligned_alloc(4096, 4096);
	CHECK(m && !((uintptr_t)m % 4096), "aligned_alloc 4096");
	nl_free(m);
	nl_errno = 0;
	CHECK(nl_aligned_alloc(24, 48) == NULL && nl_errno == EINVAL, "aligned_alloc(24)");
}

/* ---- stdio ---- */

static void test_snprintf(void)
{
	char a[128], b[128];
	int ra, rb;

	ra = nl_snprintf(a, sizeof(a), "%d|%-5s|%#x|%p|%c|%5.2s|%lld|%zu", -42, "ab", 255,
			 (void *)0x1234, 'z', "xyz", LLONG_MIN, SIZE_MAX);
	rb = snprintf(b, sizeof(b), "%d|%-5s|%#x|%p|%c|%5.2s|%lld|%zu", -42, "ab", 255,
		      (void *)0x1234, 'z', "xyz", LLONG_MIN, SIZE_MAX);
	CHECK(ra == rb && !strcmp(a, b), "snprintf [%s] [%s]", a, b);
	memset(a, 'Q', sizeof(a));
	ra = nl_snprintf(a, 5, "%s", "hello world");
	CHECK(ra == 11 && !memcmp(a, "hell\0Q", 6), "snprintf truncates");
	CHECK(nl_snprintf(NULL, 0, "%d", 12345) == 5, "snprintf size 0");
	ra = nl_sprintf(a, "%s-%u", "abc", 7u);
	CHECK(ra == 5 && !strcmp(a, "abc-7"), "sprintf");
	nl_errno = 0;
	CHECK(nl_snprintf(a, sizeof(a), "%ls", L"\x263a") == -1 && nl_errno == EOVERFLOW,
	      "snprintf error sets errno");
	ra = hdr_pri_probe(a, sizeof(a));
	rb = snprintf(b, sizeof(b), "-1 2 3 abc -5 6 -7 8 DEF 10 -9 10");
	CHECK(ra == rb && !strcmp(a, b), "PRI macros [%s]", a);
}

static void test_stdout(void)
{
	char big[1000];
	int r;

	con_reset();
	r = nl_printf("hello %d\n", 42);
	CHECK(r == 9 && con_is("hello 42\n"), "printf line flushed (r=%d)", r);

	con_reset();
	r = nl_printf("partial %s", "line");
	CHECK(r == 12 && con_len == 0, "no newline: stays buffered");
	CHECK(nl_fflush(nl_stdout) == 0 && con_is("partial line"), "fflush");

	con_reset();
	nl_printf("out");
	nl_fprintf(nl_stderr, "err%d", 1);
	CHECK(con_is("outerr1"), "stderr output comes after pending stdout");

	con_reset();
	nl_fprintf(nl_stderr, "%s %d %s %p\n", "one", 2, "three", (void *)0);
	CHECK(con_writes == 1 && con_is("one 2 three (nil)\n"),
	      "short stderr print is one console write (%lu)", con_writes);

	con_reset();
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	r = nl_printf("%s", big);
	CHECK(r == 999 && con_len >= 999 - 256, "full buffer flushes (%zu out)", con_len);
	nl_fflush(NULL);
	CHECK(con_len == 999 && !memcmp(con_out, big, 999), "fflush(NULL)");

	con_reset();
	r = nl_printf("%s|%s\n", big, big);
	CHECK(r == 2000 && con_len == 2000 && con_out[999] == '|' && con_out[1999] == '\n',
	      "big printf");

	con_reset();
	nl_puts("abc");
	nl_putchar('d');
	nl_fputc('e', nl_stdout);
	nl_putc('f', nl_stdout);
	nl_fputs("gh\n", nl_stdout);
	CHECK(nl_fwrite("ijkl", 2, 2, nl_stdout) == 2, "fwrite count");
	CHECK(nl_fwrite("x", 0, 5, nl_stdout) == 0, "fwrite size 0");
	nl_fflush(nl_stdout);
	CHECK(con_is("abc\ndefgh\nijkl"), "puts/putchar/fputc/putc/fputs/fwrite");
	CHECK(nl_putchar(0x1ff) == 0xff, "putchar returns the unsigned char");
	nl_fflush(nl_stdout);

	/* A dead console: EOF/-1, ferror, errno from the platform. */
	con_reset();
	con_fail = -EIO;
	nl_errno = 0;
	r = nl_printf("lost\n");
	CHECK(r == -1 && nl_ferror(nl_stdout) && nl_errno == EIO, "write error (r=%d)", r);
	CHECK(nl_fputs("x", nl_stderr) == -1 && nl_ferror(nl_stderr), "stderr write error");
	CHECK(nl_puts("y") == -1, "puts error");
	nl_clearerr(nl_stdout);
	nl_clearerr(nl_stderr);
	CHECK(!nl_ferror(nl_stdout) && !nl_ferror(nl_stderr), "clearerr");
	con_reset();
	r = nl_printf("back\n");
	CHECK(r == 5 && con_is("back\n"), "console back");

	nl_errno = 0;
	CHECK(nl_fprintf(nl_stdin, "x") == -1 && nl_errno == EBADF, "fprintf(stdin)");
	nl_clearerr(nl_stdin);

	con_reset();
	nl_errno = ENOENT;
	nl_perror("open");
	nl_errno = EINVAL;
	nl_perror(NULL);
	CHECK(con_is("open: No such file or directory\nInvalid argument\n"), "perror");
	con_reset();
}

static int call_vprintf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = nl_vprintf(fmt, ap);
	va_end(ap);
	return r;
}

static void test_stdin(void)
{
	char line[16];

	con_reset();
	con_in = "ab\ncdefghijklmnopqrstuvwxyz";
	con_in_len = strlen(con_in);
	con_in_pos = 0;

	call_vprintf("prompt> ");
	CHECK(nl_getchar() == 'a' && con_is("prompt> "), "getchar flushes the prompt");
	CHECK(nl_fgets(line, sizeof(line), nl_stdin) == line && !strcmp(line, "b\n"),
	      "fgets line [%s]", line);
	CHECK(nl_fgets(line, 5, nl_stdin) == line && !strcmp(line, "cdef"), "fgets n-1");
	CHECK(nl_getc(nl_stdin) == 'g' && nl_fgetc(nl_stdin) == 'h', "getc/fgetc");
	CHECK(nl_ungetc('Z', nl_stdin) == 'Z' && nl_ungetc('Y', nl_stdin) == -1,
	      "ungetc, one deep");
	CHECK(nl_fgets(line, sizeof(line), nl_stdin) == line && !strcmp(line, "Zijklmnopqrstuv"),
	      "fgets after ungetc [%s]", line);
	CHECK(!nl_feof(nl_stdin), "no EOF yet");
	CHECK(nl_fgets(line, sizeof(line), nl_stdin) == line && !strcmp(line, "wxyz"),
	      "fgets returns what is waiting [%s]", line);
	CHECK(nl_feof(nl_stdin), "fgets stopped at 'nothing waiting': feof");
	nl_clearerr(nl_stdin);
	CHECK(nl_getchar() == -1 && nl_feof(nl_stdin), "nothing waiting: EOF at once");
	CHECK(nl_fgets(line, sizeof(line), nl_stdin) == NULL, "fgets with nothing waiting");
	CHECK(nl_fgets(line, 1, nl_stdin) == line && line[0] == 0, "fgets n=1");
	nl_clearerr(nl_stdin);
	CHECK(!nl_feof(nl_stdin), "clearerr clears EOF");
	CHECK(nl_fgetc(nl_stdout) == -1 && nl_ferror(nl_stdout), "read from stdout fails");
	nl_clearerr(nl_stdout);
	con_reset();
}

/* ---- exit, abort, assert, errno ---- */

static char exit_trace[64];
static size_t exit_trace_len;

static void at1(void)
{
	exit_trace[exit_trace_len++] = '1';
}

static void at2(void)
{
	exit_trace[exit_trace_len++] = '2';
	nl_printf("[at2]");
}

static void at3(void)
{
	exit_trace[exit_trace_len++] = '3';
}

static void test_exit(void)
{
	volatile int i;
	int evaluated = 0;

	for (i = 0; i < 29; i++)
		CHECK(nl_atexit(at1) == 0, "atexit %d", i);
	CHECK(nl_atexit(at2) == 0 && nl_atexit(at3) == 0 && nl_atexit(at1) == 0, "atexit 32");
	CHECK(nl_atexit(at1) == -1, "atexit 33rd refused");

	con_reset();
	nl_printf("unflushed");
	if (!setjmp(exit_jb))
		nl_exit(7);
	CHECK(exit_status == 7, "exit status %d", exit_status);
	CHECK(exit_trace_len == 32 && !memcmp(exit_trace, "13211111111111111111111111111111", 32),
	      "handlers in reverse: %.*s", (int)exit_trace_len, exit_trace);
	CHECK(con_is("unflushed[at2]"), "exit flushes stdout after the handlers");

	exit_trace_len = 0;
	CHECK(nl_atexit(at3) == 0, "atexit after exit");
	if (!setjmp(exit_jb))
		nl__Exit(3);
	CHECK(exit_status == 3 && exit_trace_len == 0, "_Exit runs no handlers");
	if (!setjmp(exit_jb))
		nl__exit(4);
	CHECK(exit_status == 4 && exit_trace_len == 0, "_exit runs no handlers");

	abort_why = NULL;
	if (!setjmp(exit_jb))
		nl_abort();
	CHECK(abort_why != NULL, "abort reaches lith_abort");

	assert_expr = NULL;
	if (!setjmp(exit_jb))
		hdr_assert_probe(0);
	CHECK(assert_expr && !strcmp(assert_expr, "x > 0") && assert_line > 0,
	      "assert failure reports the expression");
	CHECK(hdr_assert_probe(5) == 5, "assert passes");
	CHECK(hdr_ndebug_probe(-1, &evaluated) == -1 && !evaluated, "NDEBUG assert is empty");

	CHECK(nl___errno_location() == nl___errno_location() && hdr_errno_probe() == ERANGE &&
		      nl_errno == ERANGE,
	      "errno");
	con_reset();
}

int main(void)
{
	test_memcpy_memset();
	test_memmove();
	test_memcmp_memchr();
	test_str_compare();
	test_str_search();
	test_str_copy();
	test_strtok();
	test_strerror();
	test_ctype();
	test_strtol();
	test_qsort();
	test_bsearch();
	test_malloc();
	test_snprintf();
	test_stdout();
	test_stdin();
	test_exit();

	printf("nolibc: %lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
