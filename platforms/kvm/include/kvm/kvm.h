/* SPDX-License-Identifier: BSD-3-Clause */
/* The KVM platform's private interfaces between its files. */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <lith/essentials.h>
#include <plat/bootinfo.h>

/* TSC at the first instruction (entry.S): monotonic time 0. */
extern uint64_t x86_entry_tsc;

void kvm_serial_init(void);

/* Identity-map [phys, phys + len) (2 MiB pages) if not mapped yet; 0 or -ENOMEM. */
int kvm_map_range(uint64_t phys, uint64_t len);
/* The highest address mapped at boot (the first GiB). */
#define KVM_BOOT_MAPPED (1ULL << 30)

/*
 * The events (events.c) are the interrupt controller's lines: IOAPIC inputs (x86_64/irq.c)
 * or GIC INTIDs (arm64/gic.c). The controller says how many there are (setting itself up
 * if need be) and hands each interrupt to kvm_event_handle().
 */
#if CONFIG_ARCH_ARM64
#define KVM_MAX_EVENTS 1020 /* INTIDs from 1020 up are special */
#else
#define KVM_MAX_EVENTS 24 /* the IOAPIC's inputs */
#endif
unsigned int kvm_irq_lines(void);
void kvm_event_handle(unsigned int event);

/* Interrupt controllers: the PIC is remapped and masked at boot, the rest on first use. */
void kvm_pic_disable(void);
void kvm_irq_init(void);
/* One-shot LAPIC timer: ticks per second (0 while unknown), and its interrupt. */
extern uint64_t kvm_lapic_hz;
void kvm_lapic_timer_arm(uint64_t ticks);
void kvm_lapic_calib_start(void);
/* LAPIC ticks counted since calib_start, times num / den, become kvm_lapic_hz. */
void kvm_lapic_calib_end(uint64_t num, uint64_t den);
void kvm_timer_interrupt(void);
bool kvm_tsc_deadline(void);

/* TSC frequency (calibrated on first use) and conversions. */
uint64_t kvm_tsc_hz(void);
uint64_t kvm_ns_to_tsc(uint64_t ns);

/* Record every PCI function and offer each to the drivers (bus initialisation). */
void kvm_pci_scan(void);
/*
 * Shared by both architectures' PCI (pci.c). Walk bus, passing each function found, its
 * ids, class and name filled in, to kvm_pci_add_fn() (per architecture, as is the
 * configuration read), which records it (and returns its record, to be printed) or not
 * (NULL); depth: bridges above bus.
 */
struct plat_pci_dev;
uint32_t kvm_pci_conf_read32(uint8_t bus, uint8_t dev, uint8_t fn, unsigned int off);
void kvm_pci_scan_bus(uint8_t bus, int depth);
struct plat_pci_dev *kvm_pci_add_fn(const struct plat_pci_dev *f, int depth);
/*
 * Size the BAR at configuration offset off, whose value is bar (is64: with the next one):
 * its length, 0 if it is not implemented. It is left all ones: write it back or assign it.
 */
uint64_t kvm_pci_bar_size(const struct plat_pci_dev *d, unsigned int off, uint32_t bar, bool is64);
/* Offer a recorded function to the drivers. */
void kvm_pci_offer(struct plat_pci_dev *d);

/* virtio-mmio devices named on the command line: record them and remove the words. */
void kvm_mmiodev_parse(char *cmdline);
/* Record one virtio-mmio device (arm64: from the device tree); 0, or -1 when full. */
int kvm_mmiodev_add(uint64_t phys, size_t len, unsigned int event);

#endif /* KVM_KVM_H */
