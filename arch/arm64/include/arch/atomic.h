/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Atomics and barriers on arm64. The atomics are gcc's builtins (exclusives, or LSE when
 * the compiler targets it); they need Normal memory, so the MMU is on before any runs.
 * mb()/rmb()/wmb() order against devices (DSB); the smp_ variants order normal memory
 * between observers in the inner shareable domain (DMB), which covers the hypervisor's
 * virtio device model as well.
 */
#ifndef ARCH_ATOMIC_H
#define ARCH_ATOMIC_H

#define barrier() __asm__ __volatile__("" ::: "memory")
#define mb()	  __asm__ __volatile__("dsb sy" ::: "memory")
#define rmb()	  __asm__ __volatile__("dsb ld" ::: "memory")
#define wmb()	  __asm__ __volatile__("dsb st" ::: "memory")
#define smp_mb()  __asm__ __volatile__("dmb ish" ::: "memory")
#define smp_rmb() __asm__ __volatile__("dmb ishld" ::: "memory")
#define smp_wmb() __asm__ __volatile__("dmb ishst" ::: "memory")

#define atomic_load(p)	   __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define atomic_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define atomic_add(p, v)   __atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)
#define atomic_sub(p, v)   __atomic_sub_fetch((p), (v), __ATOMIC_SEQ_CST)
#define atomic_xchg(p, v)  __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define atomic_cmpxchg(p, oldp, v) \
	__atomic_compare_exchange_n((p), (oldp), (v), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

#endif /* ARCH_ATOMIC_H */
