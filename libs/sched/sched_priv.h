/* SPDX-License-Identifier: BSD-3-Clause */
/* The scheduler's private state, shared between its files. */
#ifndef LITH_SCHED_PRIV_H
#define LITH_SCHED_PRIV_H

#include <lith/sched.h>
#include <lith/wait.h>
#include <arch/ctx.h>
#include "runq.h"
#include "timerq.h"

enum thread_state {
	T_RUNNING,  /* on the CPU: current */
	T_RUNNABLE, /* in the run queue */
	T_BLOCKED,  /* on a wait queue and/or the timer queue */
	T_EXITED,   /* finished; freed by join, or at once when detached */
};

#define T_DETACHED 0x1
#define T_JOINING  0x2 /* someone waits in join: a second joiner gets -EINVAL */
#define T_STATIC   0x4 /* the boot thread: nothing to free */

struct lith_thread {
	struct arch_ctx ctx;
	struct lith_qnode node;	  /* run queue or wait queue link */
	struct lith_qnode all;	  /* every thread, for the stack overflow report */
	struct lith_waitq *waitq; /* the queue it is blocked on, or NULL */
	struct lith_timer timer;  /* its timeout or sleep */
	int wait_rc;		  /* 0 when woken, -ETIMEDOUT when the timer ended the wait */
	enum thread_state state;
	unsigned int flags; /* T_* */
	int prio;
	uintptr_t tp;		      /* thread pointer of its TLS area */
	void *mem;		      /* the one allocation: guard, stack, this, TLS */
	uintptr_t guard_lo, guard_hi; /* protected range below the stack, empty if none */
	uintptr_t stack_lo, stack_hi;
	void *(*fn)(void *);
	void *arg;
	void *ret;
	void *user;
	struct lith_waitq join_wq;
	char name[LITH_THREAD_NAME_MAX];
};

extern struct lith_thread *sched_current;
extern struct runq sched_runq;
extern uint64_t sched_nr_switches;
extern bool sched_in_idle;

/* All of these run with events disabled. */
void sched_make_runnable(struct lith_thread *t);
/* Give up the CPU: current has already been queued somewhere, or marked exited. */
void sched_switch(void);
/* Put current back in the run queue and switch (a yield). */
void sched_yield_locked(void);
/* Block current on wq (may be NULL) until woken or deadline (0: none); 0 or -ETIMEDOUT. */
int sched_wait(struct lith_waitq *wq, uint64_t deadline);
/* Wake up to max waiters of wq, oldest first; returns how many. */
int sched_wake(struct lith_waitq *wq, int max);
struct lith_mutex;
/* Unlock m completely, waking one waiter (mutex.c). */
void sched_mutex_release(struct lith_mutex *m);
/* Called first by every thread after a switch: frees the thread that just exited. */
void sched_finish_switch(void);
/* Set up the scheduler fields of a new thread record. */
void sched_thread_prepare(struct lith_thread *t);

/* Timer queue (timer.c). */
int sched_timer_reserve(unsigned int n);
void sched_timer_start(struct lith_timer *t, uint64_t deadline);
void sched_timer_stop(struct lith_timer *t);
void sched_timer_reprogram(void);
void sched_timer_init(void);

/* The policy (sched_coop.c or sched_preempt.c). */
void policy_init(void);
void policy_enqueued(struct lith_thread *t);
void policy_switched(void);
void policy_tick(uint64_t now); /* from the timer handler, after expired timers ran */
void policy_preempt(void);	/* end of the timer handler: switch if the policy wants */
uint64_t policy_deadline(void); /* when the policy wants the timer to fire, or 0 */
/* A thread-context caller is about to restore events to was: preempt there if due. */
void policy_restore(bool was);

static inline void sched_restore(bool was)
{
	policy_restore(was);
	plat_events_restore(was);
}

/* Every thread that has not been freed (thread.c). */
extern struct lith_queue sched_all;

/*
 * A thread's memory (stack.c): one allocation holding the guard page, the stack, the
 * thread record and its TLS area. Returns the zeroed record with mem, stack_*, guard_* and
 * tp set, or NULL without memory.
 */
struct lith_thread *sched_thread_alloc(size_t stack_size);
void sched_thread_free(struct lith_thread *t);
extern bool sched_guard_pages;

#endif /* LITH_SCHED_PRIV_H */
