/* SPDX-License-Identifier: BSD-3-Clause */
/* kvm arm64 thread pointer: TPIDR_EL0. */
#include <plat/cpu.h>
#include <arch/arm64.h>

void plat_tls_set(uintptr_t tp)
{
	arm64_write_sysreg(tpidr_el0, tp);
}

uintptr_t plat_tls_get(void)
{
	return (uintptr_t)arm64_read_sysreg(tpidr_el0);
}
