/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 instructions that C cannot express: CPUID, MSRs, control registers, port I/O,
 * the time-stamp counter. CPU-only; which ports and MSRs mean what is the platform's.
 */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <lith/essentials.h>

#define X86_CR0_PE	   (1UL << 0)
#define X86_CR0_MP	   (1UL << 1)
#define X86_CR0_EM	   (1UL << 2)
#define X86_CR0_NE	   (1UL << 5)
#define X86_CR0_WP	   (1UL << 16)
#define X86_CR0_PG	   (1UL << 31)
#define X86_CR4_PAE	   (1UL << 5)
#define X86_CR4_OSFXSR	   (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)

#define X86_MSR_APIC_BASE    0x0000001b
#define X86_MSR_TSC_DEADLINE 0x000006e0
#define X86_MSR_EFER	     0xc0000080
#define X86_MSR_FS_BASE	     0xc0000100
#define X86_MSR_GS_BASE	     0xc0000101

#define X86_RFLAGS_IF (1UL << 9)

struct x86_cpuid {
	uint32_t a, b, c, d;
};

static inline struct x86_cpuid x86_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct x86_cpuid r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t x86_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
			     : "memory");
}

static inline void x86_outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" ::"a"(v), "Nd"(port) : "memory");
}

static inline void x86_outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" ::"a"(v), "Nd"(port) : "memory");
}

static inline void x86_outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" ::"a"(v), "Nd"(port) : "memory");
}

static inline uint8_t x86_inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint16_t x86_inw(uint16_t port)
{
	uint16_t v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint32_t x86_inl(uint16_t port)
{
	uint32_t v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uintptr_t x86_read_cr2(void)
{
	uintptr_t v;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uintptr_t x86_read_cr3(void)
{
	uintptr_t v;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void x86_write_cr3(uintptr_t v)
{
	__asm__ __volatile__("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline void x86_invlpg(uintptr_t va)
{
	__asm__ __volatile__("invlpg (%0)" ::"r"(va) : "memory");
}

static inline uint64_t x86_save_flags(void)
{
	uint64_t f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f)::"memory");
	return f;
}

static inline void x86_cli(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void x86_sti(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

#endif /* ARCH_X86_H */
