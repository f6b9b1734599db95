/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console stdio over the platform console: stdout line buffered, stderr unbuffered,
 * stdin non-blocking. printf-family formatting is the kernel engine (lith/fmt.h); one
 * call's pieces are gathered in a small stack buffer so an unbuffered stream still gets
 * one console write per call for short messages.
 */
#include <stdbool.h>
#include <stdint.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <lith/fmt.h>
#include <plat/console.h>

#define F_READ	  0x01u
#define F_WRITE	  0x02u
#define F_LINEBUF 0x04u /* flush when a '\n' is written */
#define F_EOF	  0x08u
#define F_ERR	  0x10u

struct __nolibc_file {
	unsigned int flags;
	int unget; /* pushed-back character, or EOF */
	char *buf; /* NULL: unbuffered */
	size_t cap;
	size_t len; /* bytes waiting in buf */
};

static char stdout_buf[BUFSIZ];

static FILE file_stdin = { F_READ, EOF, NULL, 0, 0 };
static FILE file_stdout = { F_WRITE | F_LINEBUF, EOF, stdout_buf, sizeof(stdout_buf), 0 };
static FILE file_stderr = { F_WRITE, EOF, NULL, 0, 0 };

FILE *stdin = &file_stdin;
FILE *stdout = &file_stdout;
FILE *stderr = &file_stderr;

/* All of it, or false with errno set (the console is gone or failed). */
static bool console_write_all(const char *s, size_t n)
{
	while (n) {
		size_t chunk = n < (1u << 30) ? n : (1u << 30); /* the result is an int */
		int r = plat_console_write(s, chunk);

		if (r <= 0) {
			errno = r < 0 ? -r : EIO;
			return false;
		}
		s += r;
		n -= (size_t)r;
	}
	return true;
}

static int stream_flush(FILE *f)
{
	bool ok;

	if (!f->len)
		return 0;
	ok = console_write_all(f->buf, f->len);
	f->len = 0; /* dropped on error too: retrying a dead console helps no one */
	if (!ok) {
		f->flags |= F_ERR;
		return EOF;
	}
	return 0;
}

static int stream_write(FILE *f, const char *s, size_t n)
{
	if (!(f->flags & F_WRITE)) {
		errno = EBADF;
		f->flags |= F_ERR;
		return EOF;
	}
	if (!f->buf || (!f->len && n >= f->cap)) {
		/* Unbuffered, or too big to buffer: straight out, behind stdout's pending text. */
		if (f != &file_stdout)
			stream_flush(&file_stdout);
		if (!console_write_all(s, n)) {
			f->flags |= F_ERR;
			return EOF;
		}
		return 0;
	}
	while (n) {
		size_t room = f->cap - f->len;
		size_t chunk = n < room ? n : room;
		bool nl = (f->flags & F_LINEBUF) && memchr(s, '\n', chunk);

		memcpy(f->buf + f->len, s, chunk);
		f->len += chunk;
		s += chunk;
		n -= chunk;
		if ((nl || f->len == f->cap) && stream_flush(f))
			return EOF;
	}
	return 0;
}

int fflush(FILE *f)
{
	if (!f)
		return stream_flush(&file_stdout) | stream_flush(&file_stderr);
	return f->flags & F_WRITE ? stream_flush(f) : 0;
}

/* ---- formatted output ---- */

struct print_ctx {
	FILE *f;
	bool failed;
	size_t len;
	char buf[128];
};

static void print_drain(struct print_ctx *ctx)
{
	if (ctx->len && !ctx->failed && stream_write(ctx->f, ctx->buf, ctx->len))
		ctx->failed = true;
	ctx->len = 0;
}

static void print_out(void *vctx, const char *s, size_t n)
{
	struct print_ctx *ctx = vctx;

	if (ctx->failed)
		return;
	if (n > sizeof(ctx->buf) - ctx->len) {
		print_drain(ctx);
		if (n >= sizeof(ctx->buf)) {
			if (!ctx->failed && stream_write(ctx->f, s, n))
				ctx->failed = true;
			return;
		}
	}
	memcpy(ctx->buf + ctx->len, s, n);
	ctx->len += n;
}

int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
{
	struct print_ctx ctx;
	int n;

	ctx.f = f;
	ctx.failed = false;
	ctx.len = 0;
	n = fmt_vcbprintf(print_out, &ctx, fmt, ap);
	print_drain(&ctx);
	if (ctx.failed)
		return -1; /* errno set by the write */
	if (n < 0)
		errno = EOVERFLOW;
	return n;
}

int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *__restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *__restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *__restrict buf, size_t size, const char *__restrict fmt, va_list ap)
{
	int n = fmt_vsnprintf(buf, size, fmt, ap);

	if (n < 0)
		errno = EOVERFLOW;
	return n;
}

int snprintf(char *__restrict buf, size_t size, const char *__restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *__restrict buf, const char *__restrict fmt, va_list ap)
{
	/* No result can exceed INT_MAX characters, so this size never truncates. */
	return vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
}

int sprintf(char *__restrict buf, const char *__restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- character and string output ---- */

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return stream_write(f, &ch, 1) ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *__restrict s, FILE *__restrict f)
{
	return stream_write(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	return stream_write(stdout, s, strlen(s)) || stream_write(stdout, "\n", 1) ? EOF : 0;
}

size_t fwrite(const void *__restrict p, size_t size, size_t nmemb, FILE *__restrict f)
{
	if (!size || !nmemb)
		return 0;
	if (nmemb > SIZE_MAX / size) {
		errno = EINVAL;
		f->flags |= F_ERR;
		return 0;
	}
	/* The console takes it all or fails; there is no partial count to report. */
	return stream_write(f, p, size * nmemb) ? 0 : nmemb;
}

/* ---- input ---- */

int fgetc(FILE *f)
{
	unsigned char c;
	int r;

	if (!(f->flags & F_READ)) {
		errno = EBADF;
		f->flags |= F_ERR;
		return EOF;
	}
	if (f->unget != EOF) {
		r = f->unget;
		f->unget = EOF;
		return r;
	}
	stream_flush(&file_stdout); /* a prompt without '\n' must show before we wait */
	/* Non-blocking: nothing waiting reads as EOF. Blocking input comes with threads. */
	r = plat_console_read((char *)&c, 1);
	if (r == 1)
		return c;
	if (r < 0) {
		errno = -r;
		f->flags |= F_ERR;
	} else {
		f->flags |= F_EOF;
	}
	return EOF;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* Stops at '\n', at n - 1 characters, or as soon as no more input is waiting. */
char *fgets(char *__restrict s, int n, FILE *__restrict f)
{
	int i = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);

		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (!i && n > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || !(f->flags & F_READ) || f->unget != EOF)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~F_EOF;
	return f->unget;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

void perror(const char *s)
{
	const char *msg = strerror(errno); /* before anything can change errno */

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
