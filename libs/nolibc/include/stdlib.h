/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Conversions, sorting, the heap (over the kernel allocator, <lith/alloc.h>) and process
 * exit. Allocation failures return NULL with errno = ENOMEM. exit() runs the atexit
 * handlers (up to 32), flushes stdio and powers off with the status; abort() crashes
 * at once.
 */
#ifndef _NOLIBC_STDLIB_H
#define _NOLIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

long strtol(const char *__restrict s, char **__restrict end, int base);
unsigned long strtoul(const char *__restrict s, char **__restrict end, int base);
long long strtoll(const char *__restrict s, char **__restrict end, int base);
unsigned long long strtoull(const char *__restrict s, char **__restrict end, int base);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);

int abs(int j);
long labs(long j);
long long llabs(long long j);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
int posix_memalign(void **out, size_t align, size_t size); /* 0, EINVAL or ENOMEM */
void *memalign(size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size); /* align: a power of two */

int atexit(void (*fn)(void));
void exit(int status) __attribute__((noreturn));
void _Exit(int status) __attribute__((noreturn)); /* no handlers, no flush */
void abort(void) __attribute__((noreturn));

#endif /* _NOLIBC_STDLIB_H */
