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

/* virtio-mmio devices named on the command line: record them and remove the words. */
void kvm_mmiodev_parse(char *cmdline);
/* Record one virtio-mmio device (arm64: from the device tree); 0, or -1 when full. */
int kvm_mmiodev_add(uint64_t phys, size_t len, unsigned int event);

#endif /* KVM_KVM_H */
