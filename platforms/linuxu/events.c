/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu events: an event is a signal number.
 *
 * "Events disabled" is a flag in memory, not the process's signal mask: a signal that
 * arrives while the flag is clear is recorded as pending and its handler runs when events
 * are enabled again (as Xen's upcall mask works). Disabling and enabling then cost no
 * system call, which matters because the scheduler does both around every switch and
 * every blocking operation. Only events masked one by one (plat_event_mask) and idle use
 * the real signal mask. Handlers run with events disabled.
 */
#include <lith/errno.h>
#include <plat/events.h>
#include <linuxu/syscall.h>
#include "linuxu.h"

struct binding {
	plat_event_handler_t fn;
	void *arg;
};

static struct binding bindings[NSIG_LINUX + 1];

/* Faults stay deliverable so that a crash is reported even with events disabled. */
#define FAULT_SIGNALS                                                                \
	((1ULL << (SIGSEGV - 1)) | (1ULL << (SIGBUS - 1)) | (1ULL << (SIGILL - 1)) | \
	 (1ULL << (SIGFPE - 1)))
#define EVENT_MASK (~FAULT_SIGNALS)

static void sigmask(int how, uint64_t set, uint64_t *old)
{
	linuxu_syscall6(SYS_rt_sigprocmask, how, (long)&set, (long)old, 8, 0, 0);
}

/* The soft mask. Volatile: signal handlers read and write both behind the compiler. */
static volatile bool enabled = true;
/* Signals that arrived while events were disabled, bit (signo - 1). */
static volatile uint64_t pending;
/* Events masked one by one: blocked in the real mask, never replayed meanwhile. */
static uint64_t masked;

static void call(int signo)
{
	struct binding *b = &bindings[signo];

	if (b->fn)
		b->fn((unsigned int)signo, b->arg);
}

/* Run what arrived while disabled; called with events disabled. */
static void replay(void)
{
	uint64_t due;

	while ((due = pending & ~masked)) {
		int signo = __builtin_ctzll(due) + 1;

		__atomic_and_fetch(&pending, ~(1ULL << (signo - 1)), __ATOMIC_SEQ_CST);
		call(signo);
	}
}

static void dispatch(int signo)
{
	if (!enabled) {
		pending |= 1ULL << (signo - 1);
		return;
	}
	/*
	 * The handler may switch threads (a preemptive scheduler) and come back here much
	 * later: whoever runs meanwhile sees events disabled until it enables them itself.
	 */
	enabled = false;
	call(signo);
	replay();
	enabled = true;
}

int plat_event_bind(unsigned int event, plat_event_handler_t fn, void *arg)
{
	/*
	 * Not SA_ONSTACK: the handler runs on the interrupted thread's stack, so that a
	 * preemptive scheduler may switch threads inside it and resume it later (one
	 * alternate stack would be overwritten by the next thread's signal). Nothing is
	 * blocked for real during the handler (SA_NODEFER, empty mask): the soft mask keeps
	 * handlers from nesting, and a thread switched to from inside a handler must still
	 * receive signals.
	 */
	struct linuxu_sigaction sa = {
		.handler = (void *)dispatch,
		.flags = SA_RESTORER | SA_NODEFER,
		.restorer = linuxu_sigreturn,
		.mask = 0,
	};

	if (event == 0 || event > NSIG_LINUX || (FAULT_SIGNALS & (1ULL << (event - 1))))
		return -EINVAL;
	if (bindings[event].fn)
		return -EBUSY;
	bindings[event].fn = fn;
	bindings[event].arg = arg;
	if (linuxu_syscall6(SYS_rt_sigaction, event, (long)&sa, 0, 8, 0, 0) < 0) {
		bindings[event].fn = NULL;
		return -EINVAL;
	}
	plat_event_unmask(event);
	return 0;
}

void plat_event_unbind(unsigned int event)
{
	struct linuxu_sigaction sa = { .handler = (void *)0 /* SIG_DFL */ };

	if (event == 0 || event > NSIG_LINUX)
		return;
	plat_event_mask(event);
	linuxu_syscall6(SYS_rt_sigaction, event, (long)&sa, 0, 8, 0, 0);
	bindings[event].fn = NULL;
	__atomic_and_fetch(&pending, ~(1ULL << (event - 1)), __ATOMIC_SEQ_CST);
}

void plat_event_mask(unsigned int event)
{
	if (event == 0 || event > NSIG_LINUX)
		return;
	masked |= 1ULL << (event - 1);
	sigmask(SIG_BLOCK, 1ULL << (event - 1), NULL);
}

void plat_event_unmask(unsigned int event)
{
	bool was;

	if (event == 0 || event > NSIG_LINUX)
		return;
	was = plat_events_save();
	masked &= ~(1ULL << (event - 1));
	sigmask(SIG_UNBLOCK, 1ULL << (event - 1), NULL);
	plat_events_restore(was);
}

int plat_event_notify(unsigned int event)
{
	return -ENOTSUP;
}

void plat_events_disable(void)
{
	enabled = false;
	__asm__ __volatile__("" ::: "memory");
}

void plat_events_enable(void)
{
	__asm__ __volatile__("" ::: "memory");
	/* A signal after this store runs at once; one before it left a pending bit. */
	enabled = true;
	if (pending & ~masked) {
		enabled = false;
		replay();
		enabled = true;
	}
}

bool plat_events_save(void)
{
	bool was = enabled;

	plat_events_disable();
	return was;
}

void plat_events_restore(bool was_enabled)
{
	if (was_enabled)
		plat_events_enable();
}

void plat_idle(void)
{
	uint64_t wait_mask = masked;

	/* Block for real, so that "nothing pending" and the sleep are one step. */
	sigmask(SIG_BLOCK, EVENT_MASK, NULL);
	if (!(pending & ~masked)) {
		/* Atomically unblock and wait; the handler runs with events enabled. */
		enabled = true;
		linuxu_syscall(SYS_rt_sigsuspend, &wait_mask, 8, 0);
		enabled = false;
	}
	replay();
	sigmask(SIG_SETMASK, masked, NULL);
}
