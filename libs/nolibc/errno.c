/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>

/* One per thread: every thread has its own TLS area (the boot thread's is set up first). */
static __thread int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}
