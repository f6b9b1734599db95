/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hypercalls through the hypercall page that Xen fills at boot (XEN_ELFNOTE_HYPERCALL_PAGE):
 * one 32-byte stub per hypercall number. x86_64 convention: arguments in rdi, rsi, rdx, r10,
 * r8, the result in rax; the stub may clobber rcx, r11 and the argument registers.
 * (PV stubs use syscall; PVH stubs would use vmcall/vmmcall: the callers do not change.)
 */
#ifndef XENPLAT_HYPERCALL_H
#define XENPLAT_HYPERCALL_H

#include <lith/essentials.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/vcpu.h>
#include <xen/memory.h>
#include <xen/version.h>
#include <xen/callback.h>

extern char hypercall_page[];

#define _xen_hypercall(nr, a1, a2, a3, a4, a5)                                                     \
	({                                                                                         \
		register unsigned long rdi_ __asm__("rdi") = (unsigned long)(a1);                  \
		register unsigned long rsi_ __asm__("rsi") = (unsigned long)(a2);                  \
		register unsigned long rdx_ __asm__("rdx") = (unsigned long)(a3);                  \
		register unsigned long r10_ __asm__("r10") = (unsigned long)(a4);                  \
		register unsigned long r8_ __asm__("r8") = (unsigned long)(a5);                    \
		long ret_;                                                                         \
		__asm__ __volatile__("call hypercall_page + %c[off]"                               \
				     : "=a"(ret_), "+r"(rdi_), "+r"(rsi_), "+r"(rdx_), "+r"(r10_), \
				       "+r"(r8_)                                                   \
				     : [off] "i"((nr)*32)                                          \
				     : "rcx", "r11", "memory");                                    \
		ret_;                                                                              \
	})

static inline long hypervisor_sched_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_sched_op, cmd, arg, 0, 0, 0);
}

static inline long hypervisor_event_channel_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_event_channel_op, cmd, arg, 0, 0, 0);
}

static inline long hypervisor_grant_table_op(int cmd, void *arg, unsigned int count)
{
	return _xen_hypercall(__HYPERVISOR_grant_table_op, cmd, arg, count, 0, 0);
}

static inline long hypervisor_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu, arg, 0, 0);
}

static inline long hypervisor_set_timer_op(uint64_t deadline)
{
	return _xen_hypercall(__HYPERVISOR_set_timer_op, deadline, 0, 0, 0, 0);
}

static inline long hypervisor_xen_version(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_xen_version, cmd, arg, 0, 0, 0);
}

static inline long hypervisor_console_io(int cmd, unsigned int len, const char *buf)
{
	return _xen_hypercall(__HYPERVISOR_console_io, cmd, len, buf, 0, 0);
}

static inline long hypervisor_memory_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_memory_op, cmd, arg, 0, 0, 0);
}

static inline long hypervisor_callback_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_callback_op, cmd, arg, 0, 0, 0);
}

static inline long hypervisor_hvm_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_hvm_op, cmd, arg, 0, 0, 0);
}

/* PV only. */
static inline long hypervisor_set_trap_table(const void *table)
{
	return _xen_hypercall(__HYPERVISOR_set_trap_table, table, 0, 0, 0, 0);
}

static inline long hypervisor_mmu_update(mmu_update_t *req, unsigned int count, unsigned int *done,
					 domid_t dom)
{
	return _xen_hypercall(__HYPERVISOR_mmu_update, req, count, done, dom, 0);
}

static inline long hypervisor_update_va_mapping(unsigned long va, uint64_t pte, unsigned long flags)
{
	return _xen_hypercall(__HYPERVISOR_update_va_mapping, va, pte, flags, 0, 0);
}

static inline long hypervisor_set_segment_base(int which, unsigned long base)
{
	return _xen_hypercall(__HYPERVISOR_set_segment_base, which, base, 0, 0, 0);
}

static inline long hypervisor_fpu_taskswitch(int set)
{
	return _xen_hypercall(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0);
}

#endif /* XENPLAT_HYPERCALL_H */
