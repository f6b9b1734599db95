/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory and string functions. The mem* family moves a machine word at a time once the
 * destination is aligned; word accesses go through may_alias types so they are defined
 * whatever the objects' declared types. The str* family is bytewise: it never reads past
 * a terminator, which keeps it safe at page ends and under ASan.
 */
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <lith/fmt.h>

typedef unsigned long __attribute__((may_alias)) word_t;
/* Same, at any address: the compiler emits loads the target allows unaligned. */
typedef unsigned long __attribute__((may_alias, aligned(1))) uword_t;

#define WSIZE sizeof(unsigned long)
#define WMASK (WSIZE - 1)
#define ONES  (~0UL / 0xff) /* 0x0101...01 */

/*
 * gcc turns byte loops back into calls to memcpy/memset, which inside memcpy/memset is
 * infinite recursion; keep it from doing that here.
 */
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* Forward copy, safe for overlap when dst is below src (memmove relies on it). */
static NO_LIBCALL void copy_fwd(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 2 * WSIZE) {
		while ((uintptr_t)d & WMASK) {
			*d++ = *s++;
			n--;
		}
		if (!((uintptr_t)s & WMASK)) {
			for (; n >= 4 * WSIZE; n -= 4 * WSIZE, d += 4 * WSIZE, s += 4 * WSIZE) {
				word_t w0 = ((const word_t *)s)[0], w1 = ((const word_t *)s)[1];
				word_t w2 = ((const word_t *)s)[2], w3 = ((const word_t *)s)[3];

				((word_t *)d)[0] = w0;
				((word_t *)d)[1] = w1;
				((word_t *)d)[2] = w2;
				((word_t *)d)[3] = w3;
			}
			for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
				*(word_t *)d = *(const word_t *)s;
		} else {
			for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
				*(word_t *)d = *(const uword_t *)s;
		}
	}
	while (n--)
		*d++ = *s++;
}

/* Backward copy (from the ends down), for overlap with dst above src. */
static NO_LIBCALL void copy_bwd(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if (n >= 2 * WSIZE) {
		while ((uintptr_t)d & WMASK) {
			*--d = *--s;
			n--;
		}
		if (!((uintptr_t)s & WMASK)) {
			for (; n >= WSIZE; n -= WSIZE) {
				d -= WSIZE;
				s -= WSIZE;
				*(word_t *)d = *(const word_t *)s;
			}
		} else {
			for (; n >= WSIZE; n -= WSIZE) {
				d -= WSIZE;
				s -= WSIZE;
				*(word_t *)d = *(const uword_t *)s;
			}
		}
	}
	while (n--)
		*--d = *--s;
}

NO_LIBCALL void *memcpy(void *__restrict dst, const void *__restrict src, size_t n)
{
	copy_fwd(dst, src, n);
	return dst;
}

NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Compare as integers: the buffers may be unrelated objects. */
	if ((uintptr_t)d - (uintptr_t)s >= n)
		copy_fwd(d, s, n); /* no overlap, or dst below src */
	else if (d != s)
		copy_bwd(d, s, n);
	return dst;
}

NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char b = (unsigned char)c;

	if (n >= 2 * WSIZE) {
		unsigned long w = ONES * b;

		while ((uintptr_t)d & WMASK) {
			*d++ = b;
			n--;
		}
		for (; n >= 4 * WSIZE; n -= 4 * WSIZE, d += 4 * WSIZE) {
			((word_t *)d)[0] = w;
			((word_t *)d)[1] = w;
			((word_t *)d)[2] = w;
			((word_t *)d)[3] = w;
		}
		for (; n >= WSIZE; n -= WSIZE, d += WSIZE)
			*(word_t *)d = w;
	}
	while (n--)
		*d++ = b;
	return dst;
}

NO_LIBCALL int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	/* Skip equal words when both can be aligned together; bytes decide the sign. */
	if (n >= 2 * WSIZE && !(((uintptr_t)p ^ (uintptr_t)q) & WMASK)) {
		while ((uintptr_t)p & WMASK) {
			if (*p != *q)
				return *p - *q;
			p++;
			q++;
			n--;
		}
		while (n >= WSIZE && *(const word_t *)p == *(const word_t *)q) {
			p += WSIZE;
			q += WSIZE;
			n -= WSIZE;
		}
	}
	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char b = (unsigned char)c;

	for (; n; n--, p++) {
		if (*p == b)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q || !*p)
			return *p - *q;
	}
	return 0;
}

static int fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && fold(*p) == fold(*q)) {
		p++;
		q++;
	}
	return fold(*p) - fold(*q);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (fold(*p) != fold(*q) || !*p)
			return fold(*p) - fold(*q);
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	char ch = (char)c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	char ch = (char)c;
	const char *last = NULL;

	for (;; s++) {
		if (*s == ch)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strcpy(char *__restrict dst, const char *__restrict src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

char *strncpy(char *__restrict dst, const char *__restrict src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

size_t strlcpy(char *__restrict dst, const char *__restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *__restrict dst, const char *__restrict src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	/* No NUL within size: nothing can be appended; report what was attempted. */
	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

char *strcat(char *__restrict dst, const char *__restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *__restrict dst, const char *__restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		d[i] = src[i];
	d[i] = '\0';
	return dst;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = malloc(len + 1); /* sets errno on failure */

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *strdup(const char *s)
{
	return strndup(s, (size_t)-1);
}

char *strstr(const char *haystack, const char *needle)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	/* Plain scan: needles are short in kernel code; strncmp stops at the haystack's end. */
	for (; (haystack = strchr(haystack, needle[0])); haystack++) {
		if (!strncmp(haystack, needle, nlen))
			return (char *)haystack;
	}
	return NULL;
}

/* A 256-bit set of bytes, for the span functions. */
#define SET_BITS (8 * sizeof(unsigned long))

struct byteset {
	unsigned long bits[256 / SET_BITS];
};

static void set_build(struct byteset *set, const char *chars)
{
	const unsigned char *c = (const unsigned char *)chars;
	size_t i;

	for (i = 0; i < sizeof(set->bits) / sizeof(set->bits[0]); i++)
		set->bits[i] = 0;
	for (; *c; c++)
		set->bits[*c / SET_BITS] |= 1UL << (*c % SET_BITS);
}

static int set_has(const struct byteset *set, unsigned char c)
{
	return (set->bits[c / SET_BITS] >> (c % SET_BITS)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	struct byteset set;
	size_t n = 0;

	set_build(&set, accept);
	while (s[n] && set_has(&set, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	struct byteset set;
	size_t n = 0;

	set_build(&set, reject);
	while (s[n] && !set_has(&set, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *__restrict s, const char *__restrict delim, char **__restrict save)
{
	char *end;

	if (!s)
		s = *save;
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *__restrict s, const char *__restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

struct errinfo {
	const char *name;
	const char *text;
};

/* Indexed by value, so the numbers come from <lith/errno.h> itself. Texts as glibc's. */
static const struct errinfo errors[] = {
	[0] = { "0", "Success" },
	[EPERM] = { "EPERM", "Operation not permitted" },
	[ENOENT] = { "ENOENT", "No such file or directory" },
	[ESRCH] = { "ESRCH", "No such process" },
	[EINTR] = { "EINTR", "Interrupted system call" },
	[EIO] = { "EIO", "Input/output error" },
	[ENXIO] = { "ENXIO", "No such device or address" },
	[E2BIG] = { "E2BIG", "Argument list too long" },
	[ENOEXEC] = { "ENOEXEC", "Exec format error" },
	[EBADF] = { "EBADF", "Bad file descriptor" },
	[ECHILD] = { "ECHILD", "No child processes" },
	[EAGAIN] = { "EAGAIN", "Resource temporarily unavailable" },
	[ENOMEM] = { "ENOMEM", "Cannot allocate memory" },
	[EACCES] = { "EACCES", "Permission denied" },
	[EFAULT] = { "EFAULT", "Bad address" },
	[ENOTBLK] = { "ENOTBLK", "Block device required" },
	[EBUSY] = { "EBUSY", "Device or resource busy" },
	[EEXIST] = { "EEXIST", "File exists" },
	[EXDEV] = { "EXDEV", "Invalid cross-device link" },
	[ENODEV] = { "ENODEV", "No such device" },
	[ENOTDIR] = { "ENOTDIR", "Not a directory" },
	[EISDIR] = { "EISDIR", "Is a directory" },
	[EINVAL] = { "EINVAL", "Invalid argument" },
	[ENFILE] = { "ENFILE", "Too many open files in system" },
	[EMFILE] = { "EMFILE", "Too many open files" },
	[ENOTTY] = { "ENOTTY", "Inappropriate ioctl for device" },
	[ETXTBSY] = { "ETXTBSY", "Text file busy" },
	[EFBIG] = { "EFBIG", "File too large" },
	[ENOSPC] = { "ENOSPC", "No space left on device" },
	[ESPIPE] = { "ESPIPE", "Illegal seek" },
	[EROFS] = { "EROFS", "Read-only file system" },
	[EMLINK] = { "EMLINK", "Too many links" },
	[EPIPE] = { "EPIPE", "Broken pipe" },
	[EDOM] = { "EDOM", "Numerical argument out of domain" },
	[ERANGE] = { "ERANGE", "Numerical result out of range" },
	[EDEADLK] = { "EDEADLK", "Resource deadlock avoided" },
	[ENAMETOOLONG] = { "ENAMETOOLONG", "File name too long" },
	[ENOLCK] = { "ENOLCK", "No locks available" },
	[ENOSYS] = { "ENOSYS", "Function not implemented" },
	[ENOTEMPTY] = { "ENOTEMPTY", "Directory not empty" },
	[ELOOP] = { "ELOOP", "Too many levels of symbolic links" },
	[ENOMSG] = { "ENOMSG", "No message of desired type" },
	[ENODATA] = { "ENODATA", "No data available" },
	[ETIME] = { "ETIME", "Timer expired" },
	[EPROTO] = { "EPROTO", "Protocol error" },
	[EBADMSG] = { "EBADMSG", "Bad message" },
	[EOVERFLOW] = { "EOVERFLOW", "Value too large for defined data type" },
	[EILSEQ] = { "EILSEQ", "Invalid or incomplete multibyte or wide character" },
	[ENOTSUP] = { "EOPNOTSUPP", "Operation not supported" }, /* glibc's name */
	[EADDRINUSE] = { "EADDRINUSE", "Address already in use" },
	[EISCONN] = { "EISCONN", "Transport endpoint is already connected" },
	[ETIMEDOUT] = { "ETIMEDOUT", "Connection timed out" },
	[ECONNREFUSED] = { "ECONNREFUSED", "Connection refused" },
	[EALREADY] = { "EALREADY", "Operation already in progress" },
	[EINPROGRESS] = { "EINPROGRESS", "Operation now in progress" },
	[ECANCELED] = { "ECANCELED", "Operation canceled" },
};

static const struct errinfo *errinfo(int errnum)
{
	if (errnum < 0 || (size_t)errnum >= sizeof(errors) / sizeof(errors[0]))
		return NULL;
	return errors[errnum].name ? &errors[errnum] : NULL;
}

char *strerror(int errnum)
{
	static char unknown[32];
	const struct errinfo *e = errinfo(errnum);

	if (e)
		return (char *)e->text;
	fmt_snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

const char *strerrorname_np(int errnum)
{
	const struct errinfo *e = errinfo(errnum);

	return e ? e->name : NULL;
}
