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
#define HDR_SIZE       40

/*
 * fdt_walk() classifies each property name once per distinct string offset: QEMU's virt
 * tree has ~220 properties but ~45 names. Offsets past the cache are compared every time.
 */
#define NAME_CACHE 1024
#define CLS_NONE   1 /* 0: not classified yet; 2 + i: names[i] */

struct fdt_header {
	uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version;
	uint32_t last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static uint32_t be32(uint32_t v)
{
	return __builtin_bswap32(v);
}

static const struct fdt_header *hdr(const void *fdt)
{
	return fdt;
}

/* Whether the block [off, off + size) lies inside the blob. */
static bool inside(uint32_t off, uint32_t size, uint32_t total)
{
	return off >= HDR_SIZE && off <= total && size <= total - off;
}

bool fdt_valid(const void *fdt)
{
	const struct fdt_header *h = hdr(fdt);
	uint32_t total;

	if (!fdt || !IS_ALIGNED((uintptr_t)fdt, 4) || be32(h->magic) != FDT_MAGIC ||
	    be32(h->version) < 16)
		return false;
	/* Every later read stays inside the blocks the header declares. */
	total = be32(h->totalsize);
	return IS_ALIGNED(be32(h->off_dt_struct), 4) && IS_ALIGNED(be32(h->size_dt_struct), 4) &&
	       inside(be32(h->off_dt_struct), be32(h->size_dt_struct), total) &&
	       inside(be32(h->off_dt_strings), be32(h->size_dt_strings), total);
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

static const char *strings(const void *fdt)
{
	return (const char *)fdt + be32(hdr(fdt)->off_dt_strings);
}

static uint32_t tok(const char *st, uint32_t off)
{
	return be32(*(const uint32_t *)(st + off));
}

/*
 * The offset past the name of the node at off and its padding: names are NUL-terminated and
 * padded to 4 bytes, so the first word holding a zero byte is the last. Callers check
 * ends_well() first: the search stops inside the block.
 */
static uint32_t skip_name(const char *st, uint32_t off)
{
	uint32_t w;

	do {
		off += 4;
		w = *(const uint32_t *)(st + off);
	} while (!((w - 0x01010101U) & ~w & 0x80808080U));
	return off + 4;
}

/* Whether the structure block (limit bytes) ends with FDT_END, as the specification says. */
static bool ends_well(const char *st, uint32_t limit)
{
	return limit >= 4 && IS_ALIGNED(limit, 4) && tok(st, limit - 4) == FDT_END;
}

/* s (at most n bytes, maybe unterminated) equals the string name. */
static bool streq_n(const char *s, uint32_t n, const char *name)
{
	uint32_t i;

	for (i = 0; i < n && s[i] == name[i]; i++)
		if (!name[i])
			return true;
	return false;
}

/* The name of the property at off when it lies inside the strings block, else NULL. */
static const char *prop_name(const void *fdt, const char *st, uint32_t off, uint32_t *avail)
{
	uint32_t nameoff = tok(st, off + 8), size = be32(hdr(fdt)->size_dt_strings);

	if (nameoff >= size)
		return NULL;
	*avail = size - nameoff;
	return strings(fdt) + nameoff;
}

const void *fdt_prop(const void *fdt, int node, const char *name, int *len)
{
	uint32_t limit = be32(hdr(fdt)->size_dt_struct), size = be32(hdr(fdt)->size_dt_strings);
	const char *st = sblock(fdt), *str = strings(fdt);
	const uint32_t *p, *endp = (const uint32_t *)(st + limit - 4);

	if (!ends_well(st, limit) || node < 0 || (uint32_t)node >= limit - 4 || node % 4)
		return NULL;
	/* As fdt_walk(): FDT_END bounds each property's header. */
	p = (const uint32_t *)(st + skip_name(st, (uint32_t)node));
	if (p > endp)
		return NULL;
	for (;;) {
		const uint32_t *next;
		uint32_t plen, nameoff;

		if (*p != be32(FDT_PROP)) {
			if (*p != be32(FDT_NOP))
				return NULL; /* properties come before subnodes */
			p++;
			continue;
		}
		plen = be32(p[1]);
		next = (const uint32_t *)((uintptr_t)(p + 3) + ALIGN_UP((uint64_t)plen, 4));
		if (next >= endp)
			return NULL;
		nameoff = be32(p[2]);
		if (nameoff < size && str[nameoff] == name[0] &&
		    streq_n(str + nameoff, size - nameoff, name)) {
			if (len)
				*len = (int)plen;
			return p + 3;
		}
		p = next;
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
		if (streq_n(list + i, (uint32_t)(len - i), s))
			return true;
		while (i < len && list[i])
			i++;
		i++;
	}
	return false;
}

bool fdt_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *v = fdt_prop(fdt, node, "compatible", &len);

	return fdt_strlist_has(v, len, compat);
}

/* The class of a property name: 2 + i for names[i], 2 + n and 3 + n for the cell counts. */
static uint8_t classify(const char *s, uint32_t avail, const char *const *names, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (s[0] == names[i][0] && streq_n(s, avail, names[i]))
			return (uint8_t)(2 + i);
	if (s[0] == '#' && streq_n(s, avail, "#address-cells"))
		return (uint8_t)(2 + n);
	if (s[0] == '#' && streq_n(s, avail, "#size-cells"))
		return (uint8_t)(3 + n);
	return CLS_NONE;
}

/* The set of first characters of names[] and "#...-cells", one bit each. */
static void first_chars(uint64_t set[4], const char *const *names, unsigned int n)
{
	unsigned int i;

	set[0] = 1ULL << '#';
	set[1] = set[2] = set[3] = 0;
	for (i = 0; i < n; i++)
		set[(uint8_t)names[i][0] >> 6] |= 1ULL << ((uint8_t)names[i][0] & 63);
}

/*
 * The class of the property at off, classified once per name offset cached below. About
 * half of QEMU's ~45 names start with a character no wanted name does: one test each.
 */
static unsigned int prop_class(const void *fdt, const char *st, uint32_t off, uint8_t *cache,
			       const uint64_t first[4], const char *const *names, unsigned int n)
{
	uint32_t nameoff = tok(st, off + 8), avail;
	const char *s = prop_name(fdt, st, off, &avail);
	uint8_t c = s && (first[(uint8_t)s[0] >> 6] >> ((uint8_t)s[0] & 63) & 1) ?
			    classify(s, avail, names, n) :
			    CLS_NONE;

	if (nameoff < NAME_CACHE)
		cache[nameoff] = c;
	return c;
}

int fdt_walk(const void *fdt, const char *const *names, unsigned int nnames,
	     int (*fn)(const void *fdt, const struct fdt_node *n, void *arg), void *arg)
{
	/*
	 * Per depth + 1: the #address-cells ([0]) / #size-cells ([1]) a node gives its
	 * children, slot 0 the specification's defaults (2.3.5) for the root; nodes deeper
	 * than MAX_DEPTH share the last slot and are not visited.
	 */
	unsigned int cells[2][MAX_DEPTH + 3] = { { 2 }, { 1 } };
	uint64_t cache[NAME_CACHE / 8], first[4];
	uint8_t *cls = (uint8_t *)cache;
	uint32_t limit = be32(hdr(fdt)->size_dt_struct), off = 0, i;
	const char *st = sblock(fdt);
	const uint32_t *endp = (const uint32_t *)(st + limit - 4); /* FDT_END */
	struct fdt_node n;
	int depth = -1, slot, rc;

	if (nnames > FDT_WALK_NAMES)
		nnames = FDT_WALK_NAMES;
	if (!ends_well(st, limit))
		return 0;
	for (i = 0; i < ARRAY_SIZE(cache); i += 2) /* pairs: one store instruction each */
		cache[i] = cache[i + 1] = 0;
	first_chars(first, names, nnames);
	while (off < limit) {
		uint32_t t = tok(st, off);
		const uint32_t *p;

		if (t == FDT_NOP) {
			off += 4;
			continue;
		}
		if (t == FDT_END_NODE && depth >= 0) {
			depth--;
			off += 4;
			continue;
		}
		if (t != FDT_BEGIN_NODE)
			break; /* FDT_END, or an unknown or unbalanced token */
		/* The parent's counts. */
		slot = depth <= MAX_DEPTH ? depth + 1 : MAX_DEPTH + 2;
		n.addr_cells = cells[0][slot];
		n.size_cells = cells[1][slot];
		slot = ++depth <= MAX_DEPTH ? depth + 1 : MAX_DEPTH + 2;
		n.off = (int)off;
		n.depth = depth;
		n.name = st + off + 4;
		for (i = 0; i < FDT_WALK_NAMES; i++)
			n.val[i] = NULL;
		cells[0][slot] = 2;
		cells[1][slot] = 1;
		/*
		 * The node's properties, then fn, before its children. The hot loop of the boot:
		 * raw big-endian tokens through a pointer. The block ends with FDT_END, so a
		 * FDT_PROP token has its length word inside; the rest is inside once the next
		 * token is.
		 */
		p = (const uint32_t *)(st + skip_name(st, off));
		if (p > endp)
			return 0; /* the name ran into FDT_END */
		for (;;) {
			const uint32_t *next;
			uint32_t len, nameoff;
			unsigned int c;

			if (*p != be32(FDT_PROP)) {
				if (*p != be32(FDT_NOP))
					break;
				p++;
				continue;
			}
			len = be32(p[1]);
			next = (const uint32_t *)((uintptr_t)(p + 3) + ALIGN_UP((uint64_t)len, 4));
			if (next >= endp)
				return 0; /* a property past the block (or over FDT_END): stop */
			nameoff = be32(p[2]);
			c = nameoff < NAME_CACHE ? cls[nameoff] : 0;
			if (c != CLS_NONE) {
				if (!c)
					c = prop_class(fdt, st, (uint32_t)((const char *)p - st),
						       cls, first, names, nnames);
				c -= 2;
				if (c < nnames) {
					n.val[c] = p + 3;
					n.len[c] = (int)len;
				} else if (c - nnames < 2 && len >= 4) {
					cells[c - nnames][slot] = be32(p[3]);
				}
			}
			p = next;
		}
		off = (uint32_t)((const char *)p - st);
		if (depth <= MAX_DEPTH) {
			rc = fn(fdt, &n, arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

struct find {
	uint32_t phandle;
	int found;
};

static int match_phandle(const void *fdt, const struct fdt_node *n, void *arg)
{
	struct find *f = arg;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (n->val[i] && n->len[i] >= 4 && fdt_cell(n->val[i], 0) == f->phandle) {
			f->found = n->off;
			return 1;
		}
	}
	return 0;
}

int fdt_by_phandle(const void *fdt, uint32_t ph)
{
	static const char *const names[2] = { "phandle", "linux,phandle" };
	struct find f = { .phandle = ph, .found = -1 };

	if (ph)
		fdt_walk(fdt, names, 2, match_phandle, &f);
	return f.found;
}
