/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Counting semaphores. The count changes with atomic instructions, so the uncontended
 * paths need no masking even though lith_sem_up() may run in an event handler; a waiter
 * checks the count and queues itself with events disabled, so no up is missed between.
 */
#include <arch/atomic.h>
#include "sched_priv.h"
#include <lith/sync.h>

void lith_sem_init(struct lith_sem *s, long count)
{
	s->count = count;
	lith_waitq_init(&s->wq);
}

static bool take(struct lith_sem *s)
{
	long c = __atomic_load_n(&s->count, __ATOMIC_RELAXED);

	while (c > 0) {
		if (atomic_cmpxchg(&s->count, &c, c - 1))
			return true;
	}
	return false;
}

int lith_sem_trydown(struct lith_sem *s)
{
	return take(s) ? 0 : -EAGAIN;
}

int lith_sem_down_timeout(struct lith_sem *s, uint64_t timeout_ns)
{
	uint64_t deadline;
	int rc = 0;
	bool was;

	if (take(s))
		return 0;
	deadline = lith_deadline(timeout_ns);
	was = plat_events_save();
	while (!take(s)) {
		if (sched_wait(&s->wq, deadline) == -ETIMEDOUT) {
			if (!take(s))
				rc = -ETIMEDOUT;
			break;
		}
	}
	sched_restore(was);
	return rc;
}

void lith_sem_down(struct lith_sem *s)
{
	lith_sem_down_timeout(s, 0);
}

void lith_sem_up(struct lith_sem *s)
{
	bool was;

	atomic_add(&s->count, 1);
	if (!__atomic_load_n(&s->wq.waiters.head, __ATOMIC_SEQ_CST))
		return;
	was = plat_events_save();
	sched_wake(&s->wq, 1);
	sched_restore(was);
}
