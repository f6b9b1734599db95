/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>

/* One errno for everyone for now; it becomes per-thread (TLS) in the threads issue. */
static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}
