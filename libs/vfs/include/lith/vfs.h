/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtual filesystem: a mount table, vnodes, path lookup and file descriptors.
 *
 * Two audiences:
 *  - the C library (nolibc's wrappers in libs/vfs/posix.c, newlib's glue in libs/newlib)
 *    calls vfs_open(), vfs_read(), ... which return a value or a -errno and never touch
 *    errno: each libc turns them into POSIX calls with its own errno and types;
 *  - filesystems (ramfs, devfs, 9pfs, linuxu's hostfs) register a struct vfs_fstype and
 *    fill vnodes with struct vfs_vnode_ops.
 *
 * Flag, mode and stat values are Linux's (like <lith/errno.h>), so linuxu passes them to
 * the host unchanged and nolibc's headers use them as they are; newlib's glue translates.
 * Paths are resolved textually ("." and ".." folded against the working directory, no
 * symbolic links), then the longest mount point prefix picks the filesystem. A mount point
 * therefore need not exist in the filesystem below it (/dev on a host folder).
 * Not thread-safe yet: the threads library will add a lock around these calls.
 */
#ifndef LITH_VFS_H
#define LITH_VFS_H

#include <lith/essentials.h>

/* open() flags (Linux x86_64 / generic values). */
#define VFS_O_ACCMODE	0x3
#define VFS_O_RDONLY	0x0
#define VFS_O_WRONLY	0x1
#define VFS_O_RDWR	0x2
#define VFS_O_CREAT	0x40
#define VFS_O_EXCL	0x80
#define VFS_O_NOCTTY	0x100
#define VFS_O_TRUNC	0x200
#define VFS_O_APPEND	0x400
#define VFS_O_NONBLOCK	0x800
#define VFS_O_DIRECTORY 0x10000
#define VFS_O_NOFOLLOW	0x20000
#define VFS_O_CLOEXEC	0x80000

#define VFS_AT_FDCWD		-100
#define VFS_AT_SYMLINK_NOFOLLOW 0x100
#define VFS_AT_REMOVEDIR	0x200

#define VFS_SEEK_SET 0
#define VFS_SEEK_CUR 1
#define VFS_SEEK_END 2

#define VFS_S_IFMT     0170000
#define VFS_S_IFDIR    0040000
#define VFS_S_IFCHR    0020000
#define VFS_S_IFREG    0100000
#define VFS_S_IFLNK    0120000
#define VFS_S_ISDIR(m) (((m)&VFS_S_IFMT) == VFS_S_IFDIR)
#define VFS_S_ISREG(m) (((m)&VFS_S_IFMT) == VFS_S_IFREG)

/* d_type values. */
#define VFS_DT_UNKNOWN 0
#define VFS_DT_CHR     2
#define VFS_DT_DIR     4
#define VFS_DT_REG     8
#define VFS_DT_LNK     10

#define VFS_PATH_MAX 4096
#define VFS_NAME_MAX 255

struct vfs_timespec {
	int64_t tv_sec;
	long tv_nsec;
};

/* Linux x86_64's struct stat, field for field: nolibc's struct stat is this one. */
struct vfs_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	int32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	struct vfs_timespec st_atim;
	struct vfs_timespec st_mtim;
	struct vfs_timespec st_ctim;
	int64_t __reserved[3];
};

struct vfs_dirent {
	uint64_t d_ino;
	unsigned char d_type; /* VFS_DT_* */
	char d_name[VFS_NAME_MAX + 1];
};

struct vfs_vnode;
struct vfs_file;
struct vfs_mount;

/* Any operation may be NULL: the VFS answers -ENOSYS, -ENOTDIR or -EINVAL for it. */
struct vfs_vnode_ops {
	/* Directories. name is one NUL-terminated component, never "." or "..". */
	int (*lookup)(struct vfs_vnode *dir, const char *name, struct vfs_vnode **out);
	int (*create)(struct vfs_vnode *dir, const char *name, unsigned int mode,
		      struct vfs_vnode **out);
	int (*mkdir)(struct vfs_vnode *dir, const char *name, unsigned int mode);
	int (*unlink)(struct vfs_vnode *dir, const char *name);
	int (*rmdir)(struct vfs_vnode *dir, const char *name);
	/* Both directories are on the same mount. Replaces an existing target file. */
	int (*rename)(struct vfs_vnode *olddir, const char *oldname, struct vfs_vnode *newdir,
		      const char *newname);
	/* Any vnode. */
	int (*getattr)(struct vfs_vnode *vn, struct vfs_stat *st);
	int (*truncate)(struct vfs_vnode *vn, uint64_t len);
	/* Called when the last reference goes: free what the filesystem keeps for vn. */
	void (*release)(struct vfs_vnode *vn);
	/* Open files: open may set f->priv; close undoes it. */
	int (*open)(struct vfs_file *f);
	void (*close)(struct vfs_file *f);
	long (*read)(struct vfs_file *f, void *buf, size_t len, int64_t off);
	long (*write)(struct vfs_file *f, const void *buf, size_t len, int64_t off);
	/* One entry at *pos (0 at the start, then whatever the filesystem stores there):
	 * 1 with *ent filled and *pos advanced, 0 at the end, or -errno. */
	int (*readdir)(struct vfs_file *f, int64_t *pos, struct vfs_dirent *ent);
	int (*fsync)(struct vfs_file *f);
};

#define VFS_VN_TTY 0x1 /* isatty() says yes */

struct vfs_vnode {
	const struct vfs_vnode_ops *ops;
	struct vfs_mount *mnt;
	unsigned int refs;
	unsigned int mode;  /* VFS_S_IF* type bits (permissions are the filesystem's) */
	unsigned int flags; /* VFS_VN_* */
	void *priv;
};

struct vfs_file {
	struct vfs_vnode *vn;
	unsigned int refs; /* descriptors sharing it (dup) */
	int flags;	   /* VFS_O_* given to open */
	int64_t off;
	int64_t dirpos; /* readdir position */
	char *path;	/* absolute, for openat() and fchdir-like uses */
	void *priv;	/* the filesystem's per-open state */
};

struct vfs_mount {
	char *path; /* absolute, without a trailing '/' except for "/" */
	const struct vfs_fstype *type;
	struct vfs_vnode *root;
	void *priv;
	struct vfs_mount *next;
};

struct vfs_fstype {
	const char *name;
	/* Fill m->root (a vnode with one reference) and m->priv from dev and opts. */
	int (*mount)(struct vfs_mount *m, const char *dev, const char *opts);
	void (*unmount)(struct vfs_mount *m);
	struct vfs_fstype *next;
};

/* --- for filesystems ------------------------------------------------------------------ */
int vfs_register_fstype(struct vfs_fstype *fs);
/* A new vnode with one reference, or NULL. priv and flags are the caller's to set. */
struct vfs_vnode *vfs_vnode_alloc(struct vfs_mount *m, const struct vfs_vnode_ops *ops,
				  unsigned int mode);
void vfs_vnode_get(struct vfs_vnode *vn);
void vfs_vnode_put(struct vfs_vnode *vn);

/* --- mounts --------------------------------------------------------------------------- */
int vfs_mount(const char *dev, const char *path, const char *fstype, const char *opts);
int vfs_umount(const char *path);

/* --- calls for the C library: a value >= 0, or -errno ------------------------------------- */
int vfs_open(int dirfd, const char *path, int flags, unsigned int mode);
int vfs_close(int fd);
long vfs_read(int fd, void *buf, size_t len);
long vfs_write(int fd, const void *buf, size_t len);
long vfs_pread(int fd, void *buf, size_t len, int64_t off);
long vfs_pwrite(int fd, const void *buf, size_t len, int64_t off);
int64_t vfs_lseek(int fd, int64_t off, int whence);
int vfs_dup(int fd);
int vfs_dup2(int fd, int newfd);
int vfs_fstat(int fd, struct vfs_stat *st);
int vfs_fstatat(int dirfd, const char *path, struct vfs_stat *st, int flags);
int vfs_mkdir(int dirfd, const char *path, unsigned int mode);
int vfs_rmdir(int dirfd, const char *path);
int vfs_unlink(int dirfd, const char *path);
int vfs_rename(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
/* One directory entry per call: 1, 0 at the end, or -errno. */
int vfs_readdir(int fd, struct vfs_dirent *ent);
int vfs_rewinddir(int fd);
/*
 * Implemented by the C library layer (nolibc: libs/vfs/posix.c, newlib: libs/newlib/glue.c):
 * a result >= 0 passes; -errno sets that libc's errno and gives -1.
 */
long lith_libc_ret(long rc);
int vfs_fsync(int fd);
int vfs_ftruncate(int fd, int64_t len);
int vfs_truncate(const char *path, int64_t len);
int vfs_isatty(int fd); /* 1, or -ENOTTY / -EBADF */
int vfs_getcwd(char *buf, size_t size);
int vfs_chdir(const char *path);
int vfs_fchdir(int fd);

/*
 * The value of a kernel parameter (a command line word before a lone "--"), e.g.
 * vfs_kernel_param("lith.root=") -> "guest_fs"; NULL if absent. Here until libs/boot
 * offers kernel parameters to every library.
 */
const char *vfs_kernel_param(const char *key);

/* Root filesystem: the device vfs_rootfs_init() mounted, or NULL. */
const char *vfs_root_device(void);

#endif /* LITH_VFS_H */
