/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: files and directories in the heap. Each node embeds its vnode; the directory
 * entry that links a node holds one reference, so a node lives while it is linked or open
 * and is freed by the last vfs_vnode_put() after unlink.
 */
#include <string.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/vfs.h>
#include <plat/time.h>
#include "vfs_internal.h"

struct rnode {
	struct vfs_vnode vn;
	char *name;
	struct rnode *parent;
	struct rnode *children; /* directories: a singly linked list */
	struct rnode *next;
	char *data; /* regular files */
	size_t size, cap;
	uint64_t ino;
	struct vfs_timespec mtime;
};

static const struct vfs_vnode_ops ramfs_ops;
static uint64_t next_ino = 1;

static struct rnode *R(struct vfs_vnode *vn)
{
	return container_of(vn, struct rnode, vn);
}

static void touch(struct rnode *n)
{
	uint64_t ns = plat_time_wall_ns();

	n->mtime.tv_sec = ns / NSEC_PER_SEC;
	n->mtime.tv_nsec = ns % NSEC_PER_SEC;
}

static struct rnode *node_new(struct vfs_mount *m, const char *name, unsigned int mode)
{
	struct rnode *n = lith_calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->name = vfs_strdup(name);
	if (!n->name) {
		lith_free(n);
		return NULL;
	}
	n->vn.ops = &ramfs_ops;
	n->vn.mnt = m;
	n->vn.refs = 1; /* the link from its directory (or the mount, for the root) */
	n->vn.mode = mode;
	n->ino = next_ino++;
	touch(n);
	return n;
}

static struct rnode *child(struct rnode *dir, const char *name)
{
	struct rnode *c;

	for (c = dir->children; c; c = c->next)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void link_child(struct rnode *dir, struct rnode *c)
{
	c->parent = dir;
	c->next = dir->children;
	dir->children = c;
	touch(dir);
}

static void unlink_child(struct rnode *dir, struct rnode *c)
{
	struct rnode **pp;

	for (pp = &dir->children; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	c->parent = NULL;
	c->next = NULL;
	touch(dir);
}

static int ramfs_lookup(struct vfs_vnode *dir, const char *name, struct vfs_vnode **out)
{
	struct rnode *c = child(R(dir), name);

	if (!c)
		return -ENOENT;
	vfs_vnode_get(&c->vn);
	*out = &c->vn;
	return 0;
}

static int make(struct vfs_vnode *dir, const char *name, unsigned int mode, struct vfs_vnode **out)
{
	struct rnode *c;

	if (child(R(dir), name))
		return -EEXIST;
	c = node_new(dir->mnt, name, mode);
	if (!c)
		return -ENOMEM;
	link_child(R(dir), c);
	if (out) {
		vfs_vnode_get(&c->vn);
		*out = &c->vn;
	}
	return 0;
}

static int ramfs_create(struct vfs_vnode *dir, const char *name, unsigned int mode,
			struct vfs_vnode **out)
{
	return make(dir, name, VFS_S_IFREG | mode, out);
}

static int ramfs_mkdir(struct vfs_vnode *dir, const char *name, unsigned int mode)
{
	return make(dir, name, VFS_S_IFDIR | mode, NULL);
}

static int rm_entry(struct vfs_vnode *dir, const char *name, bool want_dir)
{
	struct rnode *c = child(R(dir), name);

	if (!c)
		return -ENOENT;
	if (want_dir && !VFS_S_ISDIR(c->vn.mode))
		return -ENOTDIR;
	if (!want_dir && VFS_S_ISDIR(c->vn.mode))
		return -EISDIR;
	if (want_dir && c->children)
		return -ENOTEMPTY;
	unlink_child(R(dir), c);
	vfs_vnode_put(&c->vn);
	return 0;
}

static int ramfs_unlink(struct vfs_vnode *dir, const char *name)
{
	return rm_entry(dir, name, false);
}

static int ramfs_rmdir(struct vfs_vnode *dir, const char *name)
{
	return rm_entry(dir, name, true);
}

static int ramfs_rename(struct vfs_vnode *olddir, const char *oldname, struct vfs_vnode *newdir,
			const char *newname)
{
	struct rnode *c = child(R(olddir), oldname), *t = child(R(newdir), newname), *a;
	char *nm;

	if (!c)
		return -ENOENT;
	if (c == t)
		return 0;
	/* A directory cannot move below itself. */
	for (a = R(newdir); a; a = a->parent)
		if (a == c)
			return -EINVAL;
	if (t) {
		if (VFS_S_ISDIR(t->vn.mode) && !VFS_S_ISDIR(c->vn.mode))
			return -EISDIR;
		if (!VFS_S_ISDIR(t->vn.mode) && VFS_S_ISDIR(c->vn.mode))
			return -ENOTDIR;
		if (t->children)
			return -ENOTEMPTY;
	}
	nm = vfs_strdup(newname);
	if (!nm)
		return -ENOMEM;
	if (t) {
		unlink_child(R(newdir), t);
		vfs_vnode_put(&t->vn);
	}
	unlink_child(R(olddir), c);
	lith_free(c->name);
	c->name = nm;
	link_child(R(newdir), c);
	return 0;
}

static int ramfs_getattr(struct vfs_vnode *vn, struct vfs_stat *st)
{
	struct rnode *n = R(vn);

	st->st_ino = n->ino;
	st->st_mode = vn->mode;
	st->st_nlink = VFS_S_ISDIR(vn->mode) ? 2 : 1;
	st->st_size = n->size;
	st->st_blocks = (n->cap + 511) / 512;
	st->st_atim = n->mtime;
	st->st_mtim = n->mtime;
	st->st_ctim = n->mtime;
	return 0;
}

/* Room for len bytes: capacity grows by doubling so appends stay linear. */
static int reserve(struct rnode *n, size_t len)
{
	size_t cap = n->cap ? n->cap : 256;
	char *d;

	if (len <= n->cap)
		return 0;
	while (cap < len) {
		if (cap > SIZE_MAX / 2)
			return -EFBIG;
		cap *= 2;
	}
	d = lith_realloc(n->data, cap);
	if (!d) {
		/* Doubling may ask too much near the heap's end: try the exact size. */
		d = lith_realloc(n->data, len);
		if (!d)
			return -ENOSPC;
		cap = len;
	}
	n->data = d;
	n->cap = cap;
	return 0;
}

static int ramfs_truncate(struct vfs_vnode *vn, uint64_t len)
{
	struct rnode *n = R(vn);
	int rc;

	if (len > SIZE_MAX / 2)
		return -EFBIG;
	if (len > n->size) {
		rc = reserve(n, len);
		if (rc < 0)
			return rc;
		memset(n->data + n->size, 0, len - n->size);
	}
	n->size = len;
	touch(n);
	return 0;
}

static long ramfs_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	struct rnode *n = R(f->vn);

	if ((uint64_t)off >= n->size)
		return 0;
	len = MIN(len, n->size - off);
	memcpy(buf, n->data + off, len);
	return len;
}

static long ramfs_write(struct vfs_file *f, const void *buf, size_t len, int64_t off)
{
	struct rnode *n = R(f->vn);
	int rc;

	if ((uint64_t)off > SIZE_MAX / 2 || len > SIZE_MAX / 2)
		return -EFBIG;
	rc = reserve(n, off + len);
	if (rc < 0)
		return rc;
	if ((size_t)off > n->size)
		memset(n->data + n->size, 0, off - n->size);
	memcpy(n->data + off, buf, len);
	if (off + len > n->size)
		n->size = off + len;
	touch(n);
	return len;
}

static int ramfs_readdir(struct vfs_file *f, int64_t *pos, struct vfs_dirent *ent)
{
	struct rnode *c = R(f->vn)->children;
	int64_t i;

	for (i = 0; c && i < *pos; i++)
		c = c->next;
	if (!c)
		return 0;
	ent->d_ino = c->ino;
	ent->d_type = VFS_S_ISDIR(c->vn.mode) ? VFS_DT_DIR : VFS_DT_REG;
	strcpy(ent->d_name, c->name);
	(*pos)++;
	return 1;
}

static void ramfs_release(struct vfs_vnode *vn)
{
	struct rnode *n = R(vn);

	lith_free(n->data);
	lith_free(n->name);
	lith_free(n);
}

static const struct vfs_vnode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.getattr = ramfs_getattr,
	.truncate = ramfs_truncate,
	.release = ramfs_release,
	.read = ramfs_read,
	.write = ramfs_write,
	.readdir = ramfs_readdir,
};

/* Free a whole tree at unmount: the mount's reference on the root has been dropped. */
static void free_tree(struct rnode *n)
{
	while (n->children) {
		struct rnode *c = n->children;

		n->children = c->next;
		free_tree(c);
	}
	if (!--n->vn.refs)
		ramfs_release(&n->vn);
}

static int ramfs_mount(struct vfs_mount *m, const char *dev, const char *opts)
{
	struct rnode *root = node_new(m, "", VFS_S_IFDIR | 0755);

	if (!root)
		return -ENOMEM;
	m->root = &root->vn;
	m->priv = root;
	vfs_vnode_get(&root->vn); /* the tree's own reference, dropped in free_tree */
	return 0;
}

static void ramfs_unmount(struct vfs_mount *m)
{
	free_tree(m->priv);
}

static struct vfs_fstype ramfs = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
};

static int ramfs_init(void)
{
	return vfs_register_fstype(&ramfs);
}
lith_initcall_lib(ramfs_init, NULL);
