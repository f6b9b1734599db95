/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu power: the process's exit status carries main's return value; a crash exits with
 * PLAT_CRASH_STATUS. Faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE) are reported, then crash.
 */
#include <lith/crashout.h>
#include <plat/console.h>
#include <plat/memory.h>
#include <plat/power.h>
#include <linuxu/syscall.h>
#include "linuxu.h"

void plat_halt(int status)
{
	for (;;)
		linuxu_syscall(SYS_exit_group, status & 0xff, 0, 0);
}

void plat_crash(void)
{
	plat_halt(PLAT_CRASH_STATUS);
}

void plat_reboot(void)
{
	plat_halt(0);
}

/* A library may name what lives at a faulting address (the scheduler: stack guard pages). */
extern __typeof__(lith_fault_describe) lith_fault_describe __attribute__((weak));

static void fault(int signo, struct linuxu_siginfo *si, void *uc)
{
	static const char *const names[] = {
		[SIGILL] = "illegal instruction",
		[SIGBUS] = "bus error",
		[SIGFPE] = "arithmetic exception",
		[SIGSEGV] = "segmentation fault",
	};
	char what[64];

	crash_puts("CRASH: ");
	if (signo == SIGSEGV && lith_fault_describe &&
	    lith_fault_describe((uintptr_t)si->addr, what, sizeof(what)))
		crash_puts(what);
	else
		crash_puts(names[signo]);
	crash_puts(" at address 0x"), crash_puthex((uint64_t)si->addr, 16);
	crash_puts(" (rip 0x"), crash_puthex(*(uint64_t *)((char *)uc + LINUXU_UC_RIP_OFFSET), 16);
	crash_puts(", rsp 0x"), crash_puthex(*(uint64_t *)((char *)uc + LINUXU_UC_RSP_OFFSET), 16);
	crash_puts(")\n");
	plat_crash();
}

static char altstack[16384] __aligned(16);

void linuxu_signals_init(void)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
	struct linuxu_stack ss = { .sp = altstack, .size = sizeof(altstack) };
	struct linuxu_sigaction sa = {
		.handler = (void *)fault,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
		.restorer = linuxu_sigreturn,
		.mask = ~0ULL,
	};
	size_t i;

	/* A stack overflow must still be reported: handlers run on their own stack. */
	linuxu_syscall(SYS_sigaltstack, &ss, 0, 0);
	for (i = 0; i < ARRAY_SIZE(faults); i++)
		linuxu_syscall6(SYS_rt_sigaction, faults[i], (long)&sa, 0, 8, 0, 0);
}
