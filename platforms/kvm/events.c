/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The handlers bound to kvm's events, for both architectures' interrupt controllers
 * (x86_64/irq.c: IOAPIC inputs; arm64/gic.c: GIC INTIDs), which mask and unmask the lines
 * and call kvm_event_handle() for each interrupt.
 */
#include <lith/errno.h>
#include <plat/events.h>
#include "kvm/kvm.h"

static struct {
	plat_event_handler_t fn;
	void *arg;
} bindings[KVM_MAX_EVENTS];

void kvm_event_handle(unsigned int event)
{
	if (event < KVM_MAX_EVENTS && bindings[event].fn)
		bindings[event].fn(event, bindings[event].arg);
}

int plat_event_bind(unsigned int event, plat_event_handler_t fn, void *arg)
{
	if (event >= kvm_irq_lines() || !fn)
		return -EINVAL;
	if (bindings[event].fn)
		return -EBUSY;
	bindings[event].fn = fn;
	bindings[event].arg = arg;
	plat_event_unmask(event);
	return 0;
}

void plat_event_unbind(unsigned int event)
{
	if (event >= kvm_irq_lines())
		return;
	plat_event_mask(event);
	bindings[event].fn = NULL;
}

int plat_event_notify(unsigned int event)
{
	return -ENOTSUP;
}
