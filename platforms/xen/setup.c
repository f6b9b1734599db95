/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PV start-up: from start_info to lith_boot(). Order matters: the console first (so
 * that anything after it can report), then the trap table (faults are reported, not a
 * silent domain crash), shared_info (events and time need it), memory and xenstore.
 * Grant tables are set up by the first grant (gnttab.c).
 */
#include <plat/events.h>
#include <lith/boot.h>
#include <lith/print.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

start_info_t *xen_start_info;
shared_info_t *xen_shared_info;
unsigned long *xen_p2m;

/* shared_info is a machine page of Xen's: it replaces this page of ours in the mapping. */
static char shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static struct plat_bootinfo bootinfo;

static void map_shared_info(void)
{
	if (hypervisor_update_va_mapping((uintptr_t)shared_info_page,
					 xen_start_info->shared_info | PTE_PV_RW, UVMF_INVLPG)) {
		static const char msg[] = "CRASH: cannot map shared_info\n";

		xen_console_emergency(msg, sizeof(msg) - 1);
		plat_crash();
	}
	xen_shared_info = (shared_info_t *)shared_info_page;
	/* Events stay masked during the platform's setup; enabled just before lith_boot(). */
	xen_shared_info->vcpu_info[0].evtchn_upcall_mask = 1;
}

void xen_pv_start(start_info_t *si) __noreturn;

void xen_pv_start(start_info_t *si)
{
	unsigned long free_pages;

	xen_start_info = si;
	xen_p2m = (unsigned long *)si->mfn_list;
	xen_console_setup(xen_mfn_to_virt(si->console.domU.mfn), si->console.domU.evtchn);
	xen_traps_init();
	map_shared_info();
	xen_events_init();
	xen_time_init();
	free_pages = xen_mm_init(&bootinfo);
	xen_xenstore_setup(xen_mfn_to_virt(si->store_mfn), si->store_evtchn);

	bootinfo.cmdline = (const char *)si->cmd_line;
	bootinfo.bootloader = "xl (Xen PV)";
	lith_pr_info("Xen PV: magic %s, %lu pages, %lu free from pfn %lu\n", si->magic,
		     si->nr_pages, free_pages, si->nr_pages - free_pages);
	lith_pr_info("start_info %p: shared_info mfn %#lx, page tables %#lx (%lu frames), "
		     "p2m %p, flags %#x\n",
		     (void *)si, si->shared_info >> PAGE_SHIFT, si->pt_base, si->nr_pt_frames,
		     (void *)si->mfn_list, si->flags);
	lith_pr_info("console: mfn %#lx, event channel %u; xenstore: mfn %#lx, event channel %u\n",
		     (unsigned long)si->console.domU.mfn, si->console.domU.evtchn,
		     (unsigned long)si->store_mfn, si->store_evtchn);
	lith_pr_info("command line: \"%s\"\n", (const char *)si->cmd_line);
#if CONFIG_LIBBOOT_TRACE
	/* libboot's trace starts at lith_boot(): this is the platform's part before it. */
	lith_printk_raw("boot-trace: entry->lith_boot=%llu us\n",
			(unsigned long long)xen_ns_since_entry() / 1000);
#endif
	plat_events_enable(); /* the contract of plat/events.h */
	lith_boot(&bootinfo);
}
