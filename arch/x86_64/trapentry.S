/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 trap entry: the GDT, one stub per vector and the common save/restore path. */
#include <arch/traps.h>

	.section .data.arch_gdt, "aw"
	.align 16
	.globl arch_gdt
arch_gdt:
	.quad 0				/* null */
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff	/* 0x10: flat data */
	.quad 0x00cf9a000000ffff	/* 0x18: 32-bit code (entry only) */
	.quad 0, 0			/* 0x20: TSS, filled by arch_traps_init() */
arch_gdt_end:

	.section .rodata.arch_gdt_ptr, "a"
	.align 8
	.globl arch_gdt_ptr
arch_gdt_ptr:
	.word arch_gdt_end - arch_gdt - 1
	.quad arch_gdt

/*
 * A stub pushes a zero where the CPU pushes no error code, then its vector. Stubs are
 * 16 bytes apart so that arch_traps_init() finds stub n at arch_trap_stubs + 16 * n.
 */
.macro stub
	.align 16
	.if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
	.else
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
.endm

	.text
	.align 16
	.globl arch_trap_stubs
arch_trap_stubs:
	.set vec, 0
	.rept ARCH_NR_VECTORS
	stub
	.set vec, vec + 1
	.endr

trap_common:
	ARCH_REGS_PUSH
	movq %rsp, %rdi
	/* The frame is 176 bytes on a stack the CPU aligned to 16: rsp is aligned here. */
	ARCH_FPU_SAVE
	callq arch_trap_dispatch
	ARCH_FPU_RESTORE
	ARCH_REGS_POP
	addq $16, %rsp
	iretq
	.section .note.GNU-stack, "", @progbits
