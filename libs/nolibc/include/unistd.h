/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Only what nolibc implements: the standard descriptor numbers and _exit().
 * File I/O (read, write, close, ...) belongs to the VFS library, not here.
 */
#ifndef _NOLIBC_UNISTD_H
#define _NOLIBC_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* Terminate at once with status: no atexit handlers, no stdio flush. */
void _exit(int status) __attribute__((noreturn));

#endif /* _NOLIBC_UNISTD_H */
