/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Preemptive policy: round robin within a priority, highest priority first.
 *
 * A tick is armed on the one-shot timer only while other threads wait in the run queue.
 * At a tick, if no switch happened during the whole slice, the running thread goes to the
 * back of its priority's queue. A thread made runnable with a higher priority than the
 * running one preempts it at the next point where that is safe: the end of the timer's
 * handler, or the end of a blocking-primitive call made with events enabled.
 *
 * The switch inside the timer handler relies on two things from the platform: event
 * handlers run on the interrupted thread's stack (linuxu: the signal frame; kvm: the trap
 * frame), so that thread resumes inside its handler later and returns from it normally;
 * and the interrupt is acknowledged before the handler runs (kvm: LAPIC EOI first),
 * since the handler may not return for a long time. Events stay disabled across the
 * switch: the thread switched to re-enables them itself.
 */
#include <lith/alloc.h>
#include "sched_priv.h"

#define SLICE_NS ((uint64_t)CONFIG_LIBSCHED_SLICE_MS * NSEC_PER_MSEC)

static unsigned int preempt_count;
static bool need_resched;
static uint64_t tick_deadline; /* 0: no tick armed */
static uint64_t tick_switches; /* sched_nr_switches when the slice began */

void policy_init(void)
{
	/* The heap is shared by all threads: keep the holder on the CPU. */
	lith_alloc_set_lock(lith_preempt_disable, lith_preempt_enable);
}

static void arm_tick(uint64_t now)
{
	tick_deadline = now + SLICE_NS;
	tick_switches = sched_nr_switches;
}

void policy_enqueued(struct lith_thread *t)
{
	if (sched_current && t->prio > sched_current->prio)
		need_resched = true;
	if (!tick_deadline && t != sched_current) {
		arm_tick(plat_time_monotonic_ns());
		sched_timer_reprogram();
	}
}

void policy_switched(void)
{
	need_resched = false;
}

uint64_t policy_deadline(void)
{
	return tick_deadline;
}

static bool can_preempt(void)
{
	return need_resched && !preempt_count && !sched_in_idle &&
	       sched_current->state == T_RUNNING;
}

void policy_tick(uint64_t now)
{
	bool expired;

	if (!tick_deadline || now < tick_deadline)
		return;
	if (!sched_runq.nr) {
		tick_deadline = 0;
		return;
	}
	expired = sched_nr_switches == tick_switches && !sched_in_idle &&
		  runq_top(&sched_runq) >= sched_current->prio;
	arm_tick(now);
	if (expired) {
		need_resched = true;
		/* The next thread's slice starts with the switch policy_preempt() makes. */
		tick_switches++;
	}
}

void policy_preempt(void)
{
	if (can_preempt())
		sched_yield_locked();
}

void policy_restore(bool was)
{
	if (was && can_preempt())
		sched_yield_locked();
}

void lith_preempt_disable(void)
{
	preempt_count++;
}

void lith_preempt_enable(void)
{
	bool was;

	if (--preempt_count || !need_resched)
		return;
	/* Only where events were enabled: the caller may be inside the scheduler itself. */
	was = plat_events_save();
	if (was && can_preempt())
		sched_yield_locked();
	plat_events_restore(was);
}
