/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads and the scheduler. One CPU; a cooperative scheduler by default (a thread runs
 * until it blocks, yields, sleeps or exits), or a preemptive one (round robin within a
 * priority, driven by the platform's one-shot timer) chosen in Kconfig. In both, the
 * highest-priority runnable thread runs next. main() runs in the boot thread ("main").
 *
 * A thread gets its own stack (with a guard page below it where the platform can protect
 * pages), its own TLS area (so errno and every __thread variable are per thread) and a name
 * used in crash reports.
 */
#ifndef LITH_SCHED_H
#define LITH_SCHED_H

#include <lith/essentials.h>

struct lith_thread;

#define LITH_PRIO_MIN	     0
#define LITH_PRIO_MAX	     31
#define LITH_PRIO_DEFAULT    16
#define LITH_THREAD_NAME_MAX 32 /* including the NUL */

struct lith_thread_attr {
	const char *name;  /* NULL: "thread" */
	size_t stack_size; /* 0: CONFIG_LIBSCHED_STACK_KB */
	int prio;	   /* LITH_PRIO_MIN..LITH_PRIO_MAX; 0 with no attr means default */
	bool detached;	   /* resources freed at exit; cannot be joined */
};

/*
 * Start fn(arg) in a new thread; attr may be NULL. Returns 0 and stores the thread in
 * *out (may be NULL), or -ENOMEM (no memory for stack or TLS), -EINVAL (bad attr).
 */
int lith_thread_create(struct lith_thread **out, const struct lith_thread_attr *attr,
		       void *(*fn)(void *), void *arg);

/* Wait for t to end and free it; *ret gets its exit value. -EINVAL if detached or already
 * joined by another, -EDEADLK for oneself. */
int lith_thread_join(struct lith_thread *t, void **ret);
int lith_thread_detach(struct lith_thread *t);
/* End the calling thread. When the last thread ends, the image exits with status 0. */
void lith_thread_exit(void *ret) __noreturn;

struct lith_thread *lith_thread_self(void);
const char *lith_thread_name(const struct lith_thread *t);
void lith_thread_set_name(struct lith_thread *t, const char *name);
int lith_thread_prio(const struct lith_thread *t);
int lith_thread_set_prio(struct lith_thread *t, int prio); /* 0 or -EINVAL */

/*
 * Per-thread state of the layers above: a function to run in every thread as it ends
 * (lith_thread_exit() or the return of its function), before it can be joined. Hooks run in
 * the order they were added, so a lower layer (the C library, added at late init) frees its
 * state after the layers above it have used it for the last time. h must stay valid.
 */
struct lith_thread_exit_hook {
	void (*fn)(void);
	struct lith_thread_exit_hook *next;
};
void lith_thread_exit_hook_add(struct lith_thread_exit_hook *h);

/* A slot for the layer above (pthread keys); NULL until set. */
void *lith_thread_user(const struct lith_thread *t);
void lith_thread_set_user(struct lith_thread *t, void *p);

/* Let other runnable threads of the same or higher priority run. */
void lith_thread_yield(void);
/* Sleep for ns nanoseconds, or until monotonic time deadline_ns. Other threads run. */
void lith_thread_sleep_ns(uint64_t ns);
void lith_thread_sleep_until(uint64_t deadline_ns);

/*
 * Keep the current thread on the CPU (the preemptive scheduler defers its switch until
 * the outermost enable). Nests. Cheap: no event masking. No-ops when cooperative.
 */
void lith_preempt_disable(void);
void lith_preempt_enable(void);

struct lith_sched_stats {
	uint64_t nr_switches;	  /* context switches since boot */
	unsigned int nr_threads;  /* threads that have not exited, main included */
	unsigned int nr_runnable; /* waiting in the run queue */
	bool preemptive;
	bool guard_pages; /* stacks have a protected page below them */
};
void lith_sched_stats(struct lith_sched_stats *st);

#endif /* LITH_SCHED_H */
