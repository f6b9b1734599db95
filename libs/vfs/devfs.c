/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * /dev: console (the platform console: reads never block, like nolibc's stdin), null and
 * zero. The nodes are static: they live as long as the image.
 */
#include <string.h>
#include <lith/errno.h>
#include <lith/vfs.h>
#include <plat/console.h>
#include "vfs_internal.h"

static long console_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	return plat_console_read(buf, len);
}

static long console_write(struct vfs_file *f, const void *buf, size_t len, int64_t off)
{
	return plat_console_write(buf, len);
}

static long null_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	return 0;
}

static long null_write(struct vfs_file *f, const void *buf, size_t len, int64_t off)
{
	return len;
}

static long zero_read(struct vfs_file *f, void *buf, size_t len, int64_t off)
{
	memset(buf, 0, len);
	return len;
}

static void static_release(struct vfs_vnode *vn)
{
	/* Static nodes: nothing to free. The reference count only keeps the books. */
	vn->refs = 1;
}

static int dev_getattr(struct vfs_vnode *vn, struct vfs_stat *st);

static const struct vfs_vnode_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.getattr = dev_getattr,
	.release = static_release,
};
static const struct vfs_vnode_ops null_ops = {
	.read = null_read,
	.write = null_write,
	.getattr = dev_getattr,
	.release = static_release,
};
static const struct vfs_vnode_ops zero_ops = {
	.read = zero_read,
	.write = null_write,
	.getattr = dev_getattr,
	.release = static_release,
};

static struct devnode {
	const char *name;
	uint64_t rdev;
	struct vfs_vnode vn;
} devnodes[] = {
	{ "console",
	  (5 << 8) | 1,
	  { .ops = &console_ops, .refs = 1, .mode = VFS_S_IFCHR | 0620, .flags = VFS_VN_TTY } },
	{ "null", (1 << 8) | 3, { .ops = &null_ops, .refs = 1, .mode = VFS_S_IFCHR | 0666 } },
	{ "zero", (1 << 8) | 5, { .ops = &zero_ops, .refs = 1, .mode = VFS_S_IFCHR | 0666 } },
};

static int dev_getattr(struct vfs_vnode *vn, struct vfs_stat *st)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(devnodes); i++) {
		if (&devnodes[i].vn == vn) {
			st->st_rdev = devnodes[i].rdev;
			st->st_ino = i + 2;
		}
	}
	st->st_mode = vn->mode;
	return 0;
}

static int dir_lookup(struct vfs_vnode *dir, const char *name, struct vfs_vnode **out)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(devnodes); i++) {
		if (!strcmp(devnodes[i].name, name)) {
			*out = &devnodes[i].vn;
			vfs_vnode_get(*out);
			return 0;
		}
	}
	return -ENOENT;
}

static int dir_readdir(struct vfs_file *f, int64_t *pos, struct vfs_dirent *ent)
{
	if (*pos < 0 || *pos >= (int64_t)ARRAY_SIZE(devnodes))
		return 0;
	ent->d_ino = *pos + 2;
	ent->d_type = VFS_DT_CHR;
	strcpy(ent->d_name, devnodes[*pos].name);
	(*pos)++;
	return 1;
}

static const struct vfs_vnode_ops dir_ops = {
	.lookup = dir_lookup,
	.readdir = dir_readdir,
	.getattr = dev_getattr,
	.release = static_release,
};
static struct vfs_vnode devroot = { .ops = &dir_ops, .refs = 1, .mode = VFS_S_IFDIR | 0755 };

static int devfs_mount(struct vfs_mount *m, const char *dev, const char *opts)
{
	unsigned int i;

	devroot.mnt = m;
	for (i = 0; i < ARRAY_SIZE(devnodes); i++)
		devnodes[i].vn.mnt = m;
	vfs_vnode_get(&devroot);
	m->root = &devroot;
	return 0;
}

static struct vfs_fstype devfs = {
	.name = "devfs",
	.mount = devfs_mount,
};

int vfs_devfs_init(void)
{
	int rc = vfs_register_fstype(&devfs);

	if (rc < 0)
		return rc;
	/* The console is descriptors 0, 1 and 2 whether or not /dev is mounted. */
	rc = vfs_install_file(0, &devnodes[0].vn, "/dev/console", VFS_O_RDONLY);
	if (rc >= 0)
		rc = vfs_install_file(1, &devnodes[0].vn, "/dev/console", VFS_O_WRONLY);
	if (rc >= 0)
		rc = vfs_install_file(2, &devnodes[0].vn, "/dev/console", VFS_O_WRONLY);
	return rc < 0 ? rc : 0;
}
