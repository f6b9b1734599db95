/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: device registers. A library never touches ports or device memory
 * itself: it asks the platform for a window (mapped memory, or x86 port space) and reads
 * and writes through it. kvm: port I/O and identity-mapped MMIO; xen PVH: the same;
 * linuxu: none.
 */
#ifndef PLAT_IO_H
#define PLAT_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct plat_io {
	uintptr_t base; /* virtual address, or port number when port is set */
	bool port;
};

/* Make len bytes of device memory at physical address phys accessible; 0 or -errno. */
int plat_io_map(uint64_t phys, size_t len, struct plat_io *io);

uint8_t plat_io_read8(const struct plat_io *io, size_t off);
uint16_t plat_io_read16(const struct plat_io *io, size_t off);
uint32_t plat_io_read32(const struct plat_io *io, size_t off);
void plat_io_write8(const struct plat_io *io, size_t off, uint8_t v);
void plat_io_write16(const struct plat_io *io, size_t off, uint16_t v);
void plat_io_write32(const struct plat_io *io, size_t off, uint32_t v);

/*
 * bus_data of a PLAT_BUS_MMIO device (plat/devices.h): a register window described by the
 * platform's boot information (kvm: virtio_mmio.device= command line words; arm64: DTB).
 */
struct plat_mmio_dev {
	uint64_t phys;
	size_t len;
	unsigned int event; /* its interrupt, for plat_event_bind() */
};

#endif /* PLAT_IO_H */
