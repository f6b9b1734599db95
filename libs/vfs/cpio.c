/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unpack a cpio "newc" archive (what `find . | cpio -o -H newc` writes, the format of
 * Linux initramfs) into the filesystem mounted at a path. Directories and regular files
 * are created; other entries (links, devices) are skipped. Every header field is checked
 * against the archive's length before use.
 */
#include <string.h>
#include <lith/errno.h>
#include <lith/print.h>
#include <lith/vfs.h>
#include "vfs_internal.h"

#define NEWC_HDR 110

static int hex8(const char *p, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -EINVAL;
	}
	*out = v;
	return 0;
}

static int put_file(const char *path, unsigned int mode, const char *data, size_t len)
{
	int fd = vfs_open(VFS_AT_FDCWD, path, VFS_O_WRONLY | VFS_O_CREAT | VFS_O_TRUNC, mode);
	long n = 0;

	if (fd < 0)
		return fd;
	if (len)
		n = vfs_write(fd, data, len);
	vfs_close(fd);
	return n < 0 ? (int)n : (size_t)n == len ? 0 : -EIO;
}

int vfs_cpio_extract(const char *root, const void *archive, size_t len)
{
	const char *a = archive;
	char path[VFS_PATH_MAX];
	size_t off = 0, rlen = strlen(root);

	if (rlen + 2 >= sizeof(path))
		return -ENAMETOOLONG;
	while (off + NEWC_HDR <= len) {
		const char *h = a + off;
		uint32_t mode, fsize, nsize;
		const char *name, *data;
		int rc;

		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
			return -EINVAL;
		if (hex8(h + 14, &mode) || hex8(h + 54, &fsize) || hex8(h + 94, &nsize))
			return -EINVAL;
		if (nsize == 0 || nsize > len - off - NEWC_HDR)
			return -EINVAL;
		name = h + NEWC_HDR;
		if (name[nsize - 1] != '\0')
			return -EINVAL;
		off = ALIGN_UP(off + NEWC_HDR + nsize, 4);
		if (off > len || fsize > len - off)
			return -EINVAL;
		data = a + off;
		off = ALIGN_UP(off + fsize, 4);
		if (!strcmp(name, "TRAILER!!!"))
			return 0;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		if (!strcmp(name, ".") || !*name)
			continue;
		if (rlen + 1 + strlen(name) + 1 > sizeof(path))
			return -ENAMETOOLONG;
		strcpy(path, root);
		if (path[rlen - 1] != '/')
			strcat(path, "/");
		strcat(path, name);
		if (VFS_S_ISDIR(mode)) {
			rc = vfs_mkdir(VFS_AT_FDCWD, path, mode & 07777);
			if (rc == -EEXIST)
				rc = 0;
		} else if (VFS_S_ISREG(mode)) {
			rc = put_file(path, mode & 07777, data, fsize);
		} else {
			lith_pr_warn("initrd: %s: not a file or directory, skipped\n", name);
			rc = 0;
		}
		if (rc < 0)
			return rc;
	}
	return off >= len ? 0 : -EINVAL;
}
