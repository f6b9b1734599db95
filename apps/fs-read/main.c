/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The seed tutorial's file-reading application: the root filesystem is a host folder
 * (guest_fs/: 9P on KVM and Xen, hostfs on linuxu) and /grass is read and printed.
 * Works with either C library: only POSIX calls and printf.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char buf[128];
	ssize_t n;
	int fd;

	printf("Hello, world!\n");
	fd = open("/grass", O_RDONLY);
	if (fd < 0) {
		perror("open /grass");
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		perror("read /grass");
		return 1;
	}
	buf[n] = '\0';
	/* The file ends with a newline; print it as one line whatever its ending. */
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	printf("File contents: %s\n", buf);
	printf("Bye, world!\n");
	return 0;
}
