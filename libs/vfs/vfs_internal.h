/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared between the VFS core, its built-in filesystems and the root mount. */
#ifndef VFS_INTERNAL_H
#define VFS_INTERNAL_H

#include <lith/vfs.h>

char *vfs_strdup(const char *s);
/* Open vn as descriptor fd (which must be free); fd or -errno. */
int vfs_install_file(int fd, struct vfs_vnode *vn, const char *path, int flags);
/* Register devfs and open descriptors 0, 1 and 2 on the console. */
int vfs_devfs_init(void);
/* Fill the ramfs mounted at path from a cpio "newc" archive; 0 or -errno. */
int vfs_cpio_extract(const char *path, const void *archive, size_t len);

#endif /* VFS_INTERNAL_H */
