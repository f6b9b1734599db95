/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI through configuration mechanism #1 (ports 0xcf8/0xcfc). At bus initialisation every
 * function on bus 0 and behind its bridges is recorded and offered to the drivers (the
 * walk and BAR sizing: ../pci.c). The BARs are the firmware's.
 */
#include <lith/errno.h>
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

uint32_t kvm_pci_conf_read32(uint8_t bus, uint8_t dev, uint8_t fn, unsigned int off)
{
	x86_outl(PCI_ADDR, conf_addr(bus, dev, fn, off));
	return x86_inl(PCI_DATA);
}

uint32_t plat_pci_read(const struct plat_pci_dev *d, unsigned int off, unsigned int size)
{
	uint32_t v = kvm_pci_conf_read32(d->bus, d->dev, d->fn, off);

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
	uint32_t bar, cmd, hi = 0;
	uint64_t base, size;
	bool is64;

	if (n > 5)
		return -EINVAL;
	bar = plat_pci_read(d, off, 4);
	is64 = !(bar & 1) && (bar & 6) == 4 && n < 5;
	if (is64)
		hi = plat_pci_read(d, off + 4, 4);
	/* Size the BAR with decoding off, so that nothing answers at the probe address. */
	cmd = plat_pci_read(d, PCI_COMMAND, 2);
	plat_pci_write(d, PCI_COMMAND, 2, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	size = kvm_pci_bar_size(d, off, bar, is64);
	plat_pci_write(d, off, 4, bar);
	if (is64)
		plat_pci_write(d, off + 4, 4, hi);
	plat_pci_write(d, PCI_COMMAND, 2, cmd);
	if (!size)
		return -ENOENT;
	*len = size;
	base = (uint64_t)hi << 32 | (bar & (bar & 1 ? ~3U : ~15U));
	if (bar & 1) {
		io->base = (uintptr_t)base;
		io->port = true;
		return base ? 0 : -ENOENT;
	}
	return base ? plat_io_map(base, *len, io) : -ENOENT;
}

struct plat_pci_dev *kvm_pci_add_fn(const struct plat_pci_dev *f, int depth)
{
	struct plat_pci_dev *d;
	uint8_t line;

	if (f->class >> 8 == 0x0604 && depth < 8) { /* PCI-to-PCI bridge */
		kvm_pci_scan_bus((plat_pci_read(f, 0x18, 4) >> 8) & 0xff, depth + 1);
		return NULL;
	}
	if (nr_devs == PCI_MAX_DEVS)
		return NULL;
	d = &devs[nr_devs++];
	*d = *f;
	line = kvm_pci_conf_read32(d->bus, d->dev, d->fn, 0x3c) & 0xff;
	d->event = line && line < 0xff ? line : -1;
	return d;
}

void kvm_pci_scan(void)
{
	unsigned int i;

	/* No host bridge answers on microvm: reading all-ones means no PCI at all. */
	if ((kvm_pci_conf_read32(0, 0, 0, 0) & 0xffff) != 0xffff)
		kvm_pci_scan_bus(0, 0);
	for (i = 0; i < nr_devs; i++)
		kvm_pci_offer(&devs[i]);
}
