/* SPDX-License-Identifier: BSD-3-Clause */
/* Case-insensitive comparison (C locale: only A-Z fold). */
#ifndef _NOLIBC_STRINGS_H
#define _NOLIBC_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif /* _NOLIBC_STRINGS_H */
