/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Grant tables (v1) behind plat/shmem.h: sharing a page gives another domain a grant
 * reference to map it. Xen gives us the table's machine frames (GNTTABOP_setup_table);
 * they are mapped over pages reserved here. Free references are a linked list.
 * Set up on the first grant: an image without front-end drivers never pays for it.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <arch/atomic.h>
#include <plat/events.h>
#include <plat/shmem.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

#define NR_FRAMES CONFIG_XEN_GNTTAB_FRAMES
#define NR_REFS	  (NR_FRAMES * PAGE_SIZE / sizeof(grant_entry_v1_t))
/* References 0-7 are the toolstack's (console, xenstore). */
#define FIRST_REF 8
#define REF_END	  ((grant_ref_t)-1)

static char table_pages[NR_FRAMES][PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static grant_entry_v1_t *table;
static grant_ref_t next_free[NR_REFS];
static grant_ref_t free_head = REF_END;

int xen_gnttab_init(void)
{
	xen_pfn_t frames[NR_FRAMES];
	struct gnttab_setup_table setup = {
		.dom = DOMID_SELF,
		.nr_frames = NR_FRAMES,
	};
	unsigned int i;
	long rc;

	if (table)
		return 0;
#if CONFIG_XEN_PVH
	/* PVH: Xen puts the table's frames in our physical address space, over these pages. */
	(void)setup;
	(void)rc;
	for (i = 0; i < NR_FRAMES; i++) {
		struct xen_add_to_physmap map = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = xen_virt_to_pfn(table_pages[i]),
		};

		frames[i] = map.gpfn;
		if (hypervisor_memory_op(XENMEM_add_to_physmap, &map)) {
			lith_pr_err("grant table: cannot map frame %u\n", i);
			return -EIO;
		}
	}
#else
	set_xen_guest_handle(setup.frame_list, frames);
	rc = hypervisor_grant_table_op(GNTTABOP_setup_table, &setup, 1);
	if (rc || setup.status != GNTST_okay) {
		lith_pr_err("grant table: setup_table failed: %ld/%d\n", rc, setup.status);
		return -EIO;
	}
	/* PV: Xen gives the table's machine frames; they replace these pages in our mapping. */
	for (i = 0; i < NR_FRAMES; i++) {
		if (hypervisor_update_va_mapping((uintptr_t)table_pages[i],
						 ((uint64_t)frames[i] << PAGE_SHIFT) | PTE_PV_RW,
						 UVMF_INVLPG)) {
			lith_pr_err("grant table: cannot map frame %u\n", i);
			return -EIO;
		}
	}
#endif
	table = (grant_entry_v1_t *)table_pages;
	for (i = NR_REFS - 1; i >= FIRST_REF; i--) {
		next_free[i] = free_head;
		free_head = i;
	}
	lith_pr_info("grant table: %u frames (first frame %#lx) at %p, %u references\n", NR_FRAMES,
		     (unsigned long)frames[0], (void *)table, (unsigned int)(NR_REFS - FIRST_REF));
	return 0;
}

unsigned int xen_gnttab_nr_frames(void)
{
	return table ? NR_FRAMES : 0;
}

const grant_entry_v1_t *xen_gnttab_entry(grant_ref_t ref)
{
	return table && ref < NR_REFS ? &table[ref] : NULL;
}

int xen_gnttab_grant(domid_t peer, unsigned long mfn, bool readonly, grant_ref_t *ref)
{
	bool was;
	grant_ref_t r;

	if (!table && xen_gnttab_init())
		return -ENODEV;
	was = plat_events_save();
	r = free_head;
	if (r != REF_END)
		free_head = next_free[r];
	plat_events_restore(was);
	if (r == REF_END)
		return -ENOSPC;
	table[r].domid = peer;
	table[r].frame = (uint32_t)mfn;
	/* The peer may use the entry as soon as flags say so: fill it in first. */
	smp_wmb();
	table[r].flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
	*ref = r;
	return 0;
}

int xen_gnttab_revoke(grant_ref_t ref)
{
	uint16_t flags;
	bool was;

	if (!table || ref < FIRST_REF || ref >= NR_REFS)
		return -EINVAL;
	/* Only while the peer does not have it mapped: it sets reading/writing when it does. */
	flags = atomic_load(&table[ref].flags);
	do {
		if (flags & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!atomic_cmpxchg(&table[ref].flags, &flags, 0));
	was = plat_events_save();
	next_free[ref] = free_head;
	free_head = ref;
	plat_events_restore(was);
	return 0;
}

int plat_shmem_share(unsigned int peer, void *va, bool readonly, plat_shmem_ref_t *ref)
{
	unsigned long mfn = xen_virt_to_mfn(va);
	grant_ref_t r;
	int rc;

	if (mfn == ~0UL || !ref || !IS_ALIGNED((uintptr_t)va, PAGE_SIZE))
		return -EINVAL;
	rc = xen_gnttab_grant((domid_t)peer, mfn, readonly, &r);
	if (!rc)
		*ref = r;
	return rc;
}

int plat_shmem_revoke(plat_shmem_ref_t ref)
{
	return xen_gnttab_revoke((grant_ref_t)ref);
}
