/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm power: QEMU's isa-debug-exit device (port 0xf4, QEMU exits with (status << 1) | 1)
 * carries the exit status. Without it: ACPI S5 through QEMU's PM1a control port (pc and
 * q35 firmware put it at 0x604), then halt. Reboot: reset control register 0xcf9, the
 * keyboard controller, then a triple fault.
 */
#include <lith/print.h>
#include <plat/power.h>
#include <plat/time.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define DEBUG_EXIT_PORT 0xf4
#define PM1A_CNT_PORT	0x604
#define PM1_SLP_EN	0x2000
#define RESET_CTL_PORT	0xcf9
#define KBD_STATUS	0x64

void plat_halt(int status)
{
	lith_pr_info("power: off with status %d\n", status & 0xff);
#if CONFIG_LIBBOOT_TRACE
	lith_printk_raw("boot-trace: entry->halt=%llu us\n",
			(unsigned long long)plat_time_monotonic_ns() / 1000);
#endif
	x86_outl(DEBUG_EXIT_PORT, (uint32_t)status & 0xff);
	/* Still here: no isa-debug-exit device. The status is lost; power off anyway. */
	x86_outw(PM1A_CNT_PORT, PM1_SLP_EN);
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

void plat_crash(void)
{
	plat_halt(PLAT_CRASH_STATUS);
}

void plat_reboot(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed none = { 0, 0 };
	int i;

	lith_pr_info("power: reboot\n");
	x86_outb(RESET_CTL_PORT, 0x06); /* full reset */
	for (i = 0; i < 100000 && (x86_inb(KBD_STATUS) & 0x02); i++)
		;
	x86_outb(KBD_STATUS, 0xfe); /* pulse the reset line */
	/* Last resort: no IDT, so the next exception shuts the CPU down (triple fault). */
	__asm__ __volatile__("lidt %0; int3" ::"m"(none));
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
