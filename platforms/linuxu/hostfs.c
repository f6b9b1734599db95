/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hostfs: a folder of the host as a Lith filesystem, through the host's system calls, so
 * that applications using files run as a process (the root with "Root filesystem: hostfs",
 * the folder from lith.root=<folder> before "--", or CONFIG_LIBVFS_ROOT_DEV).
 *
 * A vnode holds the host path of its file; an open file holds a host descriptor. The VFS
 * speaks Linux's flag, mode, errno and struct stat values already, so they pass through
 * unchanged: translation for newlib happens in newlib's glue, not here.
 */
#include <string.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <lith/vfs.h>
#include <linuxu/syscall.h>

#define AT_FDCWD_LINUX -100
#define DIRBUF	       4096

struct hfile {
	int fd;
	/* Directories: a getdents64 buffer and the position its next entry stands at. */
	char *buf;
	size_t len, at;
	int64_t pos;
};

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

_Static_assert(sizeof(struct vfs_stat) == 144, "struct vfs_stat is Linux x86_64's stat");

static const struct vfs_vnode_ops hostfs_ops;

static const char *P(struct vfs_vnode *vn)
{
	return vn->priv;
}

/* dir + "/" + name, allocated. */
static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = lith_malloc(a + b + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

static int host_stat(const char *path, struct vfs_stat *st)
{
	return (int)linuxu_syscall6(SYS_newfstatat, AT_FDCWD_LINUX, (long)path, (long)st, 0, 0, 0);
}

/* A vnode for host path (which it takes over), or -errno. */
static int make_vnode(struct vfs_mount *m, char *path, struct vfs_vnode **out)
{
	struct vfs_stat st;
	struct vfs_vnode *vn;
	int rc = host_stat(path, &st);

	if (rc < 0) {
		lith_free(path);
		return rc;
	}
	vn = vfs_vnode_alloc(m, &hostfs_ops, st.st_mode & VFS_S_IFMT);
	if (!vn) {
		lith_free(path);
		return -ENOMEM;
	}
	vn->priv = path;
	*out = vn;
	return 0;
}

static int hostfs_lookup(struct vfs_vnode *dir, const char *name, struct vfs_vnode **out)
{
	char *p = join(P(dir), name);

	return p ? make_vnode(dir->mnt, p, out) : -ENOMEM;
}

static int hostfs_create(struct vfs_vnode *dir, const char *name, unsigned int mode,
			 struct vfs_vnode **out)
{
	char *p = join(P(dir), name);
	long fd;

	if (!p)
		return -ENOMEM;
	fd = linuxu_syscall6(SYS_openat, AT_FDCWD_LINUX, (long)p,
			     VFS_O_WRONLY | VFS_O_CREAT | VFS_O_EXCL | VFS_O_CLOEXEC, mode, 0, 0);
	if (fd < 0) {
		lith_free(p);
		return (int)fd;
	}
	linuxu_syscall(SYS_close, fd, 0, 0);
	return make_vnode(dir->mnt, p, out);
}

/* Run a path system call on dir/name. */
static int at_name(struct vfs_vnode *dir, const char *name, long nr, long arg)
{
	char *p = join(P(dir), name);
	int rc;

	if (!p)
		return -ENOMEM;
	rc = (int)linuxu_syscall(nr, AT_FDCWD_LINUX, p, arg);
	lith_free(p);
	return rc;
}

static int hostfs_mkdir(struct vfs_vnode *dir, const char *name, unsigned int mode)
{
	return at_name(dir, name, SYS_mkdirat, mode);
}

static int hostfs_unlink(struct vfs_vnode *dir, const char *name)
{
	return at_name(dir, name, SYS_unlinkat, 0);
}

static int hostfs_rmdir(struct vfs_vnode *dir, const char *name)
{
	return at_name(dir, name, SYS_unlinkat, VFS_AT_REMOVEDIR);
}

static int hostfs_rename(struct vfs_vnode *olddir, const char *oldname, struct vfs_vnode *newdir,
			 const char *newname)
{
	char *o = join(P(olddir), oldname), *n = join(P(newdir), newname);
	int rc = -ENOMEM;

	if (o && n)
		rc = (int)linuxu_syscall6(SYS_renameat, AT_FDCWD_LINUX, (long)o, AT_FDCWD_LINUX,
					  (long)n, 0, 0);
	lith_free(o);
	lith_free(n);
	return rc;
}

static int hostfs_getattr(struct vfs_vnode *vn, struct vfs_stat *st)
{
	return host_stat(P(vn), st);
}

static int hostfs_truncate(struct vfs_vnode *vn, uint64_t len)
{
	long fd = linuxu_syscall6(SYS_openat, AT_FDCWD_LINUX, (long)P(vn),
				  VFS_O_WRONLY | VFS_O_CLOEXEC, 0, 0, 0);
	int rc;

	if (fd < 0)
		return (int)fd;
	rc = (int)linuxu_syscall(SYS_ftruncate, fd, len, 0);
	linuxu_syscall(SYS_close, fd, 0, 0);
	return rc;
}

static void hostfs_release(struct vfs_vnode *vn)
{
	lith_free(vn->priv);
	lith_free(vn);
}

static int hostfs_open(struct vfs_file *f)
{
	struct hfile *h = lith_calloc(1, sizeof(*h));
	/* O_APPEND and O_TRUNC are the VFS's business: it passes offsets and truncates. */
	int flags = (f->flags & VFS_O_ACCMODE) | VFS_O_CLOEXEC;
	long fd;

	if (!h)
		return -ENOMEM;
	if (VFS_S_ISDIR(f->vn->mode)) {
		flags |= VFS_O_DIRECTORY;
		h->buf = lith_malloc(DIRBUF);
		if (!h->buf) {
			lith_free(h);
			return -ENOMEM;
		}
	}
	fd = linuxu_syscall6(SYS_openat, AT_FDCWD_LINUX, (long)P(f->vn), flags, 0, 0, 0);
	if (fd < 0) {
		lith_free(h->buf);
		lith_free(h);
		return (int)fd;
	}
	h->fd = (int)fd;
	f->priv = h;
	return 0;
}

static void hostfs_close(struct vfs_file *f)
{
	struct hfile *h = f->priv;

	linuxu_syscall(SYS_close, h->fd, 0, 0);
	lith_free(h->buf);
	lith_free(h);
}

static long hostfs_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	struct hfile *h = f->priv;
	long n;

	do
		n = linuxu_syscall6(SYS_pread64, h->fd, (long)buf, len, off, 0, 0);
	while (n == -EINTR);
	return n;
}

static long hostfs_write(struct vfs_file *f, const void *buf, size_t len, int64_t off)
{
	struct hfile *h = f->priv;
	long n;

	do
		n = linuxu_syscall6(SYS_pwrite64, h->fd, (long)buf, len, off, 0, 0);
	while (n == -EINTR);
	return n;
}

static int hostfs_readdir(struct vfs_file *f, int64_t *pos, struct vfs_dirent *ent)
{
	struct hfile *h = f->priv;

	for (;;) {
		struct linux_dirent64 *d;
		size_t nlen;

		if (*pos != h->pos) {
			/* Rewound (or moved): start over from the host's position. */
			long r = linuxu_syscall(SYS_lseek, h->fd, *pos, VFS_SEEK_SET);

			if (r < 0)
				return (int)r;
			h->len = h->at = 0;
			h->pos = *pos;
		}
		if (h->at >= h->len) {
			long n = linuxu_syscall(SYS_getdents64, h->fd, h->buf, DIRBUF);

			if (n <= 0)
				return (int)n;
			h->len = n;
			h->at = 0;
		}
		d = (struct linux_dirent64 *)(h->buf + h->at);
		h->at += d->d_reclen;
		h->pos = *pos = d->d_off;
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		nlen = strnlen(d->d_name, VFS_NAME_MAX);
		ent->d_ino = d->d_ino;
		ent->d_type = d->d_type;
		memcpy(ent->d_name, d->d_name, nlen);
		ent->d_name[nlen] = '\0';
		return 1;
	}
}

static int hostfs_fsync(struct vfs_file *f)
{
	struct hfile *h = f->priv;

	return (int)linuxu_syscall(SYS_fsync, h->fd, 0, 0);
}

static const struct vfs_vnode_ops hostfs_ops = {
	.lookup = hostfs_lookup,
	.create = hostfs_create,
	.mkdir = hostfs_mkdir,
	.unlink = hostfs_unlink,
	.rmdir = hostfs_rmdir,
	.rename = hostfs_rename,
	.getattr = hostfs_getattr,
	.truncate = hostfs_truncate,
	.release = hostfs_release,
	.open = hostfs_open,
	.close = hostfs_close,
	.read = hostfs_read,
	.write = hostfs_write,
	.readdir = hostfs_readdir,
	.fsync = hostfs_fsync,
};

static int hostfs_mount(struct vfs_mount *m, const char *dev, const char *opts)
{
	size_t n = strlen(dev);
	char *p;
	int rc;

	if (!n)
		return -ENOENT;
	while (n > 1 && dev[n - 1] == '/')
		n--;
	p = lith_malloc(n + 1);
	if (!p)
		return -ENOMEM;
	memcpy(p, dev, n);
	p[n] = '\0';
	rc = make_vnode(m, p, &m->root);
	if (rc < 0) {
		lith_pr_err("hostfs: host folder \"%s\": error %d\n", dev, -rc);
		return rc;
	}
	if (!VFS_S_ISDIR(m->root->mode)) {
		lith_pr_err("hostfs: \"%s\" is not a folder\n", dev);
		vfs_vnode_put(m->root);
		m->root = NULL;
		return -ENOTDIR;
	}
	return 0;
}

static struct vfs_fstype hostfs = {
	.name = "hostfs",
	.mount = hostfs_mount,
};

static int hostfs_init(void)
{
	return vfs_register_fstype(&hostfs);
}
lith_initcall_lib(hostfs_init, NULL);
