/* SPDX-License-Identifier: BSD-3-Clause */
/* The boot info record's helpers, shared by every platform. */
#include <lith/essentials.h>
#include <lith/print.h>
#include <plat/bootinfo.h>

int plat_bootinfo_add_region(struct plat_bootinfo *bi, uintptr_t base, size_t len,
			     unsigned int flags)
{
	uintptr_t start = ALIGN_UP(base, PAGE_SIZE);
	uintptr_t end = ALIGN_DOWN(base + len, PAGE_SIZE);

	/* Any memory map is accepted: round inward, and drop what rounds to nothing. */
	if (end <= start)
		return 0;
	if (bi->nr_memregions >= PLAT_MEMREGIONS_MAX)
		return -1;
	bi->memregions[bi->nr_memregions].base = start;
	bi->memregions[bi->nr_memregions].len = end - start;
	bi->memregions[bi->nr_memregions].flags = flags;
	bi->nr_memregions++;
	return 0;
}

int plat_bootinfo_add_initrd(struct plat_bootinfo *bi, uintptr_t base, size_t len)
{
	struct plat_memregion *r;

	if (bi->nr_memregions >= PLAT_MEMREGIONS_MAX) {
		lith_pr_warn("initrd at %p left unused: too many memory regions\n", (void *)base);
		return -1;
	}
	r = &bi->memregions[bi->nr_memregions++];
	r->base = base;
	r->len = len;
	r->flags = PLAT_MEM_INITRD;
	lith_pr_info("initrd: %p-%p (%zu bytes)\n", (void *)base, (void *)(base + len), len);
	return 0;
}
