/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 context switch between threads of the kernel. Only the callee-saved registers
 * (x19-x30, d8-d15) are kept, on the stack: a switch is a function call. Interrupted
 * state lives in the exception frame.
 */
#ifndef ARCH_CTX_H
#define ARCH_CTX_H

#include <lith/essentials.h>

struct arch_ctx {
	uintptr_t sp;
};

/*
 * Prepare ctx so that the first switch to it calls entry(arg) on the stack ending at
 * stack_top (16-byte aligned). entry must not return.
 */
void arch_ctx_init(struct arch_ctx *ctx, void *stack_top, void (*entry)(void *), void *arg);

/* Save the running context in prev and resume next. Returns when prev is resumed. */
void arch_ctx_switch(struct arch_ctx *prev, struct arch_ctx *next);

#endif /* ARCH_CTX_H */
