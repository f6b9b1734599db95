/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Timeouts and sleeps over the platform's one-shot timer: the timer is armed for the
 * earliest deadline of the timer queue (or the preemptive policy's next tick), never
 * polled. Cancelling a timeout does not re-arm: an early expiry finds nothing due and
 * re-arms, which is cheaper than a platform call on every wake-up.
 */
#include <lith/print.h>
#include "sched_priv.h"

static struct timerq tq;
/* The deadline the platform's timer is armed for; 0 when it is not armed. */
static uint64_t armed;

int sched_timer_reserve(unsigned int n)
{
	bool was = plat_events_save();
	int rc = timerq_reserve(&tq, n);

	plat_events_restore(was);
	return rc;
}

void sched_timer_reprogram(void)
{
	struct lith_timer *first = timerq_first(&tq);
	uint64_t want = first ? first->deadline : 0;
	uint64_t tick = policy_deadline();

	if (tick && (!want || tick < want))
		want = tick;
	/* Only ever arm earlier: a later deadline is served by an early, empty expiry. */
	if (want && (!armed || want < armed)) {
		armed = want;
		plat_timer_set(want);
	}
}

void sched_timer_start(struct lith_timer *t, uint64_t deadline)
{
	t->deadline = deadline;
	timerq_insert(&tq, t);
	sched_timer_reprogram();
}

void sched_timer_stop(struct lith_timer *t)
{
	timerq_remove(&tq, t);
}

/* The platform's timer fired: event context, events disabled. */
static void timer_fired(void)
{
	uint64_t now = plat_time_monotonic_ns();
	struct lith_timer *t;

	armed = 0;
	while ((t = timerq_first(&tq)) && t->deadline <= now) {
		timerq_remove(&tq, t);
		t->fn(t);
	}
	policy_tick(now);
	sched_timer_reprogram();
	/* Last: it may switch to another thread, and come back here much later. */
	policy_preempt();
}

void sched_timer_init(void)
{
	plat_timer_handler(timer_fired);
}
