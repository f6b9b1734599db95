/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen event channels (2-level ABI) behind plat/events.h: an event is a port number. Xen
 * sets a port's bit in shared_info's evtchn_pending, its word's bit in the vCPU's
 * evtchn_pending_sel, and evtchn_upcall_pending, then enters xen_hypervisor_callback
 * (x86_64/entry.S) unless the vCPU masked upcalls. "Events disabled" is that mask.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <arch/atomic.h>
#include <arch/traps.h>
#include <plat/events.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

/* Ports that may have a handler; Xen hands out low numbers first. */
#define NR_PORTS      1024
#define BITS_PER_WORD 64

struct binding {
	plat_event_handler_t fn;
	void *arg;
};

static struct binding bindings[NR_PORTS];

void xen_hypervisor_callback(void);
void xen_failsafe_callback(void);
void xen_upcall(struct arch_regs *regs);

static vcpu_info_t *vcpu(void)
{
	return &xen_shared_info->vcpu_info[0];
}

#if CONFIG_XEN_PVH
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

/* PVH: Xen injects this IDT vector while an upcall is pending (no LAPIC EOI needed). */
#define UPCALL_VECTOR ARCH_IRQ_VECTOR_BASE

static void upcall_vector(unsigned int vector, struct arch_regs *regs)
{
	xen_upcall(regs);
}

void xen_events_init(void)
{
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | UPCALL_VECTOR,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xen_shared_info->evtchn_mask); i++)
		xen_shared_info->evtchn_mask[i] = ~0UL;
	/* Here "events disabled" is the CPU's IF; the vCPU's upcall mask stays clear. */
	xen_shared_info->vcpu_info[0].evtchn_upcall_mask = 0;
	arch_irq_set_handler(upcall_vector);
	if (hypervisor_hvm_op(HVMOP_set_param, &p)) {
		lith_pr_crit("cannot set the event callback vector\n");
		plat_crash();
	}
}
#else
void xen_events_init(void)
{
	struct callback_register event = {
		.type = CALLBACKTYPE_event,
		.address = (unsigned long)xen_hypervisor_callback,
	};
	struct callback_register failsafe = {
		.type = CALLBACKTYPE_failsafe,
		.address = (unsigned long)xen_failsafe_callback,
	};
	unsigned int i;

	/* Nothing is bound yet: mask every port that may be pending from the builder. */
	for (i = 0; i < ARRAY_SIZE(xen_shared_info->evtchn_mask); i++)
		xen_shared_info->evtchn_mask[i] = ~0UL;
	if (hypervisor_callback_op(CALLBACKOP_register, &event) ||
	    hypervisor_callback_op(CALLBACKOP_register, &failsafe)) {
		lith_pr_crit("cannot register the event callbacks\n");
		plat_crash();
	}
}
#endif

static void dispatch(evtchn_port_t port)
{
	if (port < NR_PORTS && bindings[port].fn)
		bindings[port].fn(port, bindings[port].arg);
}

void xen_upcall(struct arch_regs *regs)
{
	vcpu_info_t *v = vcpu();

	do {
		unsigned long sel;

		v->evtchn_upcall_pending = 0;
		sel = atomic_xchg(&v->evtchn_pending_sel, 0UL);
		while (sel) {
			unsigned int w = __builtin_ctzl(sel);
			unsigned long pend;

			sel &= sel - 1;
			pend = xen_shared_info->evtchn_pending[w] &
			       ~xen_shared_info->evtchn_mask[w];
			while (pend) {
				unsigned int b = __builtin_ctzl(pend);

				pend &= pend - 1;
				/* Clear before the handler: an event during it is not lost. */
				__atomic_fetch_and(&xen_shared_info->evtchn_pending[w], ~(1UL << b),
						   __ATOMIC_SEQ_CST);
				dispatch(w * BITS_PER_WORD + b);
			}
		}
	} while (atomic_load(&v->evtchn_upcall_pending));
}

bool xen_evtchn_clear_pending(evtchn_port_t port)
{
	unsigned long bit = 1UL << (port % BITS_PER_WORD);

	return __atomic_fetch_and(&xen_shared_info->evtchn_pending[port / BITS_PER_WORD], ~bit,
				  __ATOMIC_SEQ_CST) &
	       bit;
}

void xen_evtchn_poll(evtchn_port_t port, uint64_t deadline)
{
	struct sched_poll poll = { .nr_ports = 1, .timeout = deadline };
	bool was = plat_events_save();
	uint8_t mask = vcpu()->evtchn_upcall_mask;

	set_xen_guest_handle(poll.ports, &port);
	/* Xen wants upcalls masked while polling (PVH: only for the poll itself). */
	vcpu()->evtchn_upcall_mask = 1;
	barrier();
	/* Returns at once when the port is already pending: clear it first. */
	if (!xen_evtchn_clear_pending(port))
		hypervisor_sched_op(SCHEDOP_poll, &poll);
	xen_evtchn_clear_pending(port);
	barrier();
	vcpu()->evtchn_upcall_mask = mask;
	plat_events_restore(was);
}

int plat_event_bind(unsigned int event, plat_event_handler_t fn, void *arg)
{
	if (event >= NR_PORTS || !fn)
		return -EINVAL;
	if (bindings[event].fn)
		return -EBUSY;
	bindings[event].arg = arg;
	bindings[event].fn = fn;
	plat_event_unmask(event);
	return 0;
}

void plat_event_unbind(unsigned int event)
{
	if (event >= NR_PORTS)
		return;
	plat_event_mask(event);
	bindings[event].fn = NULL;
	bindings[event].arg = NULL;
}

void plat_event_mask(unsigned int event)
{
	__atomic_fetch_or(&xen_shared_info->evtchn_mask[event / BITS_PER_WORD],
			  1UL << (event % BITS_PER_WORD), __ATOMIC_SEQ_CST);
}

void plat_event_unmask(unsigned int event)
{
	struct evtchn_unmask unmask = { .port = event };

	/* Through Xen: it re-raises the upcall if the port became pending while masked. */
	hypervisor_event_channel_op(EVTCHNOP_unmask, &unmask);
}

int plat_event_notify(unsigned int event)
{
	struct evtchn_send send = { .port = event };

	return (int)hypervisor_event_channel_op(EVTCHNOP_send, &send);
}

/* PVH: the interrupt flag, arch/x86_64/irqflags.c. */
#if !CONFIG_XEN_PVH
void plat_events_disable(void)
{
	vcpu()->evtchn_upcall_mask = 1;
	barrier();
}

void plat_events_enable(void)
{
	vcpu_info_t *v = vcpu();

	barrier();
	v->evtchn_upcall_mask = 0;
	smp_mb();
	/* An event that arrived while masked is delivered when any hypercall returns. */
	if (v->evtchn_upcall_pending)
		hypervisor_xen_version(XENVER_version, NULL);
}

bool plat_events_save(void)
{
	bool was = !vcpu()->evtchn_upcall_mask;

	plat_events_disable();
	return was;
}

void plat_events_restore(bool enabled)
{
	if (enabled)
		plat_events_enable();
}

void plat_idle(void)
{
	/* SCHEDOP_block unmasks and blocks in one step; pending events run on the way out. */
	hypervisor_sched_op(SCHEDOP_block, NULL);
	plat_events_disable();
}
#endif

int xen_evtchn_bind_virq(unsigned int virq, evtchn_port_t *port)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = 0 };
	int rc = (int)hypervisor_event_channel_op(EVTCHNOP_bind_virq, &op);

	if (!rc)
		*port = op.port;
	return rc;
}

int xen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = { .dom = DOMID_SELF, .remote_dom = remote };
	int rc = (int)hypervisor_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	if (!rc)
		*port = op.port;
	return rc;
}

int xen_evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port)
{
	struct evtchn_bind_interdomain op = { .remote_dom = remote, .remote_port = remote_port };
	int rc = (int)hypervisor_event_channel_op(EVTCHNOP_bind_interdomain, &op);

	if (!rc)
		*port = op.local_port;
	return rc;
}

int xen_evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };

	plat_event_unbind(port);
	return (int)hypervisor_event_channel_op(EVTCHNOP_close, &op);
}
