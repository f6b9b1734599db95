/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Floor PV guest: Xen ELF notes, entry point, hypercall page, boot stack.
 *
 * The image is linked at virtual address 0 with XEN_ELFNOTE_VIRT_BASE 0, so
 * a pseudo-physical frame number maps to virtual address pfn << 12 in the
 * initial mapping Xen builds. On entry (64-bit PV) %rsi holds the virtual
 * address of start_info.
 */
#include <xen/elfnote.h>

/* One note in the "Xen" namespace: type, descriptor directive, value. */
#define XEN_NOTE(type, directive, value)			\
	.pushsection .note.Xen, "a", @note;			\
	.balign 4;						\
	.long 2f - 1f;						\
	.long 4f - 3f;						\
	.long type;						\
1:	.asciz "Xen";						\
2:	.balign 4;						\
3:	directive value;					\
4:	.balign 4;						\
	.popsection

XEN_NOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "Lith-floor")
XEN_NOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, "1")
XEN_NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
XEN_NOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
XEN_NOTE(XEN_ELFNOTE_VIRT_BASE, .quad, 0)
XEN_NOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0)
XEN_NOTE(XEN_ELFNOTE_ENTRY, .quad, _start)
XEN_NOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)

	.section .text.entry, "ax"
	.globl _start
_start:
	cld
	leaq	boot_stack_top(%rip), %rsp
	movq	%rsi, %rdi
	call	floor_main
	/* floor_main does not return; if it does, spin. */
1:	jmp	1b

	/* Xen writes one 32-byte stub per hypercall number here. */
	.section .text.hypercall, "ax"
	.balign 4096
	.globl hypercall_page
hypercall_page:
	.fill 4096, 1, 0xcc

	.section .bss.stack, "aw", @nobits
	.balign 16
boot_stack:
	.skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
