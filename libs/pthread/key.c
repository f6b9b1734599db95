/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread-specific data: a global table of keys and, per thread, an array of values made on
 * the first pthread_setspecific() and kept in the thread's user slot.
 */
#include <errno.h>
#include <stdlib.h>
#include <lith/sched.h>
#include "pthread_priv.h"

#define DESTRUCTOR_ITERATIONS 4

static struct {
	bool used;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	unsigned int i;

	/* Cooperative or preemptive, a thread is not switched inside this loop's body. */
	lith_preempt_disable();
	for (i = 0; i < PTHREAD_KEYS_MAX; i++) {
		if (!keys[i].used) {
			keys[i].used = true;
			keys[i].destructor = destructor;
			lith_preempt_enable();
			*key = i;
			return 0;
		}
	}
	lith_preempt_enable();
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	keys[key].used = false;
	keys[key].destructor = NULL;
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	void **values = lith_thread_user(lith_thread_self());

	if (key >= PTHREAD_KEYS_MAX || !values)
		return NULL;
	return values[key];
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct lith_thread *self = lith_thread_self();
	void **values = lith_thread_user(self);

	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	if (!values) {
		values = calloc(PTHREAD_KEYS_MAX, sizeof(*values));
		if (!values)
			return ENOMEM;
		lith_thread_set_user(self, values);
	}
	values[key] = (void *)value;
	return 0;
}

void pthread_keys_exit(void)
{
	struct lith_thread *self = lith_thread_self();
	void **values = lith_thread_user(self);
	int round, i;
	bool again = true;

	if (!values)
		return;
	/* A destructor may set values again: POSIX allows a bounded number of rounds. */
	for (round = 0; round < DESTRUCTOR_ITERATIONS && again; round++) {
		again = false;
		for (i = 0; i < PTHREAD_KEYS_MAX; i++) {
			void *v = values[i];

			if (!v || !keys[i].used || !keys[i].destructor)
				continue;
			values[i] = NULL;
			keys[i].destructor(v);
			again = true;
		}
	}
	lith_thread_set_user(self, NULL);
	free(values);
}
