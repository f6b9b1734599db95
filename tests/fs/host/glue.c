/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VFS core, ramfs, devfs and the cpio reader built for the host as the kernel builds
 * them (freestanding, nolibc's headers), with the few kernel services they call stubbed.
 * ramfs.c is included so that its registration function can be called.
 */
#include "../../../libs/vfs/ramfs.c"

int test_ramfs_register(void);
uint64_t plat_time_wall_ns(void);
int plat_console_write(const char *buf, size_t len);
int plat_console_read(char *buf, size_t len);

int test_ramfs_register(void)
{
	return ramfs_init();
}

uint64_t plat_time_wall_ns(void)
{
	return 1700000000ull * NSEC_PER_SEC;
}

int plat_console_write(const char *buf, size_t len)
{
	return (int)len;
}

int plat_console_read(char *buf, size_t len)
{
	return 0;
}
