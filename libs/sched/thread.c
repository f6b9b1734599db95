/* SPDX-License-Identifier: BSD-3-Clause */
/* Threads: creation, exit, join, detach, names, priorities, yield, sleep; the boot thread. */
#include <lith/alloc.h>
#include <lith/boot.h>
#include <lith/init.h>
#include <lith/print.h>
#include <plat/cpu.h>
#include "sched_priv.h"

struct lith_queue sched_all;
static unsigned int nr_threads; /* not exited */
static unsigned int nr_records; /* allocated, for the timer queue's room */
static struct lith_thread main_thread;
static struct lith_thread_exit_hook *exit_hooks, **exit_hooks_tail = &exit_hooks;

static void set_name(struct lith_thread *t, const char *name)
{
	size_t i;

	if (!name)
		name = "thread";
	for (i = 0; i + 1 < sizeof(t->name) && name[i]; i++)
		t->name[i] = name[i];
	t->name[i] = '\0';
}

/* First code of every new thread: events are disabled by the switch that led here. */
static void thread_start(void *arg)
{
	struct lith_thread *t = arg;

	sched_finish_switch();
	plat_events_enable();
	lith_thread_exit(t->fn(t->arg));
}

int lith_thread_create(struct lith_thread **out, const struct lith_thread_attr *attr,
		       void *(*fn)(void *), void *arg)
{
	size_t stack = attr && attr->stack_size ? attr->stack_size :
						  (size_t)CONFIG_LIBSCHED_STACK_KB << 10;
	int prio = attr ? attr->prio : LITH_PRIO_DEFAULT;
	struct lith_thread *t;
	bool was;

	if (!fn || prio < LITH_PRIO_MIN || prio > LITH_PRIO_MAX || stack > ((size_t)1 << 40))
		return -EINVAL;
	if (stack < PAGE_SIZE)
		stack = PAGE_SIZE;
	/* Every thread may need one slot in the timer queue: room is made here, not later. */
	if (sched_timer_reserve(nr_records + 1) < 0)
		return -ENOMEM;
	t = sched_thread_alloc(stack);
	if (!t) {
		lith_pr_warn("no memory for a thread of %zu KiB stack\n", stack >> 10);
		return -ENOMEM;
	}
	set_name(t, attr ? attr->name : NULL);
	t->prio = prio;
	t->fn = fn;
	t->arg = arg;
	if (attr && attr->detached)
		t->flags |= T_DETACHED;
	sched_thread_prepare(t);
	arch_ctx_init(&t->ctx, (void *)t->stack_hi, thread_start, t);

	was = plat_events_save();
	nr_records++;
	nr_threads++;
	lith_queue_push(&sched_all, &t->all);
	sched_make_runnable(t);
	if (out)
		*out = t;
	sched_restore(was);
	return 0;
}

/* Events disabled; t has exited and is not running. */
static void release(struct lith_thread *t)
{
	lith_queue_remove(&sched_all, &t->all);
	nr_records--;
	if (!(t->flags & T_STATIC))
		sched_thread_free(t);
}

void lith_thread_exit_hook_add(struct lith_thread_exit_hook *h)
{
	h->next = NULL;
	*exit_hooks_tail = h;
	exit_hooks_tail = &h->next;
}

void lith_thread_exit(void *ret)
{
	struct lith_thread *t = sched_current;
	struct lith_thread_exit_hook *h;

	for (h = exit_hooks; h; h = h->next)
		h->fn();
	plat_events_disable();
	t->ret = ret;
	t->state = T_EXITED;
	if (!--nr_threads) {
		plat_events_enable();
		lith_exit(0);
	}
	if (t->flags & T_DETACHED) {
		/* Freed by the next thread, once off this stack (T_STATIC: never). */
		lith_queue_remove(&sched_all, &t->all);
		nr_records--;
		if (t->flags & T_STATIC)
			t->flags &= ~T_DETACHED;
	} else {
		sched_wake(&t->join_wq, __INT_MAX__);
	}
	sched_switch();
	lith_abort("an exited thread was resumed");
}

int lith_thread_join(struct lith_thread *t, void **ret)
{
	bool was;

	if (t == sched_current)
		return -EDEADLK;
	was = plat_events_save();
	if (t->flags & (T_DETACHED | T_JOINING)) {
		plat_events_restore(was);
		return -EINVAL;
	}
	t->flags |= T_JOINING;
	while (t->state != T_EXITED)
		sched_wait(&t->join_wq, 0);
	if (ret)
		*ret = t->ret;
	release(t);
	sched_restore(was);
	return 0;
}

int lith_thread_detach(struct lith_thread *t)
{
	bool was = plat_events_save();
	int rc = 0;

	if (t->flags & (T_DETACHED | T_JOINING))
		rc = -EINVAL;
	else if (t->state == T_EXITED)
		release(t);
	else
		t->flags |= T_DETACHED;
	plat_events_restore(was);
	return rc;
}

struct lith_thread *lith_thread_self(void)
{
	return sched_current;
}

const char *lith_thread_name(const struct lith_thread *t)
{
	return t->name;
}

void lith_thread_set_name(struct lith_thread *t, const char *name)
{
	set_name(t, name);
}

int lith_thread_prio(const struct lith_thread *t)
{
	return t->prio;
}

int lith_thread_set_prio(struct lith_thread *t, int prio)
{
	bool was;

	if (prio < LITH_PRIO_MIN || prio > LITH_PRIO_MAX)
		return -EINVAL;
	was = plat_events_save();
	if (t->state == T_RUNNABLE) {
		runq_remove(&sched_runq, &t->node, (unsigned int)t->prio);
		t->prio = prio;
		sched_make_runnable(t);
	} else {
		t->prio = prio;
	}
	/* Lowering oneself below a waiting thread gives way to it. */
	if (t == sched_current && runq_top(&sched_runq) > prio)
		sched_yield_locked();
	sched_restore(was);
	return 0;
}

void *lith_thread_user(const struct lith_thread *t)
{
	return t->user;
}

void lith_thread_set_user(struct lith_thread *t, void *p)
{
	t->user = p;
}

void lith_thread_yield(void)
{
	bool was = plat_events_save();

	sched_yield_locked();
	plat_events_restore(was);
}

void lith_thread_sleep_until(uint64_t deadline_ns)
{
	bool was;

	if (!deadline_ns || deadline_ns <= plat_time_monotonic_ns()) {
		lith_thread_yield();
		return;
	}
	was = plat_events_save();
	while (sched_wait(NULL, deadline_ns) != -ETIMEDOUT)
		;
	plat_events_restore(was);
}

void lith_thread_sleep_ns(uint64_t ns)
{
	lith_thread_sleep_until(ns ? plat_time_monotonic_ns() + ns : 0);
}

void lith_sched_stats(struct lith_sched_stats *st)
{
	bool was = plat_events_save();

	st->nr_switches = sched_nr_switches;
	st->nr_threads = nr_threads;
	st->nr_runnable = sched_runq.nr;
#if CONFIG_LIBSCHED_PREEMPT
	st->preemptive = true;
#else
	st->preemptive = false;
#endif
	st->guard_pages = sched_guard_pages;
	plat_events_restore(was);
}

/* The boot thread becomes "main": its stack and TLS area are the ones boot set up. */
static int sched_init(void)
{
	struct lith_thread *t = &main_thread;

	set_name(t, "main");
	t->prio = LITH_PRIO_DEFAULT;
	t->state = T_RUNNING;
	t->flags = T_STATIC;
	t->tp = plat_tls_get();
	sched_thread_prepare(t);
	sched_current = t;
	nr_threads = 1;
	nr_records = 1;
	lith_queue_push(&sched_all, &t->all);
	if (sched_timer_reserve(16) < 0)
		return -ENOMEM;
	sched_timer_init();
	policy_init();
	/*
	 * Threads run with events enabled (thread_start enables them), and so does main: a
	 * platform may boot with them disabled (kvm does), which would leave the boot thread
	 * unpreemptible and its timeouts served only when it idles.
	 */
	plat_events_enable();
	return 0;
}
/* Before platform services and drivers, which create threads and block. */
LITH_INITCALL(LITH_INIT_EARLY, 9, sched_init, NULL);
