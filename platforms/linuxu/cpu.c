/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu thread pointer: FS base, with wrfsbase when the kernel allows it in user space
 * (it says so in the auxiliary vector), else through arch_prctl(2). The scheduler sets it
 * on every switch: the instruction saves a system call each time.
 */
#include <plat/cpu.h>
#include <linuxu/syscall.h>
#include "linuxu.h"

#define AT_NULL		0
#define AT_HWCAP2	26
#define HWCAP2_FSGSBASE (1UL << 1)

static bool fsgsbase;

void linuxu_cpu_init(const uintptr_t *auxv)
{
	for (; auxv[0] != AT_NULL; auxv += 2) {
		if (auxv[0] == AT_HWCAP2)
			fsgsbase = auxv[1] & HWCAP2_FSGSBASE;
	}
}

void plat_tls_set(uintptr_t tp)
{
	if (fsgsbase)
		__asm__ __volatile__("wrfsbase %0" ::"r"(tp) : "memory");
	else
		linuxu_syscall(SYS_arch_prctl, ARCH_SET_FS, tp, 0);
}

uintptr_t plat_tls_get(void)
{
	uintptr_t tp = 0;

	if (fsgsbase)
		__asm__ __volatile__("rdfsbase %0" : "=r"(tp));
	else
		linuxu_syscall(SYS_arch_prctl, ARCH_GET_FS, &tp, 0);
	return tp;
}
