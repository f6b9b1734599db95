/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm arm64 time. Monotonic time is the generic timer's virtual count since the first
 * instruction (entry.S), at CNTFRQ_EL0 ticks per second. The one-shot timer is the EL1
 * virtual timer (CNTV_CVAL_EL0: an absolute compare value, so no rounding drift), on the
 * PPI the device tree names. Wall clock: the PL031 RTC's seconds, read once.
 */
#include <lith/print.h>
#include <plat/events.h>
#include <plat/time.h>
#include <arch/arm64.h>
#include "fdt.h"
#include "kvm_arm64.h"

#define CNTV_CTL_ENABLE (1U << 0)
#define CNTV_CTL_IMASK	(1U << 1)
#define VIRT_TIMER_PPI	27 /* INTID of the virtual timer when the tree does not say */
#define RTC_DR		0x00

unsigned int kvm_timer_intid = VIRT_TIMER_PPI;
static uint64_t freq;
static uint64_t ns_mult;   /* ns = ticks * ns_mult >> 32 */
static uint64_t tick_mult; /* ticks = ns * tick_mult >> 32 */
static uint64_t wall_base; /* wall clock minus monotonic, in ns */
static uint64_t rtc_phys;
static void (*timer_fn)(void);
static uint64_t timer_deadline;

static void set_freq(void)
{
	freq = arm64_read_sysreg(cntfrq_el0);
	if (!freq)
		freq = 62500000; /* QEMU's; a firmware that forgot CNTFRQ should not stop time */
	ns_mult = (NSEC_PER_SEC << 32) / freq;
	tick_mult = (freq << 32) / NSEC_PER_SEC;
}

void kvm_timer_init(const void *fdt, int node)
{
	int len;
	const void *irqs = fdt_prop(fdt, node, "interrupts", &len);
	bool edge;

	/* Secure physical, non-secure physical, virtual, hypervisor: the third one. */
	if (irqs && len >= 36) {
		int intid = kvm_gic_intid((const uint32_t *)irqs + 6, &edge);

		if (intid >= 0)
			kvm_timer_intid = intid;
	}
	if (!freq)
		set_freq();
	arm64_write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	plat_event_unmask(kvm_timer_intid);
	lith_pr_info("time: generic timer at %llu kHz, virtual timer on interrupt %u\n",
		     (unsigned long long)freq / 1000, kvm_timer_intid);
}

uint64_t plat_time_monotonic_ns(void)
{
	uint64_t t = arm64_cntvct() - arm64_entry_count;

	if (unlikely(!freq))
		set_freq();
	return (unsigned __int128)t * ns_mult >> 32;
}

void kvm_rtc_init(uint64_t phys)
{
	rtc_phys = phys;
}

static void read_rtc(void)
{
	uint32_t sec;

	if (!rtc_phys || kvm_map_range(rtc_phys, 4096) < 0)
		return;
	sec = *(volatile uint32_t *)(uintptr_t)(rtc_phys + RTC_DR);
	wall_base = sec * NSEC_PER_SEC - plat_time_monotonic_ns();
	lith_pr_info("time: wall clock from the PL031 RTC at 0x%llx: %u s since the epoch\n",
		     (unsigned long long)rtc_phys, sec);
}

uint64_t plat_time_wall_ns(void)
{
	if (!wall_base)
		read_rtc();
	return wall_base ? wall_base + plat_time_monotonic_ns() : 0;
}

void plat_timer_handler(void (*fn)(void))
{
	timer_fn = fn;
}

void plat_timer_set(uint64_t deadline_ns)
{
	timer_deadline = deadline_ns;
	if (!deadline_ns) {
		arm64_write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
		return;
	}
	if (unlikely(!freq))
		set_freq();
	/* Round up: the handler must never run before the deadline. */
	arm64_write_sysreg(cntv_cval_el0,
			   arm64_entry_count + ((unsigned __int128)deadline_ns * tick_mult >> 32) +
				   1);
	arm64_write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	arm64_isb();
}

void kvm_timer_mask(void)
{
	/* The interrupt is level: masking the timer lowers it until the timer is armed again. */
	arm64_write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	arm64_isb();
}

void kvm_timer_interrupt(void)
{
	if (!timer_deadline)
		return;
	if (plat_time_monotonic_ns() < timer_deadline) {
		plat_timer_set(timer_deadline);
		return;
	}
	timer_deadline = 0;
	if (timer_fn)
		timer_fn();
}
