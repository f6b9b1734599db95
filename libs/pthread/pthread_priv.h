/* SPDX-License-Identifier: BSD-3-Clause */
/* libs/pthread's private helpers. */
#ifndef PTHREAD_PRIV_H
#define PTHREAD_PRIV_H

#include <pthread.h>

/* Run the key destructors of the calling thread and free its values (key.c). */
void pthread_keys_exit(void);

/* Monotonic deadline (ns) for an absolute time on clock; 0 for a time already past,
 * reported as 1 so that it still means "a deadline" (time.c). -1 for a bad timespec. */
int64_t pthread_abs_to_deadline(clockid_t clock, const struct timespec *abstime);

#endif /* PTHREAD_PRIV_H */
