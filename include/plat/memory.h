/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: page protection, for guard pages below thread stacks.
 * linuxu: mprotect(2); kvm (x86_64 and arm64) and xen PVH: the page tables, splitting a
 * large page on first use; xen PV: update_va_mapping (an overflow crashes the domain: Xen
 * cannot deliver the fault on the overflowed stack). The scheduler carries a weak fallback
 * (-ENOTSUP), so a platform need not provide one.
 */
#ifndef PLAT_MEMORY_H
#define PLAT_MEMORY_H

#include <lith/essentials.h>

#define PLAT_PROT_NONE	0x0
#define PLAT_PROT_READ	0x1
#define PLAT_PROT_WRITE 0x2

/* Set the access of the pages [va, va + len) (page-aligned); 0, -ENOTSUP or -EINVAL. */
int plat_page_protect(void *va, size_t len, unsigned int prot);

/* For implementations: whole pages, no wrap-around, and no write access without read. */
static inline bool plat_page_protect_valid(uintptr_t va, size_t len, unsigned int prot)
{
	return IS_ALIGNED(va, PAGE_SIZE) && IS_ALIGNED(len, PAGE_SIZE) && va + len >= va &&
	       (!(prot & PLAT_PROT_WRITE) || (prot & PLAT_PROT_READ));
}

/*
 * Optional, defined by a library (the scheduler), called by a platform's fault handler
 * with the faulting data address: writes a NUL-terminated description of what lives there
 * (e.g. "stack overflow in thread worker") into buf and returns its length, or returns 0.
 * Runs in fault context: it must not allocate, lock or print. Platforms reference it weakly.
 */
size_t lith_fault_describe(uintptr_t addr, char *buf, size_t len);

#endif /* PLAT_MEMORY_H */
