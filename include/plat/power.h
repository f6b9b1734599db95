/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: ending the guest.
 * xen: SCHEDOP_shutdown; kvm: isa-debug-exit, PSCI or ACPI; linuxu: exit_group(2).
 */
#ifndef PLAT_POWER_H
#define PLAT_POWER_H

#include <lith/essentials.h>

/* The status a crashed image ends with wherever the platform can carry one (EX_SOFTWARE). */
#define PLAT_CRASH_STATUS 70

/* Power off; status (0-255) reaches the host where the platform can carry it. */
void plat_halt(int status) __noreturn;

/* Power off as crashed (xen: SHUTDOWN_crash; elsewhere status PLAT_CRASH_STATUS). */
void plat_crash(void) __noreturn;

/* Restart the guest (linuxu: re-exec is not offered; it exits with status 0). */
void plat_reboot(void) __noreturn;

#endif /* PLAT_POWER_H */
