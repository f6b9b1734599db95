/* SPDX-License-Identifier: BSD-3-Clause */
/* pthread mutexes and condition variables: libs/sched's, with POSIX error numbers. */
#include <errno.h>
#include "pthread_priv.h"

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	unsigned int flags = 0;

	if (attr && attr->type == PTHREAD_MUTEX_RECURSIVE)
		flags = LITH_MUTEX_RECURSIVE;
	else if (attr && attr->type == PTHREAD_MUTEX_ERRORCHECK)
		flags = LITH_MUTEX_ERRCHECK;
	lith_mutex_init(&m->m, flags);
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return lith_mutex_locked(&m->m) ? EBUSY : 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return -lith_mutex_lock(&m->m);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	return -lith_mutex_trylock(&m->m);
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
	int64_t deadline = pthread_abs_to_deadline(CLOCK_REALTIME, abstime);
	uint64_t left;

	if (deadline < 0)
		return EINVAL;
	if (lith_mutex_trylock(&m->m) == 0)
		return 0;
	left = (uint64_t)deadline > plat_time_monotonic_ns() ?
		       (uint64_t)deadline - plat_time_monotonic_ns() :
		       0;
	if (!left)
		return ETIMEDOUT;
	return -lith_mutex_lock_timeout(&m->m, left);
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	return -lith_mutex_unlock(&m->m);
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->monotonic = 0;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->monotonic = clock == CLOCK_MONOTONIC;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
	*clock = attr->monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	lith_cond_init(&c->c);
	c->monotonic = attr ? attr->monotonic : 0;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	return 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return -lith_cond_wait_until(&c->c, &m->m, 0);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
	int64_t deadline =
		pthread_abs_to_deadline(c->monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME, abstime);

	if (deadline < 0)
		return EINVAL;
	return -lith_cond_wait_until(&c->c, &m->m, (uint64_t)deadline);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	lith_cond_signal(&c->c);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	lith_cond_broadcast(&c->c);
	return 0;
}
