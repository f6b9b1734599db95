/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu events: an event is a signal number. "Events disabled" is the process's signal
 * mask blocking them; handlers run with every event blocked.
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

/* Mirrors the process mask: handlers run blocked, so dispatch clears it meanwhile. */
static bool enabled = true;
/* Events masked one by one stay blocked while the rest are enabled. */
static uint64_t masked;

static void dispatch(int signo)
{
	struct binding *b = &bindings[signo];
	bool was = enabled;

	enabled = false;
	if (b->fn)
		b->fn((unsigned int)signo, b->arg);
	enabled = was;
}

int plat_event_bind(unsigned int event, plat_event_handler_t fn, void *arg)
{
	struct linuxu_sigaction sa = {
		.handler = (void *)dispatch,
		.flags = SA_RESTORER | SA_ONSTACK,
		.restorer = linuxu_sigreturn,
		.mask = EVENT_MASK,
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
}

void plat_event_mask(unsigned int event)
{
	if (event == 0 || event > NSIG_LINUX)
		return;
	masked |= 1ULL << (event - 1);
	if (enabled)
		sigmask(SIG_BLOCK, 1ULL << (event - 1), NULL);
}

void plat_event_unmask(unsigned int event)
{
	if (event == 0 || event > NSIG_LINUX)
		return;
	masked &= ~(1ULL << (event - 1));
	if (enabled)
		sigmask(SIG_UNBLOCK, 1ULL << (event - 1), NULL);
}

int plat_event_notify(unsigned int event)
{
	return -ENOTSUP;
}

void plat_events_disable(void)
{
	sigmask(SIG_BLOCK, EVENT_MASK, NULL);
	enabled = false;
}

void plat_events_enable(void)
{
	enabled = true;
	sigmask(SIG_SETMASK, masked, NULL);
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
	uint64_t mask = masked;

	/* Atomically unblock and wait; returns with the old (blocking) mask after a handler. */
	linuxu_syscall(SYS_rt_sigsuspend, &mask, 8, 0);
}
