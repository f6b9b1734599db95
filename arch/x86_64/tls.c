/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 context set-up and TLS areas (variant II: data below the thread pointer). */
#include <arch/ctx.h>
#include <arch/tls.h>

/* From the linker script: the TLS image and its size in memory. */
extern char _tls_start[], _etdata[], _tls_end[];

void arch_ctx_start(void);

void arch_ctx_init(struct arch_ctx *ctx, void *stack_top, void (*entry)(void *), void *arg)
{
	uintptr_t *sp = (uintptr_t *)ALIGN_DOWN((uintptr_t)stack_top, 16);

	/* After the six pops, ret lands in arch_ctx_start with rsp 16-byte aligned + 8. */
	*--sp = 0;
	*--sp = (uintptr_t)arch_ctx_start;
	*--sp = 0;		  /* rbp */
	*--sp = 0;		  /* rbx */
	*--sp = (uintptr_t)entry; /* r12 */
	*--sp = (uintptr_t)arg;	  /* r13 */
	*--sp = 0;		  /* r14 */
	*--sp = 0;		  /* r15 */
	ctx->sp = (uintptr_t)sp;
}

static size_t tls_block_size(void)
{
	return ALIGN_UP((size_t)(_tls_end - _tls_start), ARCH_TLS_ALIGN);
}

size_t arch_tls_area_size(void)
{
	/* The block, then the control block (self pointer), padded. */
	return tls_block_size() + ARCH_TLS_ALIGN;
}

uintptr_t arch_tls_area_init(void *area)
{
	char *block = area;
	size_t tdata = _etdata - _tls_start;
	size_t total = _tls_end - _tls_start;
	uintptr_t tp = (uintptr_t)area + tls_block_size();
	size_t i;

	/*
	 * The linker script aligns the TLS segment to ARCH_TLS_ALIGN, so the linker places
	 * the block at tp - tls_block_size(): the start of the area.
	 */
	for (i = 0; i < tdata; i++)
		block[i] = _tls_start[i];
	for (; i < total; i++)
		block[i] = 0;
	*(uintptr_t *)tp = tp;
	return tp;
}
