/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu console: standard output and standard input of the process. */
#include <lith/errno.h>
#include <plat/console.h>
#include <linuxu/syscall.h>

int plat_console_write(const char *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		long n = linuxu_syscall(SYS_write, 1, buf + done, len - done);

		if (n == -EINTR || n == -EAGAIN)
			continue;
		if (n <= 0)
			return done ? (int)done : (int)n;
		done += n;
	}
	return (int)done;
}

int plat_console_read(char *buf, size_t len)
{
	struct linuxu_pollfd pfd = { .fd = 0, .events = POLLIN };
	struct linuxu_timespec zero = { 0, 0 };
	long n;

	/* Poll first: making stdin non-blocking would change the shell's terminal too. */
	n = linuxu_syscall6(SYS_ppoll, (long)&pfd, 1, (long)&zero, 0, 8, 0);
	if (n <= 0)
		return n == -EINTR ? 0 : (int)n;
	n = linuxu_syscall(SYS_read, 0, buf, len);
	return n == -EINTR || n == -EAGAIN ? 0 : (int)n;
}
