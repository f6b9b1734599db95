/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu thread pointer: FS base through arch_prctl(2). */
#include <plat/cpu.h>
#include <linuxu/syscall.h>

void plat_tls_set(uintptr_t tp)
{
	linuxu_syscall(SYS_arch_prctl, ARCH_SET_FS, tp, 0);
}

uintptr_t plat_tls_get(void)
{
	uintptr_t tp = 0;

	linuxu_syscall(SYS_arch_prctl, ARCH_GET_FS, &tp, 0);
	return tp;
}
