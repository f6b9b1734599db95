/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen thread pointer: a PV kernel cannot write the FS base MSR, Xen does it for us; a PVH
 * guest runs in ring 0 and writes it itself.
 */
#include <arch/x86.h>
#include <plat/cpu.h>
#include <xenplat/hypercall.h>

static uintptr_t tls_pointer;

void plat_tls_set(uintptr_t tp)
{
#if CONFIG_XEN_PVH
	x86_wrmsr(X86_MSR_FS_BASE, tp);
#else
	hypervisor_set_segment_base(SEGBASE_FS, tp);
#endif
	tls_pointer = tp;
}

uintptr_t plat_tls_get(void)
{
	return tls_pointer;
}
