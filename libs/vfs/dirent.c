/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Directory streams (<dirent.h>) over the VFS, for whichever C library the image has: the
 * file calls go through that libc (its O_* and errno values), and lith_libc_ret() turns a
 * VFS error into its errno.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <lith/vfs.h>

struct __lith_dir {
	int fd;
	struct dirent ent;
};

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (d)
		d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct vfs_dirent e;
	int rc = vfs_readdir(d->fd, &e);

	if (rc <= 0) {
		if (rc < 0)
			lith_libc_ret(rc);
		return NULL; /* end: errno unchanged */
	}
	d->ent.d_ino = e.d_ino;
	d->ent.d_type = e.d_type;
	d->ent.d_off++;
	d->ent.d_reclen = sizeof(d->ent);
	memcpy(d->ent.d_name, e.d_name, sizeof(d->ent.d_name));
	return &d->ent;
}

void rewinddir(DIR *d)
{
	vfs_rewinddir(d->fd);
	d->ent.d_off = 0;
}

int closedir(DIR *d)
{
	int rc = close(d->fd);

	free(d);
	return rc;
}

int dirfd(DIR *d)
{
	return d->fd;
}
