/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Condition variables. The mutex is released and the waiter queued with events disabled,
 * in one step as far as any other thread can see, so a signal cannot fall in between.
 */
#include "sched_priv.h"
#include <lith/sync.h>

void lith_cond_init(struct lith_cond *c)
{
	lith_waitq_init(&c->wq);
}

int lith_cond_wait_until(struct lith_cond *c, struct lith_mutex *m, uint64_t deadline_ns)
{
	unsigned int depth = m->depth;
	bool was;
	int rc;

	if (m->owner != sched_current)
		return -EPERM;
	was = plat_events_save();
	sched_mutex_release(m);
	rc = sched_wait(&c->wq, deadline_ns);
	sched_restore(was);
	lith_mutex_lock(m);
	/* A recursive mutex comes back as deeply held as it was. */
	m->depth = depth;
	return rc;
}

void lith_cond_wait(struct lith_cond *c, struct lith_mutex *m)
{
	lith_cond_wait_until(c, m, 0);
}

void lith_cond_signal(struct lith_cond *c)
{
	lith_waitq_wake_one(&c->wq);
}

void lith_cond_broadcast(struct lith_cond *c)
{
	lith_waitq_wake_all(&c->wq);
}
