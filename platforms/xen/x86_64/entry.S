/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen x86_64 PV entry: the ELF notes that make the image a PV kernel, the hypercall page,
 * the boot stack, and the entry points Xen calls: exceptions (set_trap_table) and the
 * event upcall (set_callbacks).
 *
 * A 64-bit PV kernel runs in ring 3. When Xen delivers an exception or an event it pushes,
 * below the usual iret frame (ss, rsp, rflags, cs, rip, error code if any), the guest's
 * rcx and r11, which its own syscall-based entry clobbered. The stubs put them back so that
 * the frame becomes the architecture's struct arch_regs (arch/traps.h).
 */
#include <xen/xen.h>
#include <xen/elfnote.h>
#include <arch/traps.h>

#define XEN_NOTE(type, directive, value)		\
	.pushsection .note.Xen, "a", @note;		\
	.balign 4;					\
	.long 2f - 1f;					\
	.long 4f - 3f;					\
	.long type;					\
1:	.asciz "Xen";					\
2:	.balign 4;					\
3:	directive value;				\
4:	.balign 4;					\
	.popsection

#define VIRT_BASE 0xffffffff80000000

XEN_NOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "Lith")
XEN_NOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, "0.1")
XEN_NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
XEN_NOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
/* Pseudo-physical frame n at VIRT_BASE + n * 4096; the ELF's addresses are virtual. */
XEN_NOTE(XEN_ELFNOTE_VIRT_BASE, .quad, VIRT_BASE)
XEN_NOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, VIRT_BASE)
XEN_NOTE(XEN_ELFNOTE_ENTRY, .quad, _xen_entry)
XEN_NOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)
XEN_NOTE(XEN_ELFNOTE_FEATURES, .asciz, "!writable_page_tables")

	.section .text.boot, "ax"
	.globl _xen_entry
	.type _xen_entry, @function
/* Xen starts us with rsi = start_info (virtual), events masked, on its bootstrap stack. */
_xen_entry:
	cld
	/* For the boot-time trace: the first instruction's TSC. */
	rdtsc
	movl %eax, x86_entry_tsc(%rip)
	movl %edx, x86_entry_tsc + 4(%rip)
	leaq xen_boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	movq %rsi, %rdi
	callq xen_pv_start
	ud2
	.size _xen_entry, . - _xen_entry

/* Xen's extra words (rcx, r11) back into their registers. */
.macro XEN_UNFRAME
	movq (%rsp), %rcx
	movq 8(%rsp), %r11
	addq $16, %rsp
.endm

/*
 * Exception stubs, 32 bytes apart: xen_trap_stubs + 32 * vector. Every exception is fatal
 * for now: the C side prints the report and crashes the domain.
 */
.macro TRAP vec
	.balign 32
	XEN_UNFRAME
	.if \vec == 8 || (\vec >= 10 && \vec <= 14) || \vec == 17
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
.endm

	.text
	.balign 32
	.globl xen_trap_stubs
xen_trap_stubs:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19
	TRAP \n
	.endr

trap_common:
	ARCH_REGS_PUSH
	movq %rsp, %rdi
	andq $-16, %rsp
	callq xen_trap_fatal
	ud2

/*
 * The event upcall. Xen masked events (vcpu_info.evtchn_upcall_mask) when it entered, and
 * saved the old mask in the frame's rflags.IF. The iret hypercall restores both.
 */
	.globl xen_hypervisor_callback
	.type xen_hypervisor_callback, @function
xen_hypervisor_callback:
	XEN_UNFRAME
	pushq $0
	pushq $-1
	ARCH_REGS_PUSH
	movq %rsp, %rdi
	movq %rsp, %rbp
	andq $-16, %rsp
	ARCH_FPU_SAVE
	callq xen_upcall
	ARCH_FPU_RESTORE
	movq %rbp, %rsp
	ARCH_REGS_POP
	addq $16, %rsp
	/* iret hypercall: its stub pushes rcx, r11 and rax; we add the flags word. */
	pushq $0
	jmp hypercall_page + __HYPERVISOR_iret * 32
	.size xen_hypervisor_callback, . - xen_hypervisor_callback

/* Xen could not return to us (bad segment or frame): report and crash. */
	.globl xen_failsafe_callback
	.type xen_failsafe_callback, @function
xen_failsafe_callback:
	XEN_UNFRAME
	pushq $0
	pushq $-2
	ARCH_REGS_PUSH
	movq %rsp, %rdi
	andq $-16, %rsp
	callq xen_trap_fatal
	ud2
	.size xen_failsafe_callback, . - xen_failsafe_callback

	.section .bss.entry_tsc, "aw", @nobits
	.balign 8
	.globl x86_entry_tsc
x86_entry_tsc:
	.skip 8

	.section .bss.boot_stack, "aw", @nobits
	.balign 16
xen_boot_stack:
	.skip CONFIG_XEN_BOOT_STACK_KB * 1024
	.globl xen_boot_stack_top
xen_boot_stack_top:
	.section .note.GNU-stack, "", @progbits
