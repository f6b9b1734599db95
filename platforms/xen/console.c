/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PV console: the ring page shared with xenconsoled (start_info console.domU), one
 * event channel to tell it about new output. Output waits for space rather than dropping
 * bytes; input is read from the ring without blocking. The channel stays masked: nothing
 * here needs an upcall, waits poll the port.
 */
#include <lith/errno.h>
#include <arch/atomic.h>
#include <plat/console.h>
#include <plat/events.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>
#include <xen/io/console.h>

/* How long output may wait for the back-end to make room or to drain (ns). */
#define WAIT_NS (5 * 1000000000ULL)

static struct xencons_interface *ring;
static evtchn_port_t port;

void xen_console_setup(void *page, evtchn_port_t evtchn)
{
	ring = page;
	port = evtchn;
}

void xen_console_emergency(const char *s, size_t len)
{
	/* Release builds of Xen (Debian's) drop a domU's console_io writes (-EPERM). */
	hypervisor_console_io(CONSOLEIO_write, len, s);
}

static void notify(void)
{
	struct evtchn_send send = { .port = port };

	hypervisor_event_channel_op(EVTCHNOP_send, &send);
}

/* Wait a little for the back-end: poll the port once shared_info exists, else yield. */
static bool wait_backend(uint64_t *deadline)
{
	uint64_t now;

	if (!xen_shared_info) {
		/* No clock yet: count yields instead (the deadline is a count here). */
		hypervisor_sched_op(SCHEDOP_yield, NULL);
		return ++*deadline < 100000;
	}
	now = xen_system_time();
	if (!*deadline)
		*deadline = now + WAIT_NS;
	if (now >= *deadline)
		return false;
	xen_evtchn_poll(port, MIN(*deadline, now + 10 * 1000000ULL));
	return true;
}

int plat_console_write(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod, cons;
	uint64_t deadline = 0;
	size_t done = 0;

	if (!ring) {
		xen_console_emergency(buf, len);
		return (int)len;
	}
	prod = ring->out_prod;
	while (done < len) {
		cons = atomic_load(&ring->out_cons);
		if (prod - cons >= sizeof(ring->out)) {
			/* Full: publish what is there, let the back-end drain it. */
			smp_wmb();
			ring->out_prod = prod;
			notify();
			if (!wait_backend(&deadline))
				return done ? (int)done : -EIO;
			continue;
		}
		ring->out[MASK_XENCONS_IDX(prod, ring->out)] = buf[done++];
		prod++;
	}
	smp_wmb();
	ring->out_prod = prod;
	notify();
	return (int)done;
}

int plat_console_read(char *buf, size_t len)
{
	XENCONS_RING_IDX cons, prod;
	size_t n = 0;

	if (!ring)
		return 0;
	cons = ring->in_cons;
	prod = atomic_load(&ring->in_prod);
	smp_rmb();
	while (n < len && cons != prod)
		buf[n++] = ring->in[MASK_XENCONS_IDX(cons++, ring->in)];
	smp_mb();
	ring->in_cons = cons;
	if (n)
		notify();
	return (int)n;
}

void xen_console_drain(void)
{
	uint64_t deadline = 0;

	if (!ring)
		return;
	while (atomic_load(&ring->out_cons) != ring->out_prod)
		if (!wait_backend(&deadline))
			return;
}
