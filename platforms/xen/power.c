/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen power: SCHEDOP_shutdown with reason poweroff, reboot or crash. The exit status of
 * main() goes to xenstore, data/lith/exit_status under the domain's own path, where the
 * host (tests/xenhost/run.sh, or `xenstore-read` with on_poweroff = "preserve") reads it.
 * If xenstore cannot take it, a non-zero status is printed as the last console line,
 * "LITH_EXIT_STATUS=<n>". The console ring is drained first: xl tears the domain down
 * with it, and the last lines would be lost.
 */
#include <plat/console.h>
#include <plat/events.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>
#include <xenplat/xenstore.h>

static void __noreturn shutdown(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };

	xen_console_drain();
	for (;;)
		hypervisor_sched_op(SCHEDOP_shutdown, &arg);
}

void plat_halt(int status)
{
	char num[12], *p = num + sizeof(num);
	unsigned int v = (unsigned int)(status & 0xff);

	*--p = '\0';
	do
		*--p = '0' + v % 10;
	while ((v /= 10));
	if (xs_write(XS_NO_TRANSACTION, "data/lith/exit_status", p) && (status & 0xff)) {
		static const char line[] = "LITH_EXIT_STATUS=";

		plat_console_write(line, sizeof(line) - 1);
		while (*p)
			plat_console_write(p++, 1);
		plat_console_write("\n", 1);
	}
	shutdown(SHUTDOWN_poweroff);
}

void plat_crash(void)
{
	shutdown(SHUTDOWN_crash);
}

void plat_reboot(void)
{
	shutdown(SHUTDOWN_reboot);
}
