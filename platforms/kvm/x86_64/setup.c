/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm x86_64 start-up, in 64-bit mode on the boot stack: console, traps, interrupt
 * controllers quiet, boot information (PVH start_info or multiboot: memory map, command
 * line, the initrd as first module) into the boot info record, then the boot library.
 */
#include <plat/events.h>
#include <lith/boot.h>
#include <lith/print.h>
#include <plat/time.h>
#include <arch/traps.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define PVH_MAGIC	0x336ec578
#define MULTIBOOT_MAGIC 0x2badb002
#define MB_INFO_CMDLINE (1U << 2)
#define MB_INFO_MODS	(1U << 3)
#define MB_INFO_MMAP	(1U << 6)
#define E820_RAM	1
#define CMDLINE_MAX	2048
#define LOW_MEMORY	0x100000ULL /* firmware and boot data live below 1 MiB */

struct pvh_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr; /* version >= 1 */
	uint32_t memmap_entries, reserved;
};

struct pvh_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

/* hvm_start_info's module list (Xen public/arch-x86/hvm/start_info.h). */
struct pvh_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr, syms[4];
	uint32_t mmap_length, mmap_addr;
} __packed;

struct mb_mmap {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __packed;

struct mb_module {
	uint32_t mod_start, mod_end, cmdline, reserved;
};

extern char _kvm_image_start[], _end[], x86_boot_stack[], x86_boot_stack_top[];
extern uint64_t x86_pt0[512];

static struct plat_bootinfo bootinfo;
static char cmdline[CMDLINE_MAX];
static uint64_t mapped_top = KVM_BOOT_MAPPED;
/* The initrd: the boot loader's first module, [initrd_base, initrd_end) physical. */
static uint64_t initrd_base, initrd_end;

static void copy_cmdline(uint64_t paddr)
{
	const char *s = (const char *)(uintptr_t)paddr;
	size_t i;

	if (!paddr || paddr >= KVM_BOOT_MAPPED)
		return;
	for (i = 0; i < sizeof(cmdline) - 1 && s[i]; i++)
		cmdline[i] = s[i];
	cmdline[i] = '\0';
}

/*
 * Free RAM [addr, end) less the holes from number hole on: the image and the initrd.
 * plat_bootinfo_add_region() rounds the pieces inward, so a page that a hole shares with
 * free memory is never handed out.
 */
static void add_free(uint64_t addr, uint64_t end, unsigned int hole)
{
	const uint64_t lo[2] = { (uintptr_t)_kvm_image_start, initrd_base };
	const uint64_t hi[2] = { (uintptr_t)_end, initrd_end };

	for (; hole < ARRAY_SIZE(lo); hole++) {
		if (lo[hole] < end && hi[hole] > addr) {
			if (addr < lo[hole])
				add_free(addr, lo[hole], hole + 1);
			if (hi[hole] < end)
				add_free(hi[hole], end, hole + 1);
			return;
		}
	}
	plat_bootinfo_add_region(&bootinfo, addr, end - addr, PLAT_MEM_FREE);
}

/*
 * RAM [addr, addr + len) minus low memory, the image and the initrd becomes free memory.
 * Regions above the boot mapping are mapped first; what cannot be mapped is left out.
 */
static void add_ram(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (end < addr)
		end = UINT64_MAX;
	if (addr < LOW_MEMORY)
		addr = LOW_MEMORY;
	if (end > KVM_BOOT_MAPPED &&
	    kvm_map_range(MAX(addr, KVM_BOOT_MAPPED), end - MAX(addr, KVM_BOOT_MAPPED)) < 0) {
		lith_pr_warn("memory above 0x%llx left unused: cannot map it\n",
			     (unsigned long long)MAX(addr, KVM_BOOT_MAPPED));
		end = MAX(addr, KVM_BOOT_MAPPED);
	}
	if (end > mapped_top)
		mapped_top = end;
	if (end > addr)
		add_free(addr, end, 0);
}

/* Note the first module as the initrd, before the memory map is read: it is a hole in it. */
static void set_initrd(uint64_t base, uint64_t len)
{
	if (!len || base + len < base)
		return;
	initrd_base = base;
	initrd_end = base + len;
}

/* The initrd lies in RAM, mapped by add_ram(); map it anyway in case the loader put it
 * elsewhere. */
static void add_initrd_region(void)
{
	if (initrd_end <= initrd_base)
		return;
	if (initrd_end > KVM_BOOT_MAPPED &&
	    kvm_map_range(MAX(initrd_base, KVM_BOOT_MAPPED),
			  initrd_end - MAX(initrd_base, KVM_BOOT_MAPPED)) < 0) {
		lith_pr_warn("initrd at 0x%llx left unused: cannot map it\n",
			     (unsigned long long)initrd_base);
		return;
	}
	plat_bootinfo_add_initrd(&bootinfo, initrd_base, initrd_end - initrd_base);
}

static bool parse_pvh(const struct pvh_start_info *si)
{
	const struct pvh_memmap_entry *e;
	uint32_t i;

	bootinfo.bootloader = "PVH";
	copy_cmdline(si->cmdline_paddr);
	if (si->nr_modules && si->modlist_paddr &&
	    si->modlist_paddr + sizeof(struct pvh_modlist_entry) <= KVM_BOOT_MAPPED) {
		const struct pvh_modlist_entry *m =
			(const struct pvh_modlist_entry *)(uintptr_t)si->modlist_paddr;

		set_initrd(m->paddr, m->size);
	}
	if (si->version < 1 || !si->memmap_paddr)
		return false;
	e = (const struct pvh_memmap_entry *)(uintptr_t)si->memmap_paddr;
	for (i = 0; i < si->memmap_entries; i++) {
		lith_pr_info("memory map: 0x%llx-0x%llx type %u\n", (unsigned long long)e[i].addr,
			     (unsigned long long)(e[i].addr + e[i].size), e[i].type);
		if (e[i].type == E820_RAM)
			add_ram(e[i].addr, e[i].size);
	}
	return true;
}

static bool parse_multiboot(const struct mb_info *mb)
{
	uintptr_t p, end;

	bootinfo.bootloader = "multiboot";
	if (mb->flags & MB_INFO_CMDLINE) {
		size_t i = 0, j = 0;

		/* Multiboot loaders put the kernel's own name first: drop that word. */
		copy_cmdline(mb->cmdline);
		while (cmdline[i] && cmdline[i] != ' ')
			i++;
		while (cmdline[i] == ' ')
			i++;
		while ((cmdline[j++] = cmdline[i++]))
			;
	}
	if ((mb->flags & MB_INFO_MODS) && mb->mods_count && mb->mods_addr) {
		const struct mb_module *m = (const struct mb_module *)(uintptr_t)mb->mods_addr;

		/* mod_end: one past the module's last byte, as GRUB and QEMU set it. */
		if (m->mod_end > m->mod_start)
			set_initrd(m->mod_start, m->mod_end - m->mod_start);
	}
	if (!(mb->flags & MB_INFO_MMAP)) {
		/* Only the sizes of low and upper memory: upper starts at 1 MiB. */
		add_ram(LOW_MEMORY, (uint64_t)mb->mem_upper << 10);
		return true;
	}
	for (p = mb->mmap_addr, end = p + mb->mmap_length; p < end;) {
		const struct mb_mmap *m = (const struct mb_mmap *)p;

		lith_pr_info("memory map: 0x%llx-0x%llx type %u\n", (unsigned long long)m->addr,
			     (unsigned long long)(m->addr + m->len), m->type);
		if (m->type == E820_RAM)
			add_ram(m->addr, m->len);
		p += m->size + 4;
	}
	return true;
}

void x86_start64(uint32_t info, uint32_t eax) __noreturn;

void x86_start64(uint32_t info, uint32_t eax)
{
	bool ok = false;

	kvm_serial_init();
	arch_traps_init();
	kvm_pic_disable();
	if (info && *(const uint32_t *)(uintptr_t)info == PVH_MAGIC)
		ok = parse_pvh((const struct pvh_start_info *)(uintptr_t)info);
	else if (eax == MULTIBOOT_MAGIC && info)
		ok = parse_multiboot((const struct mb_info *)(uintptr_t)info);
	if (!ok || !bootinfo.nr_memregions)
		lith_abort("kvm: no memory map from the boot loader (PVH or multiboot needed)");
	add_initrd_region();
	/* The boot data may sit in page 0: unmap it only now, so that NULL faults. */
	x86_pt0[0] = 0;
	x86_invlpg(0);
#if CONFIG_KVM_VIRTIO_MMIO
	kvm_mmiodev_parse(cmdline);
#endif
	bootinfo.cmdline = cmdline;
	lith_pr_info("kvm: booted by %s, command line \"%s\"\n", bootinfo.bootloader, cmdline);
	lith_pr_info("serial: 16550 UART COM1 at port 0x3f8, 115200 8N1, polled output\n");
	lith_pr_info("stack: switched to the boot stack %p-%p (%d KiB)\n", x86_boot_stack,
		     x86_boot_stack_top, CONFIG_KVM_BOOT_STACK_KB);
	lith_pr_info("memory: image at %p-%p, RAM mapped 1:1 up to 0x%llx\n", _kvm_image_start,
		     _end, (unsigned long long)mapped_top);
#if CONFIG_LIBBOOT_TRACE
	{
		/* Read the TSC before asking its frequency: calibrating takes 2 ms. */
		uint64_t ticks = x86_rdtsc() - x86_entry_tsc;

		lith_printk_raw("boot-trace: entry->boot=%llu us\n",
				(unsigned long long)(ticks * 1000000 / kvm_tsc_hz()));
	}
#endif
	plat_events_enable(); /* the contract of plat/events.h */
	lith_boot(&bootinfo);
}
