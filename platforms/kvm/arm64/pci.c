/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI through a generic ECAM host bridge ("pci-host-ecam-generic", the virt board's PCIe):
 * configuration space is memory, one 4 KiB page per function. No firmware runs before
 * Lith on the virt board, so the BARs are unassigned: every memory BAR gets an address in
 * the bridge's 32-bit memory window and every I/O BAR one in its I/O window (the ranges
 * property), in the order found. INTx interrupts come from the interrupt-map property.
 * Bus 0 only: bridges would need bus numbers assigned, which the virt board's devices
 * (all on the root bus) do not.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/pci.h>
#include "fdt.h"
#include "kvm_arm64.h"

#define PCI_MAX_DEVS 64
#define RANGE_IO     1
#define RANGE_MEM32  2
#define IO_FIRST     0x1000 /* keep low ports (and port 0, "no BAR") unused */

struct window {
	uint64_t cpu, pci, size, next; /* next: the first free PCI address */
};

struct pdev {
	struct plat_pci_dev pub;
	uint64_t bar[6], len[6]; /* PCI bus address and length; len 0: unused */
	bool io[6];
};

extern uintptr_t kvm_pci_io_base;
static struct pdev devs[PCI_MAX_DEVS];
static unsigned int nr_devs, bus_lo, bus_hi;
static uintptr_t ecam;
static struct window mem, io;
static const void *dt;
static int host;

static volatile void *cfg(uint8_t bus, uint8_t dev, uint8_t fn, unsigned int off)
{
	return (volatile void *)(ecam + ((uintptr_t)(bus - bus_lo) << 20 | (uintptr_t)dev << 15 |
					 (uintptr_t)fn << 12 | off));
}

uint32_t kvm_pci_conf_read32(uint8_t bus, uint8_t dev, uint8_t fn, unsigned int off)
{
	return *(volatile uint32_t *)cfg(bus, dev, fn, off);
}

uint32_t plat_pci_read(const struct plat_pci_dev *d, unsigned int off, unsigned int size)
{
	volatile void *p = cfg(d->bus, d->dev, d->fn, off);

	return size == 4 ? *(volatile uint32_t *)p :
	       size == 2 ? *(volatile uint16_t *)p :
			   *(volatile uint8_t *)p;
}

void plat_pci_write(const struct plat_pci_dev *d, unsigned int off, unsigned int size, uint32_t v)
{
	volatile void *p = cfg(d->bus, d->dev, d->fn, off);

	if (size == 4)
		*(volatile uint32_t *)p = v;
	else if (size == 2)
		*(volatile uint16_t *)p = (uint16_t)v;
	else
		*(volatile uint8_t *)p = (uint8_t)v;
}

int plat_pci_bar(const struct plat_pci_dev *d, unsigned int n, struct plat_io *win, uint64_t *len)
{
	const struct pdev *p = container_of(d, const struct pdev, pub);

	if (n > 5)
		return -EINVAL;
	if (!p->len[n])
		return -ENOENT;
	*len = p->len[n];
	if (p->io[n]) {
		win->base = (uintptr_t)p->bar[n];
		win->port = true;
		return 0;
	}
	return plat_io_map(p->bar[n] - mem.pci + mem.cpu, p->len[n], win);
}

/* Size BAR n and give it an address; returns how many BAR slots it used (1 or 2). */
static unsigned int assign_bar(struct pdev *p, unsigned int n)
{
	struct plat_pci_dev *d = &p->pub;
	unsigned int off = 0x10 + 4 * n;
	uint32_t bar = plat_pci_read(d, off, 4);
	bool is_io = bar & 1, is64 = !is_io && (bar & 6) == 4 && n < 5;
	uint64_t size = kvm_pci_bar_size(d, off, bar, is64), addr;
	struct window *w = is_io ? &io : &mem;

	if (!size) {
		plat_pci_write(d, off, 4, bar);
		return 1; /* not implemented */
	}
	addr = ALIGN_UP(w->next, MAX(size, (uint64_t)(is_io ? 4 : PAGE_SIZE)));
	if (!w->size || addr + size > w->pci + w->size) {
		lith_pr_warn("pci %s: no room for BAR %u (%llu bytes)\n", d->name, n,
			     (unsigned long long)size);
		plat_pci_write(d, off, 4, 0);
		if (is64)
			plat_pci_write(d, off + 4, 4, 0);
		return is64 ? 2 : 1;
	}
	w->next = addr + size;
	plat_pci_write(d, off, 4, (uint32_t)addr);
	if (is64)
		plat_pci_write(d, off + 4, 4, (uint32_t)(addr >> 32));
	p->bar[n] = addr;
	p->len[n] = size;
	p->io[n] = is_io;
	return is64 ? 2 : 1;
}

/* The INTx of a function through the host bridge's interrupt-map, or -1. */
static int intx(const struct plat_pci_dev *d)
{
	unsigned int pin = plat_pci_read(d, 0x3d, 1), i, parent_cells;
	int len, mlen, parent;
	const void *map, *mask;
	uint32_t hi = (uint32_t)d->bus << 16 | (uint32_t)d->dev << 11 | (uint32_t)d->fn << 8;
	bool edge;

	/* No pin (the host bridge itself): no look at the tree. */
	if (!pin || pin > 4)
		return -1;
	map = fdt_prop(dt, host, "interrupt-map", &len);
	mask = fdt_prop(dt, host, "interrupt-map-mask", &mlen);
	if (!map || !mask || mlen < 16 || len < 24)
		return -1;
	parent = fdt_by_phandle(dt, fdt_cell(map, 4));
	if (parent < 0)
		return -1;
	/* Child: 3 address cells and 1 interrupt cell; then the parent's phandle, unit address
	 * and interrupt specifier (3 cells for a GIC). */
	parent_cells = fdt_prop_u32(dt, parent, "#address-cells", 0);
	if (fdt_prop_u32(dt, parent, "#interrupt-cells", 3) != 3)
		return -1;
	for (i = 0; (i + 5 + parent_cells + 3) * 4 <= (unsigned int)len;
	     i += 5 + parent_cells + 3) {
		if (fdt_cell(map, i) == (hi & fdt_cell(mask, 0)) &&
		    fdt_cell(map, i + 3) == (pin & fdt_cell(mask, 3))) {
			int intid =
				kvm_gic_intid((const uint32_t *)map + i + 5 + parent_cells, &edge);

			if (intid >= 0)
				kvm_gic_configure(intid, edge);
			return intid;
		}
	}
	return -1;
}

struct plat_pci_dev *kvm_pci_add_fn(const struct plat_pci_dev *f, int depth)
{
	struct pdev *p;
	struct plat_pci_dev *d;
	unsigned int n;

	if (nr_devs == PCI_MAX_DEVS)
		return NULL;
	if (f->class >> 8 == 0x0604) {
		lith_pr_warn("pci %s: bridge not configured: devices behind it are ignored\n",
			     f->name);
		return NULL;
	}
	p = &devs[nr_devs++];
	d = &p->pub;
	*d = *f;
	/* Header type 0 only has six BARs; the host bridge itself has none in use. */
	plat_pci_write(d, PCI_COMMAND, 2,
		       plat_pci_read(d, PCI_COMMAND, 2) & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (n = 0; n < 6 && !((plat_pci_read(d, 0x0c, 4) >> 16) & 0x7f);)
		n += assign_bar(p, n);
	d->event = intx(d);
	if (d->event >= 0)
		plat_pci_write(d, 0x3c, 1, (uint8_t)d->event);
	return d;
}

void kvm_pcie_init(const void *fdt, int node, unsigned int addr_cells)
{
	int len, rlen, i;
	const void *reg = fdt_prop(fdt, node, "reg", &len);
	const void *busr = fdt_prop(fdt, node, "bus-range", NULL);
	const void *ranges = fdt_prop(fdt, node, "ranges", &rlen);
	unsigned int size_cells = fdt_prop_u32(fdt, node, "#size-cells", 2), entry;
	uint64_t base, size;

	if (!reg || addr_cells != 2 || len < 16 || size_cells != 2)
		return;
	base = fdt_cells(reg, 0, 2);
	size = fdt_cells(reg, 2, 2);
	bus_lo = busr ? fdt_cell(busr, 0) : 0;
	bus_hi = busr ? fdt_cell(busr, 1) : (unsigned int)(size >> 20) - 1;
	bus_hi = MIN(bus_hi, bus_lo + (unsigned int)(size >> 20) - 1);
	entry = 3 + addr_cells + size_cells;
	for (i = 0; ranges && (i + 1) * (int)entry * 4 <= rlen; i++) {
		unsigned int type = (fdt_cell(ranges, i * entry) >> 24) & 3;
		struct window *w = type == RANGE_IO ? &io : type == RANGE_MEM32 ? &mem : NULL;

		if (!w || w->size)
			continue;
		w->pci = fdt_cells(ranges, i * entry + 1, 2);
		w->cpu = fdt_cells(ranges, i * entry + 3, addr_cells);
		w->size = fdt_cells(ranges, i * entry + 3 + addr_cells, 2);
		w->next = w->pci + (type == RANGE_IO ? IO_FIRST : 0);
	}
	/* Only the root bus is scanned: map its 1 MiB of configuration space. */
	if (kvm_map_range(base, 1ULL << 20) < 0) {
		lith_pr_warn("pci: cannot map the ECAM window at 0x%llx\n",
			     (unsigned long long)base);
		return;
	}
	if (io.size && kvm_map_range(io.cpu, io.size) == 0)
		kvm_pci_io_base = (uintptr_t)(io.cpu - io.pci);
	else
		io.size = 0;
	ecam = (uintptr_t)base;
	dt = fdt;
	host = node;
	lith_pr_info("pci: ECAM host bridge at 0x%llx (buses %u-%u), memory window "
		     "0x%llx-0x%llx, I/O window at 0x%llx (%llu KiB)\n",
		     (unsigned long long)base, bus_lo, bus_hi, (unsigned long long)mem.cpu,
		     (unsigned long long)(mem.cpu + mem.size), (unsigned long long)io.cpu,
		     (unsigned long long)io.size >> 10);
}

void kvm_pci_scan(void)
{
	unsigned int i;

	if (!ecam)
		return;
	kvm_pci_scan_bus((uint8_t)bus_lo, 0);
	for (i = 0; i < nr_devs; i++)
		kvm_pci_offer(&devs[i].pub);
}
