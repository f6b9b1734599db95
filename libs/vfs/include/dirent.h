/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Directory streams over the VFS (libs/vfs/dirent.c), for nolibc and newlib alike (newlib's
 * own <dirent.h> is not available for bare targets). Entries "." and ".." are not listed.
 * readdir() returns a pointer into the DIR, valid until the next call on it.
 */
#ifndef _LITH_DIRENT_H
#define _LITH_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct __lith_dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
void rewinddir(DIR *d);
int closedir(DIR *d);
int dirfd(DIR *d);

#endif /* _LITH_DIRENT_H */
