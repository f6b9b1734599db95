/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PVH start-up: the shared PVH entry (x86_64/pvh_entry.S) calls x86_start64() in long
 * mode with the first GiB identity-mapped. We find Xen through CPUID, have it fill the
 * hypercall page, map shared_info, take the console and xenstore rings from HVM
 * parameters, route upcalls to an IDT vector, and hand the memory map to lith_boot().
 */
#include <plat/events.h>
#include <lith/boot.h>
#include <lith/print.h>
#include <arch/traps.h>
#include <arch/x86.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/arch-x86/hvm/start_info.h>
/* The entry and its page tables are KVM's (pvh_entry.S, platforms/kvm/x86_64/pagetable.c). */
#include <kvm/kvm.h>

shared_info_t *xen_shared_info;
unsigned long xen_nr_mapped;

extern uint64_t x86_pt0[512];
extern char _kvm_image_start[], _end[];

static char shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static struct plat_bootinfo bootinfo;
/* The initrd (xl's ramdisk =): the first module of the start info. */
static uint64_t initrd_base, initrd_len;

/* No console yet: the only way to say anything is console_io (debug builds of Xen). */
static void __noreturn early_fail(const char *why)
{
	size_t n = 0;

	while (why[n])
		n++;
	xen_console_emergency(why, n);
	plat_crash();
}

static void hypercall_page_init(void)
{
	uint32_t base;

	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		struct x86_cpuid id = x86_cpuid(base, 0);

		/* "XenVMMXenVMM" in ebx, ecx, edx. */
		if (id.b == 0x566e6558 && id.c == 0x65584d4d && id.d == 0x4d4d566e &&
		    id.a - base >= 2) {
			struct x86_cpuid hc = x86_cpuid(base + 2, 0);

			x86_wrmsr(hc.b, (uintptr_t)hypercall_page);
			return;
		}
	}
	/* Not under Xen: no hypercall works, not even to crash. */
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

static uint64_t hvm_param(unsigned int index)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };

	if (hypervisor_hvm_op(HVMOP_get_param, &p))
		early_fail("CRASH: HVMOP_get_param failed\n");
	return p.value;
}

static void *special_page(unsigned int index)
{
	uint64_t addr = hvm_param(index) << PAGE_SHIFT;

	if (kvm_map_range(addr, PAGE_SIZE))
		early_fail("CRASH: cannot map a special page\n");
	return (void *)(uintptr_t)addr;
}

static void map_shared_info(void)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = (uintptr_t)shared_info_page >> PAGE_SHIFT,
	};

	if (hypervisor_memory_op(XENMEM_add_to_physmap, &map))
		early_fail("CRASH: cannot map shared_info\n");
	xen_shared_info = (shared_info_t *)shared_info_page;
}

static uintptr_t end_of(uintptr_t a, size_t len, uintptr_t cur)
{
	return a + len > cur ? a + len : cur;
}

/*
 * Free memory [start, end), if not empty; returns about how many pages (for the log).
 * plat_bootinfo_add_region() rounds inward: a page shared with the initrd is never free.
 */
static unsigned long add_free(uint64_t start, uint64_t end)
{
	if (end <= start || plat_bootinfo_add_region(&bootinfo, start, end - start, PLAT_MEM_FREE))
		return 0;
	return (end - start) >> PAGE_SHIFT;
}

/* RAM from the memory map, less the image, the boot data Xen put after it and the initrd. */
static unsigned long add_memory(const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *e;
	uintptr_t image = (uintptr_t)_kvm_image_start, reserved_end = (uintptr_t)_end;
	unsigned long free_pages = 0;
	uint32_t i;

	if (si->version < 1 || !si->memmap_entries)
		early_fail("CRASH: PVH start info without a memory map\n");
	e = (const struct hvm_memmap_table_entry *)(uintptr_t)si->memmap_paddr;
	reserved_end = end_of((uintptr_t)si, sizeof(*si), reserved_end);
	reserved_end = end_of((uintptr_t)e, si->memmap_entries * sizeof(*e), reserved_end);
	if (si->cmdline_paddr) {
		const char *c = (const char *)(uintptr_t)si->cmdline_paddr;
		size_t n = 0;

		while (c[n])
			n++;
		reserved_end = end_of((uintptr_t)c, n + 1, reserved_end);
	}
	/* The first module is the initrd: a hole in free memory wherever the builder put it. */
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *m =
			(const struct hvm_modlist_entry *)(uintptr_t)si->modlist_paddr;

		reserved_end = end_of((uintptr_t)m, si->nr_modules * sizeof(*m), reserved_end);
		if (m->size && m->paddr + m->size > m->paddr && !kvm_map_range(m->paddr, m->size)) {
			initrd_base = m->paddr;
			initrd_len = m->size;
		}
	}
	for (i = 0; i < si->memmap_entries; i++) {
		uint64_t start = e[i].addr, end = e[i].addr + e[i].size;

		if (e[i].type != XEN_HVM_MEMMAP_TYPE_RAM)
			continue;
		/* Below 1 MiB: leave it (real-mode leftovers, page 0). */
		start = MAX(start, 0x100000ULL);
		if (start < reserved_end && end > image)
			start = MAX(start, (uint64_t)reserved_end);
		if (end <= start || kvm_map_range(start, end - start))
			continue;
		if (initrd_len && initrd_base < end && initrd_base + initrd_len > start) {
			free_pages += add_free(start, initrd_base);
			free_pages += add_free(initrd_base + initrd_len, end);
		} else {
			free_pages += add_free(start, end);
		}
		xen_nr_mapped = MAX(xen_nr_mapped, (unsigned long)(end >> PAGE_SHIFT));
	}
	return free_pages;
}

void x86_start64(uint32_t info, uint32_t eax) __noreturn;

void x86_start64(uint32_t info, uint32_t eax)
{
	const struct hvm_start_info *si = (const struct hvm_start_info *)(uintptr_t)info;
	unsigned long free_pages;

	hypercall_page_init();
	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		early_fail("CRASH: no PVH start info\n");
	/* entry.S maps page 0 too: unmap it so that a NULL access faults. */
	x86_pt0[0] = 0;
	x86_invlpg(0);
	xen_console_setup(special_page(HVM_PARAM_CONSOLE_PFN),
			  (evtchn_port_t)hvm_param(HVM_PARAM_CONSOLE_EVTCHN));
	arch_traps_init();
	map_shared_info();
	xen_events_init();
	xen_time_init();
	free_pages = add_memory(si);
	if (initrd_len)
		plat_bootinfo_add_initrd(&bootinfo, initrd_base, initrd_len);
	xen_xenstore_setup(special_page(HVM_PARAM_STORE_PFN),
			   (evtchn_port_t)hvm_param(HVM_PARAM_STORE_EVTCHN));

	bootinfo.cmdline = si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : "";
	bootinfo.bootloader = "xl (Xen PVH)";
	lith_pr_info("Xen PVH: start info %p version %u, %u memory map entries, %lu pages free\n",
		     (void *)si, si->version, si->memmap_entries, free_pages);
	lith_pr_info("command line: \"%s\"\n", bootinfo.cmdline);
#if CONFIG_LIBBOOT_TRACE
	/* libboot's trace starts at lith_boot(): this is the platform's part before it. */
	lith_printk_raw("boot-trace: entry->lith_boot=%llu us\n",
			(unsigned long long)xen_ns_since_entry() / 1000);
#endif
	plat_events_enable(); /* the contract of plat/events.h */
	lith_boot(&bootinfo);
}
