/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: arbitrary bytes as a device tree blob, in a heap block of their exact
 * size (totalsize clipped to it: the reader trusts the header for the blob's extent). Once
 * fdt_valid() accepts it, the tree is walked as setup.c walks it and as fdt_by_phandle()
 * does, and every node handed over is checked against fdt.h (inside the structure block)
 * and looked up with fdt_prop(), fdt_prop_u32() and fdt_compatible(). ASan and UBSan turn
 * any out-of-bounds access into a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fdt.h"

static const char *const scan_props[FDT_WALK_NAMES] = { "compatible", "status", "device_type",
							"reg" };
static const char *const lookups[] = { "reg",	   "interrupts", "#address-cells",
				       "bootargs", "phandle",	 "x" };

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void check_node(const void *fdt, const struct fdt_node *n)
{
	const uint8_t *st = (const uint8_t *)fdt + rd32((const uint8_t *)fdt + 8);
	uint32_t limit = rd32((const uint8_t *)fdt + 36);
	unsigned int i;

	if (n->off < 0 || n->off % 4 || (uint32_t)n->off >= limit || n->depth < 0 ||
	    !memchr(n->name, 0, limit - (uint32_t)n->off - 4))
		abort();
	for (i = 0; i < FDT_WALK_NAMES; i++)
		if (n->val[i] && ((const uint8_t *)n->val[i] < st || n->len[i] < 0 ||
				  (const uint8_t *)n->val[i] + n->len[i] > st + limit))
			abort();
}

static int visit(const void *fdt, const struct fdt_node *n, void *arg)
{
	unsigned int *count = arg, i;
	volatile uint32_t sink = 0;
	int len;

	check_node(fdt, n);
	for (i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		const uint8_t *v = fdt_prop(fdt, n->off, lookups[i], &len);

		if (v && len >= 4)
			sink += fdt_cell(v, 0);
	}
	sink += fdt_prop_u32(fdt, n->off, "#size-cells", 1);
	sink += fdt_compatible(fdt, n->off, "virtio,mmio");
	if (n->val[0])
		sink += fdt_strlist_has(n->val[0], n->len[0], "arm,pl011");
	/* An offset that is no node: anything from the structure block, never past it. */
	sink += !!fdt_prop(fdt, n->off + 4 * (int)(*count % 5), "reg", &len);
	if (n->val[1] && n->len[1] >= 4)
		sink += (uint32_t)fdt_by_phandle(fdt, fdt_cell(n->val[1], 0));
	(void)sink;
	return ++*count > 4096;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ph[2] = { "phandle", "linux,phandle" };
	unsigned int count = 0;
	uint8_t *b;

	if (size < 40 || size > (1U << 20))
		return 0;
	b = malloc(size);
	memcpy(b, data, size);
	if (rd32(b + 4) > size) {
		b[4] = (uint8_t)(size >> 24);
		b[5] = (uint8_t)(size >> 16);
		b[6] = (uint8_t)(size >> 8);
		b[7] = (uint8_t)size;
	}
	if (fdt_valid(b)) {
		fdt_walk(b, scan_props, FDT_WALK_NAMES, visit, &count);
		count = 0;
		fdt_walk(b, ph, 2, visit, &count);
		fdt_by_phandle(b, 1);
	}
	free(b);
	return 0;
}
