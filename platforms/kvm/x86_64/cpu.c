/* SPDX-License-Identifier: BSD-3-Clause */
/* kvm thread pointer: the FS base MSR. */
#include <plat/cpu.h>
#include <arch/x86.h>

void plat_tls_set(uintptr_t tp)
{
	x86_wrmsr(X86_MSR_FS_BASE, tp);
}

uintptr_t plat_tls_get(void)
{
	return (uintptr_t)x86_rdmsr(X86_MSR_FS_BASE);
}
