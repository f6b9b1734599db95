/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: device discovery.
 * xen: xenstore / xenbus; kvm: PCI (plat/pci.h) and virtio-mmio (command line, DTB:
 * PLAT_BUS_MMIO, plat/io.h); linuxu: none yet.
 *
 * Drivers register a struct plat_driver with LITH_DRIVER(); each platform's buses walk
 * what they find and call plat_devices_match() for every device, which probes the first
 * driver whose bus and id match.
 */
#ifndef PLAT_DEVICES_H
#define PLAT_DEVICES_H

#include <lith/essentials.h>

enum plat_bus {
	PLAT_BUS_PCI = 1, /* id: vendor << 16 | device */
	PLAT_BUS_VIRTIO,  /* id: virtio device type, any transport */
	PLAT_BUS_XENBUS,  /* id: 0; name: the xenbus device type, e.g. "9pfs" */
	PLAT_BUS_MMIO,	  /* id: 0; name: the kind, e.g. "virtio-mmio"; plat/io.h */
};

struct plat_device {
	enum plat_bus bus;
	uint32_t id;
	const char *name; /* e.g. "virtio-9p", "device/9pfs/0" */
	void *bus_data;	  /* the bus's own record of the device */
};

struct plat_driver {
	const char *name;
	enum plat_bus bus;
	uint32_t id;	  /* as in plat_device; name matching is used for xenbus */
	const char *type; /* xenbus device type, or NULL */
	int (*probe)(struct plat_device *dev);
};

#define LITH_DRIVER(drv)                                                               \
	static const struct plat_driver *const __lith_driver_##drv __used __aligned(8) \
		__section(".lith_drivers") = &(drv)

/* Called by a bus for each device found: 0 when a driver took it, -ENODEV when none did. */
int plat_devices_match(struct plat_device *dev);

#endif /* PLAT_DEVICES_H */
