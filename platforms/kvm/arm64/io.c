/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm arm64 device windows: device memory mapped 1:1 (nGnRE) on demand. arm64 has no port
 * space: a "port" window (a PCI I/O BAR) is an offset into the PCI host bridge's I/O
 * window, which pci.c maps. Accesses are single loads and stores without write-back, so
 * that a hypervisor can emulate them from the syndrome alone. A write is ordered after the
 * memory writes before it (a queue the device reads after a notification), as Linux's
 * writel() does.
 */
#include <plat/io.h>
#include "kvm_arm64.h"

uintptr_t kvm_pci_io_base; /* CPU address of PCI I/O port 0 (pci.c), or 0 */

static uintptr_t addr(const struct plat_io *io, size_t off)
{
	return (io->port ? kvm_pci_io_base : 0) + io->base + off;
}

uint8_t plat_io_read8(const struct plat_io *io, size_t off)
{
	uint8_t v;

	__asm__ __volatile__("ldrb %w0, [%1]" : "=r"(v) : "r"(addr(io, off)) : "memory");
	return v;
}

uint16_t plat_io_read16(const struct plat_io *io, size_t off)
{
	uint16_t v;

	__asm__ __volatile__("ldrh %w0, [%1]" : "=r"(v) : "r"(addr(io, off)) : "memory");
	return v;
}

uint32_t plat_io_read32(const struct plat_io *io, size_t off)
{
	uint32_t v;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r"(v) : "r"(addr(io, off)) : "memory");
	return v;
}

void plat_io_write8(const struct plat_io *io, size_t off, uint8_t v)
{
	__asm__ __volatile__("dmb oshst; strb %w0, [%1]" ::"rZ"(v), "r"(addr(io, off)) : "memory");
}

void plat_io_write16(const struct plat_io *io, size_t off, uint16_t v)
{
	__asm__ __volatile__("dmb oshst; strh %w0, [%1]" ::"rZ"(v), "r"(addr(io, off)) : "memory");
}

void plat_io_write32(const struct plat_io *io, size_t off, uint32_t v)
{
	__asm__ __volatile__("dmb oshst; str %w0, [%1]" ::"rZ"(v), "r"(addr(io, off)) : "memory");
}
