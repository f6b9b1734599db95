/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative policy: a thread keeps the CPU until it blocks, yields, sleeps or exits.
 * The timer only ends sleeps and timeouts. Nothing to lock against but event handlers,
 * so the allocator needs no lock and preemption control is free.
 */
#include "sched_priv.h"

void policy_init(void)
{
}

void policy_enqueued(struct lith_thread *t)
{
}

void policy_switched(void)
{
}

void policy_tick(uint64_t now)
{
}

void policy_preempt(void)
{
}

uint64_t policy_deadline(void)
{
	return 0;
}

void policy_restore(bool was)
{
}

void lith_preempt_disable(void)
{
}

void lith_preempt_enable(void)
{
}
