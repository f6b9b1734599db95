/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Identity mappings beyond the first GiB that entry.S maps: RAM above it and device
 * memory (LAPIC, IOAPIC, PCI BARs, virtio-mmio). 2 MiB pages; page directories come from
 * a small static pool, so mapping never needs the allocator.
 *
 * plat_page_protect() (the scheduler's stack guard pages) splits the 2 MiB page around a
 * page into 4 KiB pages on first use, from a static pool of page tables that exists only
 * when guard pages are configured, and changes that page's entry.
 */
#include <lith/errno.h>
#include <plat/memory.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define PTE_P_W	  0x003ULL
#define PDE_PS	  0x080ULL
#define PDE_PCD	  0x010ULL /* uncached: device memory between RAM ranges */
#define PD_POOL	  16	   /* 16 GiB of directories beyond what entry.S built */
#define ADDR_MASK 0x000ffffffffff000ULL
#define PTE_GUARD 0x200ULL /* software bit: a page made not-present by plat_page_protect */

extern uint64_t x86_pdpt[512];
extern char _kvm_image_start[], _end[];

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

#if CONFIG_LIBSCHED_GUARD_PAGE
/* Enough for guard pages over 128 MiB of thread stacks; beyond, the scheduler stops asking. */
#define PT_POOL 64

static uint64_t pt_pool[PT_POOL][512] __aligned(4096);
static unsigned int pt_used;

/* The 4 KiB entry of va, splitting its 2 MiB page first; NULL if va is not mapped RAM. */
static uint64_t *page_entry(uintptr_t va, int *rc)
{
	uint64_t pdpte = va < (512ULL << 30) ? x86_pdpt[va >> 30] : 0, *pd, *pde, *pt;
	unsigned int i;

	if (!(pdpte & 1))
		return NULL;
	pd = (uint64_t *)(uintptr_t)(pdpte & ADDR_MASK);
	pde = &pd[(va >> 21) & 511];
	if (!(*pde & 1) || (*pde & PDE_PCD))
		return NULL;
	if (*pde & PDE_PS) {
		if (pt_used == PT_POOL) {
			*rc = -ENOMEM;
			return NULL;
		}
		pt = pt_pool[pt_used++];
		for (i = 0; i < 512; i++)
			pt[i] = (*pde & ADDR_MASK) + ((uint64_t)i << 12) + PTE_P_W;
		*pde = (uintptr_t)pt | PTE_P_W;
		/* The 2 MiB translation may be cached: drop every one. */
		x86_write_cr3(x86_read_cr3());
	}
	pt = (uint64_t *)(uintptr_t)(*pde & ADDR_MASK);
	return &pt[(va >> 12) & 511];
}

int plat_page_protect(void *va, size_t len, unsigned int prot)
{
	uintptr_t a = (uintptr_t)va, end = a + len;
	uint64_t flags = x86_save_flags();
	int rc = 0;

	if (!plat_page_protect_valid(a, len, prot))
		return -EINVAL;
	/* The image, the boot tables and page 0 keep their mapping. */
	if (a < (uintptr_t)_end && end > (uintptr_t)_kvm_image_start)
		return -EINVAL;
	x86_cli();
	for (; a < end && !rc; a += PAGE_SIZE) {
		uint64_t *e = page_entry(a, &rc);

		if (!e || (!(*e & 1) && !(*e & PTE_GUARD))) {
			rc = rc ? rc : -EINVAL;
			break;
		}
		*e &= ~(PTE_P_W | PTE_GUARD);
		if (prot == PLAT_PROT_NONE)
			*e |= PTE_GUARD;
		else
			*e |= 1 | (prot & PLAT_PROT_WRITE ? 2 : 0);
		x86_invlpg(a);
	}
	if (flags & X86_RFLAGS_IF)
		x86_sti();
	return rc;
}
#endif
