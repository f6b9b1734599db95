/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: the console.
 * xen: PV console ring + event channel; kvm: 16550 COM1 / PL011; linuxu: write(2)/read(2).
 */
#ifndef PLAT_CONSOLE_H
#define PLAT_CONSOLE_H

#include <stddef.h>

/* Write len bytes; returns bytes written (len unless the console is gone) or a -errno. */
int plat_console_write(const char *buf, size_t len);

/* Read up to len bytes without blocking; returns the count (0 when nothing waits) or -errno. */
int plat_console_read(char *buf, size_t len);

#endif /* PLAT_CONSOLE_H */
