/* SPDX-License-Identifier: BSD-3-Clause */
/* kvm device windows: x86 port space, or device memory (plat_io_map(): devices.c). */
#include <plat/io.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define MMIO(io, off, type) (*(volatile type *)((io)->base + (off)))

uint8_t plat_io_read8(const struct plat_io *io, size_t off)
{
	return io->port ? x86_inb(io->base + off) : MMIO(io, off, uint8_t);
}

uint16_t plat_io_read16(const struct plat_io *io, size_t off)
{
	return io->port ? x86_inw(io->base + off) : MMIO(io, off, uint16_t);
}

uint32_t plat_io_read32(const struct plat_io *io, size_t off)
{
	return io->port ? x86_inl(io->base + off) : MMIO(io, off, uint32_t);
}

void plat_io_write8(const struct plat_io *io, size_t off, uint8_t v)
{
	if (io->port)
		x86_outb(io->base + off, v);
	else
		MMIO(io, off, uint8_t) = v;
}

void plat_io_write16(const struct plat_io *io, size_t off, uint16_t v)
{
	if (io->port)
		x86_outw(io->base + off, v);
	else
		MMIO(io, off, uint16_t) = v;
}

void plat_io_write32(const struct plat_io *io, size_t off, uint32_t v)
{
	if (io->port)
		x86_outl(io->base + off, v);
	else
		MMIO(io, off, uint32_t) = v;
}
