/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gcc's limits.h gives the C limits (CHAR_BIT, INT_MAX, LLONG_MIN, ...) but, as installed,
 * chains to a libc's limits.h; defining _LIBC_LIMITS_H_ stops the chain. POSIX limits
 * nolibc callers may rely on are added below.
 */
#ifndef _NOLIBC_LIMITS_H
#define _NOLIBC_LIMITS_H

#define _LIBC_LIMITS_H_ 1
#include_next <limits.h>

#define SSIZE_MAX __PTRDIFF_MAX__
#define PATH_MAX  4096
#define NAME_MAX  255
#define IOV_MAX	  1024

#endif /* _NOLIBC_LIMITS_H */
