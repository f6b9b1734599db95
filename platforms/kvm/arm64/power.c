/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm arm64 power. PSCI (Arm DEN 0022) SYSTEM_OFF / SYSTEM_RESET through the conduit the
 * device tree's /psci node names (hvc, or smc when QEMU emulates EL2). SYSTEM_OFF carries
 * no status, so plat_halt() first tries a semihosting exit (SYS_EXIT with
 * ADP_Stopped_ApplicationExit and the status: QEMU -semihosting exits with it); without
 * semihosting it prints a last console line "LITH_EXIT_STATUS=<n>" that tools/qemu-guest
 * turns into its exit status.
 */
#include <lith/print.h>
#include <plat/console.h>
#include <plat/power.h>
#include <plat/time.h>
#include <arch/arm64.h>
#include <arch/traps.h>
#include "fdt.h"
#include "kvm_arm64.h"

#define PSCI_SYSTEM_OFF	  0x84000008
#define PSCI_SYSTEM_RESET 0x84000009
#define SH_SYS_EXIT	  0x18
#define ADP_APP_EXIT	  0x20026

static enum { CONDUIT_NONE, CONDUIT_HVC, CONDUIT_SMC } conduit = CONDUIT_HVC;

void kvm_psci_init(const void *fdt, int node)
{
	const char *m = fdt_prop(fdt, node, "method", NULL);

	if (m && m[0] == 's' && m[1] == 'm' && m[2] == 'c')
		conduit = CONDUIT_SMC;
	else if (m && m[0] == 'h' && m[1] == 'v' && m[2] == 'c')
		conduit = CONDUIT_HVC;
	else
		conduit = CONDUIT_NONE;
	lith_pr_info("power: PSCI through %s\n",
		     conduit == CONDUIT_SMC ? "smc" :
		     conduit == CONDUIT_HVC ? "hvc" :
					      "nothing (unknown method)");
}

static void psci(uint32_t fn)
{
	register uint64_t x0 __asm__("x0") = fn;

	if (conduit == CONDUIT_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0)::"x1", "x2", "x3", "memory");
	else if (conduit == CONDUIT_SMC)
		__asm__ __volatile__("smc #0" : "+r"(x0)::"x1", "x2", "x3", "memory");
}

static void __noreturn stop(void)
{
	for (;;)
		__asm__ __volatile__("msr daifset, #0xf; wfi");
}

void plat_halt(int status)
{
	uint64_t block[2] = { ADP_APP_EXIT, (uint64_t)(status & 0xff) };
	bool ok;

	lith_pr_info("power: off with status %d\n", status & 0xff);
#if CONFIG_LIBBOOT_TRACE
	lith_printk_raw("boot-trace: entry->halt=%llu us\n",
			(unsigned long long)plat_time_monotonic_ns() / 1000);
#endif
	arch_semihosting(SH_SYS_EXIT, (uintptr_t)block, &ok);
	/* Still here: no semihosting. The console carries the status. */
	lith_printk_raw("LITH_EXIT_STATUS=%d\n", status & 0xff);
	psci(PSCI_SYSTEM_OFF);
	stop();
}

void plat_crash(void)
{
	plat_halt(PLAT_CRASH_STATUS);
}

void plat_reboot(void)
{
	lith_pr_info("power: reboot\n");
	psci(PSCI_SYSTEM_RESET);
	stop();
}
