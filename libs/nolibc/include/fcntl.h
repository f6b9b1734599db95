/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * open() and its flags, with Linux's values (the VFS library's, lith/vfs.h). The calls are
 * implemented by libs/vfs (posix.c) when the VFS is enabled.
 */
#ifndef _NOLIBC_FCNTL_H
#define _NOLIBC_FCNTL_H

#include <sys/types.h>

#define O_ACCMODE   0x3
#define O_RDONLY    0x0
#define O_WRONLY    0x1
#define O_RDWR	    0x2
#define O_CREAT	    0x40
#define O_EXCL	    0x80
#define O_NOCTTY    0x100
#define O_TRUNC	    0x200
#define O_APPEND    0x400
#define O_NONBLOCK  0x800
#define O_DIRECTORY 0x10000
#define O_NOFOLLOW  0x20000
#define O_CLOEXEC   0x80000

#define AT_FDCWD	    -100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR	    0x200

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);

#endif /* _NOLIBC_FCNTL_H */
