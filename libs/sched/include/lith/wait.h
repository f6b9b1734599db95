/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wait queues, and what drivers need to block on an event without spinning.
 *
 * A wait queue is a list of blocked threads. Waking is allowed from event handlers
 * (interrupt context); waiting only from a thread. The all-zero state is an empty queue.
 *
 *	// thread: wait up to 1 s for the device's reply
 *	rc = lith_wait_event_timeout(&dev->wq, dev->reply_ready, NSEC_PER_SEC);
 *	// event handler:
 *	dev->reply_ready = true; lith_waitq_wake_all(&dev->wq);
 *
 * Or with a struct lith_event (a flag plus a queue): lith_event_set() in the handler,
 * lith_event_wait(&ev, timeout) in the thread.
 */
#ifndef LITH_WAIT_H
#define LITH_WAIT_H

#include <lith/essentials.h>
#include <lith/errno.h>
#include <lith/queue.h>
#include <plat/events.h>
#include <plat/time.h>

struct lith_waitq {
	struct lith_queue waiters;
};

#define LITH_WAITQ_INIT            \
	{                          \
		{                  \
			NULL, NULL \
		}                  \
	}

static inline void lith_waitq_init(struct lith_waitq *wq)
{
	wq->waiters.head = wq->waiters.tail = NULL;
}

/*
 * Block the calling thread on wq until woken or until monotonic time deadline_ns (0: no
 * limit). Call with events disabled (plat_events_save()); they are disabled again on
 * return. Returns 0 when woken, -ETIMEDOUT when the deadline passed.
 */
int lith_waitq_wait_locked(struct lith_waitq *wq, uint64_t deadline_ns);

/* Wake the oldest waiter / every waiter. Any context. Returns how many were woken. */
int lith_waitq_wake_one(struct lith_waitq *wq);
int lith_waitq_wake_all(struct lith_waitq *wq);

/* Deadline for a relative timeout in ns; 0 (forever) stays 0. */
static inline uint64_t lith_deadline(uint64_t timeout_ns)
{
	return timeout_ns ? plat_time_monotonic_ns() + timeout_ns : 0;
}

/*
 * Wait until cond is true, re-checking it each time wq is woken; cond is evaluated with
 * events disabled, so a handler that sets it and then wakes wq cannot be missed.
 * Evaluates to 0, or -ETIMEDOUT when timeout_ns (0: forever) passed with cond still false.
 */
#define lith_wait_event_timeout(wq, cond, timeout_ns)                                      \
	({                                                                                 \
		uint64_t __dl = lith_deadline(timeout_ns);                                 \
		bool __was = plat_events_save();                                           \
		int __rc = 0;                                                              \
		while (!(cond)) {                                                          \
			if (lith_waitq_wait_locked((wq), __dl) == -ETIMEDOUT && !(cond)) { \
				__rc = -ETIMEDOUT;                                         \
				break;                                                     \
			}                                                                  \
		}                                                                          \
		plat_events_restore(__was);                                                \
		__rc;                                                                      \
	})

#define lith_wait_event(wq, cond) ((void)lith_wait_event_timeout((wq), (cond), 0))

/* An auto-reset event: set (from anywhere) releases one wait; a set with no waiter is kept. */
struct lith_event {
	struct lith_waitq wq;
	bool set;
};

void lith_event_set(struct lith_event *ev);
/* 0 when the event was set (and is consumed), -ETIMEDOUT after timeout_ns (0: forever). */
int lith_event_wait(struct lith_event *ev, uint64_t timeout_ns);

#endif /* LITH_WAIT_H */
