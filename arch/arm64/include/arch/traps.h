/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 exceptions at EL1. Synchronous exceptions (aborts, undefined instructions, ...)
 * and SErrors print a register dump and a frame-pointer stack trace, then crash. IRQs go
 * to the handler the platform installs (its interrupt controller), with the interrupted
 * code's general and FP/SIMD registers saved. FIQs are never enabled.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

/* Size of struct arch_regs, for the assembly entry. */
#define ARCH_REGS_SIZE	 288
#define ARCH_FPREGS_SIZE 528 /* FPSR, FPCR, then q0-q31 */
/* Added to the kind of exception when the interrupted stack could not take the frame. */
#define ARCH_KIND_BAD_STACK 4

#ifndef __ASSEMBLY__
#include <lith/essentials.h>

/* What the exception entry saves, lowest address first. */
struct arch_regs {
	uint64_t x[31];	 /* x0-x30 (x29: frame pointer, x30: link register) */
	uint64_t sp;	 /* at the exception */
	uint64_t pc;	 /* ELR_EL1 */
	uint64_t pstate; /* SPSR_EL1 */
	uint64_t esr, far;
};

typedef void (*arch_irq_handler_t)(struct arch_regs *regs);

/* Install the exception vectors (VBAR_EL1); before it, any exception hangs. */
void arch_traps_init(void);

/* IRQs call fn with IRQs masked. */
void arch_irq_set_handler(arch_irq_handler_t fn);

/* Print the registers, then the stack trace from the frame pointer, to the console. */
void arch_regs_dump(const struct arch_regs *regs);
void arch_stack_trace(uintptr_t fp);

/*
 * A semihosting call (HLT #0xf000): op in w0, arg in x1; returns x0. When the debugger or
 * emulator offers no semihosting the instruction is undefined: the call then returns -1
 * and *ok is false, instead of crashing.
 */
uint64_t arch_semihosting(uint32_t op, uintptr_t arg, bool *ok);
#endif

#endif /* ARCH_TRAPS_H */
