/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console stdio. There are three streams and no fopen(): files belong to the VFS library.
 *   stdout  line buffered: written out on '\n', when its buffer fills, on fflush(), on
 *           exit(), and before stderr output or stdin reads (keeps the console in order)
 *   stderr  unbuffered (one console write per call)
 *   stdin   reads never block: with no input waiting they return EOF (and set feof)
 *           at once. Blocking input arrives with the threads issue.
 * Formatting is the kernel's engine (lith/fmt.h): glibc-compatible integers, strings and
 * pointers; floating-point conversions are printed literally (apps needing them use
 * newlib). Output errors set ferror() and make the call return EOF or -1.
 */
#ifndef _NOLIBC_STDIO_H
#define _NOLIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF    (-1)
#define BUFSIZ 256

typedef struct __nolibc_file FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define __nolibc_printf(a, b) __attribute__((format(printf, a, b)))

int printf(const char *__restrict fmt, ...) __nolibc_printf(1, 2);
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...) __nolibc_printf(2, 3);
int sprintf(char *__restrict buf, const char *__restrict fmt, ...) __nolibc_printf(2, 3);
int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt, ...)
	__nolibc_printf(3, 4);
int vprintf(const char *__restrict fmt, va_list ap) __nolibc_printf(1, 0);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap) __nolibc_printf(2, 0);
int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap) __nolibc_printf(2, 0);
int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt, va_list ap)
	__nolibc_printf(3, 0);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);
size_t fwrite(const void *__restrict p, size_t size, size_t nmemb, FILE *__restrict f);
int fflush(FILE *f); /* NULL: every stream */

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *__restrict s, int n, FILE *__restrict f); /* stops early, see above */
int ungetc(int c, FILE *f);				    /* one character of pushback */

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
void perror(const char *s);

/* Files by name, through the VFS library (libs/vfs). */
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int remove(const char *path);

#endif /* _NOLIBC_STDIO_H */
