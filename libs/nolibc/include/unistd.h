/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The standard descriptor numbers and _exit(). The file calls below are implemented by
 * the VFS library (libs/vfs, posix.c): an image without it fails to link if it uses them.
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

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

ssize_t read(int fd, void *buf, size_t len);
ssize_t write(int fd, const void *buf, size_t len);
ssize_t pread(int fd, void *buf, size_t len, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t len, off_t off);
off_t lseek(int fd, off_t off, int whence);
int close(int fd);
int dup(int fd);
int dup2(int fd, int newfd);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int rmdir(const char *path);
int fsync(int fd);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
int isatty(int fd);
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int fchdir(int fd);

/* Sleeping: libs/pthread (the calling thread sleeps, others run). */
typedef unsigned int useconds_t;
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

#endif /* _NOLIBC_UNISTD_H */
