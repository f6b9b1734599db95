/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clocks, sleeping and yielding for POSIX programs, over the platform's clocks. With newlib,
 * clock_gettime() and time() are the C library's (libs/newlib/glue.c).
 */
#include <errno.h>
#include <unistd.h>
#include <lith/sched.h>
#include <plat/time.h>
#include "pthread_priv.h"

static int64_t clock_ns(clockid_t clock)
{
	if (clock == CLOCK_MONOTONIC)
		return (int64_t)plat_time_monotonic_ns();
	if (clock == CLOCK_REALTIME)
		return (int64_t)plat_time_wall_ns();
	return -1;
}

#if CONFIG_LIBC_NOLIBC
int clock_gettime(clockid_t clock, struct timespec *ts)
{
	int64_t ns = clock_ns(clock);

	if (ns < 0 || !ts) {
		errno = EINVAL;
		return -1;
	}
	ts->tv_sec = ns / (int64_t)NSEC_PER_SEC;
	ts->tv_nsec = ns % (int64_t)NSEC_PER_SEC;
	return 0;
}

time_t time(time_t *t)
{
	time_t now = (time_t)(plat_time_wall_ns() / NSEC_PER_SEC);

	if (t)
		*t = now;
	return now;
}
#endif

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= (long)NSEC_PER_SEC) {
		errno = EINVAL;
		return -1;
	}
	/* No signals interrupt a sleep here: it always completes. */
	lith_thread_sleep_ns((uint64_t)req->tv_sec * NSEC_PER_SEC + (uint64_t)req->tv_nsec);
	if (rem)
		rem->tv_sec = rem->tv_nsec = 0;
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	lith_thread_sleep_ns((uint64_t)seconds * NSEC_PER_SEC);
	return 0;
}

int usleep(useconds_t usec)
{
	lith_thread_sleep_ns((uint64_t)usec * 1000);
	return 0;
}

int sched_yield(void)
{
	lith_thread_yield();
	return 0;
}

int sched_get_priority_min(int policy)
{
	return LITH_PRIO_MIN;
}

int sched_get_priority_max(int policy)
{
	return LITH_PRIO_MAX;
}

int64_t pthread_abs_to_deadline(clockid_t clock, const struct timespec *abstime)
{
	int64_t abs, now = clock_ns(clock);
	uint64_t mono = plat_time_monotonic_ns();

	if (!abstime || now < 0 || abstime->tv_nsec < 0 || abstime->tv_nsec >= (long)NSEC_PER_SEC)
		return -1;
	abs = abstime->tv_sec * (int64_t)NSEC_PER_SEC + abstime->tv_nsec;
	/* Already past: the smallest deadline, which the timer treats as due at once. */
	if (abs <= now)
		return 1;
	return (int64_t)mono + (abs - now);
}
