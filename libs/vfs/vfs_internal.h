/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared between the VFS core, its built-in filesystems and the root mount. */
#ifndef VFS_INTERNAL_H
#define VFS_INTERNAL_H

#include <lith/vfs.h>

/*
 * One lock over the VFS: the descriptor and mount tables, vnodes and the filesystems' own
 * state (ramfs nodes, the 9P client's buffers) change under one thread at a time. Every
 * public call starts with VFS_LOCKED(), which takes the lock and releases it when the
 * function returns (the cleanup attribute, as the Linux kernel's guard()). Recursive, so a
 * call may make another. Without libs/sched there is one thread and no lock.
 */
#if CONFIG_LIBSCHED
int vfs_lock(void);
void vfs_unlock(int *unused);
#define VFS_LOCKED() int vfs_guard_ __attribute__((cleanup(vfs_unlock), unused)) = vfs_lock()
#else
#define VFS_LOCKED() int vfs_guard_ __attribute__((unused)) = 0
#endif

char *vfs_strdup(const char *s);
/* Open vn as descriptor fd (which must be free); fd or -errno. */
int vfs_install_file(int fd, struct vfs_vnode *vn, const char *path, int flags);
/* Register devfs and open descriptors 0, 1 and 2 on the console. */
int vfs_devfs_init(void);
/* Fill the ramfs mounted at path from a cpio "newc" archive; 0 or -errno. */
int vfs_cpio_extract(const char *path, const void *archive, size_t len);

#endif /* VFS_INTERNAL_H */
