/* SPDX-License-Identifier: BSD-3-Clause */
/* Wait queues and events: what drivers block on, woken from their event handlers. */
#include "sched_priv.h"

int lith_waitq_wait_locked(struct lith_waitq *wq, uint64_t deadline_ns)
{
	return sched_wait(wq, deadline_ns);
}

int lith_waitq_wake_one(struct lith_waitq *wq)
{
	bool was = plat_events_save();
	int n = sched_wake(wq, 1);

	sched_restore(was);
	return n;
}

int lith_waitq_wake_all(struct lith_waitq *wq)
{
	bool was = plat_events_save();
	int n = sched_wake(wq, __INT_MAX__);

	sched_restore(was);
	return n;
}

void lith_event_set(struct lith_event *ev)
{
	bool was = plat_events_save();

	ev->set = true;
	sched_wake(&ev->wq, 1);
	sched_restore(was);
}

int lith_event_wait(struct lith_event *ev, uint64_t timeout_ns)
{
	uint64_t deadline = lith_deadline(timeout_ns);
	bool was = plat_events_save();
	int rc = 0;

	while (!ev->set) {
		if (sched_wait(&ev->wq, deadline) == -ETIMEDOUT && !ev->set) {
			rc = -ETIMEDOUT;
			break;
		}
	}
	if (!rc)
		ev->set = false;
	sched_restore(was);
	return rc;
}
