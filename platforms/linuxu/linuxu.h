/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu's private interfaces between its files. */
#ifndef LINUXU_H
#define LINUXU_H

#include <plat/console.h>
#include <plat/power.h>

/* Install the crash handlers and the alternate signal stack. */
void linuxu_signals_init(void);

/* Read the CPU features the kernel reports in the auxiliary vector (after envp). */
void linuxu_cpu_init(const uintptr_t *auxv);

/* Start the clocks: monotonic time counts from here. */
void linuxu_time_init(void);

/* The rt_sigreturn trampoline every handler returns through. */
void linuxu_sigreturn(void);

#endif /* LINUXU_H */
