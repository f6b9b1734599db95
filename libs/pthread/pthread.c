/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX threads over libs/sched: creation, exit, join, attributes, names, priorities. */
#include <errno.h>
#include <stdlib.h>
#include <lith/sched.h>
#include "pthread_priv.h"

#if CONFIG_LIBSCHED_PREEMPT
#define SCHED_POLICY SCHED_RR
#else
#define SCHED_POLICY SCHED_OTHER
#endif

struct start {
	void *(*fn)(void *);
	void *arg;
};

/* Every pthread begins here, so that returning from fn runs the key destructors too. */
static void *start_thread(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	pthread_exit(s.fn(s.arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	struct lith_thread_attr a = { .name = "pthread", .prio = LITH_PRIO_DEFAULT };
	struct start *s;
	int rc;

	if (!thread || !fn)
		return EINVAL;
	if (attr) {
		a.stack_size = attr->stacksize;
		a.detached = attr->detachstate == PTHREAD_CREATE_DETACHED;
		if (attr->prio_set)
			a.prio = attr->prio;
	}
	s = malloc(sizeof(*s));
	if (!s)
		return EAGAIN;
	s->fn = fn;
	s->arg = arg;
	rc = lith_thread_create(thread, &a, start_thread, s);
	if (rc) {
		free(s);
		/* POSIX: EAGAIN for a lack of resources. */
		return rc == -ENOMEM ? EAGAIN : -rc;
	}
	return 0;
}

void pthread_exit(void *ret)
{
	pthread_keys_exit();
	lith_thread_exit(ret);
}

int pthread_join(pthread_t thread, void **ret)
{
	return -lith_thread_join(thread, ret);
}

int pthread_detach(pthread_t thread)
{
	return -lith_thread_detach(thread);
}

pthread_t pthread_self(void)
{
	return lith_thread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

int pthread_setname_np(pthread_t thread, const char *name)
{
	if (!name)
		return EINVAL;
	lith_thread_set_name(thread, name);
	return 0;
}

int pthread_getname_np(pthread_t thread, char *buf, size_t len)
{
	const char *name = lith_thread_name(thread);
	size_t i;

	for (i = 0; name[i]; i++)
		;
	if (i >= len)
		return ERANGE;
	for (i = 0; (buf[i] = name[i]); i++)
		;
	return 0;
}

int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param)
{
	return param ? -lith_thread_set_prio(thread, param->sched_priority) : EINVAL;
}

int pthread_getschedparam(pthread_t thread, int *policy, struct sched_param *param)
{
	if (policy)
		*policy = SCHED_POLICY;
	if (param)
		param->sched_priority = lith_thread_prio(thread);
	return 0;
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->stacksize = 0;
	attr->detachstate = PTHREAD_CREATE_JOINABLE;
	attr->prio = LITH_PRIO_DEFAULT;
	attr->prio_set = 0;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->stacksize ? attr->stacksize : (size_t)CONFIG_LIBSCHED_STACK_KB << 10;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detachstate;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *attr, const struct sched_param *param)
{
	if (param->sched_priority < LITH_PRIO_MIN || param->sched_priority > LITH_PRIO_MAX)
		return EINVAL;
	attr->prio = param->sched_priority;
	attr->prio_set = 1;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *attr, struct sched_param *param)
{
	param->sched_priority = attr->prio;
	return 0;
}

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	/* 0: not run, 1: running, 2: done. The lock makes late callers wait for fn. */
	if (__atomic_load_n(once, __ATOMIC_ACQUIRE) == 2)
		return 0;
	pthread_mutex_lock(&lock);
	if (*once == 0) {
		*once = 1;
		fn();
		__atomic_store_n(once, 2, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lock);
	return 0;
}
