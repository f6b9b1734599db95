/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX <sched.h>: yielding, and the priority range of the Lith scheduler. */
#ifndef _PTHREAD_SCHED_H
#define _PTHREAD_SCHED_H

#include <time.h>

#define SCHED_OTHER 0
#define SCHED_FIFO  1
#define SCHED_RR    2

struct sched_param {
	int sched_priority; /* 0 (lowest) .. 31; 16 by default */
};

int sched_yield(void);
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);

#endif /* _PTHREAD_SCHED_H */
