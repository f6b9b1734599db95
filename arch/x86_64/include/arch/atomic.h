/* SPDX-License-Identifier: BSD-3-Clause */
/* Atomics and barriers: gcc's builtins on x86_64, with the names the kernel uses. */
#ifndef ARCH_ATOMIC_H
#define ARCH_ATOMIC_H

#define barrier() __asm__ __volatile__("" ::: "memory")
#define mb()	  __asm__ __volatile__("mfence" ::: "memory")
#define rmb()	  __asm__ __volatile__("lfence" ::: "memory")
#define wmb()	  __asm__ __volatile__("sfence" ::: "memory")
/* x86 keeps loads and stores to normal memory in order with each other. */
#define smp_rmb() barrier()
#define smp_wmb() barrier()
#define smp_mb()  mb()

#define atomic_load(p)	   __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define atomic_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define atomic_add(p, v)   __atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)
#define atomic_sub(p, v)   __atomic_sub_fetch((p), (v), __ATOMIC_SEQ_CST)
#define atomic_xchg(p, v)  __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define atomic_cmpxchg(p, oldp, v) \
	__atomic_compare_exchange_n((p), (oldp), (v), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

#endif /* ARCH_ATOMIC_H */
