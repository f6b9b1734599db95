/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX file calls for nolibc: each one is a vfs_*() call whose -errno becomes errno and
 * -1. nolibc's struct stat is struct vfs_stat and its flags are the VFS's, so nothing is
 * translated. (newlib has its own glue, libs/newlib.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <lith/vfs.h>

_Static_assert(sizeof(struct stat) == sizeof(struct vfs_stat), "struct stat is vfs_stat");
_Static_assert(offsetof(struct stat, st_size) == offsetof(struct vfs_stat, st_size),
	       "struct stat is vfs_stat");
_Static_assert(O_CREAT == VFS_O_CREAT && O_TRUNC == VFS_O_TRUNC && O_APPEND == VFS_O_APPEND &&
		       O_DIRECTORY == VFS_O_DIRECTORY && AT_FDCWD == VFS_AT_FDCWD,
	       "nolibc's flags are the VFS's");

/* A result >= 0, or -1 with errno set. */
long lith_libc_ret(long rc)
{
	if (rc < 0) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return lith_libc_ret(vfs_open(dirfd, path, flags, mode));
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return lith_libc_ret(vfs_open(AT_FDCWD, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return lith_libc_ret(vfs_open(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode));
}

ssize_t read(int fd, void *buf, size_t len)
{
	return lith_libc_ret(vfs_read(fd, buf, len));
}

ssize_t write(int fd, const void *buf, size_t len)
{
	/* Console output goes through nolibc's stdout so the two stay in order. */
	if (fd == STDOUT_FILENO || fd == STDERR_FILENO)
		fflush(stdout);
	return lith_libc_ret(vfs_write(fd, buf, len));
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return lith_libc_ret(vfs_pread(fd, buf, len, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return lith_libc_ret(vfs_pwrite(fd, buf, len, off));
}

off_t lseek(int fd, off_t off, int whence)
{
	return lith_libc_ret(vfs_lseek(fd, off, whence));
}

int close(int fd)
{
	return lith_libc_ret(vfs_close(fd));
}

int dup(int fd)
{
	return lith_libc_ret(vfs_dup(fd));
}

int dup2(int fd, int newfd)
{
	return lith_libc_ret(vfs_dup2(fd, newfd));
}

int unlink(const char *path)
{
	return lith_libc_ret(vfs_unlink(AT_FDCWD, path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return lith_libc_ret(-EINVAL);
	return lith_libc_ret(flags ? vfs_rmdir(dirfd, path) : vfs_unlink(dirfd, path));
}

int rmdir(const char *path)
{
	return lith_libc_ret(vfs_rmdir(AT_FDCWD, path));
}

int remove(const char *path)
{
	int rc = vfs_unlink(AT_FDCWD, path);

	if (rc == -EISDIR)
		rc = vfs_rmdir(AT_FDCWD, path);
	return lith_libc_ret(rc);
}

int rename(const char *oldpath, const char *newpath)
{
	return lith_libc_ret(vfs_rename(AT_FDCWD, oldpath, AT_FDCWD, newpath));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return lith_libc_ret(vfs_rename(olddirfd, oldpath, newdirfd, newpath));
}

int fsync(int fd)
{
	return lith_libc_ret(vfs_fsync(fd));
}

int ftruncate(int fd, off_t len)
{
	return lith_libc_ret(vfs_ftruncate(fd, len));
}

int truncate(const char *path, off_t len)
{
	return lith_libc_ret(vfs_truncate(path, len));
}

int isatty(int fd)
{
	return lith_libc_ret(vfs_isatty(fd)) == 1;
}

char *getcwd(char *buf, size_t size)
{
	int rc = vfs_getcwd(buf, size);

	if (rc < 0) {
		errno = -rc;
		return NULL;
	}
	return buf;
}

int chdir(const char *path)
{
	return lith_libc_ret(vfs_chdir(path));
}

int fchdir(int fd)
{
	return lith_libc_ret(vfs_fchdir(fd));
}

int stat(const char *path, struct stat *st)
{
	return lith_libc_ret(vfs_fstatat(AT_FDCWD, path, (struct vfs_stat *)st, 0));
}

int lstat(const char *path, struct stat *st)
{
	return lith_libc_ret(
		vfs_fstatat(AT_FDCWD, path, (struct vfs_stat *)st, AT_SYMLINK_NOFOLLOW));
}

int fstat(int fd, struct stat *st)
{
	return lith_libc_ret(vfs_fstat(fd, (struct vfs_stat *)st));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return lith_libc_ret(vfs_fstatat(dirfd, path, (struct vfs_stat *)st, flags));
}

int mkdir(const char *path, mode_t mode)
{
	return lith_libc_ret(vfs_mkdir(AT_FDCWD, path, mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return lith_libc_ret(vfs_mkdir(dirfd, path, mode));
}
