/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PV traps: the virtual IDT (set_trap_table) and the crash report of exceptions. A PV
 * kernel has no IDT of its own; Xen bounces each exception to the address registered here.
 * The report is built without any formatting library: it must work whatever else broke.
 */
#include <arch/traps.h>
#include <plat/console.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

#define NR_TRAPS 20

extern char xen_trap_stubs[];
void xen_trap_fatal(struct arch_regs *r) __noreturn;

static struct trap_info trap_table[NR_TRAPS + 1];

void xen_traps_init(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < NR_TRAPS; i++) {
		if (i == 2 || i == 15) /* NMIs use their own callback; 15 is reserved */
			continue;
		trap_table[n].vector = i;
		/* DPL 0 (int3: 3, so that a debugger's breakpoint traps), events masked. */
		trap_table[n].flags = (i == 3 ? 3 : 0) | 4;
		trap_table[n].cs = FLAT_KERNEL_CS;
		trap_table[n].address = (unsigned long)xen_trap_stubs + 32 * i;
		n++;
	}
	/* The table ends with a zero entry. */
	if (hypervisor_set_trap_table(trap_table)) {
		static const char msg[] = "CRASH: set_trap_table failed\n";

		plat_console_write(msg, sizeof(msg) - 1);
		plat_crash();
	}
}

void xen_trap_fatal(struct arch_regs *r)
{
	/* Xen keeps the faulting address in vcpu_info: reading CR2 would trap for emulation. */
	uint64_t cr2 = xen_shared_info ? xen_shared_info->vcpu_info[0].arch.cr2 : 0;

	arch_fault_report(
		r,
		r->vector == (uint64_t)-2 ? "Xen failsafe callback (bad segment or frame)" : NULL,
		cr2, XEN_VIRT_BASE, (uintptr_t)xen_pfn_to_virt(xen_nr_mapped));
}
