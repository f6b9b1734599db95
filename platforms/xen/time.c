/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen time: the vCPU time record in shared_info gives Xen's system time at a TSC stamp and
 * the TSC-to-nanoseconds scale; the wall clock is shared_info's boot time plus system
 * time. The one-shot timer is set_timer_op, firing VIRQ_TIMER on its event channel.
 * Monotonic time counts from our own boot, so that message timestamps start near zero.
 */
#include <lith/print.h>
#include <arch/atomic.h>
#include <arch/x86.h>
#include <plat/events.h>
#include <plat/power.h>
#include <plat/time.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

static uint64_t boot_time;
static void (*timer_fn)(void);
static evtchn_port_t timer_port;

/* The first instruction's TSC (x86_64/entry.S, or KVM's PVH entry). */
extern uint64_t x86_entry_tsc;

static uint64_t scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	delta = shift < 0 ? delta >> -shift : delta << shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t xen_system_time(void)
{
	const volatile vcpu_time_info_t *t = &xen_shared_info->vcpu_info[0].time;
	uint32_t version, mul;
	uint64_t stamp, system;
	int8_t shift;

	/* A record being updated has an odd version; a changed version means read again. */
	do {
		version = t->version;
		smp_rmb();
		stamp = t->tsc_timestamp;
		system = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		smp_rmb();
	} while ((version & 1) || version != t->version);
	return system + scale(x86_rdtsc() - stamp, mul, shift);
}

uint64_t xen_ns_since_entry(void)
{
	const volatile vcpu_time_info_t *t = &xen_shared_info->vcpu_info[0].time;

	return scale(x86_rdtsc() - x86_entry_tsc, t->tsc_to_system_mul, t->tsc_shift);
}

uint64_t plat_time_monotonic_ns(void)
{
	static uint64_t last;
	uint64_t now;

	if (!xen_shared_info)
		return 0;
	/* Records of successive updates may disagree by a few ns: never go back. */
	now = xen_system_time() - boot_time;
	if (now < last)
		return last;
	last = now;
	return now;
}

uint64_t plat_time_wall_ns(void)
{
	const volatile shared_info_t *s = xen_shared_info;
	uint32_t version, nsec;
	uint64_t sec;

	do {
		version = s->wc_version;
		smp_rmb();
		sec = s->wc_sec | ((uint64_t)s->wc_sec_hi << 32);
		nsec = s->wc_nsec;
		smp_rmb();
	} while ((version & 1) || version != s->wc_version);
	return sec * NSEC_PER_SEC + nsec + xen_system_time();
}

static void timer_event(unsigned int event, void *arg)
{
	if (timer_fn)
		timer_fn();
}

void plat_timer_handler(void (*fn)(void))
{
	timer_fn = fn;
}

void plat_timer_set(uint64_t deadline_ns)
{
	/* Xen fires a deadline already past at once; 0 disarms. */
	hypervisor_set_timer_op(deadline_ns ? deadline_ns + boot_time : 0);
}

void xen_time_init(void)
{
	boot_time = xen_system_time();
	/* PV vCPUs start with a 100 Hz periodic timer: we only want the one-shot. */
	hypervisor_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
	if (xen_evtchn_bind_virq(VIRQ_TIMER, &timer_port) ||
	    plat_event_bind(timer_port, timer_event, NULL)) {
		lith_pr_crit("cannot bind VIRQ_TIMER\n");
		plat_crash();
	}
	lith_pr_info("time: system time %llu ns at boot, VIRQ_TIMER on event channel %u\n",
		     (unsigned long long)boot_time, timer_port);
}
