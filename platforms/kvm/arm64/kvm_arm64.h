/* SPDX-License-Identifier: BSD-3-Clause */
/* The KVM platform's arm64 files: their interfaces to each other. */
#ifndef KVM_ARM64_H
#define KVM_ARM64_H

#include <lith/essentials.h>
#include "kvm/kvm.h"

/* Where QEMU's virt board puts things before a device tree says so. */
#define VIRT_RAM_BASE 0x40000000ULL
#define VIRT_PL011    0x09000000ULL

/* Virtual count at the first instruction (entry.S): monotonic time 0. */
extern uint64_t arm64_entry_count;
extern char _kvm_image_start[], _text[], _etext[], _data[], _end[];
extern char arm64_boot_stack[], arm64_boot_stack_top[];

/* Page tables: the first map and the MMU on (runs with the MMU off, before anything). */
void arm64_mmu_init(void);
/* Map RAM [base, base + len) as normal memory, read-write, never executable. */
int kvm_map_ram(uint64_t base, uint64_t len);
/* Bytes of page tables in use, for the boot message. */
size_t arm64_mmu_table_bytes(void);

void kvm_pl011_init(uint64_t phys, int event);
int kvm_gic_init(const void *fdt, int node);
/* The GIC's INTID of a device tree interrupt specifier (3 cells), and its trigger. */
int kvm_gic_intid(const void *spec, bool *edge);
void kvm_gic_configure(unsigned int intid, bool edge);
void kvm_timer_init(const void *fdt, int node);
/* The timer's interrupt: mask it (before the end of interrupt), then handle it. */
void kvm_timer_mask(void);
void kvm_timer_interrupt(void);
extern unsigned int kvm_timer_intid;
void kvm_rtc_init(uint64_t phys);
void kvm_psci_init(const void *fdt, int node);
void kvm_pcie_init(const void *fdt, int node, unsigned int addr_cells);

#endif /* KVM_ARM64_H */
