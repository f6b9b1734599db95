/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory and string functions. memcpy/memmove/memset/memcmp move a word at a time when
 * they can; the rest work bytewise. strdup/strndup allocate with malloc(). strerror and
 * strerrorname_np know the values of <lith/errno.h> with glibc's texts and names.
 */
#ifndef _NOLIBC_STRING_H
#define _NOLIBC_STRING_H

#include <stddef.h>
#include <strings.h>

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *__restrict dst, const char *__restrict src);
char *strncpy(char *__restrict dst, const char *__restrict src, size_t n);
char *strcat(char *__restrict dst, const char *__restrict src);
char *strncat(char *__restrict dst, const char *__restrict src, size_t n);
/* BSD: copy/append with truncation to size (NUL included); return the length tried. */
size_t strlcpy(char *__restrict dst, const char *__restrict src, size_t size);
size_t strlcat(char *__restrict dst, const char *__restrict src, size_t size);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *__restrict s, const char *__restrict delim); /* not reentrant */
char *strtok_r(char *__restrict s, const char *__restrict delim, char **__restrict save);

/* "Unknown error N" (in a static buffer: not reentrant) for values it does not know. */
char *strerror(int errnum);
/* "ENOENT" etc.; NULL for values it does not know (GNU extension). */
const char *strerrorname_np(int errnum);

#endif /* _NOLIBC_STRING_H */
