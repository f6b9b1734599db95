/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PV memory. Xen hands over page tables that map the image and the bootstrap elements
 * (start_info, p2m, console and xenstore rings, the tables themselves) at XEN_VIRT_BASE,
 * followed by at least 512 KiB of padding, up to a 4 MiB boundary. We extend that mapping
 * over all of the domain's pages, pfn n at XEN_VIRT_BASE + n * 4096, so that a virtual
 * address and a pseudo-physical frame convert by arithmetic.
 *
 * PV page tables are read-only to the guest: a new table is filled while still writable,
 * remapped read-only (update_va_mapping), then linked into its parent with mmu_update,
 * where Xen validates it. Tables are taken from the first free pages, which are always
 * mapped: each new L1 maps 511 more pages than it costs.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/bootinfo.h>
#include <plat/memory.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

/* The top 2 GiB of the address space, from XEN_VIRT_BASE: as much as we can map. */
#define MAX_PAGES (1UL << 19)

unsigned long xen_nr_mapped;
static unsigned long next_free_pfn;

static void __noreturn mm_fail(const char *what)
{
	lith_pr_crit("memory set-up failed: %s\n", what);
	xen_console_drain();
	plat_crash();
}

static uint64_t *table_of(uint64_t entry)
{
	return xen_mfn_to_virt((entry & PTE_ADDR) >> PAGE_SHIFT);
}

static uint64_t machine_addr_of(const void *va)
{
	return ((uint64_t)xen_p2m[xen_virt_to_pfn(va)] << PAGE_SHIFT) |
	       ((uintptr_t)va & (PAGE_SIZE - 1));
}

/* Fill a new table (level 1: mapping pfns from first_pfn), seal it, link it at *slot. */
static uint64_t *new_table(uint64_t *slot, int level, unsigned long first_pfn,
			   unsigned long end_pfn)
{
	unsigned long pfn = next_free_pfn++;
	uint64_t *t = xen_pfn_to_virt(pfn);
	unsigned long mfn = xen_p2m[pfn];
	mmu_update_t u;
	unsigned int i;

	for (i = 0; i < 512; i++) {
		unsigned long p = first_pfn + i;

		t[i] = level == 1 && p < end_pfn ?
			       ((uint64_t)xen_p2m[p] << PAGE_SHIFT) | PTE_PV_RW :
			       0;
	}
	if (hypervisor_update_va_mapping((uintptr_t)t, ((uint64_t)mfn << PAGE_SHIFT) | PTE_PV_RO,
					 UVMF_INVLPG))
		mm_fail("cannot make a page table read-only");
	u.ptr = machine_addr_of(slot) | MMU_NORMAL_PT_UPDATE;
	u.val = ((uint64_t)mfn << PAGE_SHIFT) | PTE_PV_RW;
	if (hypervisor_mmu_update(&u, 1, NULL, DOMID_SELF))
		mm_fail("Xen refused a new page table");
	return t;
}

/* Map [0, end_pfn) at XEN_VIRT_BASE, 2 MiB (one L1 table) at a time. */
static void map_all(unsigned long end_pfn)
{
	uint64_t *l4 = (uint64_t *)xen_start_info->pt_base;
	unsigned long pfn;

	for (pfn = 0; pfn < end_pfn; pfn += 512) {
		uintptr_t va = (uintptr_t)xen_pfn_to_virt(pfn);
		uint64_t *l3, *l2;
		unsigned int i3 = (va >> 30) & 511, i2 = (va >> 21) & 511;

		if (!(l4[(va >> 39) & 511] & PTE_P))
			mm_fail("no L3 table for the image");
		l3 = table_of(l4[(va >> 39) & 511]);
		l2 = l3[i3] & PTE_P ? table_of(l3[i3]) : new_table(&l3[i3], 2, 0, 0);
		if (!(l2[i2] & PTE_P))
			new_table(&l2[i2], 1, pfn, end_pfn);
		else if (l2[i2] & PTE_PS)
			mm_fail("unexpected superpage in Xen's initial mapping");
	}
}

/* Free pages [pfn, end) less the initrd's [mod_pfn, mod_end); returns how many. */
static unsigned long add_free(struct plat_bootinfo *bi, unsigned long pfn, unsigned long end,
			      unsigned long mod_pfn, unsigned long mod_end)
{
	if (mod_pfn < end && mod_end > pfn)
		return (mod_pfn > pfn ? add_free(bi, pfn, mod_pfn, 0, 0) : 0) +
		       (mod_end < end ? add_free(bi, mod_end, end, 0, 0) : 0);
	if (pfn >= end)
		return 0;
	plat_bootinfo_add_region(bi, (uintptr_t)xen_pfn_to_virt(pfn), (end - pfn) << PAGE_SHIFT,
				 PLAT_MEM_FREE);
	return end - pfn;
}

unsigned long xen_mm_init(struct plat_bootinfo *bi)
{
	const start_info_t *si = xen_start_info;
	unsigned long end_pfn = MIN(si->nr_pages, MAX_PAGES);
	unsigned long mod_pfn = 0, mod_end = 0;

	/* Free after the bootstrap page tables and the bootstrap stack page behind them. */
	next_free_pfn = xen_virt_to_pfn((void *)si->pt_base) + si->nr_pt_frames + 1;
	map_all(end_pfn);
	xen_nr_mapped = end_pfn;
	if (si->nr_pages > MAX_PAGES)
		lith_pr_warn("%lu of %lu pages used: a PV guest maps at most 2 GiB\n", end_pfn,
			     si->nr_pages);
	/*
	 * The builder maps the module right after the image (mod_start virtual), below the
	 * free pages; a kernel announcing XEN_ELFNOTE_MOD_START_PFN may get it unmapped
	 * anywhere (mod_start a pfn). Either way its pages are the domain's, mapped by
	 * map_all() if below end_pfn: keep them out of the free memory.
	 */
	if (si->mod_start && si->mod_len) {
		uintptr_t mod_va = si->flags & SIF_MOD_START_PFN ?
					   (uintptr_t)xen_pfn_to_virt(si->mod_start) :
					   si->mod_start;
		mod_pfn = xen_virt_to_pfn((void *)mod_va);
		mod_end = xen_virt_to_pfn((void *)(ALIGN_UP(mod_va + si->mod_len, PAGE_SIZE)));
		if (mod_va < XEN_VIRT_BASE || mod_end > end_pfn || mod_end <= mod_pfn) {
			lith_pr_warn("initrd at %#lx (%lu bytes, flags %#x) left unused: not in "
				     "the mapped pages\n",
				     si->mod_start, si->mod_len, si->flags);
			mod_pfn = mod_end = 0;
		} else {
			plat_bootinfo_add_initrd(bi, mod_va, si->mod_len);
		}
	}
	return add_free(bi, next_free_pfn, end_pfn, mod_pfn, mod_end);
}

/*
 * Guard pages (the scheduler's, below thread stacks): the page's entry is cleared, or made
 * read-only, with update_va_mapping. Only pages of the linear map above the image.
 */
int plat_page_protect(void *va, size_t len, unsigned int prot)
{
	uintptr_t a = (uintptr_t)va, end = a + len;
	uint64_t pte;

	if (!plat_page_protect_valid(a, len, prot))
		return -EINVAL;
	if (a < (uintptr_t)xen_pfn_to_virt(next_free_pfn) ||
	    end > (uintptr_t)xen_pfn_to_virt(xen_nr_mapped))
		return -EINVAL;
	for (; a < end; a += PAGE_SIZE) {
		pte = prot == PLAT_PROT_NONE ?
			      0 :
			      ((uint64_t)xen_p2m[xen_virt_to_pfn((void *)a)] << PAGE_SHIFT) |
				      (prot & PLAT_PROT_WRITE ? PTE_PV_RW : PTE_PV_RO);
		if (hypervisor_update_va_mapping(a, pte, UVMF_INVLPG))
			return -EIO;
	}
	return 0;
}
