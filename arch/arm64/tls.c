/* SPDX-License-Identifier: BSD-3-Clause */
/* arm64 context set-up and TLS areas (variant I: data above the thread pointer). */
#include <arch/ctx.h>
#include <arch/tls.h>

/* From the linker script: the TLS image and its size in memory. */
extern char _tls_start[], _etdata[], _tls_end[];

void arch_ctx_start(void);

/* The frame arch_ctx_switch pops: x19-x30, then d8-d15. */
struct switch_frame {
	uint64_t x19, x20, x21_x28[8], x29, x30;
	uint64_t d8_d15[8];
};

void arch_ctx_init(struct arch_ctx *ctx, void *stack_top, void (*entry)(void *), void *arg)
{
	uintptr_t top = ALIGN_DOWN((uintptr_t)stack_top, 16);
	struct switch_frame *f = (struct switch_frame *)(top - sizeof(*f));
	unsigned int i;

	for (i = 0; i < 8; i++)
		f->x21_x28[i] = f->d8_d15[i] = 0;
	f->x19 = (uintptr_t)entry;
	f->x20 = (uintptr_t)arg;
	f->x29 = 0;
	f->x30 = (uintptr_t)arch_ctx_start; /* where the switch's ret lands */
	ctx->sp = (uintptr_t)f;
}

/* The TCB is 16 bytes; the linker puts the block at the next ARCH_TLS_ALIGN boundary. */
#define TLS_BLOCK_OFFSET ALIGN_UP(16, ARCH_TLS_ALIGN)

size_t arch_tls_area_size(void)
{
	return TLS_BLOCK_OFFSET + ALIGN_UP((size_t)(_tls_end - _tls_start), ARCH_TLS_ALIGN);
}

uintptr_t arch_tls_area_init(void *area)
{
	char *block = (char *)area + TLS_BLOCK_OFFSET;
	size_t tdata = _etdata - _tls_start;
	size_t total = _tls_end - _tls_start;
	size_t i;

	for (i = 0; i < tdata; i++)
		block[i] = _tls_start[i];
	for (; i < total; i++)
		block[i] = 0;
	/* The TCB's two words (dtv, reserved) are unused by static local-exec code. */
	((uintptr_t *)area)[0] = 0;
	((uintptr_t *)area)[1] = 0;
	return (uintptr_t)area;
}
