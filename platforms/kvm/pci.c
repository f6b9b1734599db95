/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI for both architectures: the walk of a bus, a function's record, BAR sizing and the
 * offer to the drivers. How configuration space is reached, which functions are recorded
 * and where BARs point are the architecture's (x86_64/pci.c: ports, BARs the firmware
 * assigned; arm64/pci.c: ECAM, BARs assigned by Lith).
 */
#include <lith/print.h>
#include <plat/devices.h>
#include <plat/pci.h>
#include "kvm/kvm.h"

/* A function's ids, class and "bb:dd.f" name from its configuration header. */
static void fn_init(struct plat_pci_dev *d, uint8_t bus, uint8_t dev, uint8_t fn, uint32_t id)
{
	static const char hex[] = "0123456789abcdef";

	d->bus = bus, d->dev = dev, d->fn = fn;
	d->vendor = id & 0xffff;
	d->device = id >> 16;
	d->class = kvm_pci_conf_read32(bus, dev, fn, 0x08) >> 8;
	d->event = -1;
	d->name[0] = hex[bus >> 4];
	d->name[1] = hex[bus & 15];
	d->name[2] = ':';
	d->name[3] = hex[dev >> 4];
	d->name[4] = hex[dev & 15];
	d->name[5] = '.';
	d->name[6] = '0' + fn;
	d->name[7] = '\0';
}

static void add_fn(uint8_t bus, uint8_t dev, uint8_t fn, uint32_t id, int depth)
{
	struct plat_pci_dev f, *d;

	fn_init(&f, bus, dev, fn, id);
	d = kvm_pci_add_fn(&f, depth);
	if (d)
		lith_pr_info("pci %s: %04x:%04x class %06x irq %d\n", d->name, d->vendor, d->device,
			     d->class, d->event);
}

void kvm_pci_scan_bus(uint8_t bus, int depth)
{
	uint8_t dev, fn;

	for (dev = 0; dev < 32; dev++) {
		uint32_t id = kvm_pci_conf_read32(bus, dev, 0, 0);
		uint8_t nfn;

		if ((id & 0xffff) == 0xffff)
			continue;
		nfn = (kvm_pci_conf_read32(bus, dev, 0, 0x0c) >> 16) & 0x80 ? 8 : 1;
		for (fn = 0; fn < nfn; fn++) {
			if (fn)
				id = kvm_pci_conf_read32(bus, dev, fn, 0);
			if ((id & 0xffff) != 0xffff)
				add_fn(bus, dev, fn, id, depth);
		}
	}
}

uint64_t kvm_pci_bar_size(const struct plat_pci_dev *d, unsigned int off, uint32_t bar, bool is64)
{
	uint32_t addr_mask = bar & 1 ? ~3U : ~15U, lo;
	uint64_t hi = 0xffffffff, mask;

	plat_pci_write(d, off, 4, 0xffffffff);
	lo = plat_pci_read(d, off, 4);
	if (is64) {
		plat_pci_write(d, off + 4, 4, 0xffffffff);
		hi = plat_pci_read(d, off + 4, 4);
	}
	if (!(lo & addr_mask) && !(is64 && hi))
		return 0;
	mask = hi << 32 | (lo & addr_mask);
	if (bar & 1)
		mask |= 0xffffffffffff0000ULL; /* I/O BARs decode 16 bits */
	return ~mask + 1;
}

void kvm_pci_offer(struct plat_pci_dev *d)
{
	struct plat_device dev = {
		.bus = PLAT_BUS_PCI,
		.id = (uint32_t)d->vendor << 16 | d->device,
		.name = d->name,
		.bus_data = d,
	};

	plat_devices_match(&dev);
}
