/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 exception vectors for EL1 (VBAR_EL1). Every entry saves the general registers,
 * ELR/SPSR/ESR/FAR (struct arch_regs) and the FP/SIMD registers (handlers are C that may
 * use them), then calls arch_exception(regs, kind). Exceptions from EL0 or with SP_EL0
 * selected cannot happen in Lith: they are reported like faults. Each entry first checks
 * that the stack can take the frame (address translation of the lowest byte it needs).
 */
#include <arch/traps.h>

#define KIND_SYNC   0
#define KIND_IRQ    1
#define KIND_FIQ    2
#define KIND_SERROR 3

/*
 * Before anything is pushed: can the frame (and a little for the handler) be written
 * below sp? A thread that overflowed into its guard page cannot take an exception on
 * its own stack, so then the entry moves to the emergency stack, keeping the old sp in
 * TPIDRRO_EL0 (unused by Lith) and flagging the kind. TPIDR_EL1 holds x0 meanwhile.
 */
#define NEED (ARCH_REGS_SIZE + ARCH_FPREGS_SIZE + 256)

.macro entry kind
	.align 7
	msr tpidr_el1, x0
	sub x0, sp, #NEED
	at s1e1w, x0
	isb
	mrs x0, par_el1
	tbnz x0, #0, 1f
	mrs x0, tpidr_el1
	sub sp, sp, #ARCH_REGS_SIZE
	stp x0, x1, [sp, #0]
	mov x1, #\kind
	b exception_common
1:	mov x0, sp
	msr tpidrro_el0, x0
	adrp x0, arch_emergency_stack_top
	add x0, x0, :lo12:arch_emergency_stack_top
	mov sp, x0
	mrs x0, tpidr_el1
	sub sp, sp, #ARCH_REGS_SIZE
	stp x0, x1, [sp, #0]
	mov x1, #(\kind | ARCH_KIND_BAD_STACK)
	b exception_common
.endm

	.text
	.align 11
	.globl arch_vectors
arch_vectors:
	/* Current EL with SP_EL0, then with SP_ELx, then lower EL AArch64 and AArch32. */
	.irp group, 0, 1, 2, 3
	entry KIND_SYNC
	entry KIND_IRQ
	entry KIND_FIQ
	entry KIND_SERROR
	.endr

exception_common:
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	stp x16, x17, [sp, #128]
	stp x18, x19, [sp, #144]
	stp x20, x21, [sp, #160]
	stp x22, x23, [sp, #176]
	stp x24, x25, [sp, #192]
	stp x26, x27, [sp, #208]
	stp x28, x29, [sp, #224]
	add x2, sp, #ARCH_REGS_SIZE
	stp x30, x2, [sp, #240]		/* x30, sp before the exception */
	mrs x2, elr_el1
	mrs x3, spsr_el1
	stp x2, x3, [sp, #256]
	mrs x2, esr_el1
	mrs x3, far_el1
	stp x2, x3, [sp, #272]
	mov x0, sp

	sub sp, sp, #ARCH_FPREGS_SIZE
	stp q0, q1, [sp, #16]
	stp q2, q3, [sp, #48]
	stp q4, q5, [sp, #80]
	stp q6, q7, [sp, #112]
	stp q8, q9, [sp, #144]
	stp q10, q11, [sp, #176]
	stp q12, q13, [sp, #208]
	stp q14, q15, [sp, #240]
	stp q16, q17, [sp, #272]
	stp q18, q19, [sp, #304]
	stp q20, q21, [sp, #336]
	stp q22, q23, [sp, #368]
	stp q24, q25, [sp, #400]
	stp q26, q27, [sp, #432]
	stp q28, q29, [sp, #464]
	stp q30, q31, [sp, #496]
	mrs x2, fpsr
	mrs x3, fpcr
	stp x2, x3, [sp]

	/* A frame record linking the trace to the interrupted code. */
	ldr x29, [x0, #232]
	bl arch_exception

	ldp x2, x3, [sp]
	msr fpsr, x2
	msr fpcr, x3
	ldp q0, q1, [sp, #16]
	ldp q2, q3, [sp, #48]
	ldp q4, q5, [sp, #80]
	ldp q6, q7, [sp, #112]
	ldp q8, q9, [sp, #144]
	ldp q10, q11, [sp, #176]
	ldp q12, q13, [sp, #208]
	ldp q14, q15, [sp, #240]
	ldp q16, q17, [sp, #272]
	ldp q18, q19, [sp, #304]
	ldp q20, q21, [sp, #336]
	ldp q22, q23, [sp, #368]
	ldp q24, q25, [sp, #400]
	ldp q26, q27, [sp, #432]
	ldp q28, q29, [sp, #464]
	ldp q30, q31, [sp, #496]
	add sp, sp, #ARCH_FPREGS_SIZE

	/* A handler may move the return address (a skipped semihosting call). */
	ldp x2, x3, [sp, #256]
	msr elr_el1, x2
	msr spsr_el1, x3
	ldp x2, x3, [sp, #16]
	ldp x4, x5, [sp, #32]
	ldp x6, x7, [sp, #48]
	ldp x8, x9, [sp, #64]
	ldp x10, x11, [sp, #80]
	ldp x12, x13, [sp, #96]
	ldp x14, x15, [sp, #112]
	ldp x16, x17, [sp, #128]
	ldp x18, x19, [sp, #144]
	ldp x20, x21, [sp, #160]
	ldp x22, x23, [sp, #176]
	ldp x24, x25, [sp, #192]
	ldp x26, x27, [sp, #208]
	ldp x28, x29, [sp, #224]
	ldr x30, [sp, #240]
	ldp x0, x1, [sp, #0]
	add sp, sp, #ARCH_REGS_SIZE
	eret

	.section .bss.arch_emergency_stack, "aw", %nobits
	.align 4
arch_emergency_stack:
	.skip 8192
	.globl arch_emergency_stack_top
arch_emergency_stack_top:

	.text
/* uint64_t arch_semihosting_trap(uint32_t op (w0), uintptr_t arg (x1)) */
	.globl arch_semihosting_trap
	.type arch_semihosting_trap, %function
arch_semihosting_trap:
	hlt #0xf000
	ret
	.size arch_semihosting_trap, . - arch_semihosting_trap
	.section .note.GNU-stack, "", %progbits
