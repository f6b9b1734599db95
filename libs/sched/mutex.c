/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mutexes. The uncontended paths only keep the thread on the CPU (no event masking: no
 * event handler touches a mutex); waiting and waking mask events, because the timer's
 * handler removes timed-out waiters from the queue.
 */
#include "sched_priv.h"
#include <lith/sync.h>

void lith_mutex_init(struct lith_mutex *m, unsigned int flags)
{
	m->owner = NULL;
	m->depth = 0;
	m->flags = flags;
	lith_waitq_init(&m->wq);
}

static int relock(struct lith_mutex *m)
{
	if (m->flags & LITH_MUTEX_RECURSIVE) {
		m->depth++;
		return 0;
	}
	return -EDEADLK;
}

int lith_mutex_lock_timeout(struct lith_mutex *m, uint64_t timeout_ns)
{
	struct lith_thread *self = sched_current;
	uint64_t deadline = 0;
	int rc = 0;
	bool was;

	lith_preempt_disable();
	if (!m->owner) {
		m->owner = self;
		m->depth = 1;
		lith_preempt_enable();
		return 0;
	}
	lith_preempt_enable();
	if (m->owner == self)
		return relock(m);

	if (timeout_ns)
		deadline = lith_deadline(timeout_ns);
	was = plat_events_save();
	while (m->owner) {
		if (sched_wait(&m->wq, deadline) == -ETIMEDOUT && m->owner) {
			rc = -ETIMEDOUT;
			break;
		}
	}
	if (!rc) {
		m->owner = self;
		m->depth = 1;
	}
	sched_restore(was);
	return rc;
}

int lith_mutex_lock(struct lith_mutex *m)
{
	return lith_mutex_lock_timeout(m, 0);
}

int lith_mutex_trylock(struct lith_mutex *m)
{
	int rc = -EBUSY;

	lith_preempt_disable();
	if (!m->owner) {
		m->owner = sched_current;
		m->depth = 1;
		rc = 0;
	} else if (m->owner == sched_current && (m->flags & LITH_MUTEX_RECURSIVE)) {
		m->depth++;
		rc = 0;
	}
	lith_preempt_enable();
	return rc;
}

/* Events disabled or no waiters. */
void sched_mutex_release(struct lith_mutex *m)
{
	m->owner = NULL;
	m->depth = 0;
	if (m->wq.waiters.head)
		sched_wake(&m->wq, 1);
}

int lith_mutex_unlock(struct lith_mutex *m)
{
	bool was;

	if (m->owner != sched_current)
		return -EPERM;
	if (--m->depth)
		return 0;
	lith_preempt_disable();
	if (!m->wq.waiters.head) {
		m->owner = NULL;
		lith_preempt_enable();
		return 0;
	}
	lith_preempt_enable();
	was = plat_events_save();
	sched_mutex_release(m);
	sched_restore(was);
	return 0;
}

bool lith_mutex_locked(const struct lith_mutex *m)
{
	return m->owner != NULL;
}
