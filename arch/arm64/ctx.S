/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 context switch: the callee-saved registers (AAPCS64: x19-x30 and the low halves
 * of v8-v15) on the stack, the stack pointer in ctx. 160 bytes keep sp 16-byte aligned.
 */

	.text
	.globl arch_ctx_switch
	.type arch_ctx_switch, %function
/* void arch_ctx_switch(struct arch_ctx *prev (x0), struct arch_ctx *next (x1)) */
arch_ctx_switch:
	sub sp, sp, #160
	stp x19, x20, [sp, #0]
	stp x21, x22, [sp, #16]
	stp x23, x24, [sp, #32]
	stp x25, x26, [sp, #48]
	stp x27, x28, [sp, #64]
	stp x29, x30, [sp, #80]
	stp d8, d9, [sp, #96]
	stp d10, d11, [sp, #112]
	stp d12, d13, [sp, #128]
	stp d14, d15, [sp, #144]
	mov x9, sp
	str x9, [x0]
	ldr x9, [x1]
	mov sp, x9
	ldp x19, x20, [sp, #0]
	ldp x21, x22, [sp, #16]
	ldp x23, x24, [sp, #32]
	ldp x25, x26, [sp, #48]
	ldp x27, x28, [sp, #64]
	ldp x29, x30, [sp, #80]
	ldp d8, d9, [sp, #96]
	ldp d10, d11, [sp, #112]
	ldp d12, d13, [sp, #128]
	ldp d14, d15, [sp, #144]
	add sp, sp, #160
	ret
	.size arch_ctx_switch, . - arch_ctx_switch

	.globl arch_ctx_start
	.type arch_ctx_start, %function
/* First code of a new context: arch_ctx_init left entry in x19 and its argument in x20. */
arch_ctx_start:
	mov x0, x20
	mov x29, xzr
	mov x30, xzr
	blr x19
	brk #0
	.size arch_ctx_start, . - arch_ctx_start
	.section .note.GNU-stack, "", %progbits
