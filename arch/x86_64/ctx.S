/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 context switch: callee-saved registers on the stack, the stack pointer in ctx. */

	.text
	.globl arch_ctx_switch
	.type arch_ctx_switch, @function
/* void arch_ctx_switch(struct arch_ctx *prev (rdi), struct arch_ctx *next (rsi)) */
arch_ctx_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq (%rsi), %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size arch_ctx_switch, . - arch_ctx_switch

	.globl arch_ctx_start
	.type arch_ctx_start, @function
/* First code of a new context: arch_ctx_init left entry in r12 and its argument in r13. */
arch_ctx_start:
	movq %r13, %rdi
	xorl %ebp, %ebp
	/* The ABI wants rsp + 8 16-byte aligned at a function's entry, i.e. here before call. */
	andq $-16, %rsp
	callq *%r12
	ud2
	.size arch_ctx_start, . - arch_ctx_start
	.section .note.GNU-stack, "", @progbits
