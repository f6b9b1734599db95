/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's system calls on Lith: files and the console through the VFS (or straight to the
 * console without it), malloc and friends on the kernel allocator, time from the platform
 * clocks, exit through the boot library.
 *
 * Naming: x86_64-elf newlib calls the plain names (write, sbrk, ...), aarch64-elf the
 * underscored ones (_write, _sbrk, ...). Each call is defined under its plain name with the
 * underscored one as an alias, so both builds link to the same code.
 *
 * newlib's O_* flags and errno values differ from Lith's (which are Linux's): they are
 * translated here, at the libc boundary, and nowhere else.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <reent.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <lith/alloc.h>
#include <lith/boot.h>
#include <lith/init.h>
#include <plat/console.h>
#include <plat/time.h>
#if CONFIG_LIBVFS
#include <lith/vfs.h>
#endif

#define ALIAS(name) __attribute__((alias(#name)))

/* Lith's (Linux's) error numbers above 34 differ from newlib's: map the ones we return. */
static int newlib_errno(int e)
{
	switch (e) {
	case 35:
		return EDEADLK;
	case 36:
		return ENAMETOOLONG;
	case 37:
		return ENOLCK;
	case 38:
		return ENOSYS;
	case 39:
		return ENOTEMPTY;
	case 40:
		return ELOOP;
	case 42:
		return ENOMSG;
	case 61:
		return ENODATA;
	case 62:
		return ETIME;
	case 71:
		return EPROTO;
	case 74:
		return EBADMSG;
	case 75:
		return EOVERFLOW;
	case 84:
		return EILSEQ;
	case 95:
		return ENOTSUP;
	case 98:
		return EADDRINUSE;
	case 110:
		return ETIMEDOUT;
	case 111:
		return ECONNREFUSED;
	case 114:
		return EALREADY;
	case 115:
		return EINPROGRESS;
	case 125:
		return ECANCELED;
	default:
		return e <= 34 ? e : EIO;
	}
}

/* A Lith result: >= 0 passes, -errno becomes errno and -1. */
long lith_libc_ret(long rc)
{
	if (rc < 0) {
		errno = newlib_errno((int)-rc);
		return -1;
	}
	return rc;
}

/* --- memory: the kernel allocator ----------------------------------------------------------- */

void *malloc(size_t n)
{
	void *p = lith_malloc(n);

	if (!p)
		errno = ENOMEM;
	return p;
}

void free(void *p)
{
	lith_free(p);
}

void *calloc(size_t n, size_t size)
{
	void *p = lith_calloc(n, size);

	if (!p)
		errno = ENOMEM;
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q = lith_realloc(p, n);

	if (!q && n)
		errno = ENOMEM;
	return q;
}

void *memalign(size_t align, size_t n)
{
	return lith_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
	return lith_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	return lith_posix_memalign(out, align, n);
}

size_t malloc_usable_size(void *p)
{
	return lith_malloc_usable_size(p);
}

/* newlib's own code allocates through the reentrant names. */
void *_malloc_r(struct _reent *r, size_t n)
{
	return malloc(n);
}

void _free_r(struct _reent *r, void *p)
{
	lith_free(p);
}

void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
	return calloc(n, size);
}

void *_realloc_r(struct _reent *r, void *p, size_t n)
{
	return realloc(p, n);
}

void *_memalign_r(struct _reent *r, size_t align, size_t n)
{
	return lith_memalign(align, n);
}

size_t _malloc_usable_size_r(struct _reent *r, void *p)
{
	return lith_malloc_usable_size(p);
}

/* Nothing should grow a break: all allocation is the kernel allocator's. */
void *sbrk(ptrdiff_t incr)
{
	errno = ENOMEM;
	return (void *)-1;
}
void *_sbrk(ptrdiff_t incr) ALIAS(sbrk);

/* --- process ---------------------------------------------------------------------------- */

void _exit(int status)
{
	lith_exit(status);
}

int getpid(void)
{
	return 1;
}
int _getpid(void) ALIAS(getpid);

/* raise() and abort() end here: any signal to ourselves is fatal. */
int kill(int pid, int sig)
{
	if (pid != 1) {
		errno = ESRCH;
		return -1;
	}
	lith_abort(sig == 6 ? "abort() called" : "signal raised");
}
int _kill(int pid, int sig) ALIAS(kill);

int fork(void)
{
	errno = ENOSYS;
	return -1;
}
int _fork(void) ALIAS(fork);

int execve(const char *path, char *const argv[], char *const envp[])
{
	errno = ENOSYS;
	return -1;
}
int _execve(const char *path, char *const argv[], char *const envp[]) ALIAS(execve);

int wait(int *status)
{
	errno = ECHILD;
	return -1;
}
int _wait(int *status) ALIAS(wait);

/* --- time --------------------------------------------------------------------------------- */

int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = plat_time_wall_ns();

	if (tv) {
		tv->tv_sec = (time_t)(ns / NSEC_PER_SEC);
		tv->tv_usec = (suseconds_t)(ns % NSEC_PER_SEC / 1000);
	}
	return 0;
}
int _gettimeofday(struct timeval *tv, void *tz) ALIAS(gettimeofday);

int clock_gettime(clockid_t id, struct timespec *ts)
{
	uint64_t ns;

	if (id == CLOCK_REALTIME)
		ns = plat_time_wall_ns();
	else if (id == CLOCK_MONOTONIC)
		ns = plat_time_monotonic_ns();
	else
		return lith_libc_ret(-22 /* EINVAL */);
	ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return 0;
}

int clock_getres(clockid_t id, struct timespec *res)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return lith_libc_ret(-22 /* EINVAL */);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1; /* the clocks count nanoseconds */
	}
	return 0;
}

clock_t times(struct tms *t)
{
	clock_t c = (clock_t)(plat_time_monotonic_ns() / (NSEC_PER_SEC / CLOCKS_PER_SEC));

	if (t) {
		t->tms_utime = c;
		t->tms_stime = 0;
		t->tms_cutime = 0;
		t->tms_cstime = 0;
	}
	return c;
}
clock_t _times(struct tms *t) ALIAS(times);

/* --- files ---------------------------------------------------------------------------------- */

#if CONFIG_LIBVFS
static int vfs_flags(int f)
{
	int v = f & O_ACCMODE; /* 0, 1, 2 everywhere */

	if (f & O_CREAT)
		v |= VFS_O_CREAT;
	if (f & O_EXCL)
		v |= VFS_O_EXCL;
	if (f & O_TRUNC)
		v |= VFS_O_TRUNC;
	if (f & O_APPEND)
		v |= VFS_O_APPEND;
	if (f & O_NONBLOCK)
		v |= VFS_O_NONBLOCK;
#ifdef O_DIRECTORY
	if (f & O_DIRECTORY)
		v |= VFS_O_DIRECTORY;
#endif
#ifdef O_CLOEXEC
	if (f & O_CLOEXEC)
		v |= VFS_O_CLOEXEC;
#endif
	return v;
}

static void to_stat(const struct vfs_stat *v, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = (dev_t)v->st_dev;
	st->st_ino = (ino_t)v->st_ino;
	st->st_mode = (mode_t)v->st_mode; /* S_IF* and permission bits are the same values */
	st->st_nlink = (nlink_t)v->st_nlink;
	st->st_uid = (uid_t)v->st_uid;
	st->st_gid = (gid_t)v->st_gid;
	st->st_rdev = (dev_t)v->st_rdev;
	st->st_size = (off_t)v->st_size;
	st->st_blksize = (blksize_t)v->st_blksize;
	st->st_blocks = (blkcnt_t)v->st_blocks;
	st->st_atim.tv_sec = v->st_atim.tv_sec;
	st->st_atim.tv_nsec = v->st_atim.tv_nsec;
	st->st_mtim.tv_sec = v->st_mtim.tv_sec;
	st->st_mtim.tv_nsec = v->st_mtim.tv_nsec;
	st->st_ctim.tv_sec = v->st_ctim.tv_sec;
	st->st_ctim.tv_nsec = v->st_ctim.tv_nsec;
}

int open(const char *path, int flags, ...)
{
	unsigned int mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	return lith_libc_ret(vfs_open(VFS_AT_FDCWD, path, vfs_flags(flags), mode));
}
int _open(const char *path, int flags, ...) ALIAS(open);

int openat(int dirfd, const char *path, int flags, ...)
{
	unsigned int mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	return lith_libc_ret(
		vfs_open(dirfd == AT_FDCWD ? VFS_AT_FDCWD : dirfd, path, vfs_flags(flags), mode));
}

int close(int fd)
{
	return lith_libc_ret(vfs_close(fd));
}
int _close(int fd) ALIAS(close);

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t n)
{
	return lith_libc_ret(vfs_read(fd, buf, n));
}
_READ_WRITE_RETURN_TYPE _read(int fd, void *buf, size_t n) ALIAS(read);

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t n)
{
	return lith_libc_ret(vfs_write(fd, buf, n));
}
_READ_WRITE_RETURN_TYPE _write(int fd, const void *buf, size_t n) ALIAS(write);

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return lith_libc_ret(vfs_pread(fd, buf, n, off));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return lith_libc_ret(vfs_pwrite(fd, buf, n, off));
}

off_t lseek(int fd, off_t off, int whence)
{
	return lith_libc_ret(vfs_lseek(fd, off, whence)); /* SEEK_* are 0, 1, 2 everywhere */
}
off_t _lseek(int fd, off_t off, int whence) ALIAS(lseek);

int fstat(int fd, struct stat *st)
{
	struct vfs_stat v;
	int rc = vfs_fstat(fd, &v);

	if (rc >= 0)
		to_stat(&v, st);
	return lith_libc_ret(rc);
}
int _fstat(int fd, struct stat *st) ALIAS(fstat);

int stat(const char *path, struct stat *st)
{
	struct vfs_stat v;
	int rc = vfs_fstatat(VFS_AT_FDCWD, path, &v, 0);

	if (rc >= 0)
		to_stat(&v, st);
	return lith_libc_ret(rc);
}
int _stat(const char *path, struct stat *st) ALIAS(stat);

int lstat(const char *path, struct stat *st)
{
	return stat(path, st); /* no symbolic links in the VFS */
}

int isatty(int fd)
{
	return lith_libc_ret(vfs_isatty(fd)) == 1;
}
int _isatty(int fd) ALIAS(isatty);

int unlink(const char *path)
{
	return lith_libc_ret(vfs_unlink(VFS_AT_FDCWD, path));
}
int _unlink(const char *path) ALIAS(unlink);

int rename(const char *oldpath, const char *newpath)
{
	return lith_libc_ret(vfs_rename(VFS_AT_FDCWD, oldpath, VFS_AT_FDCWD, newpath));
}
int _rename(const char *oldpath, const char *newpath) ALIAS(rename);

int link(const char *oldpath, const char *newpath)
{
	return lith_libc_ret(-38 /* ENOSYS: no hard links */);
}
int _link(const char *oldpath, const char *newpath) ALIAS(link);

int mkdir(const char *path, mode_t mode)
{
	return lith_libc_ret(vfs_mkdir(VFS_AT_FDCWD, path, mode));
}
int _mkdir(const char *path, mode_t mode) ALIAS(mkdir);

int rmdir(const char *path)
{
	return lith_libc_ret(vfs_rmdir(VFS_AT_FDCWD, path));
}

int dup(int fd)
{
	return lith_libc_ret(vfs_dup(fd));
}

int dup2(int fd, int newfd)
{
	return lith_libc_ret(vfs_dup2(fd, newfd));
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

char *getcwd(char *buf, size_t size)
{
	int rc = vfs_getcwd(buf, size);

	if (rc < 0) {
		lith_libc_ret(rc);
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

#else /* !CONFIG_LIBVFS: the console is all there is */

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t n)
{
	if (fd != 1 && fd != 2)
		return lith_libc_ret(-9 /* EBADF */);
	return lith_libc_ret(plat_console_write(buf, n));
}
_READ_WRITE_RETURN_TYPE _write(int fd, const void *buf, size_t n) ALIAS(write);

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t n)
{
	if (fd != 0)
		return lith_libc_ret(-9 /* EBADF */);
	return lith_libc_ret(plat_console_read(buf, n));
}
_READ_WRITE_RETURN_TYPE _read(int fd, void *buf, size_t n) ALIAS(read);

int close(int fd)
{
	return lith_libc_ret(fd >= 0 && fd <= 2 ? 0 : -9);
}
int _close(int fd) ALIAS(close);

off_t lseek(int fd, off_t off, int whence)
{
	return lith_libc_ret(-29 /* ESPIPE */);
}
off_t _lseek(int fd, off_t off, int whence) ALIAS(lseek);

int fstat(int fd, struct stat *st)
{
	if (fd < 0 || fd > 2)
		return lith_libc_ret(-9);
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
	return 0;
}
int _fstat(int fd, struct stat *st) ALIAS(fstat);

int isatty(int fd)
{
	return fd >= 0 && fd <= 2;
}
int _isatty(int fd) ALIAS(isatty);

int open(const char *path, int flags, ...)
{
	return lith_libc_ret(-2 /* ENOENT: no filesystem */);
}
int _open(const char *path, int flags, ...) ALIAS(open);
#endif

/* stdio buffers reach their files before the image powers off, however main ended. */
static int newlib_init(void)
{
	return 0;
}

static void newlib_term(void)
{
	fflush(NULL);
}
lith_initcall_late(newlib_init, newlib_term);
