/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: PCI configuration space, for drivers of PLAT_BUS_PCI devices
 * (plat/devices.h), whose bus_data is a struct plat_pci_dev.
 * kvm x86_64: ports 0xcf8/0xcfc; other platforms: none yet.
 */
#ifndef PLAT_PCI_H
#define PLAT_PCI_H

#include <plat/io.h>

#define PCI_COMMAND	    0x04
#define PCI_COMMAND_IO	    0x1
#define PCI_COMMAND_MEMORY  0x2
#define PCI_COMMAND_MASTER  0x4
#define PCI_STATUS	    0x06
#define PCI_STATUS_CAP_LIST 0x10
#define PCI_SUBSYSTEM_ID    0x2e
#define PCI_CAPABILITY_LIST 0x34
#define PCI_CAP_ID_VNDR	    0x09

struct plat_pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class; /* class, subclass, programming interface */
	int event;	/* its INTx interrupt for plat_event_bind(), or -1 */
	char name[12];	/* "00:03.0" */
};

/* size: 1, 2 or 4; off aligned to it. */
uint32_t plat_pci_read(const struct plat_pci_dev *d, unsigned int off, unsigned int size);
void plat_pci_write(const struct plat_pci_dev *d, unsigned int off, unsigned int size, uint32_t v);

/* BAR n (0-5) as a ready window and its length; -ENOENT when the BAR is unused. */
int plat_pci_bar(const struct plat_pci_dev *d, unsigned int n, struct plat_io *io, uint64_t *len);

#endif /* PLAT_PCI_H */
