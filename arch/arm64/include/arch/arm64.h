/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 instructions that C cannot express: system registers, barriers, interrupt masks,
 * the generic timer's counter. CPU-only; which device sits where is the platform's.
 */
#ifndef ARCH_ARM64_H
#define ARCH_ARM64_H

#include <lith/essentials.h>

/* Two levels, so that a register given by a macro (S3_0_C12_C12_0, ...) expands first. */
#define arm64_read_sysreg(r)	 arm64_read_sysreg_(r)
#define arm64_write_sysreg(r, v) arm64_write_sysreg_(r, v)

#define arm64_read_sysreg_(r)                                    \
	({                                                       \
		uint64_t __v;                                    \
		__asm__ __volatile__("mrs %0, " #r : "=r"(__v)); \
		__v;                                             \
	})

#define arm64_write_sysreg_(r, v) \
	__asm__ __volatile__("msr " #r ", %0" ::"r"((uint64_t)(v)) : "memory")

#define arm64_isb()    __asm__ __volatile__("isb" ::: "memory")
#define arm64_dsb(opt) __asm__ __volatile__("dsb " #opt ::: "memory")

#define ARM64_DAIF_I (1UL << 7)

/* Mask / unmask IRQs (DAIF.I); FIQs stay masked, debug and SError as set at boot. */
static inline void arm64_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" ::: "memory");
}

static inline void arm64_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

static inline bool arm64_irq_enabled(void)
{
	return !(arm64_read_sysreg(daif) & ARM64_DAIF_I);
}

/* The virtual count: ordered after earlier instructions by the ISB. */
static inline uint64_t arm64_cntvct(void)
{
	arm64_isb();
	return arm64_read_sysreg(cntvct_el0);
}

#endif /* ARCH_ARM64_H */
