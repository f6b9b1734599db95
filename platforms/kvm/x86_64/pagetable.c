/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Identity mappings beyond the first GiB that entry.S maps: RAM above it and device
 * memory (LAPIC, IOAPIC, PCI BARs, virtio-mmio). 2 MiB pages; page directories come from
 * a small static pool, so mapping never needs the allocator.
 */
#include <lith/errno.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define PTE_P_W	  0x003ULL
#define PDE_PS	  0x080ULL
#define PDE_PCD	  0x010ULL /* uncached: device memory between RAM ranges */
#define PD_POOL	  16	   /* 16 GiB of directories beyond what entry.S built */
#define ADDR_MASK 0x000ffffffffff000ULL

extern uint64_t x86_pdpt[512];

static uint64_t pd_pool[PD_POOL][512] __aligned(4096);
static unsigned int pd_used;

int kvm_map_range(uint64_t phys, uint64_t len)
{
	uint64_t a = ALIGN_DOWN(phys, 1ULL << 21);
	uint64_t end = phys + len;

	/* One PDPT covers 512 GiB: enough for this guest's RAM and the PCI hole. */
	if (end < phys || end > (512ULL << 30))
		return -ENOMEM;
	for (; a < end; a += 1ULL << 21) {
		uint64_t *pdpte = &x86_pdpt[a >> 30];
		uint64_t *pd;

		if (!(*pdpte & 1)) {
			if (pd_used == PD_POOL)
				return -ENOMEM;
			*pdpte = (uintptr_t)pd_pool[pd_used++] | PTE_P_W;
		}
		pd = (uint64_t *)(uintptr_t)(*pdpte & ADDR_MASK);
		if (!(pd[(a >> 21) & 511] & 1))
			pd[(a >> 21) & 511] = a | PDE_PS | PTE_P_W;
	}
	return 0;
}
