/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The core of the scheduler: the run queue, switching, blocking and waking, idle.
 *
 * Everything here runs with events disabled: event handlers (the timer's, drivers') wake
 * threads, so the run queue and wait queues are shared with them. One CPU, so that is
 * the whole of the locking. Idle is not a thread: when nothing is runnable, the thread
 * that is giving up the CPU sleeps in plat_idle() on its own stack until an event makes
 * something runnable; this costs no stack and no switch when it wakes itself.
 */
#include <lith/print.h>
#include <plat/cpu.h>
#include "sched_priv.h"

struct lith_thread *sched_current;
struct runq sched_runq;
uint64_t sched_nr_switches;
bool sched_in_idle;
/* A detached thread that exited: its stack is in use until the switch away from it. */
static struct lith_thread *reap;

void sched_make_runnable(struct lith_thread *t)
{
	t->state = T_RUNNABLE;
	runq_push(&sched_runq, &t->node, (unsigned int)t->prio);
	policy_enqueued(t);
}

void sched_finish_switch(void)
{
	if (reap) {
		struct lith_thread *t = reap;

		reap = NULL;
		sched_thread_free(t);
	}
}

void sched_switch(void)
{
	struct lith_thread *prev = sched_current, *next;
	struct lith_qnode *n;

	while (!(n = runq_pop(&sched_runq))) {
		/* Handlers that run in here must not switch: this is nobody's time slice. */
		sched_in_idle = true;
		plat_idle();
		sched_in_idle = false;
	}
	next = container_of(n, struct lith_thread, node);
	next->state = T_RUNNING;
	if (next == prev)
		return;
	if (prev->state == T_EXITED && (prev->flags & T_DETACHED))
		reap = prev;
	sched_current = next;
	sched_nr_switches++;
	policy_switched();
	plat_tls_set(next->tp);
	arch_ctx_switch(&prev->ctx, &next->ctx);
	sched_finish_switch();
}

void sched_yield_locked(void)
{
	sched_make_runnable(sched_current);
	sched_switch();
}

int sched_wait(struct lith_waitq *wq, uint64_t deadline)
{
	struct lith_thread *t = sched_current;

	t->wait_rc = 0;
	if (wq) {
		lith_queue_push(&wq->waiters, &t->node);
		t->waitq = wq;
	}
	if (deadline)
		sched_timer_start(&t->timer, deadline);
	t->state = T_BLOCKED;
	sched_switch();
	return t->wait_rc;
}

/* The thread's timer ended its wait (event context). */
static void wait_timeout(struct lith_timer *timer)
{
	struct lith_thread *t = container_of(timer, struct lith_thread, timer);

	if (t->state != T_BLOCKED)
		return;
	if (t->waitq) {
		lith_queue_remove(&t->waitq->waiters, &t->node);
		t->waitq = NULL;
	}
	t->wait_rc = -ETIMEDOUT;
	sched_make_runnable(t);
}

void sched_thread_prepare(struct lith_thread *t)
{
	t->timer.fn = wait_timeout;
}

static void wake(struct lith_thread *t)
{
	lith_queue_remove(&t->waitq->waiters, &t->node);
	t->waitq = NULL;
	sched_timer_stop(&t->timer);
	t->wait_rc = 0;
	sched_make_runnable(t);
}

int sched_wake(struct lith_waitq *wq, int max)
{
	int n = 0;

	while (n < max && wq->waiters.head) {
		wake(container_of(wq->waiters.head, struct lith_thread, node));
		n++;
	}
	return n;
}
