/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu power: the process's exit status carries main's return value; a crash exits with
 * PLAT_CRASH_STATUS. Faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE) are reported, then crash.
 */
#include <lith/essentials.h>
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

/* No formatting library here: this must work whatever else is broken. */
static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *put_hex(char *p, uint64_t v)
{
	int i;

	p = put_str(p, "0x");
	for (i = 15; i >= 0; i--)
		*p++ = "0123456789abcdef"[(v >> (i * 4)) & 0xf];
	return p;
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
	char line[200], what[64];
	char *p = line;

	p = put_str(p, "CRASH: ");
	if (signo == SIGSEGV && lith_fault_describe &&
	    lith_fault_describe((uintptr_t)si->addr, what, sizeof(what)))
		p = put_str(p, what);
	else
		p = put_str(p, names[signo]);
	p = put_str(p, " at address ");
	p = put_hex(p, (uint64_t)si->addr);
	p = put_str(p, " (rip ");
	p = put_hex(p, *(uint64_t *)((char *)uc + LINUXU_UC_RIP_OFFSET));
	p = put_str(p, ", rsp ");
	p = put_hex(p, *(uint64_t *)((char *)uc + LINUXU_UC_RSP_OFFSET));
	p = put_str(p, ")\n");
	plat_console_write(line, p - line);
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
