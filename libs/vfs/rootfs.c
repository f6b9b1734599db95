/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The root mount, at boot: the filesystem chosen in Kconfig (or lith.rootfs=) on the
 * default device (or lith.root=), then devfs on /dev. A root that cannot be mounted stops
 * the boot with a CRIT line that names the errno, the filesystem and the device, so a
 * wrong 9P mount tag is obvious at once.
 *
 * Kernel parameters are the command line words before a lone "--" (see libs/boot).
 */
#include <string.h>
#include <lith/boot.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <lith/vfs.h>
#include "vfs_internal.h"

#if CONFIG_LIBVFS_ROOTFS_RAMFS
#define ROOT_FSTYPE "ramfs"
#elif CONFIG_LIBVFS_ROOTFS_9PFS
#define ROOT_FSTYPE "9pfs"
#elif CONFIG_LIBVFS_ROOTFS_HOSTFS
#define ROOT_FSTYPE "hostfs"
#else
#define ROOT_FSTYPE ""
#endif

static char params[1024];
static const char *root_dev;

const char *vfs_kernel_param(const char *key)
{
	static char *words[LITH_ARGV_MAX];
	static int n = -1;
	size_t klen = strlen(key);
	const struct plat_bootinfo *bi = lith_bootinfo();
	int i;

	if (n < 0) {
		n = 0;
		if (bi && bi->cmdline) {
			strncpy(params, bi->cmdline, sizeof(params) - 1);
			n = lith_cmdline_split(params, words, LITH_ARGV_MAX);
		}
		for (i = 0; i < n; i++)
			if (!strcmp(words[i], "--"))
				break;
		n = i < n ? i : 0; /* without "--" every word is the application's */
	}
	for (i = 0; i < n; i++)
		if (!strncmp(words[i], key, klen))
			return words[i] + klen;
	return NULL;
}

const char *vfs_root_device(void)
{
	return root_dev;
}

#if CONFIG_LIBVFS_INITRD
static int load_initrd(void)
{
	const struct plat_bootinfo *bi = lith_bootinfo();
	unsigned int i;
	int rc;

	for (i = 0; bi && i < bi->nr_memregions; i++) {
		const struct plat_memregion *r = &bi->memregions[i];

		if (!(r->flags & PLAT_MEM_INITRD))
			continue;
		rc = vfs_cpio_extract("/", (const void *)r->base, r->len);
		if (rc < 0) {
			lith_pr_err("initrd at %p (%zu bytes): not a cpio newc archive: %d\n",
				    (void *)r->base, r->len, -rc);
			return rc;
		}
		lith_pr_info("initrd: %zu bytes unpacked into /\n", r->len);
	}
	return 0;
}
#endif

static int vfs_rootfs_init(void)
{
	const char *fstype = vfs_kernel_param("lith.rootfs=");
	int rc;

	if (!fstype)
		fstype = ROOT_FSTYPE;
	root_dev = vfs_kernel_param("lith.root=");
	if (!root_dev)
		root_dev = CONFIG_LIBVFS_ROOT_DEV;
	if (*fstype) {
		rc = vfs_mount(root_dev, "/", fstype, NULL);
		if (rc < 0) {
			lith_pr_crit("Failed to mount /: %d\n", -rc);
			lith_pr_crit("root: filesystem %s, device \"%s\" (lith.rootfs=, lith.root= "
				     "before -- override them)\n",
				     fstype, root_dev);
			return rc;
		}
#if CONFIG_LIBVFS_INITRD
		if (!strcmp(fstype, "ramfs")) {
			rc = load_initrd();
			if (rc < 0)
				return rc;
		}
#endif
	}
#if CONFIG_LIBVFS_DEVFS
	rc = vfs_mount(NULL, "/dev", "devfs", NULL);
	if (rc < 0) {
		lith_pr_crit("Failed to mount /dev: %d\n", -rc);
		return rc;
	}
#endif
	return 0;
}

static void vfs_rootfs_term(void)
{
#if CONFIG_LIBVFS_DEVFS
	vfs_umount("/dev");
#endif
	vfs_umount("/");
}
lith_initcall_rootfs(vfs_rootfs_init, vfs_rootfs_term);
