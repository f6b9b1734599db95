/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * errno and the E* values (Linux's numbers, from <lith/errno.h>).
 * Callers may read and write errno; each thread has its own (thread-local storage).
 */
#ifndef _NOLIBC_ERRNO_H
#define _NOLIBC_ERRNO_H

#include <lith/errno.h>

int *__errno_location(void) __attribute__((const));
#define errno (*__errno_location())

#endif /* _NOLIBC_ERRNO_H */
