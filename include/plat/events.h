/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: asynchronous events (interrupts).
 * xen: event channels; kvm: IDT vectors (x86) or GIC interrupts (arm64); linuxu: signals.
 *
 * An event is a small platform-defined number that a driver obtains from device discovery
 * (an IRQ, an event channel port, a signal number). Handlers run with events disabled.
 * Every platform enters lith_boot() with events enabled, so main() starts with them on.
 */
#ifndef PLAT_EVENTS_H
#define PLAT_EVENTS_H

#include <stdbool.h>

typedef void (*plat_event_handler_t)(unsigned int event, void *arg);

/* Route event to fn(event, arg) and unmask it; -EBUSY if bound, -EINVAL if no such event. */
int plat_event_bind(unsigned int event, plat_event_handler_t fn, void *arg);
void plat_event_unbind(unsigned int event);
void plat_event_mask(unsigned int event);
void plat_event_unmask(unsigned int event);
/* Signal the other end of event (xen: EVTCHNOP_send); -ENOTSUP where there is none. */
int plat_event_notify(unsigned int event);

/* Disable or enable the delivery of all events on this CPU. */
void plat_events_disable(void);
void plat_events_enable(void);
/* Disable, returning whether they were enabled, for a matching restore. */
bool plat_events_save(void);
void plat_events_restore(bool enabled);

/*
 * Sleep until the next event. Call with events disabled: the platform enables them and
 * sleeps in one step, so that no wake-up is lost, and returns with them disabled again
 * after the event's handler ran. (xen: SCHEDOP_block; x86: sti; hlt; linuxu: sigsuspend.)
 */
void plat_idle(void);

#endif /* PLAT_EVENTS_H */
