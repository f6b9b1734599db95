/* SPDX-License-Identifier: BSD-3-Clause */
/* The configuration the host build of libs/vfs sees. */
#define CONFIG_LIBVFS		   1
#define CONFIG_LIBVFS_MAX_FDS	   16
#define CONFIG_LIBVFS_DEVFS	   1
#define CONFIG_LIBVFS_ROOTFS_RAMFS 1
#define CONFIG_LIBVFS_INITRD	   1
#define CONFIG_LIBALLOC		   1
