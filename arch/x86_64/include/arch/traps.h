/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 traps: the GDT (with a TSS whose IST gives double faults their own stack), the
 * IDT and the trap frame. Vectors 0-31 are CPU exceptions: they print a register dump and
 * a frame-pointer stack trace, then crash. Vectors from ARCH_IRQ_VECTOR_BASE up to
 * ARCH_NR_VECTORS - 1 go to the handler the platform installs.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

/* Selectors of the GDT below; the boot entry uses them too. */
#define ARCH_GDT_CS64 0x08
#define ARCH_GDT_DS   0x10
#define ARCH_GDT_CS32 0x18
#define ARCH_GDT_TSS  0x20

#define ARCH_NR_VECTORS	     64
#define ARCH_IRQ_VECTOR_BASE 32

#ifndef __ASSEMBLY__
#include <lith/essentials.h>

/* What the trap entry saves (ARCH_REGS_PUSH below), lowest address first. */
struct arch_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

typedef void (*arch_irq_handler_t)(unsigned int vector, struct arch_regs *regs);

/* Load the TSS and the IDT (every vector); before it, any exception triple-faults. */
void arch_traps_init(void);

/* Vectors >= ARCH_IRQ_VECTOR_BASE call fn with interrupts disabled. */
void arch_irq_set_handler(arch_irq_handler_t fn);

/* Print the general registers to the console. */
void arch_regs_dump(const struct arch_regs *regs);

/* Print the frame-pointer chain from rbp, following only frames inside [lo, hi). */
void arch_stack_trace(uintptr_t rbp, uintptr_t lo, uintptr_t hi);

/*
 * The crash report of a fatal trap: "CRASH: <what> (vector, error) at rip", the fault
 * address for page faults, registers and stack trace; then plat_crash(). what NULL: the
 * CPU exception's name. Shared by every x86_64 platform (IDT or Xen PV trap bounce).
 */
void arch_fault_report(const struct arch_regs *regs, const char *what, uint64_t fault_addr,
		       uintptr_t stack_lo, uintptr_t stack_hi) __noreturn;

/* The descriptor of the GDT (limit and base), for lgdt in 32- and 64-bit code. */
extern const struct arch_gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __packed arch_gdt_ptr;
#else  /* __ASSEMBLY__ */
/* clang-format off */
/*
 * Every x86_64 trap entry (IDT stubs, Xen PV callbacks) builds struct arch_regs with these:
 * the vector and error words are already pushed; ARCH_REGS_PUSH pushes the rest, in the
 * struct's order, and clears DF as C expects; ARCH_REGS_POP pops them again.
 */
.macro ARCH_REGS_PUSH
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
.endm

.macro ARCH_REGS_POP
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

/*
 * Around a C handler, on a 16-byte aligned rsp: unless built with
 * CONFIG_ARCH_X86_64_NO_SSE, handlers may use SSE, so keep the interrupted code's registers.
 */
.macro ARCH_FPU_SAVE
#ifndef CONFIG_ARCH_X86_64_NO_SSE
	subq $512, %rsp
	fxsave64 (%rsp)
#endif
.endm

.macro ARCH_FPU_RESTORE
#ifndef CONFIG_ARCH_X86_64_NO_SSE
	fxrstor64 (%rsp)
	addq $512, %rsp
#endif
.endm
/* clang-format on */
#endif /* __ASSEMBLY__ */

#endif /* ARCH_TRAPS_H */
