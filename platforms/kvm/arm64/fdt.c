/* SPDX-License-Identifier: BSD-3-Clause */
/* The flattened device tree reader (fdt.h). Every field is big-endian. */
#include "fdt.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP	       4
#define FDT_END	       9
#define MAX_DEPTH      16

struct fdt_header {
	uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version;
	uint32_t last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static uint32_t be32(uint32_t v)
{
	return __builtin_bswap32(v);
}

uint32_t fdt_cell(const void *val, unsigned int i)
{
	return be32(((const uint32_t *)val)[i]);
}

uint64_t fdt_cells(const void *val, unsigned int i, unsigned int n)
{
	return n == 2 ? (uint64_t)fdt_cell(val, i) << 32 | fdt_cell(val, i + 1) : fdt_cell(val, i);
}

static const struct fdt_header *hdr(const void *fdt)
{
	return fdt;
}

bool fdt_valid(const void *fdt)
{
	return fdt && IS_ALIGNED((uintptr_t)fdt, 4) && be32(hdr(fdt)->magic) == FDT_MAGIC &&
	       be32(hdr(fdt)->version) >= 16;
}

uint32_t fdt_totalsize(const void *fdt)
{
	return be32(hdr(fdt)->totalsize);
}

/* The structure block: every offset below is into it. */
static const char *sblock(const void *fdt)
{
	return (const char *)fdt + be32(hdr(fdt)->off_dt_struct);
}

static uint32_t tok(const char *st, int off)
{
	return be32(*(const uint32_t *)(st + off));
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The offset of the token after the one at off (a node's name or a property skipped). */
static int next_tok(const char *st, int off)
{
	switch (tok(st, off)) {
	case FDT_BEGIN_NODE:
		return ALIGN_UP(off + 4 + (int)slen(st + off + 4) + 1, 4);
	case FDT_PROP:
		return ALIGN_UP(off + 12 + (int)tok(st, off + 4), 4);
	default:
		return off + 4;
	}
}

const void *fdt_prop(const void *fdt, int node, const char *name, int *len)
{
	const char *strings = (const char *)fdt + be32(hdr(fdt)->off_dt_strings);
	const char *st = sblock(fdt);
	int off = next_tok(st, node);

	for (;;) {
		uint32_t t = tok(st, off);

		if (t == FDT_PROP) {
			if (streq(strings + tok(st, off + 8), name)) {
				if (len)
					*len = (int)tok(st, off + 4);
				return st + off + 12;
			}
		} else if (t != FDT_NOP) {
			return NULL; /* properties come before subnodes */
		}
		off = next_tok(st, off);
	}
}

uint32_t fdt_prop_u32(const void *fdt, int node, const char *name, uint32_t dflt)
{
	int len;
	const void *v = fdt_prop(fdt, node, name, &len);

	return v && len >= 4 ? fdt_cell(v, 0) : dflt;
}

bool fdt_strlist_has(const char *list, int len, const char *s)
{
	int i = 0;

	while (list && i < len) {
		if (streq(list + i, s))
			return true;
		i += (int)slen(list + i) + 1;
	}
	return false;
}

bool fdt_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *v = fdt_prop(fdt, node, "compatible", &len);

	return fdt_strlist_has(v, len, compat);
}

bool fdt_enabled(const void *fdt, int node)
{
	const char *s = fdt_prop(fdt, node, "status", NULL);

	return !s || streq(s, "okay") || streq(s, "ok");
}

void fdt_props(const void *fdt, int node, const char *const *names, unsigned int n,
	       const void **vals, int *lens)
{
	const char *strings = (const char *)fdt + be32(hdr(fdt)->off_dt_strings);
	const char *st = sblock(fdt);
	int off = next_tok(st, node);
	unsigned int i;

	for (i = 0; i < n; i++)
		vals[i] = NULL;
	for (;;) {
		uint32_t t = tok(st, off);
		const char *name;

		if (t == FDT_NOP) {
			off += 4;
			continue;
		}
		if (t != FDT_PROP)
			return;
		name = strings + tok(st, off + 8);
		for (i = 0; i < n; i++) {
			if (name[0] == names[i][0] && streq(name, names[i])) {
				vals[i] = st + off + 12;
				lens[i] = (int)tok(st, off + 4);
				break;
			}
		}
		off = ALIGN_UP(off + 12 + (int)tok(st, off + 4), 4);
	}
}

int fdt_walk(const void *fdt, int (*fn)(const void *fdt, const struct fdt_node *n, void *arg),
	     void *arg)
{
	static const char *const cell_names[2] = { "#address-cells", "#size-cells" };
	/* Per depth: the open node, and its #address-cells / #size-cells once a child asks. */
	unsigned int acells[MAX_DEPTH + 1], scells[MAX_DEPTH + 1];
	int nodes[MAX_DEPTH + 1];
	bool known[MAX_DEPTH + 1];
	uint32_t limit = be32(hdr(fdt)->size_dt_struct);
	const char *st = sblock(fdt);
	int off = 0, depth = -1;

	while ((uint32_t)off < limit) {
		uint32_t t = tok(st, off);

		if (t == FDT_END)
			break;
		if (t == FDT_END_NODE)
			depth--;
		if (t == FDT_BEGIN_NODE && ++depth <= MAX_DEPTH) {
			struct fdt_node n = { .off = off, .depth = depth, .name = st + off + 4 };
			int rc;

			if (depth && !known[depth - 1]) {
				const void *v[2];
				int len[2];

				/* Defaults from the specification (2.3.5) when a node says nothing. */
				fdt_props(fdt, nodes[depth - 1], cell_names, 2, v, len);
				acells[depth - 1] = v[0] && len[0] >= 4 ? fdt_cell(v[0], 0) : 2;
				scells[depth - 1] = v[1] && len[1] >= 4 ? fdt_cell(v[1], 0) : 1;
				known[depth - 1] = true;
			}
			n.addr_cells = depth ? acells[depth - 1] : 2;
			n.size_cells = depth ? scells[depth - 1] : 1;
			nodes[depth] = off;
			known[depth] = false;
			rc = fn(fdt, &n, arg);
			if (rc)
				return rc;
		}
		off = next_tok(st, off);
	}
	return 0;
}

struct find {
	const char *name;
	uint32_t phandle;
	int found;
};

static int match_name(const void *fdt, const struct fdt_node *n, void *arg)
{
	struct find *f = arg;
	size_t i;

	if (n->depth != 1)
		return 0;
	for (i = 0; f->name[i] && n->name[i] == f->name[i]; i++)
		;
	if (f->name[i] || (n->name[i] && n->name[i] != '@'))
		return 0;
	f->found = n->off;
	return 1;
}

int fdt_root_child(const void *fdt, const char *name)
{
	struct find f = { .name = name, .found = -1 };

	fdt_walk(fdt, match_name, &f);
	return f.found;
}

static int match_phandle(const void *fdt, const struct fdt_node *n, void *arg)
{
	struct find *f = arg;

	if (fdt_prop_u32(fdt, n->off, "phandle", 0) != f->phandle &&
	    fdt_prop_u32(fdt, n->off, "linux,phandle", 0) != f->phandle)
		return 0;
	f->found = n->off;
	return 1;
}

int fdt_by_phandle(const void *fdt, uint32_t ph)
{
	struct find f = { .phandle = ph, .found = -1 };

	if (ph)
		fdt_walk(fdt, match_phandle, &f);
	return f.found;
}
