/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX scalar types, sized as on Linux (LP64) so linuxu passes them through unchanged. */
#ifndef _NOLIBC_SYS_TYPES_H
#define _NOLIBC_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef __PTRDIFF_TYPE__ ssize_t; /* the signed type of size_t's width */
typedef int64_t off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef int64_t blkcnt_t;
typedef int64_t time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;

#endif /* _NOLIBC_SYS_TYPES_H */
