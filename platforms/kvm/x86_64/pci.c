/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI through configuration mechanism #1 (ports 0xcf8/0xcfc). At bus initialisation every
 * function on bus 0 and behind its bridges is recorded and offered to the drivers.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/devices.h>
#include <plat/pci.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define PCI_ADDR     0xcf8
#define PCI_DATA     0xcfc
#define PCI_MAX_DEVS 64

static struct plat_pci_dev devs[PCI_MAX_DEVS];
static unsigned int nr_devs;

static uint32_t conf_addr(uint8_t bus, uint8_t dev, uint8_t fn, unsigned int off)
{
	return 0x80000000U | (uint32_t)bus << 16 | (uint32_t)dev << 11 | (uint32_t)fn << 8 |
	       (off & 0xfc);
}

static uint32_t conf_read32(uint8_t bus, uint8_t dev, uint8_t fn, unsigned int off)
{
	x86_outl(PCI_ADDR, conf_addr(bus, dev, fn, off));
	return x86_inl(PCI_DATA);
}

uint32_t plat_pci_read(const struct plat_pci_dev *d, unsigned int off, unsigned int size)
{
	uint32_t v = conf_read32(d->bus, d->dev, d->fn, off);

	v >>= (off & 3) * 8;
	return size == 4 ? v : v & ((1U << (size * 8)) - 1);
}

void plat_pci_write(const struct plat_pci_dev *d, unsigned int off, unsigned int size, uint32_t v)
{
	x86_outl(PCI_ADDR, conf_addr(d->bus, d->dev, d->fn, off));
	if (size == 4)
		x86_outl(PCI_DATA, v);
	else if (size == 2)
		x86_outw(PCI_DATA + (off & 2), (uint16_t)v);
	else
		x86_outb(PCI_DATA + (off & 3), (uint8_t)v);
}

int plat_pci_bar(const struct plat_pci_dev *d, unsigned int n, struct plat_io *io, uint64_t *len)
{
	unsigned int off = 0x10 + 4 * n;
	uint32_t bar, cmd, size_lo;
	uint64_t base, mask, size_hi = 0xffffffffULL;
	bool is64;

	if (n > 5)
		return -EINVAL;
	bar = plat_pci_read(d, off, 4);
	is64 = !(bar & 1) && (bar & 6) == 4;
	/* Size the BAR with decoding off, so that nothing answers at the probe address. */
	cmd = plat_pci_read(d, PCI_COMMAND, 2);
	plat_pci_write(d, PCI_COMMAND, 2, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	plat_pci_write(d, off, 4, 0xffffffff);
	size_lo = plat_pci_read(d, off, 4);
	plat_pci_write(d, off, 4, bar);
	base = bar & (bar & 1 ? ~3U : ~15U);
	if (is64 && n < 5) {
		uint32_t hi = plat_pci_read(d, off + 4, 4);

		plat_pci_write(d, off + 4, 4, 0xffffffff);
		size_hi = plat_pci_read(d, off + 4, 4);
		plat_pci_write(d, off + 4, 4, hi);
		base |= (uint64_t)hi << 32;
	}
	plat_pci_write(d, PCI_COMMAND, 2, cmd);
	mask = (size_hi << 32) | (size_lo & (bar & 1 ? ~3U : ~15U));
	if (bar & 1)
		mask |= 0xffffffffffff0000ULL; /* I/O BARs decode 16 bits */
	if (!(size_lo & ~15U) && !(is64 && size_hi))
		return -ENOENT;
	*len = ~mask + 1;
	if (bar & 1) {
		io->base = (uintptr_t)base;
		io->port = true;
		return base ? 0 : -ENOENT;
	}
	return base ? plat_io_map(base, *len, io) : -ENOENT;
}

static void scan_bus(uint8_t bus, int depth);

static void add_fn(uint8_t bus, uint8_t dev, uint8_t fn, uint32_t id, int depth)
{
	struct plat_pci_dev *d;
	uint32_t class = conf_read32(bus, dev, fn, 0x08) >> 8;
	uint8_t line;

	if (class >> 8 == 0x0604 && depth < 8) { /* PCI-to-PCI bridge */
		scan_bus((conf_read32(bus, dev, fn, 0x18) >> 8) & 0xff, depth + 1);
		return;
	}
	if (nr_devs == PCI_MAX_DEVS)
		return;
	d = &devs[nr_devs++];
	d->bus = bus, d->dev = dev, d->fn = fn;
	d->vendor = id & 0xffff;
	d->device = id >> 16;
	d->class = class;
	line = conf_read32(bus, dev, fn, 0x3c) & 0xff;
	d->event = line && line < 0xff ? line : -1;
	d->name[0] = "0123456789abcdef"[bus >> 4];
	d->name[1] = "0123456789abcdef"[bus & 15];
	d->name[2] = ':';
	d->name[3] = "0123456789abcdef"[dev >> 4];
	d->name[4] = "0123456789abcdef"[dev & 15];
	d->name[5] = '.';
	d->name[6] = '0' + fn;
	d->name[7] = '\0';
	lith_pr_info("pci %s: %04x:%04x class %06x irq %d\n", d->name, d->vendor, d->device,
		     d->class, d->event);
}

static void scan_bus(uint8_t bus, int depth)
{
	uint8_t dev, fn;

	for (dev = 0; dev < 32; dev++) {
		uint32_t id = conf_read32(bus, dev, 0, 0);
		uint8_t nfn;

		if ((id & 0xffff) == 0xffff)
			continue;
		nfn = (conf_read32(bus, dev, 0, 0x0c) >> 16) & 0x80 ? 8 : 1;
		for (fn = 0; fn < nfn; fn++) {
			if (fn)
				id = conf_read32(bus, dev, fn, 0);
			if ((id & 0xffff) != 0xffff)
				add_fn(bus, dev, fn, id, depth);
		}
	}
}

void kvm_pci_scan(void)
{
	unsigned int i;

	/* No host bridge answers on microvm: reading all-ones means no PCI at all. */
	if ((conf_read32(0, 0, 0, 0) & 0xffff) != 0xffff)
		scan_bus(0, 0);
	for (i = 0; i < nr_devs; i++) {
		struct plat_device dev = {
			.bus = PLAT_BUS_PCI,
			.id = (uint32_t)devs[i].vendor << 16 | devs[i].device,
			.name = devs[i].name,
			.bus_data = &devs[i],
		};

		plat_devices_match(&dev);
	}
}
