/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm arm64 start-up, at EL1 on the boot stack: exception vectors, the MMU, the PL011, then
 * the device tree (memory, command line, initrd, PSCI, GIC, timer, RTC, virtio-mmio, PCIe)
 * into the boot info record and the devices, then the boot library.
 */
#include <lith/boot.h>
#include <lith/print.h>
#include <plat/bootinfo.h>
#include <plat/io.h>
#include <plat/time.h>
#include <arch/arm64.h>
#include <arch/traps.h>
#include "fdt.h"
#include "kvm_arm64.h"

#define CMDLINE_MAX 2048
#define MAX_RAM	    8

struct range {
	uint64_t base, end;
};

static struct plat_bootinfo bootinfo;
static char cmdline[CMDLINE_MAX];
static struct range ram[MAX_RAM], initrd;
static unsigned int nr_ram;
static uint64_t pl011 = VIRT_PL011;
static int pl011_event = -1;

void arm64_start(uintptr_t x0, unsigned long el) __noreturn;

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * Entry i of a reg property value (len bytes) of node n as (base, size). Inline: scan() runs
 * it for each of the 32 virtio-mmio nodes, and a call costs as much as the work.
 */
static inline __attribute__((always_inline)) bool
reg(const void *v, int len, const struct fdt_node *n, int i, uint64_t *base, uint64_t *size)
{
	unsigned int cells = n->addr_cells + n->size_cells;

	if (!v || !cells || (i + 1) * cells * 4 > (unsigned int)len || n->addr_cells > 2 ||
	    n->size_cells > 2)
		return false;
	*base = fdt_cells(v, i * cells, n->addr_cells);
	*size = n->size_cells ? fdt_cells(v, i * cells + n->addr_cells, n->size_cells) : 0;
	return true;
}

static void parse_chosen(const void *fdt, int node)
{
	int len;
	const char *args = fdt_prop(fdt, node, "bootargs", &len);
	const void *lo = fdt_prop(fdt, node, "linux,initrd-start", &len);
	size_t i;

	for (i = 0; args && i < sizeof(cmdline) - 1 && args[i]; i++)
		cmdline[i] = args[i];
	cmdline[i] = '\0';
	if (lo) {
		const void *hi = fdt_prop(fdt, node, "linux,initrd-end", NULL);

		initrd.base = fdt_cells(lo, 0, len == 8 ? 2 : 1);
		initrd.end = hi ? fdt_cells(hi, 0, len == 8 ? 2 : 1) : initrd.base;
	}
}

/* One event for a device's first interrupt, configured edge or level as the tree says. */
static int first_irq(const void *fdt, int node)
{
	int len, intid;
	const void *v = fdt_prop(fdt, node, "interrupts", &len);
	bool edge;

	if (!v || len < 12)
		return -1;
	intid = kvm_gic_intid(v, &edge);
	if (intid >= 0)
		kvm_gic_configure(intid, edge);
	return intid;
}

/* What the device tree holds, found in one walk and acted on once the GIC is up. */
struct found {
	int gic, psci, timer, pcie, pl011;
	unsigned int pcie_acells;
	uint64_t rtc;
	unsigned int nr_mmio;
	/* The last compatible value matched: the virt board has 32 virtio-mmio nodes alike. */
	const void *prev_compat;
	int prev_len, prev_kind;
	struct {
		int node;
		uint64_t base, size;
	} mmio[32];
};

enum dev_kind {
	DEV_NONE,
	DEV_VIRTIO_MMIO,
	DEV_PL011,
	DEV_GIC,
	DEV_PSCI,
	DEV_TIMER,
	DEV_PL031,
	DEV_PCIE,
};

#define KNOWN(s, k)                 \
	{                           \
		s, sizeof(s) - 1, k \
	}

/* The first string of a compatible list that Lith knows: one pass over the list. */
static enum dev_kind match_compat(const char *c, int len)
{
	static const struct {
		const char *compat;
		int len;
		enum dev_kind kind;
	} known[] = {
		KNOWN("virtio,mmio", DEV_VIRTIO_MMIO),
		KNOWN("arm,pl011", DEV_PL011),
		KNOWN("arm,gic-v3", DEV_GIC),
		KNOWN("arm,cortex-a15-gic", DEV_GIC),
		KNOWN("arm,gic-400", DEV_GIC),
		KNOWN("arm,psci", DEV_PSCI),
		KNOWN("arm,psci-0.2", DEV_PSCI),
		KNOWN("arm,psci-1.0", DEV_PSCI),
		KNOWN("arm,armv8-timer", DEV_TIMER),
		KNOWN("arm,pl031", DEV_PL031),
		KNOWN("pci-host-ecam-generic", DEV_PCIE),
	};
	int i = 0, j, n;
	unsigned int k;

	while (i < len) {
		const char *s = c + i;

		/* Most names are "arm,...": the length and last character tell them apart. */
		for (k = 0; k < ARRAY_SIZE(known); k++) {
			n = known[k].len;
			if (n >= len - i || s[n] || s[n - 1] != known[k].compat[n - 1])
				continue;
			for (j = 0; j < n - 1 && s[j] == known[k].compat[j]; j++)
				;
			if (j == n - 1)
				return known[k].kind;
		}
		while (i < len && c[i])
			i++;
		i++;
	}
	return DEV_NONE;
}

/* The properties scan() reads, in fdt_walk()'s struct fdt_node. */
static const char *const scan_props[FDT_WALK_NAMES] = { "compatible", "status", "device_type",
							"reg" };

/* Whether two property values (4-byte aligned, len bytes each) are equal. */
static bool same_value(const void *a, const void *b, int len)
{
	const uint32_t *x = a, *y = b;
	int i;

	for (i = 0; i + 4 <= len; i += 4)
		if (*x++ != *y++)
			return false;
	for (; i < len; i++)
		if (((const char *)a)[i] != ((const char *)b)[i])
			return false;
	return true;
}

/* The compatible value of every virtio-mmio node QEMU makes, as 32-bit words. */
static const union {
	char s[12];
	uint32_t w[3];
} virtio_mmio = { .s = "virtio,mmio" };

static int scan(const void *fdt, const struct fdt_node *n, void *arg)
{
	struct found *f = arg;
	const void *const *v = n->val;
	const int *len = n->len;
	const char *c;
	uint64_t base, size;
	int i;

	/* The virt board's devices are all children of the root. */
	if (n->depth != 1)
		return 0;
	c = v[0];
	if (v[1] && !streq(v[1], "okay") && !streq(v[1], "ok"))
		return 0;
	if (!c) {
		if (streq(n->name, "chosen"))
			parse_chosen(fdt, n->off);
		for (i = 0; v[2] && streq(v[2], "memory") && nr_ram < MAX_RAM &&
			    reg(v[3], len[3], n, i, &base, &size);
		     i++) {
			if (size) {
				ram[nr_ram].base = base;
				ram[nr_ram++].end = base + size;
			}
		}
		return 0;
	}
	if (len[0] == sizeof(virtio_mmio) && ((const uint32_t *)c)[0] == virtio_mmio.w[0] &&
	    ((const uint32_t *)c)[1] == virtio_mmio.w[1] &&
	    ((const uint32_t *)c)[2] == virtio_mmio.w[2]) {
		/* The virt board's 32 transports: three compares, not a string walk. */
		if (f->nr_mmio < ARRAY_SIZE(f->mmio) && reg(v[3], len[3], n, 0, &base, &size) &&
		    size) {
			f->mmio[f->nr_mmio].node = n->off;
			f->mmio[f->nr_mmio].base = base;
			f->mmio[f->nr_mmio++].size = size;
		}
		return 0;
	}
	if (!f->prev_compat || len[0] != f->prev_len || !same_value(c, f->prev_compat, len[0])) {
		f->prev_kind = match_compat(c, len[0]);
		f->prev_compat = c;
		f->prev_len = len[0];
	}
	if (f->prev_kind == DEV_NONE)
		return 0;
	if (!reg(v[3], len[3], n, 0, &base, &size))
		base = size = 0;
	switch (f->prev_kind) {
	case DEV_VIRTIO_MMIO:
		if (f->nr_mmio < ARRAY_SIZE(f->mmio) && size) {
			f->mmio[f->nr_mmio].node = n->off;
			f->mmio[f->nr_mmio].base = base;
			f->mmio[f->nr_mmio++].size = size;
		}
		break;
	case DEV_PL011:
		if (size && (f->pl011 < 0 || base == VIRT_PL011)) {
			pl011 = base;
			f->pl011 = n->off;
		}
		break;
	case DEV_GIC:
		f->gic = n->off;
		break;
	case DEV_PSCI:
		f->psci = n->off;
		break;
	case DEV_TIMER:
		f->timer = n->off;
		break;
	case DEV_PL031:
		f->rtc = base;
		break;
	case DEV_PCIE:
		f->pcie = n->off;
		f->pcie_acells = n->addr_cells;
		break;
	default:
		break;
	}
	return 0;
}

/* With the GIC up: the devices and their interrupts. */
static void setup_devices(const void *fdt, const struct found *f)
{
	uint64_t lo = 1, hi = 0; /* the block mapped for the virtio-mmio transports */
	unsigned int i;

	if (f->pl011 >= 0)
		pl011_event = first_irq(fdt, f->pl011);
	if (f->psci >= 0)
		kvm_psci_init(fdt, f->psci);
	else
		lith_pr_warn("power: no PSCI node: power-off will only stop the CPU\n");
	if (f->timer >= 0)
		kvm_timer_init(fdt, f->timer);
	if (f->rtc)
		kvm_rtc_init(f->rtc);
	for (i = 0; i < f->nr_mmio; i++) {
		uint64_t base = f->mmio[i].base, end = base + f->mmio[i].size;
		uint32_t id;
		int event;

		/*
		 * The virt board has 32 transports: offer only those with a device behind (a
		 * device ID at offset 8). They share one 2 MiB block, mapped 1:1 once.
		 */
		if (base < lo || end > hi || end < base) {
			if (kvm_map_range(base, end - base) < 0)
				continue;
			lo = ALIGN_DOWN(base, 1ULL << 21);
			hi = ALIGN_UP(end, 1ULL << 21);
		}
		__asm__ __volatile__("ldr %w0, [%1]"
				     : "=r"(id)
				     : "r"((uintptr_t)base + 8)
				     : "memory");
		if (!id)
			continue;
		event = first_irq(fdt, f->mmio[i].node);
		kvm_mmiodev_add(f->mmio[i].base, f->mmio[i].size, event < 0 ? 0 : event);
	}
#if CONFIG_KVM_PCI
	if (f->pcie >= 0)
		kvm_pcie_init(fdt, f->pcie, f->pcie_acells);
#endif
}

/* RAM minus the image, the device tree and the initrd becomes free memory. */
static void add_free(uint64_t base, uint64_t end, const struct range *holes, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (holes[i].base < end && holes[i].end > base) {
			if (holes[i].base > base)
				add_free(base, holes[i].base, holes + i + 1, n - i - 1);
			if (holes[i].end < end)
				add_free(holes[i].end, end, holes + i + 1, n - i - 1);
			return;
		}
	}
	plat_bootinfo_add_region(&bootinfo, base, end - base, PLAT_MEM_FREE);
}

static void setup_memory(const void *fdt)
{
	const struct range holes[3] = {
		{ (uintptr_t)_kvm_image_start, (uintptr_t)_end },
		{ (uintptr_t)fdt, (uintptr_t)fdt + fdt_totalsize(fdt) },
		initrd,
	};
	uint64_t total = 0;
	unsigned int i;
	bool initrd_mapped = false;

	if (!nr_ram)
		lith_abort("kvm: the device tree describes no memory");
	for (i = 0; i < nr_ram; i++) {
		lith_pr_info("memory: RAM 0x%llx-0x%llx (%llu MiB)\n",
			     (unsigned long long)ram[i].base, (unsigned long long)ram[i].end,
			     (unsigned long long)(ram[i].end - ram[i].base) >> 20);
		if (kvm_map_ram(ram[i].base, ram[i].end - ram[i].base) < 0) {
			lith_pr_warn("memory 0x%llx-0x%llx left unused: cannot map it\n",
				     (unsigned long long)ram[i].base,
				     (unsigned long long)ram[i].end);
			continue;
		}
		total += ram[i].end - ram[i].base;
		add_free(ram[i].base, ram[i].end, holes, initrd.end > initrd.base ? 3 : 2);
		if (initrd.base >= ram[i].base && initrd.end <= ram[i].end)
			initrd_mapped = true;
	}
	if (initrd.end > initrd.base && initrd_mapped)
		plat_bootinfo_add_initrd(&bootinfo, initrd.base, initrd.end - initrd.base);
	else if (initrd.end > initrd.base)
		lith_pr_warn("initrd at 0x%llx left unused: not in mapped RAM\n",
			     (unsigned long long)initrd.base);
	lith_pr_info("memory: image at %p-%p (text %p-%p RX, rodata R, data RW), device tree "
		     "at %p (%u bytes)\n",
		     _kvm_image_start, _end, _text, _etext, fdt, fdt_totalsize(fdt));
	lith_pr_info("memory: MMU on, 4 KiB granule, 48-bit identity map, %zu KiB of tables; "
		     "RAM normal write-back, devices nGnRE, %llu MiB mapped\n",
		     arm64_mmu_table_bytes() >> 10, (unsigned long long)total >> 20);
}

void arm64_start(uintptr_t x0, unsigned long el)
{
	const void *fdt = (const void *)x0;
	static struct found f = { .gic = -1, .psci = -1, .timer = -1, .pcie = -1, .pl011 = -1 };

	arch_traps_init();
	arm64_mmu_init();
	kvm_pl011_init(VIRT_PL011, -1);
	/* The boot protocol allows a tree of up to 2 MiB anywhere in RAM: map it first. */
	if (x0 && IS_ALIGNED(x0, 8))
		kvm_map_ram(x0, 2ULL << 20);
	if (!fdt_valid(fdt)) {
		/* An ELF image: QEMU put the tree at the start of RAM. */
		fdt = (const void *)(uintptr_t)VIRT_RAM_BASE;
		kvm_map_ram(VIRT_RAM_BASE, 2ULL << 20);
		bootinfo.bootloader = "ELF";
	} else {
		bootinfo.bootloader = "Linux boot protocol";
	}
	if (!fdt_valid(fdt)) {
		lith_pr_crit("kvm: x0 = 0x%lx, nothing at 0x%llx\n", (unsigned long)x0,
			     VIRT_RAM_BASE);
		lith_abort("kvm: no device tree");
	}
	kvm_map_ram((uintptr_t)fdt, fdt_totalsize(fdt));
	fdt_walk(fdt, scan_props, ARRAY_SIZE(scan_props), scan, &f);
	if (pl011 != VIRT_PL011)
		kvm_pl011_init(pl011, -1);
	bootinfo.dtb = fdt;
	lith_pr_info("kvm: booted by %s at EL%lu, device tree at %p, command line \"%s\"\n",
		     bootinfo.bootloader, el, fdt, cmdline);
	lith_pr_info("serial: PL011 UART at 0x%llx, 115200 8N1, polled output\n",
		     (unsigned long long)pl011);
	lith_pr_info("stack: switched to the boot stack %p-%p (%d KiB)\n", arm64_boot_stack,
		     arm64_boot_stack_top, CONFIG_KVM_BOOT_STACK_KB);
	setup_memory(fdt);
	if (f.gic < 0 || kvm_gic_init(fdt, f.gic) < 0)
		lith_abort("kvm: no usable GICv2 or GICv3 in the device tree");
	setup_devices(fdt, &f);
	if (pl011_event >= 0)
		kvm_pl011_init(pl011, pl011_event);
#if CONFIG_KVM_VIRTIO_MMIO
	kvm_mmiodev_parse(cmdline);
#endif
	bootinfo.cmdline = cmdline;
#if CONFIG_LIBBOOT_TRACE
	lith_printk_raw("boot-trace: entry->boot=%llu us\n",
			(unsigned long long)plat_time_monotonic_ns() / 1000);
#endif
	/*
	 * Events on, as on every platform when main runs (linuxu: signals): nothing is bound
	 * yet, and threads inherit the state. SErrors unmasked too: they are reported.
	 */
	__asm__ __volatile__("msr daifclr, #6" ::: "memory");
	lith_boot(&bootinfo);
}
