/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat/events.h's "all events on this CPU" calls for the platforms whose events are CPU
 * interrupts (kvm, Xen PVH): they are the interrupt flag. Not in this library, since Xen PV
 * masks events in its vCPU info instead: such a platform adds this file to its own sources.
 */
#include <plat/events.h>
#include <arch/x86.h>

void plat_events_disable(void)
{
	x86_cli();
}

void plat_events_enable(void)
{
	x86_sti();
}

bool plat_events_save(void)
{
	bool was = x86_save_flags() & X86_RFLAGS_IF;

	x86_cli();
	return was;
}

void plat_events_restore(bool enabled)
{
	if (enabled)
		x86_sti();
}

void plat_idle(void)
{
	/* sti takes effect after the next instruction: no interrupt slips in before hlt. */
	__asm__ __volatile__("sti; hlt; cli" ::: "memory");
}
