/* SPDX-License-Identifier: BSD-3-Clause */
/* Strings, messages, files and child processes for the lith tool. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lith.h"

void *xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fputs("lith: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("lith: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static char *vasprintf_x(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vasprintf_x(fmt, ap);
	va_end(ap);
	return s;
}

void strv_push(struct strv *sv, const char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = xstrdup(s);
	sv->v[sv->n] = NULL;
}

void strv_pushf(struct strv *sv, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vasprintf_x(fmt, ap);
	va_end(ap);
	strv_push(sv, s);
	free(s);
}

bool strv_has(const struct strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return true;
	return false;
}

char *strv_join(const struct strv *sv, const char *sep)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + strlen(sep);
	s = xmalloc(len);
	for (i = 0; i < sv->n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, sv->v[i]);
	}
	return s;
}

void strv_free(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void error(const char *fmt, ...)
{
	va_list ap;

	fputs("lith: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void note(const char *fmt, ...)
{
	va_list ap;

	fputs("lith: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

bool is_exec(const char *path)
{
	return is_file(path) && !access(path, X_OK);
}

bool in_path(const char *prog)
{
	const char *p = getenv("PATH");
	bool found = false;
	char *dirs, *d, *save = NULL;

	if (!p)
		p = "/usr/bin:/bin:/usr/sbin:/sbin";
	dirs = xstrdup(p);
	for (d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		char *f = xasprintf("%s/%s", *d ? d : ".", prog);

		found = is_exec(f);
		free(f);
	}
	free(dirs);
	return found;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0, got;
	char *buf;

	if (!f)
		return NULL;
	buf = xmalloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int write_file(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int rc = 0;

	if (!f) {
		error("cannot write %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	fputs(text, f);
	if (fclose(f) || rename(tmp, path)) {
		error("cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

int mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0777) && errno != EEXIST)
		rc = -1;
	if (rc)
		error("cannot create %s: %s", path, strerror(errno));
	free(p);
	return rc;
}

/* A word as a shell would need it typed: as is when it is safe, else in single quotes. */
char *shell_quote(const char *w)
{
	const char *s;
	size_t n = 3;
	char *q, *o;

	if (*w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			    "_,./:=@%+-") == strlen(w))
		return xstrdup(w);
	for (s = w; *s; s++)
		n += *s == '\'' ? 4 : 1;
	q = o = xmalloc(n);
	*o++ = '\'';
	for (s = w; *s; s++) {
		if (*s == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *s;
		}
	}
	*o = '\'';
	return q;
}

void print_cmd(FILE *f, const struct strv *argv)
{
	size_t i;

	for (i = 0; i < argv->n; i++) {
		char *q = shell_quote(argv->v[i]);

		fprintf(f, "%s%s", i ? " " : "", q);
		free(q);
	}
	fputc('\n', f);
}

static int wait_status(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 127;
}

int run_cmd(const struct strv *argv)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		error("cannot start %s: %s", argv->v[0], strerror(errno));
		return 127;
	}
	if (!pid) {
		execvp(argv->v[0], argv->v);
		fprintf(stderr, "lith: error: cannot run %s: %s\n", argv->v[0], strerror(errno));
		_exit(127);
	}
	return wait_status(pid);
}

int run_lines(const struct strv *argv, void (*fn)(const char *line, void *arg), void *arg)
{
	int fd[2], rc;
	pid_t pid;
	FILE *in;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fflush(NULL);
	if (pipe(fd)) {
		error("pipe: %s", strerror(errno));
		return 127;
	}
	pid = fork();
	if (pid < 0) {
		error("cannot start %s: %s", argv->v[0], strerror(errno));
		close(fd[0]);
		close(fd[1]);
		return 127;
	}
	if (!pid) {
		close(fd[0]);
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[1]);
		execvp(argv->v[0], argv->v);
		fprintf(stderr, "lith: error: cannot run %s: %s\n", argv->v[0], strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	in = fdopen(fd[0], "r");
	if (!in) {
		close(fd[0]);
		return wait_status(pid);
	}
	while ((n = getline(&line, &cap, in)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		fn(line, arg);
	}
	free(line);
	fclose(in);
	rc = wait_status(pid);
	return rc;
}
