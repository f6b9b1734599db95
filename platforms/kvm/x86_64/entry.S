/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 entry from PVH (Xen's PHYS32_ENTRY ELF note: QEMU -kernel on pc, q35, microvm;
 * Xen PVH) and, optionally, multiboot v1. Both start in 32-bit protected mode, flat,
 * paging off, with ebx pointing at the boot information. This file knows no device:
 * the Xen PVH port shares it.
 *
 * It records the TSC, loads the GDT, identity-maps the first GiB (2 MiB pages; the first
 * 2 MiB in 4 KiB pages, so that page 0 can be unmapped to catch NULL), enables long
 * mode and the FPU/SSE, switches to the boot stack and calls
 *	x86_start64(uint32_t info (edi), uint32_t eax at entry (esi)).
 * The loader has zeroed .bss (the ELF and multiboot protocols both say so).
 */
#include <arch/traps.h>

#define CR0_BITS	0x80010023	/* PG | WP | NE | MP | PE: EM and TS clear */
#define CR4_BITS	0x00000620	/* OSXMMEXCPT | OSFXSR | PAE */
#define EFER_LME	0x100
#define PTE_P_W		0x003
#define PDE_P_W_PS	0x083

	.section .note.Xen, "a", @note
	.align 4
	.long 4				/* name size */
	.long 4				/* descriptor size */
	.long 18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long _kvm_entry

#if CONFIG_KVM_MULTIBOOT
/* Multiboot v1 with the address fields (flag 16): loaders need not parse the ELF64. */
#define MB_MAGIC	0x1badb002
#define MB_FLAGS	0x00010002
	.section .multiboot, "a"
	.align 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long mb_header
	.long _kvm_image_start
	.long _edata
	.long _end
	.long _kvm_entry
#endif

	.section .text.boot, "ax"
	.code32
	.globl _kvm_entry
	.type _kvm_entry, @function
_kvm_entry:
	movl %eax, %esi
	rdtsc
	movl %eax, x86_entry_tsc
	movl %edx, x86_entry_tsc + 4
	movl %ebx, %edi

	lgdt arch_gdt_ptr
	ljmp $ARCH_GDT_CS32, $1f
1:	movl $ARCH_GDT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs

	/* pd0[1..511]: 2 MiB pages up to 1 GiB. */
	movl $(0x200000 | PDE_P_W_PS), %eax
	movl $x86_pd0 + 8, %edx
2:	movl %eax, (%edx)
	addl $0x200000, %eax
	addl $8, %edx
	cmpl $x86_pd0 + 4096, %edx
	jne 2b
	/* pt0: 4 KiB pages below 2 MiB (setup drops page 0 once it has read the boot data). */
	movl $PTE_P_W, %eax
	movl $x86_pt0, %edx
3:	movl %eax, (%edx)
	addl $0x1000, %eax
	addl $8, %edx
	cmpl $x86_pt0 + 4096, %edx
	jne 3b
	movl $(x86_pt0 + PTE_P_W), x86_pd0
	movl $(x86_pd0 + PTE_P_W), x86_pdpt
	movl $(x86_pdpt + PTE_P_W), x86_pml4

	movl $x86_pml4, %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_BITS, %eax
	movl %eax, %cr4
	movl %esi, %ebp
	movl $0xc0000080, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %ebp, %esi
	movl $CR0_BITS, %eax
	movl %eax, %cr0
	ljmp $ARCH_GDT_CS64, $entry64

	.code64
entry64:
	movl $ARCH_GDT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movq $x86_boot_stack_top, %rsp
	xorl %ebp, %ebp
#ifndef CONFIG_ARCH_X86_64_NO_SSE
	fninit
#endif
	callq x86_start64
	ud2
	.size _kvm_entry, . - _kvm_entry

	.section .bss.pagetables, "aw", @nobits
	.align 4096
	.globl x86_pml4, x86_pdpt, x86_pd0, x86_pt0
x86_pml4:	.skip 4096
x86_pdpt:	.skip 4096
x86_pd0:	.skip 4096
x86_pt0:	.skip 4096
	.align 16
	.globl x86_boot_stack, x86_boot_stack_top
x86_boot_stack:	.skip CONFIG_KVM_BOOT_STACK_KB * 1024
x86_boot_stack_top:

	.section .bss.entry_tsc, "aw", @nobits
	.align 8
	.globl x86_entry_tsc
x86_entry_tsc:	.skip 8
	.section .note.GNU-stack, "", @progbits
