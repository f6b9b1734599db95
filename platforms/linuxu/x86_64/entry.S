/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu entry (x86_64): the kernel leaves argc at (%rsp), argv and envp above it. */

	.section .text.boot, "ax"
	.globl _linuxu_entry
	.type _linuxu_entry, @function
_linuxu_entry:
	xorl %ebp, %ebp
	movq %rsp, %rdi
	andq $-16, %rsp
	callq linuxu_start
	ud2
	.size _linuxu_entry, . - _linuxu_entry

	.text
	.globl linuxu_sigreturn
	.type linuxu_sigreturn, @function
/* Signal handlers return here (SA_RESTORER): the kernel restores the interrupted state. */
linuxu_sigreturn:
	movq $15, %rax
	syscall
	ud2
	.size linuxu_sigreturn, . - linuxu_sigreturn
	.section .note.GNU-stack, "", @progbits
