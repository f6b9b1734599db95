/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 stage-1 translation at EL1: 4 KiB granule, 48-bit identity map from TTBR0 (TTBR1
 * walks disabled). Memory types (MAIR): device-nGnRE for devices, normal write-back
 * cacheable for RAM. The image is mapped in 4 KiB pages W^X: text read-only executable,
 * rodata read-only, data and bss read-write never-executable (SCTLR.WXN enforces it for
 * every writable mapping). The rest of RAM uses 2 MiB / 1 GiB blocks, read-write, never
 * executable. Devices are mapped on demand (kvm_map_range) in 2 MiB blocks. Nothing else
 * is mapped: NULL and small addresses (the virt board's flash) fault.
 *
 * arm64_mmu_init() runs with the MMU off, where every access is to device memory: it only
 * makes aligned 64-bit stores. Tables come from static arrays: mapping never allocates.
 *
 * plat_page_protect() (the scheduler's stack guard pages) splits the RAM block around a
 * page into pages on first use, break-before-make, and changes that page's entry.
 */
#include <lith/errno.h>
#include <plat/memory.h>
#include <arch/arm64.h>
#include "kvm_arm64.h"

#define PTE_VALID    (1ULL << 0)
#define PTE_TABLE    (3ULL << 0) /* a table below (levels 0-2) or a page (level 3) */
#define PTE_BLOCK    (1ULL << 0)
#define PTE_DEVICE   (0ULL << 2) /* MAIR attribute 0 */
#define PTE_NORMAL   (1ULL << 2) /* MAIR attribute 1 */
#define PTE_RO	     (1ULL << 7)
#define PTE_ISH	     (3ULL << 8)
#define PTE_AF	     (1ULL << 10)
#define PTE_PXN	     (1ULL << 53)
#define PTE_UXN	     (1ULL << 54)
#define PTE_SW_GUARD (1ULL << 58) /* software bit: a page made invalid by plat_page_protect */
#define PTE_ADDR     0x0000fffffffff000ULL

#define MAIR_VALUE    0x44ff04ULL /* 0: device-nGnRE, 1: normal WB RW-allocate, 2: normal NC */
#define TCR_T0SZ      16ULL	  /* 48-bit addresses */
#define TCR_IRGN0     (1ULL << 8) /* walks: write-back write-allocate, inner shareable */
#define TCR_ORGN0     (1ULL << 10)
#define TCR_SH0	      (3ULL << 12)
#define TCR_EPD1      (1ULL << 23)
#define TCR_IPS_SHIFT 32

#define SCTLR_M	  (1ULL << 0)
#define SCTLR_C	  (1ULL << 2)
#define SCTLR_SA  (1ULL << 3)
#define SCTLR_I	  (1ULL << 12)
#define SCTLR_WXN (1ULL << 19)

#define ATTR_DEVICE (PTE_DEVICE | PTE_AF | PTE_PXN | PTE_UXN)
#define ATTR_RAM    (PTE_NORMAL | PTE_ISH | PTE_AF | PTE_PXN | PTE_UXN)
#define ATTR_TEXT   (PTE_NORMAL | PTE_ISH | PTE_AF | PTE_RO | PTE_UXN)
#define ATTR_RODATA (PTE_NORMAL | PTE_ISH | PTE_AF | PTE_RO | PTE_PXN | PTE_UXN)

#define POOL_TABLES 48 /* RAM beyond the first GiB, devices, blocks split for guards */

typedef uint64_t table_t[512];

static table_t l0 __aligned(4096);
static table_t pool[POOL_TABLES] __aligned(4096);
static unsigned int pool_used;

static uint64_t *new_table(void)
{
	/* The pool is in .bss: zero already. */
	return pool_used < POOL_TABLES ? pool[pool_used++] : NULL;
}

static unsigned int index_of(uint64_t va, unsigned int level)
{
	return (va >> (39 - 9 * level)) & 511;
}

/*
 * The table of the given level (1-3) covering va, making the tables above it. NULL when a
 * block above already covers va (*rc 0) or the pool is empty (*rc -ENOMEM).
 */
static uint64_t *table_for(uint64_t va, unsigned int level, int *rc)
{
	uint64_t *t = l0;
	unsigned int l;

	for (l = 0; l < level; l++) {
		uint64_t *e = &t[index_of(va, l)];

		if (!(*e & PTE_VALID)) {
			uint64_t *next = new_table();

			if (!next) {
				*rc = -ENOMEM;
				return NULL;
			}
			*e = (uintptr_t)next | PTE_TABLE;
		} else if ((*e & PTE_TABLE) != PTE_TABLE) {
			*rc = 0; /* inside a block */
			return NULL;
		}
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	return t;
}

/*
 * Map the block (level 1: 1 GiB, 2: 2 MiB) or page (level 3) at pa with attrs, making the
 * tables above it. Left alone when a bigger block already covers it or it is mapped;
 * returns 1 when a table already splits it (map it in smaller pieces).
 */
static int map_one(uint64_t pa, unsigned int level, uint64_t attrs)
{
	int rc = 0;
	uint64_t *t = table_for(pa, level, &rc);

	if (!t)
		return rc;
	t = &t[index_of(pa, level)];
	if (!(*t & PTE_VALID))
		*t = pa | attrs | (level == 3 ? PTE_TABLE : PTE_BLOCK);
	else if (level < 3 && (*t & PTE_TABLE) == PTE_TABLE)
		return 1;
	return 0;
}

/* The last-level table covering va, or NULL when none is there. */
static uint64_t *walk(uint64_t va)
{
	uint64_t *t = l0;
	unsigned int l;

	for (l = 0; l < 3; l++) {
		uint64_t e = t[index_of(va, l)];

		if ((e & PTE_TABLE) != PTE_TABLE)
			return NULL;
		t = (uint64_t *)(uintptr_t)(e & PTE_ADDR);
	}
	return t;
}

/*
 * [base, end) in the biggest blocks that fit, aligned to 2 MiB at least: 1 GiB blocks where
 * aligned, else the 2 MiB entries of one level-2 table written in a row. Entries already
 * valid (blocks, or tables splitting them) are left alone.
 */
static int map_range(uint64_t base, uint64_t end, uint64_t attrs)
{
	/*
	 * The last range mapped in full: the virt board's 32 virtio-mmio transports share one
	 * 2 MiB block, mapped once. Entries are never unmapped here (guards are level-3 pages,
	 * which this function does not touch), so a range inside it needs nothing more.
	 */
	static uint64_t last_lo, last_hi, last_attrs;
	uint64_t a = ALIGN_DOWN(base, 1ULL << 21), stop, *t;
	int rc = 0;

	if (base >= last_lo && end <= last_hi && attrs == last_attrs)
		return 0;
	end = ALIGN_UP(end, 1ULL << 21);
	while (a < end) {
		if (IS_ALIGNED(a, 1ULL << 30) && end - a >= (1ULL << 30) &&
		    map_one(a, 1, attrs) == 0) {
			a += 1ULL << 30;
			continue;
		}
		stop = ALIGN_DOWN(a, 1ULL << 30) + (1ULL << 30);
		stop = stop < end ? stop : end;
		t = table_for(a, 2, &rc);
		if (!t && rc < 0)
			break;
		if (t) {
			/* One entry after the other: 64 of them for QEMU's 128 MiB of RAM. */
			uint64_t *e = &t[index_of(a, 2)], v = a | attrs | PTE_BLOCK;

			for (; a < stop; a += 1ULL << 21, v += 1ULL << 21, e++)
				if (!(*e & PTE_VALID))
					*e = v;
		}
		a = stop;
	}
	/* New entries replace invalid ones: no TLB invalidation, only ordering. */
	arm64_dsb(ishst);
	arm64_isb();
	if (rc < 0)
		return rc;
	last_lo = ALIGN_DOWN(base, 1ULL << 21);
	last_hi = end;
	last_attrs = attrs;
	return 0;
}

int kvm_map_range(uint64_t phys, uint64_t len)
{
	if (phys + len < phys || phys + len > (1ULL << 48))
		return -ENOMEM;
	return map_range(phys, phys + len, ATTR_DEVICE);
}

int kvm_map_ram(uint64_t base, uint64_t len)
{
	if (base + len < base || base + len > (1ULL << 48))
		return -ENOMEM;
	return map_range(base, base + len, ATTR_RAM);
}

size_t arm64_mmu_table_bytes(void)
{
	return (pool_used + 1) * sizeof(table_t);
}

typedef uint64_t pair __attribute__((vector_size(16)));

/* The pages starting in [from, to) inside the 2 MiB block at blk, in its level-3 table l3. */
static void fill(uint64_t *l3, uint64_t blk, uint64_t from, uint64_t to, uint64_t attrs)
{
	uint64_t *e, *stop, v;

	from = ALIGN_UP(from > blk ? from : blk, PAGE_SIZE);
	to = ALIGN_UP(to < blk + (1ULL << 21) ? to : blk + (1ULL << 21), PAGE_SIZE);
	if (from >= to)
		return;
	e = &l3[(from - blk) / PAGE_SIZE];
	stop = &l3[(to - blk) / PAGE_SIZE];
	/*
	 * Eight entries a step, four running pairs of values, a 16-byte store each (FP/SIMD is
	 * on from entry.S): this runs for all 512 entries of the image's block.
	 */
	v = from | PTE_TABLE | attrs;
	if (e < stop && ((uintptr_t)e & 8)) {
		/* With the MMU off, memory is Device memory: only aligned pairs, no fault. */
		*e++ = v;
		v += PAGE_SIZE;
	}
	if (stop - e >= 8) {
		pair p0 = { v, v + PAGE_SIZE }, step = { 8 * PAGE_SIZE, 8 * PAGE_SIZE };
		pair p1 = p0 + 2 * PAGE_SIZE, p2 = p0 + 4 * PAGE_SIZE, p3 = p0 + 6 * PAGE_SIZE;

		for (; stop - e >= 8; e += 8, v += 8 * PAGE_SIZE) {
			*(pair *)&e[0] = p0;
			*(pair *)&e[2] = p1;
			*(pair *)&e[4] = p2;
			*(pair *)&e[6] = p3;
			p0 += step;
			p1 += step;
			p2 += step;
			p3 += step;
		}
	}
	for (; e < stop; e++, v += PAGE_SIZE)
		*e = v;
}

/* dc ivac over [a, end), 64-byte lines, four per step: end - a is a multiple of 256. */
static void invalidate(uintptr_t a, uintptr_t end)
{
	for (; a < end; a += 256)
		__asm__ __volatile__("dc ivac, %0\n"
				     "dc ivac, %1\n"
				     "dc ivac, %2\n"
				     "dc ivac, %3" ::"r"(a),
				     "r"(a + 64), "r"(a + 128), "r"(a + 192)
				     : "memory");
}

void arm64_mmu_init(void)
{
	uint64_t img = (uintptr_t)_kvm_image_start, end = ALIGN_UP((uintptr_t)_end, PAGE_SIZE);
	uint64_t a, pa_range, tcr;
	static const uint8_t ips[] = { 0, 1, 2, 3, 4, 5, 6 }; /* PARange -> TCR.IPS */

	/*
	 * Only the 2 MiB blocks holding the image, in pages: RAM and devices are mapped once
	 * the device tree has said where they are (kvm_map_ram(), kvm_map_range()). One walk
	 * per block, then its last-level table is filled directly.
	 */
	for (a = ALIGN_DOWN(img, 1ULL << 21); a < ALIGN_UP(end, 1ULL << 21); a += 1ULL << 21) {
		uint64_t *l3;

		map_one(a, 3, ATTR_RAM);
		l3 = walk(a);
		if (!l3)
			continue;
		/* One run of pages per kind of memory: [a, img) and [end, a + 2 MiB) are RAM. */
		fill(l3, a, a, img, ATTR_RAM);
		fill(l3, a, img, (uintptr_t)_etext, ATTR_TEXT);
		fill(l3, a, (uintptr_t)_etext, (uintptr_t)_data, ATTR_RODATA);
		fill(l3, a, (uintptr_t)_data, a + (1ULL << 21), ATTR_RAM);
	}

	/* Tables were written with the MMU off: drop stale cache lines over them. */
	invalidate((uintptr_t)l0, (uintptr_t)(l0 + 1));
	invalidate((uintptr_t)pool, (uintptr_t)(pool + pool_used));
	arm64_dsb(sy);

	pa_range = arm64_read_sysreg(id_aa64mmfr0_el1) & 0xf;
	tcr = TCR_T0SZ | TCR_IRGN0 | TCR_ORGN0 | TCR_SH0 | TCR_EPD1 |
	      (uint64_t)ips[pa_range < sizeof(ips) ? pa_range : 5] << TCR_IPS_SHIFT;
	arm64_write_sysreg(mair_el1, MAIR_VALUE);
	arm64_write_sysreg(tcr_el1, tcr);
	arm64_write_sysreg(ttbr0_el1, (uintptr_t)l0);
	arm64_isb();
	__asm__ __volatile__("tlbi vmalle1" ::: "memory");
	arm64_dsb(nsh);
	arm64_isb();
	arm64_write_sysreg(sctlr_el1, arm64_read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_SA |
					      SCTLR_I | SCTLR_WXN);
	arm64_isb();
}

/* Replace the live entry *e by new, break-before-make: invalid, TLB clean, new entry. */
static void bbm(uint64_t *e, uint64_t new, uint64_t va)
{
	/* Nothing in between touches memory: the block may hold this very stack. */
	__asm__ __volatile__("str xzr, [%0]\n"
			     "dsb ishst\n"
			     "tlbi vaae1is, %2\n"
			     "dsb ish\n"
			     "str %1, [%0]\n"
			     "dsb ishst\n"
			     "isb" ::"r"(e),
			     "r"(new), "r"(va >> 12)
			     : "memory");
}

/* Map the block *e (level 1 or 2) covering va by a table of the next level, same attributes. */
static int split(uint64_t *e, unsigned int level, uint64_t va)
{
	uint64_t size = 1ULL << (39 - 9 * level), sub = size / 512;
	uint64_t pa = *e & PTE_ADDR & ~(size - 1), attrs = *e & ~(PTE_ADDR | 3ULL);
	uint64_t *t = new_table();
	unsigned int i;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < 512; i++)
		t[i] = (pa + i * sub) | attrs | (level == 2 ? PTE_TABLE : PTE_BLOCK);
	arm64_dsb(ishst);
	bbm(e, (uintptr_t)t | PTE_TABLE, va);
	return 0;
}

/* The level-3 entry of the RAM page va, splitting blocks on the way; NULL if unmapped. */
static uint64_t *page_entry(uint64_t va, int *rc)
{
	uint64_t *t = l0;
	unsigned int l;

	for (l = 0; l < 3; l++) {
		uint64_t *e = &t[index_of(va, l)];

		if (!(*e & PTE_VALID))
			return NULL;
		if ((*e & PTE_TABLE) != PTE_TABLE) {
			*rc = l ? split(e, l, va) : -EINVAL;
			if (*rc < 0)
				return NULL;
		}
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	return &t[index_of(va, 3)];
}

int plat_page_protect(void *va, size_t len, unsigned int prot)
{
	uintptr_t a = (uintptr_t)va, end = a + len;
	bool was;
	int rc = 0;

	if (!plat_page_protect_valid(a, len, prot))
		return -EINVAL;
	/* The image keeps its W^X layout. */
	if (a < (uintptr_t)_end && end > (uintptr_t)_kvm_image_start)
		return -EINVAL;
	was = arm64_irq_enabled();
	arm64_irq_disable();
	for (; a < end && !rc; a += PAGE_SIZE) {
		uint64_t *e = page_entry(a, &rc), v;

		if (!e || (!(*e & PTE_VALID) && !(*e & PTE_SW_GUARD))) {
			rc = rc ? rc : -EINVAL;
			break;
		}
		/* Only RAM: normal memory, never executable. */
		if ((*e & (7ULL << 2)) != PTE_NORMAL || !(*e & PTE_PXN)) {
			rc = -EINVAL;
			break;
		}
		v = *e & ~(PTE_VALID | PTE_SW_GUARD | PTE_RO);
		if (prot == PLAT_PROT_NONE)
			v |= PTE_SW_GUARD;
		else
			v |= PTE_VALID | (prot & PLAT_PROT_WRITE ? 0 : PTE_RO);
		*e = v;
		__asm__ __volatile__("dsb ishst; tlbi vae1is, %0" ::"r"(a >> 12) : "memory");
	}
	arm64_dsb(ish);
	arm64_isb();
	if (was)
		arm64_irq_enable();
	return rc;
}
