/* SPDX-License-Identifier: BSD-3-Clause */
#define _GNU_SOURCE /* fopencookie */
/*
 * newlib under threads: each thread has its own C library state (errno, strtok, rand, the
 * number conversion buffers), shared FILEs are locked for a whole call, files opened by
 * several threads at once stay apart, and a thread's state is freed when it ends.
 *
 * Threads yield inside the calls they share, so the cooperative scheduler interleaves
 * them as the preemptive one might. One "ok: "/"FAIL: " line per check, then
 * "libcthreads: N failures".
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <lith/alloc.h>

#define NR_THREADS 4
#define ROUNDS	   100

static int failures;

static void check(int good, const char *what)
{
	printf("%s: %s\n", good ? "ok" : "FAIL", what);
	if (!good)
		failures++;
}

/* Run fn in NR_THREADS threads at once; 1 if all of them returned 1. */
static int run_threads(void *(*fn)(void *))
{
	pthread_t t[NR_THREADS];
	void *ret;
	long i, good = 1;

	for (i = 0; i < NR_THREADS; i++)
		if (pthread_create(&t[i], NULL, fn, (void *)i))
			good = 0;
	for (i = 0; i < NR_THREADS; i++)
		if (pthread_join(t[i], &ret) || ret != (void *)1)
			good = 0;
	return (int)good;
}

static void *own_errno(void *arg)
{
	int i, mine = 1000 + (int)(long)arg;

	errno = mine;
	for (i = 0; i < ROUNDS; i++) {
		sched_yield();
		if (errno != mine)
			return NULL;
		/* A failing call sets this thread's errno only. */
		if (i == ROUNDS / 2) {
			if (strtol("99999999999999999999999", NULL, 10) != LONG_MAX ||
			    errno != ERANGE)
				return NULL;
			errno = mine;
		}
	}
	return (void *)1;
}

static void *own_strtok(void *arg)
{
	char text[128], want[16], *tok;
	int i, n = (int)(long)arg;

	snprintf(text, sizeof(text), "a%d b%d c%d d%d e%d f%d g%d h%d", n, n, n, n, n, n, n, n);
	tok = strtok(text, " ");
	for (i = 0; i < 8; i++) {
		snprintf(want, sizeof(want), "%c%d", 'a' + i, n);
		if (!tok || strcmp(tok, want))
			return NULL;
		sched_yield();
		tok = strtok(NULL, " ");
	}
	return (void *)(long)(tok == NULL);
}

static int rand_want[NR_THREADS][ROUNDS];

static void *own_rand(void *arg)
{
	int i, n = (int)(long)arg;

	srand((unsigned int)n + 1);
	for (i = 0; i < ROUNDS; i++) {
		if (rand() != rand_want[n][i])
			return NULL;
		sched_yield();
	}
	return (void *)1;
}

static char conv_want[NR_THREADS][ROUNDS][32];

static double conv_value(int n, int i)
{
	return (n + 1) * 1234.5678e-3 * (i + 1) / 7.0;
}

/* Number conversions use per-thread big-number buffers (newlib's mprec). */
static void *own_conversions(void *arg)
{
	char buf[32];
	int i, n = (int)(long)arg;

	for (i = 0; i < ROUNDS; i++) {
		snprintf(buf, sizeof(buf), "%.17e", conv_value(n, i));
		if (strcmp(buf, conv_want[n][i]) || strtod(buf, NULL) != conv_value(n, i))
			return NULL;
		sched_yield();
	}
	return (void *)1;
}

/*
 * One FILE shared by all threads, with a tiny buffer and a write function that yields:
 * every fprintf is flushed in pieces and gives the CPU away in the middle. Without the
 * FILE's lock, other threads would write into the buffer in between.
 */
static char sink[NR_THREADS * ROUNDS * 64];
static size_t sink_len;
static FILE *shared;

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	sched_yield();
	if (sink_len + n > sizeof(sink))
		return -1;
	memcpy(sink + sink_len, buf, n);
	sink_len += n;
	sched_yield();
	return (ssize_t)n;
}

static void *shared_writer(void *arg)
{
	int i, n = (int)(long)arg;

	for (i = 0; i < ROUNDS; i++)
		if (fprintf(shared, "<T%d:%04d:the quick brown fox jumps>\n", n, i) < 0)
			return NULL;
	return (void *)1;
}

/* Every record whole, each thread's in order, none missing. */
static int sink_intact(void)
{
	int next[NR_THREADS] = { 0 }, t, i, used;
	size_t off = 0;
	char tail[40];

	while (off < sink_len) {
		if (sscanf(sink + off, "<T%d:%4d:%39[^\n]\n%n", &t, &i, tail, &used) != 3)
			return 0;
		if (t < 0 || t >= NR_THREADS || i != next[t]++ ||
		    strcmp(tail, "the quick brown fox jumps>"))
			return 0;
		off += (size_t)used;
	}
	for (t = 0; t < NR_THREADS; t++)
		if (next[t] != ROUNDS)
			return 0;
	return 1;
}

/* Each thread its own file, opened, written, read back and removed at the same time. */
static void *own_file(void *arg)
{
	char path[32], line[64], want[64];
	int i, n = (int)(long)arg, good = 1;
	FILE *f;

	snprintf(path, sizeof(path), "/thread%d.txt", n);
	f = fopen(path, "w+");
	/* Unbuffered: every line is a write call of its own, through the VFS to the root. */
	if (!f || setvbuf(f, NULL, _IONBF, 0))
		return NULL;
	for (i = 0; i < ROUNDS && good; i++) {
		good = fprintf(f, "thread %d line %d\n", n, i) > 0;
		sched_yield();
	}
	rewind(f);
	for (i = 0; i < ROUNDS && good; i++) {
		snprintf(want, sizeof(want), "thread %d line %d\n", n, i);
		good = fgets(line, sizeof(line), f) && !strcmp(line, want);
		sched_yield();
	}
	good &= fgetc(f) == EOF && fclose(f) == 0 && remove(path) == 0;
	return (void *)(long)good;
}

/*
 * Appends from every thread to one file, without yielding: only preemption interleaves
 * them, anywhere, so the VFS's own state (the file's size and offset, ramfs's buffer) must
 * be changed by one thread at a time. Raw write() calls: no stdio lock in between.
 */
#define APPENDS 50000

static void *appender(void *arg)
{
	char line[16];
	int i, n = (int)(long)arg, len, good = 1;
	int fd = open("/shared.log", O_WRONLY | O_CREAT | O_APPEND, 0644);

	if (fd < 0)
		return NULL;
	for (i = 0; i < APPENDS && good; i++) {
		len = snprintf(line, sizeof(line), "T%d %04d\n", n, i);
		good = write(fd, line, (size_t)len) == len;
	}
	return (void *)(long)(close(fd) == 0 && good);
}

/* Every line whole, each thread's in order, none lost or doubled. */
static int appends_intact(void)
{
	int next[NR_THREADS] = { 0 }, t, i, good = 1;
	FILE *f = fopen("/shared.log", "r");
	char line[32], want[32];

	if (!f)
		return 0;
	while (good && fgets(line, sizeof(line), f)) {
		good = sscanf(line, "T%d %d", &t, &i) == 2 && t >= 0 && t < NR_THREADS &&
		       i == next[t]++;
		snprintf(want, sizeof(want), "T%d %04d\n", t, i);
		good = good && !strcmp(line, want);
	}
	for (t = 0; t < NR_THREADS; t++)
		good &= next[t] == APPENDS;
	return fclose(f) == 0 && remove("/shared.log") == 0 && good;
}

/* The console: lines from threads printing at once stay whole (the script checks). */
static void *console_writer(void *arg)
{
	int i, n = (int)(long)arg;

	for (i = 0; i < ROUNDS / 5; i++) {
		printf("console T%d %03d the quick brown fox jumps over the lazy dog\n", n, i);
		if (i % 5 == 0)
			sched_yield();
	}
	return (void *)1;
}

static void *libc_user(void *arg)
{
	char buf[64];
	int i;

	for (i = 0; i < 20; i++)
		snprintf(buf, sizeof(buf), "%.30e %s", 1.0 / (i + 3), strerror(i));
	srand(7);
	errno = rand();
	return (void *)1;
}

int main(int argc, char *argv[])
{
	struct lith_alloc_stats before, after;
	static char buf[16];
	int n, i;

	errno = 7;
	check(run_threads(own_errno), "errno is per thread");
	check(errno == 7, "main's errno untouched by the threads");

	check(run_threads(own_strtok), "strtok state is per thread");

	for (n = 0; n < NR_THREADS; n++) {
		srand((unsigned int)n + 1);
		for (i = 0; i < ROUNDS; i++)
			rand_want[n][i] = rand();
	}
	check(run_threads(own_rand), "rand state is per thread");

	for (n = 0; n < NR_THREADS; n++)
		for (i = 0; i < ROUNDS; i++)
			snprintf(conv_want[n][i], sizeof(conv_want[n][i]), "%.17e",
				 conv_value(n, i));
	check(run_threads(own_conversions), "number conversions in threads at once");

	shared = fopencookie(NULL, "w", (cookie_io_functions_t){ .write = sink_write });
	check(shared && setvbuf(shared, buf, _IOFBF, sizeof(buf)) == 0, "a FILE over a cookie");
	check(run_threads(shared_writer), "threads share a FILE that yields inside every write");
	check(fclose(shared) == 0 && sink_intact(), "the shared FILE got whole records in order");

	check(run_threads(own_file), "threads write and read back files at the same time");
	check(run_threads(appender) && appends_intact(),
	      "threads append to one file at once: every line whole, in order, none lost");
	check(run_threads(console_writer), "threads print to the console at once");
	fflush(stdout);

	/* Warm up (stdio's first allocations are for good), then nothing may stay behind. */
	check(run_threads(libc_user), "threads use strerror, rand and floating-point printf");
	lith_alloc_stats(&before);
	for (i = 0, n = 1; i < 25; i++)
		n &= run_threads(libc_user);
	check(n, "25 more rounds of them");
	lith_alloc_stats(&after);
	check(after.used == before.used, "ended threads leave no C library memory behind");
	if (after.used != before.used)
		printf("used before %zu after %zu\n", before.used, after.used);

	printf("libcthreads: %d failures\n", failures);
	return failures ? 1 : 0;
}
