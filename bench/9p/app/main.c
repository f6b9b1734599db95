/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P throughput (bench/9p/run.sh): writes a file of MIB MiB to the 9pfs root in CHUNK-byte
 * write() calls, fsyncs and closes it, then reads it back in CHUNK-byte read() calls and
 * checks every chunk. Each phase is timed with CLOCK_MONOTONIC from open() to close();
 * the content check of the read phase is timed apart and left out of read_ns.
 * usage: bench9p [MIB [CHUNK]]   (defaults 64 and 65536)
 * prints: LITH9P write_bytes=<n> write_ns=<n> chunk=<n>
 *         LITH9P read_bytes=<n> read_ns=<n> check_ns=<n> chunk=<n>
 *         LITH9P ok | LITH9P FAIL <reason>
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PATH "/bench9p.dat"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * The content: a fixed pseudo-random chunk (xorshift64) whose first 8 bytes are replaced
 * by the chunk's number, so that a chunk read from the wrong offset fails the check.
 */
static void fill_template(uint8_t *buf, size_t len)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)x;
	}
}

static int fail(const char *what)
{
	printf("LITH9P FAIL %s: errno %d\n", what, errno);
	return 1;
}

int main(int argc, char *argv[])
{
	unsigned long mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 64;
	unsigned long chunk = argc > 2 ? strtoul(argv[2], NULL, 0) : 65536;
	uint64_t total, done, t0, t1, tc, check_ns = 0;
	uint8_t *tmpl, *buf;
	ssize_t n;
	int fd;

	if (!mib || chunk < 16 || (mib << 20) % chunk) {
		printf("LITH9P FAIL usage: MIB > 0, CHUNK >= 16 dividing MIB MiB\n");
		return 2;
	}
	total = (uint64_t)mib << 20;
	tmpl = malloc(chunk);
	buf = malloc(chunk);
	if (!tmpl || !buf)
		return fail("malloc");
	fill_template(tmpl, chunk);

	t0 = now_ns();
	fd = open(PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fail("open for writing");
	for (done = 0; done < total; done += (uint64_t)n) {
		uint64_t idx = done / chunk;

		memcpy(tmpl, &idx, sizeof(idx));
		n = write(fd, tmpl, chunk);
		if (n != (ssize_t)chunk)
			return fail("write");
	}
	if (fsync(fd) < 0)
		return fail("fsync");
	if (close(fd) < 0)
		return fail("close after writing");
	t1 = now_ns();
	printf("LITH9P write_bytes=%llu write_ns=%llu chunk=%lu\n", (unsigned long long)total,
	       (unsigned long long)(t1 - t0), chunk);

	t0 = now_ns();
	fd = open(PATH, O_RDONLY);
	if (fd < 0)
		return fail("open for reading");
	for (done = 0; done < total; done += (uint64_t)n) {
		uint64_t idx = done / chunk;

		n = read(fd, buf, chunk);
		if (n != (ssize_t)chunk)
			return fail(n == 0 ? "read: early end of file" : "read");
		tc = now_ns();
		memcpy(tmpl, &idx, sizeof(idx));
		if (memcmp(buf, tmpl, chunk)) {
			printf("LITH9P FAIL content differs in chunk %llu\n",
			       (unsigned long long)idx);
			return 1;
		}
		check_ns += now_ns() - tc;
	}
	n = read(fd, buf, chunk);
	if (n != 0)
		return fail("read past the end");
	if (close(fd) < 0)
		return fail("close after reading");
	t1 = now_ns();
	printf("LITH9P read_bytes=%llu read_ns=%llu check_ns=%llu chunk=%lu\n",
	       (unsigned long long)total, (unsigned long long)(t1 - t0 - check_ns),
	       (unsigned long long)check_ns, chunk);
	printf("LITH9P ok\n");
	return 0;
}
