/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: what the platform found at boot. A platform fills one record during
 * its early setup and hands it to lith_boot() (libs/boot).
 * xen: start_info / hvm_start_info; kvm: multiboot, PVH start_info or a DTB; linuxu: argv and
 * an mmap'd heap.
 */
#ifndef PLAT_BOOTINFO_H
#define PLAT_BOOTINFO_H

#include <stddef.h>
#include <stdint.h>

#define PLAT_MEM_FREE	  0x1 /* general-purpose RAM the allocator may take */
#define PLAT_MEM_RESERVED 0x2 /* firmware, devices or the image itself: do not touch */
#define PLAT_MEM_INITRD	  0x4 /* the initial ramdisk */

#define PLAT_MEMREGIONS_MAX 32

struct plat_memregion {
	uintptr_t base;
	size_t len;
	unsigned int flags; /* PLAT_MEM_* */
};

struct plat_bootinfo {
	const char *cmdline; /* kernel and application arguments, NUL-terminated */
	unsigned int nr_memregions;
	struct plat_memregion memregions[PLAT_MEMREGIONS_MAX];
	const void *dtb;	/* flattened device tree, or NULL */
	const char *bootloader; /* how we were started, e.g. "multiboot", "PVH", "xl" */
};

/* Add a region, rounding it inward to whole pages; returns 0 or -1 when the table is full. */
int plat_bootinfo_add_region(struct plat_bootinfo *bi, uintptr_t base, size_t len,
			     unsigned int flags);
/*
 * Record the initial ramdisk at its exact bounds (an archive's last bytes matter, so no
 * rounding; the platform keeps its pages out of free memory). Prints where it is at info
 * level; returns 0, or -1 with a warning when the table is full.
 */
int plat_bootinfo_add_initrd(struct plat_bootinfo *bi, uintptr_t base, size_t len);

#endif /* PLAT_BOOTINFO_H */
