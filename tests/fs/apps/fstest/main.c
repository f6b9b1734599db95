/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File system checks through raw POSIX calls (and, with newlib, through stdio), on
 * whatever the root is: write and read back, a 16 MiB round trip with a checksum,
 * directory listing, rename, unlink, dup, lseek, pread/pwrite, truncate, /dev.
 * The work happens in /fstest.d (argv[1] overrides), removed at the end.
 * Last line: "fstest: N checks, F failures"; the exit status is F (capped).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int checks, failures;

#define CHECK(cond)                                                                      \
	do {                                                                             \
		checks++;                                                                \
		if (!(cond)) {                                                           \
			failures++;                                                      \
			printf("FAIL line %d: %s (errno %d)\n", __LINE__, #cond, errno); \
		}                                                                        \
	} while (0)

#define BIG    (16u << 20)
#define WCHUNK 65521 /* odd sizes so that chunks straddle every boundary */
#define RCHUNK 4093

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint8_t next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint8_t)rng;
}

/* FNV-1a, 64 bits. */
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ull;
	}
	return h;
}

int access_ok(const char *path);

static char path_buf[4][512];
static const char *dir;

static const char *P(int slot, const char *name)
{
	snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s", dir, name);
	return path_buf[slot];
}

static void small_files(void)
{
	static const char msg[] = "hello, file\n";
	char buf[64];
	struct stat st;
	int fd, fd2;

	fd = open(P(0, "a.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 3);
	CHECK(write(fd, msg, sizeof(msg) - 1) == (ssize_t)sizeof(msg) - 1);
	CHECK(close(fd) == 0);
	CHECK(stat(P(0, "a.txt"), &st) == 0 && S_ISREG(st.st_mode) &&
	      st.st_size == sizeof(msg) - 1);

	fd = open(P(0, "a.txt"), O_RDWR);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK(read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(msg) - 1 && !strcmp(buf, msg));
	CHECK(read(fd, buf, sizeof(buf)) == 0); /* end of file */
	CHECK(lseek(fd, 7, SEEK_SET) == 7);
	CHECK(read(fd, buf, 4) == 4 && !memcmp(buf, "file", 4));
	CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
	CHECK(pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "HELLO", 5));
	CHECK(lseek(fd, 0, SEEK_CUR) == 11); /* pread/pwrite leave the offset alone */
	CHECK(lseek(fd, 0, SEEK_END) == (off_t)sizeof(msg) - 1);
	fd2 = dup(fd);
	CHECK(fd2 > fd);
	CHECK(lseek(fd2, 0, SEEK_SET) == 0 && lseek(fd, 0, SEEK_CUR) == 0); /* shared offset */
	CHECK(dup2(fd, 40) == 40);
	CHECK(close(40) == 0 && close(fd2) == 0);
	CHECK(ftruncate(fd, 3) == 0 && fstat(fd, &st) == 0 && st.st_size == 3);
	CHECK(fsync(fd) == 0);
	CHECK(close(fd) == 0);
	CHECK(close(fd) == -1 && errno == EBADF);

	fd = open(P(0, "a.txt"), O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "LO!", 3) == 3 && close(fd) == 0);
	fd = open(P(0, "a.txt"), O_RDONLY);
	memset(buf, 0, sizeof(buf));
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 6 && !strcmp(buf, "HELLO!"));
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF); /* read-only descriptor */
	close(fd);

	CHECK(open(P(0, "a.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644) == -1 && errno == EEXIST);
	CHECK(open(P(0, "missing"), O_RDONLY) == -1 && errno == ENOENT);
	CHECK(open(P(0, "a.txt/x"), O_RDONLY) == -1 && errno == ENOTDIR);
}

static void big_file(void)
{
	uint8_t *buf = malloc(WCHUNK);
	uint64_t hw = 0xcbf29ce484222325ull, hr = 0xcbf29ce484222325ull;
	size_t done = 0;
	struct stat st;
	int fd;

	CHECK(buf != NULL);
	if (!buf)
		return;
	fd = open(P(0, "big.bin"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	while (done < BIG) {
		size_t n = BIG - done < WCHUNK ? BIG - done : WCHUNK, i;
		ssize_t w;

		for (i = 0; i < n; i++)
			buf[i] = next_byte();
		hw = fnv(hw, buf, n);
		w = write(fd, buf, n);
		if (w != (ssize_t)n) {
			CHECK(w == (ssize_t)n);
			break;
		}
		done += n;
	}
	CHECK(close(fd) == 0);
	CHECK(stat(P(0, "big.bin"), &st) == 0 && st.st_size == BIG);

	fd = open(P(0, "big.bin"), O_RDONLY);
	CHECK(fd >= 0);
	done = 0;
	for (;;) {
		ssize_t n = read(fd, buf, RCHUNK);

		if (n <= 0) {
			CHECK(n == 0);
			break;
		}
		hr = fnv(hr, buf, n);
		done += n;
	}
	close(fd);
	CHECK(done == BIG);
	CHECK(hr == hw);
	printf("big file: %u bytes, checksum %016llx %s\n", BIG, (unsigned long long)hr,
	       hr == hw ? "matches" : "DIFFERS");
	free(buf);
}

static void directories(void)
{
	int seen_b = 0, seen_sub = 0, seen_big = 0, n = 0, fd;
	struct dirent *e;
	char cwd[256];
	DIR *d;

	CHECK(mkdir(P(0, "sub"), 0755) == 0);
	CHECK(mkdir(P(0, "sub"), 0755) == -1 && errno == EEXIST);
	CHECK(rename(P(0, "a.txt"), P(1, "b.txt")) == 0);
	CHECK(!access_ok(P(0, "a.txt")));
	d = opendir(dir);
	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		n++;
		if (!strcmp(e->d_name, "b.txt"))
			seen_b++;
		if (!strcmp(e->d_name, "sub") && e->d_type == DT_DIR)
			seen_sub++;
		if (!strcmp(e->d_name, "big.bin"))
			seen_big++;
		CHECK(strcmp(e->d_name, "a.txt") != 0);
	}
	if (d)
		closedir(d);
	CHECK(n == 3 && seen_b == 1 && seen_sub == 1 && seen_big == 1);
	printf("listing: %d entries\n", n);

	/* Relative paths and openat against the working directory and a directory fd. */
	CHECK(chdir(dir) == 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL && !strcmp(cwd, dir));
	fd = open("sub/../sub/./c.txt", O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0 && close(fd) == 0);
	fd = open("sub", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK(rename("b.txt", "sub/b.txt") == 0);
	CHECK(openat(fd, "b.txt", O_RDONLY) >= 0);
	CHECK(rmdir("sub") == -1 && errno == ENOTEMPTY);
	CHECK(unlink("sub/b.txt") == 0 && unlink("sub/c.txt") == 0);
	CHECK(unlink("sub/b.txt") == -1 && errno == ENOENT);
	CHECK(rmdir("sub") == 0);
	CHECK(chdir("/") == 0);
}

int access_ok(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void devices(void)
{
	char buf[8] = "xxxxxxx";
	int fd;

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0 && write(fd, "gone", 4) == 4 && read(fd, buf, 8) == 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 8) == 8 && !buf[0] && !buf[7]);
	close(fd);
	CHECK(isatty(1) == 1 && isatty(fd) == 0);
	CHECK(write(1, "console: ok\n", 12) == 12);
}

#if CONFIG_LIBNEWLIB
static void stdio_files(void)
{
	char line[64];
	FILE *f = fopen(P(0, "s.txt"), "w");
	long sz;

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(fprintf(f, "%s %d %zu %.2f\n", "stdio", 42, (size_t)7, 2.5) > 0);
	CHECK(fclose(f) == 0);
	f = fopen(P(0, "s.txt"), "a+");
	CHECK(f && fputs("second\n", f) >= 0 && fclose(f) == 0);
	f = fopen(P(0, "s.txt"), "r");
	CHECK(f && fgets(line, sizeof(line), f) && !strcmp(line, "stdio 42 7 2.50\n"));
	CHECK(f && fgets(line, sizeof(line), f) && !strcmp(line, "second\n"));
	CHECK(f && !fgets(line, sizeof(line), f) && feof(f));
	CHECK(f && fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) == 23);
	if (f)
		fclose(f);
	CHECK(rename(P(0, "s.txt"), P(1, "t.txt")) == 0 && remove(P(1, "t.txt")) == 0);
	CHECK(fopen(P(0, "s.txt"), "r") == NULL && errno == ENOENT);

	/* 16 MiB through stdio's buffers. */
	{
		uint64_t hw = 0xcbf29ce484222325ull, hr = hw;
		static uint8_t b[8191];
		size_t done = 0, n;

		f = fopen(P(0, "big.stdio"), "wb");
		CHECK(f != NULL);
		while (f && done < BIG) {
			size_t i;

			n = BIG - done < sizeof(b) ? BIG - done : sizeof(b);
			for (i = 0; i < n; i++)
				b[i] = next_byte();
			hw = fnv(hw, b, n);
			if (fwrite(b, 1, n, f) != n)
				break;
			done += n;
		}
		CHECK(f && fclose(f) == 0 && done == BIG);
		f = fopen(P(0, "big.stdio"), "rb");
		done = 0;
		while (f && (n = fread(b, 1, 1000, f)) > 0) {
			hr = fnv(hr, b, n);
			done += n;
		}
		CHECK(f && fclose(f) == 0 && done == BIG && hr == hw);
		printf("stdio big file: %u bytes, checksum %s\n", BIG,
		       hr == hw ? "matches" : "DIFFERS");
		CHECK(unlink(P(0, "big.stdio")) == 0);
	}
}
#endif

int main(int argc, char *argv[])
{
	dir = argc > 1 ? argv[1] : "/fstest.d";
	CHECK(mkdir(dir, 0755) == 0);
	small_files();
	big_file();
	directories();
	devices();
#if CONFIG_LIBNEWLIB
	stdio_files();
#endif
	CHECK(unlink(P(0, "big.bin")) == 0);
	CHECK(rmdir(dir) == 0);
	CHECK(rmdir(dir) == -1 && errno == ENOENT);
	printf("fstest: %d checks, %d failures\n", checks, failures);
	return failures > 100 ? 100 : failures;
}
