/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9pfs: the VFS filesystem over the 9P2000.L client. Each vnode holds a walked (unopened)
 * fid; each open file holds a second fid, cloned from it and opened. The mount source is
 * the 9P device's mount tag; a tag no transport registered fails with -ENODEV and a message
 * naming the tags there are.
 */
#include <string.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <lith/vfs.h>
#include <9p/client.h>

#define DIRBUF 4096

struct p9fs {
	struct p9_client *c;
	struct p9_transport *t;
};

struct p9node {
	uint32_t fid;
};

struct p9file {
	uint32_t fid;
	/* Directories: one Treaddir's entries and the cookie of the first one unread. */
	uint8_t *buf;
	uint32_t len, at;
	int64_t pos;
};

static const struct vfs_vnode_ops p9fs_ops;

static struct p9_client *C(struct vfs_vnode *vn)
{
	return ((struct p9fs *)vn->mnt->priv)->c;
}

static uint32_t FID(struct vfs_vnode *vn)
{
	return ((struct p9node *)vn->priv)->fid;
}

/* A vnode for fid (taken over: clunked on failure). */
static int make_vnode(struct vfs_mount *m, uint32_t fid, struct vfs_vnode **out)
{
	struct p9_client *c = ((struct p9fs *)m->priv)->c;
	struct p9node *n = NULL;
	struct vfs_vnode *vn = NULL;
	struct p9_attr attr;
	int rc;

	rc = p9_getattr(c, fid, P9_GETATTR_MODE, &attr);
	if (rc >= 0) {
		n = lith_malloc(sizeof(*n));
		vn = n ? vfs_vnode_alloc(m, &p9fs_ops, attr.mode & VFS_S_IFMT) : NULL;
		rc = vn ? 0 : -ENOMEM;
	}
	if (rc < 0) {
		lith_free(n);
		p9_clunk(c, fid);
		return rc;
	}
	n->fid = fid;
	vn->priv = n;
	*out = vn;
	return 0;
}

static int p9fs_lookup(struct vfs_vnode *dir, const char *name, struct vfs_vnode **out)
{
	struct p9_client *c = C(dir);
	uint32_t fid = p9_fid_new(c);
	int rc = p9_walk(c, FID(dir), fid, 1, &name, NULL);

	return rc < 0 ? rc : make_vnode(dir->mnt, fid, out);
}

static int p9fs_create(struct vfs_vnode *dir, const char *name, unsigned int mode,
		       struct vfs_vnode **out)
{
	struct p9_client *c = C(dir);
	uint32_t fid = p9_fid_new(c), iounit;
	int rc = p9_walk(c, FID(dir), fid, 0, NULL, NULL);

	if (rc < 0)
		return rc;
	/* Tlcreate turns the cloned directory fid into the open new file: done with it. */
	rc = p9_lcreate(c, fid, name, VFS_O_WRONLY | VFS_O_CREAT | VFS_O_EXCL, mode, &iounit);
	p9_clunk(c, fid);
	if (rc < 0)
		return rc;
	return p9fs_lookup(dir, name, out);
}

static int p9fs_mkdir(struct vfs_vnode *dir, const char *name, unsigned int mode)
{
	return p9_mkdir(C(dir), FID(dir), name, mode);
}

static int p9fs_unlink(struct vfs_vnode *dir, const char *name)
{
	return p9_unlinkat(C(dir), FID(dir), name, 0);
}

static int p9fs_rmdir(struct vfs_vnode *dir, const char *name)
{
	return p9_unlinkat(C(dir), FID(dir), name, VFS_AT_REMOVEDIR);
}

static int p9fs_rename(struct vfs_vnode *olddir, const char *oldname, struct vfs_vnode *newdir,
		       const char *newname)
{
	return p9_renameat(C(olddir), FID(olddir), oldname, FID(newdir), newname);
}

static int p9fs_getattr(struct vfs_vnode *vn, struct vfs_stat *st)
{
	struct p9_attr a;
	int rc = p9_getattr(C(vn), FID(vn), P9_GETATTR_BASIC, &a);

	if (rc < 0)
		return rc;
	st->st_ino = a.qid.path;
	st->st_mode = a.mode;
	st->st_uid = a.uid;
	st->st_gid = a.gid;
	st->st_nlink = a.nlink;
	st->st_rdev = a.rdev;
	st->st_size = (int64_t)a.size;
	st->st_blksize = (int64_t)a.blksize;
	st->st_blocks = (int64_t)a.blocks;
	st->st_atim.tv_sec = (int64_t)a.atime_sec;
	st->st_atim.tv_nsec = (long)a.atime_nsec;
	st->st_mtim.tv_sec = (int64_t)a.mtime_sec;
	st->st_mtim.tv_nsec = (long)a.mtime_nsec;
	st->st_ctim.tv_sec = (int64_t)a.ctime_sec;
	st->st_ctim.tv_nsec = (long)a.ctime_nsec;
	return 0;
}

static int p9fs_truncate(struct vfs_vnode *vn, uint64_t len)
{
	return p9_setattr(C(vn), FID(vn), P9_SETATTR_SIZE, 0, len);
}

static void p9fs_release(struct vfs_vnode *vn)
{
	p9_clunk(C(vn), FID(vn));
	lith_free(vn->priv);
	lith_free(vn);
}

static int p9fs_open(struct vfs_file *f)
{
	struct p9_client *c = C(f->vn);
	struct p9file *pf = lith_calloc(1, sizeof(*pf));
	/* Tlopen takes Linux's open flags; creation and truncation were done already. */
	uint32_t flags = f->flags & VFS_O_ACCMODE, iounit;
	int rc;

	if (!pf)
		return -ENOMEM;
	if (VFS_S_ISDIR(f->vn->mode)) {
		flags |= VFS_O_DIRECTORY;
		pf->buf = lith_malloc(DIRBUF);
		if (!pf->buf) {
			lith_free(pf);
			return -ENOMEM;
		}
	}
	pf->fid = p9_fid_new(c);
	rc = p9_walk(c, FID(f->vn), pf->fid, 0, NULL, NULL);
	if (rc >= 0) {
		rc = p9_lopen(c, pf->fid, flags, &iounit);
		if (rc < 0)
			p9_clunk(c, pf->fid);
	}
	if (rc < 0) {
		lith_free(pf->buf);
		lith_free(pf);
		return rc;
	}
	f->priv = pf;
	return 0;
}

static void p9fs_close(struct vfs_file *f)
{
	struct p9file *pf = f->priv;

	p9_clunk(C(f->vn), pf->fid);
	lith_free(pf->buf);
	lith_free(pf);
}

static long p9fs_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	return p9_read(C(f->vn), ((struct p9file *)f->priv)->fid, off, buf, len);
}

static long p9fs_write(struct vfs_file *f, const void *buf, size_t len, int64_t off)
{
	return p9_write(C(f->vn), ((struct p9file *)f->priv)->fid, off, buf, len);
}

static int p9fs_readdir(struct vfs_file *f, int64_t *pos, struct vfs_dirent *ent)
{
	struct p9file *pf = f->priv;

	for (;;) {
		struct p9_buf b = { .data = pf->buf, .size = pf->len, .pos = pf->at };
		struct p9_dirent de;
		int rc;

		if (*pos != pf->pos || pf->at >= pf->len) {
			/* Next batch from the cookie asked for (the start after a rewind). */
			long n = p9_readdir(C(f->vn), pf->fid, *pos, pf->buf, DIRBUF);

			if (n <= 0)
				return (int)n;
			pf->len = (uint32_t)n;
			pf->at = 0;
			pf->pos = *pos;
			continue;
		}
		rc = p9_dirent_next(&b, &de);
		if (rc <= 0)
			return rc < 0 ? rc : -EIO; /* a batch that ends early is malformed */
		pf->at = b.pos;
		pf->pos = *pos = (int64_t)de.offset;
		if ((de.namelen == 1 && de.name[0] == '.') ||
		    (de.namelen == 2 && de.name[0] == '.' && de.name[1] == '.'))
			continue;
		if (de.namelen > VFS_NAME_MAX)
			return -EIO;
		memcpy(ent->d_name, de.name, de.namelen);
		ent->d_name[de.namelen] = '\0';
		ent->d_ino = de.qid.path;
		ent->d_type = de.type;
		return 1;
	}
}

static int p9fs_fsync(struct vfs_file *f)
{
	return p9_fsync(C(f->vn), ((struct p9file *)f->priv)->fid);
}

static const struct vfs_vnode_ops p9fs_ops = {
	.lookup = p9fs_lookup,
	.create = p9fs_create,
	.mkdir = p9fs_mkdir,
	.unlink = p9fs_unlink,
	.rmdir = p9fs_rmdir,
	.rename = p9fs_rename,
	.getattr = p9fs_getattr,
	.truncate = p9fs_truncate,
	.release = p9fs_release,
	.open = p9fs_open,
	.close = p9fs_close,
	.read = p9fs_read,
	.write = p9fs_write,
	.readdir = p9fs_readdir,
	.fsync = p9fs_fsync,
};

static int p9fs_mount(struct vfs_mount *m, const char *dev, const char *opts)
{
	struct p9_transport *t = p9_transport_find(dev);
	struct p9fs *fs;
	uint32_t root;
	int rc;

	if (!t) {
		char tags[128];

		p9_transport_tags(tags, sizeof(tags));
		lith_pr_err("9pfs: no 9P device has mount tag \"%s\" (tags found: %s)\n", dev,
			    tags[0] ? tags : "none");
		return -ENODEV;
	}
	if (t->in_use)
		return -EBUSY;
	fs = lith_calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	rc = p9_connect(&fs->c, t, CONFIG_LIB9P_MSIZE, t->aname, &root);
	if (rc < 0) {
		lith_pr_err("9pfs: %s device \"%s\": 9P2000.L session failed: %d\n", t->kind, dev,
			    -rc);
		lith_free(fs);
		return rc;
	}
	fs->t = t;
	m->priv = fs;
	rc = make_vnode(m, root, &m->root);
	if (rc < 0) {
		p9_disconnect(fs->c);
		lith_free(fs);
		return rc;
	}
	t->in_use = true;
	return 0;
}

static void p9fs_unmount(struct vfs_mount *m)
{
	struct p9fs *fs = m->priv;

	fs->t->in_use = false;
	p9_disconnect(fs->c);
	lith_free(fs);
}

static struct vfs_fstype p9fs = {
	.name = "9pfs",
	.mount = p9fs_mount,
	.unmount = p9fs_unmount,
};

static int p9fs_init(void)
{
	return vfs_register_fstype(&p9fs);
}
lith_initcall_lib(p9fs_init, NULL);
