/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host tests of libs/vfs: path folding, mounts, descriptors, ramfs and the initrd (cpio
 * newc) reader, including malformed archives (built with ASan+UBSan by the test script).
 * Last line: "vfs: N passed, F failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lith/vfs.h>
#include "../../unit/check.h"

int test_ramfs_register(void);
int vfs_devfs_init(void);
int vfs_cpio_extract(const char *path, const void *archive, size_t len);

void *lith_malloc(size_t n);
void *lith_calloc(size_t n, size_t s);
void *lith_realloc(void *p, size_t n);
void lith_free(void *p);

void *lith_malloc(size_t n)
{
	return malloc(n ? n : 1);
}
void *lith_calloc(size_t n, size_t s)
{
	return calloc(n ? n : 1, s ? s : 1);
}
void *lith_realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}
void lith_free(void *p)
{
	free(p);
}

#define O_RW_CREAT (VFS_O_RDWR | VFS_O_CREAT)
#define CWD	   VFS_AT_FDCWD

static char *cpio;
static size_t cpio_len;

static void cpio_add(const char *name, unsigned int mode, const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = data ? strlen(data) : 0;

	cpio = realloc(cpio, cpio_len + 110 + nlen + dlen + 8);
	cpio_len += sprintf(cpio + cpio_len,
			    "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X", 1, mode,
			    0, 0, 1, 0, dlen, 0, 0, 0, 0, nlen, 0);
	memcpy(cpio + cpio_len, name, nlen);
	cpio_len += nlen;
	while (cpio_len % 4)
		cpio[cpio_len++] = 0;
	if (dlen)
		memcpy(cpio + cpio_len, data, dlen);
	cpio_len += dlen;
	while (cpio_len % 4)
		cpio[cpio_len++] = 0;
}

static int read_all(const char *path, char *buf, size_t size)
{
	int fd = vfs_open(CWD, path, VFS_O_RDONLY, 0);
	long n;

	if (fd < 0)
		return fd;
	n = vfs_read(fd, buf, size - 1);
	vfs_close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return (int)n;
}

static void test_paths(void)
{
	char buf[64], cwd[64], longname[300];
	struct vfs_stat st;
	int fd;

	CHECK(vfs_mkdir(CWD, "/x", 0755) == 0);
	CHECK(vfs_mkdir(CWD, "/x/y", 0755) == 0);
	fd = vfs_open(CWD, "x//y/./../../f", O_RW_CREAT, 0644); /* folds to /f */
	CHECK(fd >= 3 && vfs_write(fd, "abc", 3) == 3 && vfs_close(fd) == 0);
	CHECK(vfs_fstatat(CWD, "/f", &st, 0) == 0 && st.st_size == 3 && VFS_S_ISREG(st.st_mode));
	CHECK(vfs_chdir("/x/y") == 0 && vfs_getcwd(cwd, sizeof(cwd)) == 0 && !strcmp(cwd, "/x/y"));
	CHECK(read_all("../../f", buf, sizeof(buf)) == 3 && !strcmp(buf, "abc"));
	CHECK(read_all("../../../../../f", buf, sizeof(buf)) == 3); /* ".." stops at / */
	CHECK(vfs_getcwd(cwd, 4) == -34 /* ERANGE */);
	CHECK(vfs_chdir("/f") == -20 /* ENOTDIR */);
	CHECK(vfs_chdir("/") == 0);
	CHECK(vfs_open(CWD, "", VFS_O_RDONLY, 0) == -2);
	CHECK(vfs_open(CWD, "/f/g", VFS_O_RDONLY, 0) == -20);
	memset(longname, 'a', 257); /* a 256-byte name */
	longname[0] = '/';
	longname[257] = '\0';
	CHECK(vfs_open(CWD, longname, O_RW_CREAT, 0644) == -36 /* ENAMETOOLONG */);
	CHECK(vfs_open(CWD, "/x", VFS_O_WRONLY, 0) == -21 /* EISDIR */);
	CHECK(vfs_open(CWD, "/f", VFS_O_RDONLY | VFS_O_DIRECTORY, 0) == -20);
	CHECK(vfs_open(CWD, "/f", VFS_O_ACCMODE, 0) == -22);

	/* openat against a directory descriptor, and a file descriptor. */
	fd = vfs_open(CWD, "/x", VFS_O_RDONLY, 0);
	CHECK(fd >= 0);
	CHECK(vfs_open(fd, "y/../../f", VFS_O_RDONLY, 0) >= 0);
	CHECK(vfs_open(99, "f", VFS_O_RDONLY, 0) == -9 /* EBADF */);
	CHECK(vfs_open(vfs_open(CWD, "/f", VFS_O_RDONLY, 0), "g", VFS_O_RDONLY, 0) == -20);
	CHECK(vfs_unlink(CWD, "/x") == -21 && vfs_rmdir(CWD, "/x") == -39 /* ENOTEMPTY */);
	CHECK(vfs_rmdir(CWD, "/") == -16 /* EBUSY */);
	for (fd = 3; fd < 16; fd++)
		vfs_close(fd);
}

static void test_files(void)
{
	char buf[64];
	int fd, fd2, i;

	fd = vfs_open(CWD, "/hole", O_RW_CREAT | VFS_O_EXCL, 0600);
	CHECK(fd >= 0);
	CHECK(vfs_lseek(fd, 10, VFS_SEEK_SET) == 10 && vfs_write(fd, "z", 1) == 1);
	CHECK(vfs_pread(fd, buf, 20, 0) == 11 && buf[0] == 0 && buf[9] == 0 && buf[10] == 'z');
	CHECK(vfs_lseek(fd, -1, VFS_SEEK_SET) == -22 && vfs_lseek(fd, 0, 7) == -22);
	CHECK(vfs_ftruncate(fd, 2) == 0 && vfs_lseek(fd, 0, VFS_SEEK_END) == 2);
	fd2 = vfs_dup2(fd, 15);
	CHECK(fd2 == 15 && vfs_dup2(fd, 16) == -9);
	CHECK(vfs_close(fd) == 0 && vfs_write(15, "q", 1) == 1 && vfs_close(15) == 0);
	CHECK(vfs_close(15) == -9);
	/* Descriptors run out cleanly; 0-2 are the console. */
	for (i = 0; i < 20; i++)
		if (vfs_open(CWD, "/hole", VFS_O_RDONLY, 0) < 0)
			break;
	CHECK(i == 16 - 3);
	CHECK(vfs_open(CWD, "/hole", VFS_O_RDONLY, 0) == -24 /* EMFILE */);
	for (i = 3; i < 16; i++)
		vfs_close(i);
	CHECK(vfs_isatty(1) == 1 && vfs_write(1, "", 0) == 0);
	CHECK(vfs_unlink(CWD, "/hole") == 0 && vfs_unlink(CWD, "/hole") == -2);
}

static void test_mounts(void)
{
	struct vfs_dirent e;
	char buf[16];
	int fd, n = 0;

	CHECK(vfs_mount("x", "/mnt", "ramfs", NULL) == 0); /* no /mnt below: still fine */
	CHECK(vfs_mount("x", "/mnt", "ramfs", NULL) == -16);
	CHECK(vfs_mount("x", "/other", "nosuchfs", NULL) == -19);
	fd = vfs_open(CWD, "/mnt/m", O_RW_CREAT, 0644);
	CHECK(fd >= 0 && vfs_write(fd, "m", 1) == 1);
	CHECK(vfs_rename(CWD, "/mnt/m", CWD, "/m") == -18 /* EXDEV */);
	CHECK(vfs_rename(CWD, "/mnt/m", CWD, "/mnt/n") == 0);
	CHECK(vfs_umount("/mnt") == -16); /* fd still open */
	CHECK(vfs_close(fd) == 0 && vfs_umount("/mnt") == 0 && vfs_umount("/mnt") == -22);
	CHECK(read_all("/mnt/n", buf, sizeof(buf)) == -2);

	fd = vfs_open(CWD, "/dev", VFS_O_RDONLY, 0);
	while (vfs_readdir(fd, &e) == 1)
		n++;
	CHECK(n == 3 && vfs_rewinddir(fd) == 0 && vfs_readdir(fd, &e) == 1);
	vfs_close(fd);
	CHECK(read_all("/dev/zero", buf, 8) == 7 && buf[0] == 0);
}

static void test_cpio(void)
{
	char buf[64], *bad;
	size_t i;

	cpio_add(".", 040755, NULL);
	cpio_add("./etc", 040755, NULL);
	cpio_add("./etc/motd", 0100644, "hi from initrd\n");
	cpio_add("empty", 0100600, "");
	cpio_add("link", 0120777, "etc/motd");
	cpio_add("TRAILER!!!", 0, NULL);
	CHECK(vfs_cpio_extract("/", cpio, cpio_len) == 0);
	CHECK(read_all("/etc/motd", buf, sizeof(buf)) == 15 && !strcmp(buf, "hi from initrd\n"));
	CHECK(read_all("/empty", buf, sizeof(buf)) == 0);
	CHECK(read_all("/link", buf, sizeof(buf)) == -2); /* skipped */

	/* Every truncation, and a few corruptions, fail cleanly (ASan watches the reads). */
	for (i = 0; i < cpio_len - 4; i += 3) {
		bad = malloc(i ? i : 1);
		memcpy(bad, cpio, i);
		CHECK(vfs_cpio_extract("/", bad, i) <= 0);
		free(bad);
	}
	bad = malloc(cpio_len);
	memcpy(bad, cpio, cpio_len);
	memcpy(bad + 94, "FFFFFFFF", 8); /* name size beyond the archive */
	CHECK(vfs_cpio_extract("/", bad, cpio_len) == -22);
	memcpy(bad, cpio, cpio_len);
	memcpy(bad + 54, "7FFFFFFF", 8); /* file size beyond the archive */
	CHECK(vfs_cpio_extract("/", bad, cpio_len) == -22);
	memcpy(bad, cpio, cpio_len);
	bad[3] = 'x'; /* magic */
	CHECK(vfs_cpio_extract("/", bad, cpio_len) == -22);
	memcpy(bad, cpio, cpio_len);
	memcpy(bad + 54, "0000000G", 8); /* not hex */
	CHECK(vfs_cpio_extract("/", bad, cpio_len) == -22);
	free(bad);
}

int main(void)
{
	CHECK(test_ramfs_register() == 0);
	CHECK(vfs_devfs_init() == 0);
	CHECK(vfs_open(CWD, "/f", VFS_O_RDONLY, 0) == -2); /* nothing mounted */
	CHECK(vfs_mount("ram", "/", "ramfs", NULL) == 0);
	CHECK(vfs_mount(NULL, "/dev", "devfs", NULL) == 0);
	test_paths();
	test_files();
	test_mounts();
	test_cpio();
	free(cpio);
	printf("vfs: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
