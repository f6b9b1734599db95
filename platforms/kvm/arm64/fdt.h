/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small reader of flattened device trees (DT specification v0.4, chapter 5), read-only
 * and allocation-free. Debian's libfdt is built for Linux user space (hosted, PIC, the
 * host's architecture only), so Lith carries this instead of linking it.
 */
#ifndef KVM_FDT_H
#define KVM_FDT_H

#include <lith/essentials.h>

/* Nonzero when p holds a device tree this reader understands (version >= 16). */
bool fdt_valid(const void *fdt);
uint32_t fdt_totalsize(const void *fdt);

/* Walk every node, depth first; a node is an offset into the structure block. */
struct fdt_node {
	int off;		 /* the node (its FDT_BEGIN_NODE token) */
	int depth;		 /* 0: the root */
	unsigned int addr_cells; /* the parent's #address-cells: cells of this node's reg */
	unsigned int size_cells; /* the parent's #size-cells */
	const char *name;	 /* "virtio_mmio@a000000" */
};

/* Calls fn for each node until it returns nonzero; returns that value, or 0. */
int fdt_walk(const void *fdt, int (*fn)(const void *fdt, const struct fdt_node *n, void *arg),
	     void *arg);

/* The property's value and length (bytes), or NULL. */
const void *fdt_prop(const void *fdt, int node, const char *name, int *len);
/* Several properties in one pass: vals[i] (NULL when absent) and lens[i] for names[i]. */
void fdt_props(const void *fdt, int node, const char *const *names, unsigned int n,
	       const void **vals, int *lens);
/* A property of one 32-bit cell, or dflt. */
uint32_t fdt_prop_u32(const void *fdt, int node, const char *name, uint32_t dflt);
/* Whether a string list property value (len bytes) holds s. */
bool fdt_strlist_has(const char *list, int len, const char *s);
/* Whether the node's "compatible" string list holds compat. */
bool fdt_compatible(const void *fdt, int node, const char *compat);
/* The node whose name is name (exact, or before '@') directly below the root, or -1. */
int fdt_root_child(const void *fdt, const char *name);
/* The node with "phandle" (or "linux,phandle") ph, or -1. */
int fdt_by_phandle(const void *fdt, uint32_t ph);

/* Cell i of a property value, and n cells (1 or 2) as one number. */
uint32_t fdt_cell(const void *val, unsigned int i);
uint64_t fdt_cells(const void *val, unsigned int i, unsigned int n);

/* Enabled: no "status", or "okay"/"ok". */
bool fdt_enabled(const void *fdt, int node);

#endif /* KVM_FDT_H */
