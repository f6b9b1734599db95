/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small reader of flattened device trees (DT specification v0.4, chapter 5), read-only
 * and allocation-free. Debian's libfdt is built for Linux user space (hosted, PIC, the
 * host's architecture only), so Lith carries this instead of linking it.
 */
#ifndef KVM_FDT_H
#define KVM_FDT_H

#include <lith/essentials.h>

/* Whether fdt holds a device tree this reader understands: version >= 16, sane blocks. */
bool fdt_valid(const void *fdt);
uint32_t fdt_totalsize(const void *fdt);

/* The most properties fdt_walk() reads for each node. */
#define FDT_WALK_NAMES 4

/* A node, as fdt_walk() hands it over. */
struct fdt_node {
	int off;		 /* the node (its FDT_BEGIN_NODE token) */
	int depth;		 /* 0: the root */
	unsigned int addr_cells; /* the parent's #address-cells: cells of this node's reg */
	unsigned int size_cells; /* the parent's #size-cells */
	const char *name;	 /* "virtio_mmio@a000000" */
	/* The properties fdt_walk() was asked for: value (NULL when absent), length in bytes. */
	const void *val[FDT_WALK_NAMES];
	int len[FDT_WALK_NAMES];
};

/*
 * Walk every node, depth first, in one pass over the tree: fn sees a node once its
 * properties are read (names[0..n), at most FDT_WALK_NAMES) and before its children, until
 * it returns nonzero; returns that value, or 0. A malformed structure block ends the walk.
 */
int fdt_walk(const void *fdt, const char *const *names, unsigned int n,
	     int (*fn)(const void *fdt, const struct fdt_node *n, void *arg), void *arg);

/* The property's value and length (bytes), or NULL. */
const void *fdt_prop(const void *fdt, int node, const char *name, int *len);
/* A property of one 32-bit cell, or dflt. */
uint32_t fdt_prop_u32(const void *fdt, int node, const char *name, uint32_t dflt);
/* Whether a string list property value (len bytes) holds s. */
bool fdt_strlist_has(const char *list, int len, const char *s);
/* Whether the node's "compatible" string list holds compat. */
bool fdt_compatible(const void *fdt, int node, const char *compat);
/* The node with "phandle" (or "linux,phandle") ph, or -1. */
int fdt_by_phandle(const void *fdt, uint32_t ph);

/* Cell i of a property value, and n cells (1 or 2) as one number. */
static inline uint32_t fdt_cell(const void *val, unsigned int i)
{
	return __builtin_bswap32(((const uint32_t *)val)[i]);
}

static inline uint64_t fdt_cells(const void *val, unsigned int i, unsigned int n)
{
	return n == 2 ? (uint64_t)fdt_cell(val, i) << 32 | fdt_cell(val, i + 1) : fdt_cell(val, i);
}

#endif /* KVM_FDT_H */
