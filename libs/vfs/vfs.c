/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VFS core: filesystem types, mounts, vnode references, path resolution and the
 * descriptor table. See lith/vfs.h for the model.
 */
#include <string.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <lith/vfs.h>
#include "vfs_internal.h"
#if CONFIG_LIBSCHED
#include <lith/sync.h>
#endif

static struct vfs_fstype *fstypes;
static struct vfs_mount *mounts;
static struct vfs_file *fdtab[CONFIG_LIBVFS_MAX_FDS];
static char cwd[VFS_PATH_MAX] = "/";

#if CONFIG_LIBSCHED
static struct lith_mutex vfs_mutex = LITH_MUTEX_RECURSIVE_INIT;

int vfs_lock(void)
{
	lith_mutex_lock(&vfs_mutex);
	return 0;
}

void vfs_unlock(int *unused)
{
	lith_mutex_unlock(&vfs_mutex);
}
#endif

char *vfs_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = lith_malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* --- filesystem types and vnodes ---------------------------------------------------------- */

int vfs_register_fstype(struct vfs_fstype *fs)
{
	VFS_LOCKED();
	struct vfs_fstype *t;

	for (t = fstypes; t; t = t->next)
		if (!strcmp(t->name, fs->name))
			return -EEXIST;
	fs->next = fstypes;
	fstypes = fs;
	return 0;
}

struct vfs_vnode *vfs_vnode_alloc(struct vfs_mount *m, const struct vfs_vnode_ops *ops,
				  unsigned int mode)
{
	struct vfs_vnode *vn = lith_calloc(1, sizeof(*vn));

	if (!vn)
		return NULL;
	vn->ops = ops;
	vn->mnt = m;
	vn->refs = 1;
	vn->mode = mode;
	return vn;
}

void vfs_vnode_get(struct vfs_vnode *vn)
{
	vn->refs++;
}

void vfs_vnode_put(struct vfs_vnode *vn)
{
	if (!vn || --vn->refs)
		return;
	if (vn->ops->release)
		vn->ops->release(vn);
	else
		lith_free(vn);
}

/* --- paths -------------------------------------------------------------------------------- */

/*
 * Fold path against base (an absolute path) into out: "/a/b", no ".", "..", "//" or
 * trailing '/'. ".." above the root stays at the root, as POSIX says.
 */
static int path_fold(const char *base, const char *path, char *out)
{
	size_t n = 0;
	int pass;

	if (!*path)
		return -ENOENT;
	out[0] = '\0';
	for (pass = path[0] == '/' ? 1 : 0; pass < 2; pass++) {
		const char *p = pass ? path : base;

		while (*p) {
			const char *s;
			size_t len;

			while (*p == '/')
				p++;
			s = p;
			while (*p && *p != '/')
				p++;
			len = p - s;
			if (!len || (len == 1 && s[0] == '.'))
				continue;
			if (len == 2 && s[0] == '.' && s[1] == '.') {
				while (n > 0 && out[n - 1] != '/')
					n--;
				if (n > 0)
					n--;
				out[n] = '\0';
				continue;
			}
			if (len > VFS_NAME_MAX)
				return -ENAMETOOLONG;
			if (n + 1 + len + 1 > VFS_PATH_MAX)
				return -ENAMETOOLONG;
			out[n++] = '/';
			memcpy(out + n, s, len);
			n += len;
			out[n] = '\0';
		}
	}
	if (!n) {
		out[0] = '/';
		out[1] = '\0';
	}
	return 0;
}

static struct vfs_file *fd_get(int fd)
{
	if (fd < 0 || fd >= CONFIG_LIBVFS_MAX_FDS)
		return NULL;
	return fdtab[fd];
}

/* The absolute form of (dirfd, path) in out. */
static int path_abs(int dirfd, const char *path, char *out)
{
	const char *base = cwd;

	if (!path)
		return -EFAULT;
	if (path[0] != '/' && dirfd != VFS_AT_FDCWD) {
		struct vfs_file *f = fd_get(dirfd);

		if (!f)
			return -EBADF;
		if (!VFS_S_ISDIR(f->vn->mode))
			return -ENOTDIR;
		base = f->path;
	}
	return path_fold(base, path, out);
}

/* The mount whose path is the longest prefix of abs; *rest points past it. */
static struct vfs_mount *mount_find(const char *abs, const char **rest)
{
	struct vfs_mount *m, *best = NULL;
	size_t bestlen = 0;

	for (m = mounts; m; m = m->next) {
		size_t len = strlen(m->path);

		if (len == 1) { /* "/" */
			if (!best) {
				best = m;
				bestlen = 0;
			}
			continue;
		}
		if (strncmp(abs, m->path, len) || (abs[len] != '\0' && abs[len] != '/'))
			continue;
		if (len > bestlen || !best) {
			best = m;
			bestlen = len;
		}
	}
	if (best)
		*rest = abs + bestlen;
	return best;
}

/* Walk the absolute path abs; *out gets a referenced vnode. */
static int walk(const char *abs, struct vfs_vnode **out)
{
	const char *rest;
	struct vfs_mount *m = mount_find(abs, &rest);
	struct vfs_vnode *vn;
	char name[VFS_NAME_MAX + 1];

	if (!m)
		return -ENOENT;
	vn = m->root;
	vfs_vnode_get(vn);
	while (*rest) {
		const char *s;
		struct vfs_vnode *next;
		size_t len;
		int rc;

		while (*rest == '/')
			rest++;
		if (!*rest)
			break;
		s = rest;
		while (*rest && *rest != '/')
			rest++;
		len = rest - s;
		memcpy(name, s, len);
		name[len] = '\0';
		if (!VFS_S_ISDIR(vn->mode))
			rc = -ENOTDIR;
		else if (!vn->ops->lookup)
			rc = -ENOENT;
		else
			rc = vn->ops->lookup(vn, name, &next);
		vfs_vnode_put(vn);
		if (rc < 0)
			return rc;
		vn = next;
	}
	*out = vn;
	return 0;
}

static bool is_mountpoint(const char *abs)
{
	struct vfs_mount *m;

	for (m = mounts; m; m = m->next)
		if (!strcmp(m->path, abs))
			return true;
	return false;
}

/*
 * The parent directory of abs (referenced) and its last component in name. The parent
 * must be on the same mount as the entry: an entry that is a mount point is busy.
 */
static int walk_parent(const char *abs, struct vfs_vnode **dir, char *name)
{
	char parent[VFS_PATH_MAX];
	const char *slash = strrchr(abs, '/');
	size_t plen = slash - abs;
	int rc;

	if (!slash[1])
		return -EBUSY; /* the root */
	if (is_mountpoint(abs))
		return -EBUSY;
	memcpy(parent, abs, plen ? plen : 1);
	parent[plen ? plen : 1] = '\0';
	strcpy(name, slash + 1);
	rc = walk(parent, dir);
	if (rc < 0)
		return rc;
	if (!VFS_S_ISDIR((*dir)->mode)) {
		vfs_vnode_put(*dir);
		return -ENOTDIR;
	}
	return 0;
}

/* --- mounts ------------------------------------------------------------------------------- */

int vfs_mount(const char *dev, const char *path, const char *fstype, const char *opts)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX];
	struct vfs_fstype *t;
	struct vfs_mount *m;
	int rc;

	rc = path_fold("/", path, abs);
	if (rc < 0)
		return rc;
	if (is_mountpoint(abs))
		return -EBUSY;
	for (t = fstypes; t; t = t->next)
		if (!strcmp(t->name, fstype))
			break;
	if (!t)
		return -ENODEV;
	m = lith_calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->path = vfs_strdup(abs);
	m->type = t;
	if (!m->path) {
		lith_free(m);
		return -ENOMEM;
	}
	rc = t->mount(m, dev ? dev : "", opts ? opts : "");
	if (rc < 0 || !m->root) {
		lith_free(m->path);
		lith_free(m);
		return rc < 0 ? rc : -EIO;
	}
	m->next = mounts;
	mounts = m;
	lith_pr_info("mounted %s (%s) on %s\n", dev ? dev : "-", fstype, abs);
	return 0;
}

int vfs_umount(const char *path)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX];
	struct vfs_mount **pp, *m;
	int i, rc;

	rc = path_fold("/", path, abs);
	if (rc < 0)
		return rc;
	for (pp = &mounts; (m = *pp); pp = &m->next)
		if (!strcmp(m->path, abs))
			break;
	if (!m)
		return -EINVAL;
	for (i = 0; i < CONFIG_LIBVFS_MAX_FDS; i++)
		if (fdtab[i] && fdtab[i]->vn->mnt == m)
			return -EBUSY;
	*pp = m->next;
	vfs_vnode_put(m->root);
	if (m->type->unmount)
		m->type->unmount(m);
	lith_free(m->path);
	lith_free(m);
	return 0;
}

/* --- descriptors -------------------------------------------------------------------------- */

static int fd_alloc(int from, struct vfs_file *f)
{
	int fd;

	for (fd = from; fd < CONFIG_LIBVFS_MAX_FDS; fd++) {
		if (!fdtab[fd]) {
			fdtab[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

static void file_put(struct vfs_file *f)
{
	if (--f->refs)
		return;
	if (f->vn->ops->close)
		f->vn->ops->close(f);
	vfs_vnode_put(f->vn);
	lith_free(f->path);
	lith_free(f);
}

/* A file on vn (takes over the caller's reference) at abs, opened with flags. */
static int file_open(struct vfs_vnode *vn, const char *abs, int flags, struct vfs_file **out)
{
	struct vfs_file *f = lith_calloc(1, sizeof(*f));
	int rc;

	if (!f) {
		vfs_vnode_put(vn);
		return -ENOMEM;
	}
	f->vn = vn;
	f->refs = 1;
	f->flags = flags;
	f->path = vfs_strdup(abs);
	if (!f->path) {
		vfs_vnode_put(vn);
		lith_free(f);
		return -ENOMEM;
	}
	if (vn->ops->open) {
		rc = vn->ops->open(f);
		if (rc < 0) {
			vfs_vnode_put(vn);
			lith_free(f->path);
			lith_free(f);
			return rc;
		}
	}
	*out = f;
	return 0;
}

int vfs_install_file(int fd, struct vfs_vnode *vn, const char *path, int flags)
{
	VFS_LOCKED();
	struct vfs_file *f;
	int rc;

	if (fd < 0 || fd >= CONFIG_LIBVFS_MAX_FDS || fdtab[fd])
		return -EBADF;
	vfs_vnode_get(vn);
	rc = file_open(vn, path, flags, &f);
	if (rc < 0)
		return rc;
	fdtab[fd] = f;
	return fd;
}

int vfs_open(int dirfd, const char *path, int flags, unsigned int mode)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX], name[VFS_NAME_MAX + 1];
	struct vfs_vnode *vn, *dir;
	struct vfs_file *f;
	int acc = flags & VFS_O_ACCMODE, rc, fd;

	if (acc == VFS_O_ACCMODE)
		return -EINVAL;
	rc = path_abs(dirfd, path, abs);
	if (rc < 0)
		return rc;
	rc = walk(abs, &vn);
	if (rc == -ENOENT && (flags & VFS_O_CREAT)) {
		rc = walk_parent(abs, &dir, name);
		if (rc < 0)
			return rc;
		rc = dir->ops->create ? dir->ops->create(dir, name, mode & 07777, &vn) : -EROFS;
		vfs_vnode_put(dir);
		if (rc < 0)
			return rc;
		flags &= ~VFS_O_TRUNC; /* new and empty */
	} else if (rc < 0) {
		return rc;
	} else if ((flags & (VFS_O_CREAT | VFS_O_EXCL)) == (VFS_O_CREAT | VFS_O_EXCL)) {
		vfs_vnode_put(vn);
		return -EEXIST;
	}
	if (VFS_S_ISDIR(vn->mode) && (acc != VFS_O_RDONLY || (flags & VFS_O_CREAT))) {
		vfs_vnode_put(vn);
		return -EISDIR;
	}
	if ((flags & VFS_O_DIRECTORY) && !VFS_S_ISDIR(vn->mode)) {
		vfs_vnode_put(vn);
		return -ENOTDIR;
	}
	if ((flags & VFS_O_TRUNC) && acc != VFS_O_RDONLY && VFS_S_ISREG(vn->mode)) {
		rc = vn->ops->truncate ? vn->ops->truncate(vn, 0) : -EINVAL;
		if (rc < 0) {
			vfs_vnode_put(vn);
			return rc;
		}
	}
	rc = file_open(vn, abs, flags, &f);
	if (rc < 0)
		return rc;
	fd = fd_alloc(0, f);
	if (fd < 0)
		file_put(f);
	return fd;
}

int vfs_close(int fd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	fdtab[fd] = NULL;
	file_put(f);
	return 0;
}

static long do_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	if ((f->flags & VFS_O_ACCMODE) == VFS_O_WRONLY)
		return -EBADF;
	if (VFS_S_ISDIR(f->vn->mode))
		return -EISDIR;
	if (!f->vn->ops->read)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	if (!len)
		return 0;
	return f->vn->ops->read(f, buf, len, off);
}

static long do_write(struct vfs_file *f, const void *buf, size_t len, int64_t off)
{
	if ((f->flags & VFS_O_ACCMODE) == VFS_O_RDONLY)
		return -EBADF;
	if (!f->vn->ops->write)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	if (!len)
		return 0;
	return f->vn->ops->write(f, buf, len, off);
}

long vfs_read(int fd, void *buf, size_t len)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);
	long n;

	if (!f)
		return -EBADF;
	n = do_read(f, buf, len, f->off);
	if (n > 0)
		f->off += n;
	return n;
}

long vfs_write(int fd, const void *buf, size_t len)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);
	long n;

	if (!f)
		return -EBADF;
	if ((f->flags & VFS_O_APPEND) && VFS_S_ISREG(f->vn->mode)) {
		struct vfs_stat st;
		int rc = f->vn->ops->getattr ? f->vn->ops->getattr(f->vn, &st) : -EINVAL;

		if (rc < 0)
			return rc;
		f->off = st.st_size;
	}
	n = do_write(f, buf, len, f->off);
	if (n > 0)
		f->off += n;
	return n;
}

long vfs_pread(int fd, void *buf, size_t len, int64_t off)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!VFS_S_ISREG(f->vn->mode) && !VFS_S_ISDIR(f->vn->mode))
		return -ESPIPE;
	return do_read(f, buf, len, off);
}

long vfs_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!VFS_S_ISREG(f->vn->mode))
		return -ESPIPE;
	return do_write(f, buf, len, off);
}

int64_t vfs_lseek(int fd, int64_t off, int whence)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);
	int64_t base;

	if (!f)
		return -EBADF;
	if ((f->vn->mode & VFS_S_IFMT) == VFS_S_IFCHR)
		return -ESPIPE;
	switch (whence) {
	case VFS_SEEK_SET:
		base = 0;
		break;
	case VFS_SEEK_CUR:
		base = f->off;
		break;
	case VFS_SEEK_END: {
		struct vfs_stat st;
		int rc = f->vn->ops->getattr ? f->vn->ops->getattr(f->vn, &st) : -EINVAL;

		if (rc < 0)
			return rc;
		base = st.st_size;
		break;
	}
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->off = base + off;
	if (VFS_S_ISDIR(f->vn->mode) && f->off == 0)
		f->dirpos = 0;
	return f->off;
}

int vfs_dup(int fd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = fd_alloc(0, f);
	if (nfd >= 0)
		f->refs++;
	return nfd;
}

int vfs_dup2(int fd, int newfd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f || newfd < 0 || newfd >= CONFIG_LIBVFS_MAX_FDS)
		return -EBADF;
	if (fd == newfd)
		return newfd;
	if (fdtab[newfd])
		vfs_close(newfd);
	f->refs++;
	fdtab[newfd] = f;
	return newfd;
}

static int getattr(struct vfs_vnode *vn, struct vfs_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = vn->mode;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return vn->ops->getattr ? vn->ops->getattr(vn, st) : 0;
}

int vfs_fstat(int fd, struct vfs_stat *st)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	return getattr(f->vn, st);
}

int vfs_fstatat(int dirfd, const char *path, struct vfs_stat *st, int flags)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX];
	struct vfs_vnode *vn;
	int rc = path_abs(dirfd, path, abs);

	if (rc < 0)
		return rc;
	rc = walk(abs, &vn);
	if (rc < 0)
		return rc;
	rc = getattr(vn, st);
	vfs_vnode_put(vn);
	return rc;
}

/* Resolve (dirfd, path) to its parent directory and name, then call op on them. */
#define PARENT_OP(dirfd, path, opname, ...)                                                       \
	({                                                                                        \
		char abs_[VFS_PATH_MAX], name_[VFS_NAME_MAX + 1];                                 \
		struct vfs_vnode *dir_;                                                           \
		int rc_ = path_abs(dirfd, path, abs_);                                            \
		if (rc_ >= 0)                                                                     \
			rc_ = walk_parent(abs_, &dir_, name_);                                    \
		if (rc_ >= 0) {                                                                   \
			rc_ = dir_->ops->opname ? dir_->ops->opname(dir_, name_, ##__VA_ARGS__) : \
						  -EROFS;                                         \
			vfs_vnode_put(dir_);                                                      \
		}                                                                                 \
		rc_;                                                                              \
	})

int vfs_mkdir(int dirfd, const char *path, unsigned int mode)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX];
	int rc = path_abs(dirfd, path, abs);

	if (rc < 0)
		return rc;
	if (is_mountpoint(abs))
		return -EEXIST;
	return PARENT_OP(dirfd, path, mkdir, mode & 07777);
}

int vfs_rmdir(int dirfd, const char *path)
{
	VFS_LOCKED();
	return PARENT_OP(dirfd, path, rmdir);
}

int vfs_unlink(int dirfd, const char *path)
{
	VFS_LOCKED();
	return PARENT_OP(dirfd, path, unlink);
}

int vfs_rename(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	VFS_LOCKED();
	char oabs[VFS_PATH_MAX], nabs[VFS_PATH_MAX];
	char oname[VFS_NAME_MAX + 1], nname[VFS_NAME_MAX + 1];
	struct vfs_vnode *odir, *ndir;
	int rc;

	rc = path_abs(olddirfd, oldpath, oabs);
	if (rc >= 0)
		rc = path_abs(newdirfd, newpath, nabs);
	if (rc < 0)
		return rc;
	if (!strcmp(oabs, nabs))
		return 0;
	rc = walk_parent(oabs, &odir, oname);
	if (rc < 0)
		return rc;
	rc = walk_parent(nabs, &ndir, nname);
	if (rc < 0) {
		vfs_vnode_put(odir);
		return rc;
	}
	if (odir->mnt != ndir->mnt)
		rc = -EXDEV;
	else if (!odir->ops->rename)
		rc = -EROFS;
	else
		rc = odir->ops->rename(odir, oname, ndir, nname);
	vfs_vnode_put(odir);
	vfs_vnode_put(ndir);
	return rc;
}

int vfs_readdir(int fd, struct vfs_dirent *ent)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!VFS_S_ISDIR(f->vn->mode))
		return -ENOTDIR;
	if (!f->vn->ops->readdir)
		return 0;
	return f->vn->ops->readdir(f, &f->dirpos, ent);
}

int vfs_rewinddir(int fd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	f->dirpos = 0;
	return 0;
}

int vfs_fsync(int fd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	return f->vn->ops->fsync ? f->vn->ops->fsync(f) : 0;
}

int vfs_ftruncate(int fd, int64_t len)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (len < 0 || !VFS_S_ISREG(f->vn->mode))
		return -EINVAL;
	if ((f->flags & VFS_O_ACCMODE) == VFS_O_RDONLY)
		return -EBADF;
	return f->vn->ops->truncate ? f->vn->ops->truncate(f->vn, len) : -EINVAL;
}

int vfs_truncate(const char *path, int64_t len)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX];
	struct vfs_vnode *vn;
	int rc = path_abs(VFS_AT_FDCWD, path, abs);

	if (rc < 0)
		return rc;
	if (len < 0)
		return -EINVAL;
	rc = walk(abs, &vn);
	if (rc < 0)
		return rc;
	if (VFS_S_ISDIR(vn->mode))
		rc = -EISDIR;
	else
		rc = vn->ops->truncate ? vn->ops->truncate(vn, len) : -EINVAL;
	vfs_vnode_put(vn);
	return rc;
}

int vfs_isatty(int fd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	return (f->vn->flags & VFS_VN_TTY) ? 1 : -ENOTTY;
}

int vfs_getcwd(char *buf, size_t size)
{
	VFS_LOCKED();
	size_t n = strlen(cwd) + 1;

	if (!buf)
		return -EFAULT;
	if (size < n)
		return -ERANGE;
	memcpy(buf, cwd, n);
	return 0;
}

static int chdir_abs(const char *abs)
{
	struct vfs_vnode *vn;
	int rc = walk(abs, &vn);

	if (rc < 0)
		return rc;
	rc = VFS_S_ISDIR(vn->mode) ? 0 : -ENOTDIR;
	vfs_vnode_put(vn);
	if (!rc)
		strcpy(cwd, abs);
	return rc;
}

int vfs_chdir(const char *path)
{
	VFS_LOCKED();
	char abs[VFS_PATH_MAX];
	int rc = path_abs(VFS_AT_FDCWD, path, abs);

	return rc < 0 ? rc : chdir_abs(abs);
}

int vfs_fchdir(int fd)
{
	VFS_LOCKED();
	struct vfs_file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	return chdir_abs(f->path);
}

/* Descriptors still open at power-off are closed, so that filesystems flush. */
static void vfs_term(void)
{
	int fd;

	for (fd = 0; fd < CONFIG_LIBVFS_MAX_FDS; fd++)
		if (fdtab[fd])
			vfs_close(fd);
}

static int vfs_init(void)
{
	return vfs_devfs_init();
}
LITH_INITCALL(LITH_INIT_LIB, 2, vfs_init, vfs_term);
