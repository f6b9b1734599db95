/* SPDX-License-Identifier: BSD-3-Clause */
/* The clock and sleep functions threads need (libs/pthread). Linux's values and layouts. */
#ifndef _PTHREAD_TIME_H
#define _PTHREAD_TIME_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t time_t; /* as in <sys/types.h>: C11 allows the repeat */
typedef int clockid_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC 1

int clock_gettime(clockid_t clk, struct timespec *ts); /* 0, or -1 and EINVAL */
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);

#endif /* _PTHREAD_TIME_H */
