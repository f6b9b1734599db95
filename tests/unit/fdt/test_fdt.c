/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host unit tests of the arm64 device-tree reader (platforms/kvm/arm64/fdt.c): QEMU's own
 * virt trees (what setup.c, gic.c, pci.c, power.c and time.c look for), trees built here to
 * check the walk's contract, and malformed trees, each rejected or walked without a read
 * outside its blob. Every blob lives in a heap block of its exact size, the block the test
 * cares about last, so that the ASan build catches any over-read.
 * usage: test_fdt [GICV3_DTB [GICV2_DTB]]    (missing files: those cases are skipped)
 *        test_fdt --seeds DIR [DTB...]      (writes the fuzzer's seed corpus)
 * Last line: "fdt: N passed, F failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fdt.h"
#include "../check.h"

#define T_BEGIN 1
#define T_END	2
#define T_PROP	3
#define T_NOP	4
#define T_FIN	9

static uint32_t rd32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void wr32(void *p, uint32_t v)
{
	uint8_t *b = p;

	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

/* Header fields by byte offset. */
#define H_TOTAL	  4
#define H_STRUCT  8
#define H_STRINGS 12
#define H_VERSION 20
#define H_SSTR	  32
#define H_SSTRUCT 36

static const uint8_t *sblk(const void *fdt)
{
	return (const uint8_t *)fdt + rd32((const uint8_t *)fdt + H_STRUCT);
}

static uint32_t slen(const void *fdt)
{
	return rd32((const uint8_t *)fdt + H_SSTRUCT);
}

/*
 * A blob in a heap block of its exact size: header, empty reservation map, then the two
 * blocks, the structure block last (struct_last) or the strings block last.
 */
static uint8_t *make_blob(const void *st, uint32_t stlen, const void *str, uint32_t strsz,
			  bool struct_last, size_t *size)
{
	uint32_t ost, ostr, n;
	uint8_t *b;

	if (struct_last) {
		ostr = 56;
		ost = ostr + ((strsz + 3) & ~3U);
		n = ost + stlen;
	} else {
		ost = 56;
		ostr = ost + stlen;
		n = ostr + strsz;
	}
	b = malloc(n);
	memset(b, 0, n);
	wr32(b, 0xd00dfeed);
	wr32(b + H_TOTAL, n);
	wr32(b + H_STRUCT, ost);
	wr32(b + H_STRINGS, ostr);
	wr32(b + 16, 40);
	wr32(b + H_VERSION, 17);
	wr32(b + 24, 16);
	wr32(b + H_SSTR, strsz);
	wr32(b + H_SSTRUCT, stlen);
	memcpy(b + ost, st, stlen);
	memcpy(b + ostr, str, strsz);
	if (size)
		*size = n;
	return b;
}

/* --- building trees --------------------------------------------------------------------- */

struct bld {
	uint8_t st[65536];
	uint32_t nst;
	char str[4096];
	uint32_t nstr;
};

static void b_tok(struct bld *b, uint32_t t)
{
	wr32(b->st + b->nst, t);
	b->nst += 4;
}

static void b_bytes(struct bld *b, const void *v, uint32_t n)
{
	if (n)
		memcpy(b->st + b->nst, v, n);
	memset(b->st + b->nst + n, 0, (4 - n % 4) % 4);
	b->nst += (n + 3) & ~3U;
}

static void b_begin(struct bld *b, const char *name)
{
	b_tok(b, T_BEGIN);
	b_bytes(b, name, (uint32_t)strlen(name) + 1);
}

static uint32_t b_str(struct bld *b, const char *s)
{
	uint32_t i = 0, n = (uint32_t)strlen(s) + 1;

	while (i < b->nstr) {
		if (!strcmp(b->str + i, s))
			return i;
		i += (uint32_t)strlen(b->str + i) + 1;
	}
	memcpy(b->str + b->nstr, s, n);
	b->nstr += n;
	return i;
}

static void b_prop_raw(struct bld *b, uint32_t len, uint32_t nameoff, const void *v, uint32_t n)
{
	b_tok(b, T_PROP);
	b_tok(b, len);
	b_tok(b, nameoff);
	b_bytes(b, v, n);
}

static void b_prop(struct bld *b, const char *name, const void *v, uint32_t n)
{
	b_prop_raw(b, n, b_str(b, name), v, n);
}

static void b_u32(struct bld *b, const char *name, uint32_t v)
{
	uint8_t c[4];

	wr32(c, v);
	b_prop(b, name, c, 4);
}

static void b_string(struct bld *b, const char *name, const char *s)
{
	b_prop(b, name, s, (uint32_t)strlen(s) + 1);
}

static uint8_t *b_blob(struct bld *b, bool struct_last, size_t *size)
{
	return make_blob(b->st, b->nst, b->str, b->nstr, struct_last, size);
}

/* / { #address-cells = <1>; #size-cells = <1>; compatible = "test,base", "test,other";
 *     a@1 { reg = <1 2>; phandle = <5>; status = "okay";
 *           b { #address-cells = <3>; linux,phandle = <6>; x = <9>; c { reg = <0 1>; }; }; };
 *     d { empty; short = [ab cd]; long = <7 8>; }; };
 */
static void build_basic(struct bld *b, bool nops)
{
	static const uint8_t reg[8] = { 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t creg[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };
	static const uint8_t sh[2] = { 0xab, 0xcd };
	static const uint8_t lg[8] = { 0, 0, 0, 7, 0, 0, 0, 8 };

	memset(b, 0, sizeof(*b));
	if (nops)
		b_tok(b, T_NOP);
	b_begin(b, "");
	if (nops)
		b_tok(b, T_NOP);
	b_u32(b, "#address-cells", 1);
	if (nops)
		b_tok(b, T_NOP), b_tok(b, T_NOP);
	b_u32(b, "#size-cells", 1);
	b_prop(b, "compatible", "test,base\0test,other", 21);
	if (nops)
		b_tok(b, T_NOP);
	b_begin(b, "a@1");
	b_prop(b, "reg", reg, 8);
	b_u32(b, "phandle", 5);
	b_string(b, "status", "okay");
	b_begin(b, "b");
	b_u32(b, "#address-cells", 3);
	b_u32(b, "linux,phandle", 6);
	b_u32(b, "x", 9);
	b_begin(b, "c");
	b_prop(b, "reg", creg, 8);
	b_tok(b, T_END);
	if (nops)
		b_tok(b, T_NOP);
	b_tok(b, T_END);
	b_tok(b, T_END);
	b_begin(b, "d");
	b_prop(b, "empty", NULL, 0);
	if (nops)
		b_tok(b, T_NOP);
	b_prop(b, "short", sh, 2);
	b_prop(b, "long", lg, 8);
	b_tok(b, T_END);
	if (nops)
		b_tok(b, T_NOP);
	b_tok(b, T_END);
	if (nops)
		b_tok(b, T_NOP);
	b_tok(b, T_FIN);
}

/* --- walking ---------------------------------------------------------------------------- */

#define MAXREC 1024

struct rec {
	int off, depth;
	unsigned int ac, sc;
	char name[64];
	long val[FDT_WALK_NAMES]; /* offset into the structure block, -1: absent */
	int len[FDT_WALK_NAMES];
};

struct walk {
	struct rec r[MAXREC];
	int n, stop_at, bad;
};

/* Records each node, checking what fdt.h promises: all of it inside the structure block. */
static int collect(const void *fdt, const struct fdt_node *n, void *arg)
{
	struct walk *w = arg;
	const uint8_t *st = sblk(fdt);
	uint32_t limit = slen(fdt);
	struct rec *r;
	int i;

	if (n->off < 0 || (uint32_t)n->off + 8 > limit || n->off % 4 || n->depth < 0 ||
	    rd32(st + n->off) != T_BEGIN || n->name != (const char *)st + n->off + 4 ||
	    !memchr(n->name, 0, limit - (uint32_t)n->off - 4))
		w->bad++;
	if (w->n >= MAXREC)
		return -1;
	r = &w->r[w->n++];
	r->off = n->off;
	r->depth = n->depth;
	r->ac = n->addr_cells;
	r->sc = n->size_cells;
	snprintf(r->name, sizeof(r->name), "%s", n->name);
	for (i = 0; i < FDT_WALK_NAMES; i++) {
		const uint8_t *v = n->val[i];

		r->val[i] = -1;
		r->len[i] = 0;
		if (!v)
			continue;
		if (v < st || n->len[i] < 0 || v + n->len[i] > st + limit)
			w->bad++;
		r->val[i] = v - st;
		r->len[i] = n->len[i];
	}
	return w->n == w->stop_at ? 77 : 0;
}

static int walk(const void *fdt, const char *const *names, unsigned int nn, struct walk *w)
{
	w->n = w->bad = 0;
	return fdt_walk(fdt, names, nn, collect, w);
}

static const struct rec *by_name(const struct walk *w, const char *name)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (!strcmp(w->r[i].name, name))
			return &w->r[i];
	return NULL;
}

static bool same_rec(const struct rec *a, const struct rec *b)
{
	return a->off == b->off && a->depth == b->depth && a->ac == b->ac && a->sc == b->sc &&
	       !strcmp(a->name, b->name) && !memcmp(a->val, b->val, sizeof(a->val)) &&
	       !memcmp(a->len, b->len, sizeof(a->len));
}

/* Whether the property's value lies inside the structure block (or is NULL). */
static bool prop_inside(const void *fdt, const void *v, int len)
{
	const uint8_t *st = sblk(fdt);

	return !v ||
	       ((const uint8_t *)v >= st && len >= 0 && (const uint8_t *)v + len <= st + slen(fdt));
}

/*
 * A plain reference reader for well-formed blocks: each node's properties (offset of the
 * value in the block, length, name) for comparing fdt_prop() with.
 */
struct refprop {
	int node;
	uint32_t val, len;
	const char *name;
};

static int ref_props(const void *fdt, struct refprop *out, int max, int *nodes)
{
	const uint8_t *st = sblk(fdt);
	const char *str = (const char *)fdt + rd32((const uint8_t *)fdt + H_STRINGS);
	uint32_t off = 0, limit = slen(fdt);
	int n = 0, node = -1;

	*nodes = 0;
	while (off + 4 <= limit) {
		uint32_t t = rd32(st + off);

		if (t == T_BEGIN) {
			node = (int)off;
			(*nodes)++;
			off += 4 + (((uint32_t)strlen((const char *)st + off + 4) + 4) & ~3U);
		} else if (t == T_PROP) {
			uint32_t len = rd32(st + off + 4);

			if (n < max)
				out[n++] = (struct refprop){ node, off + 12, len,
							     str + rd32(st + off + 8) };
			off += 12 + ((len + 3) & ~3U);
		} else if (t == T_END || t == T_NOP) {
			off += 4;
		} else {
			break;
		}
	}
	return n;
}

/* --- the virt trees --------------------------------------------------------------------- */

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc(n > 0 ? (size_t)n : 1);
	if (n <= 0 || fread(b, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(b);
		return NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return b;
}

/* A dumped tree (QEMU pads it to 1 MiB) rebuilt compact, in an exact-size block. */
static uint8_t *load_dtb(const char *path, bool struct_last, size_t *size)
{
	size_t n;
	uint8_t *f = read_file(path, &n), *b;

	if (!f)
		return NULL;
	if (n < 40 || rd32(f) != 0xd00dfeed || rd32(f + H_STRUCT) + (size_t)slen(f) > n ||
	    rd32(f + H_STRINGS) + (size_t)rd32(f + H_SSTR) > n) {
		free(f);
		return NULL;
	}
	b = make_blob(f + rd32(f + H_STRUCT), slen(f), f + rd32(f + H_STRINGS), rd32(f + H_SSTR),
		      struct_last, size);
	free(f);
	return b;
}

static const char *const scan_props[FDT_WALK_NAMES] = { "compatible", "status", "device_type",
							"reg" };

static int count_tokens(const void *fdt, uint32_t tok)
{
	struct refprop *p = malloc(sizeof(*p) * 4096);
	int nodes, n = ref_props(fdt, p, 4096, &nodes);

	free(p);
	return tok == T_BEGIN ? nodes : n;
}

static const void *val(const void *fdt, const struct rec *r, int i)
{
	return r && r->val[i] >= 0 ? sblk(fdt) + r->val[i] : NULL;
}

static bool str_is(const void *v, int len, const char *s)
{
	return v && len == (int)strlen(s) + 1 && !memcmp(v, s, (size_t)len);
}

static bool reg_is(const void *v, int len, uint64_t base, uint64_t size)
{
	return v && len == 16 && fdt_cells(v, 0, 2) == base && fdt_cells(v, 2, 2) == size;
}

/* What setup.c and the drivers read, in QEMU's virt tree. */
static void test_virt(const void *fdt, bool v3)
{
	static struct walk w;
	const struct rec *root, *mem, *chosen, *gic, *uart, *psci, *timer, *pcie, *r;
	const void *v, *hi;
	uint32_t ph, bases = 0;
	int len, i, gicnode, nmmio = 0;

	CHECK(fdt_valid(fdt));
	CHECK(walk(fdt, scan_props, 4, &w) == 0);
	CHECK(w.bad == 0);
	CHECK(w.n == count_tokens(fdt, T_BEGIN));
	CHECK(w.n > 40);
	root = &w.r[0];
	CHECK(root->off == 0 && root->depth == 0 && !root->name[0] && root->ac == 2 &&
	      root->sc == 1);
	CHECK(fdt_compatible(fdt, 0, "linux,dummy-virt"));
	CHECK(fdt_prop_u32(fdt, 0, "#address-cells", 0) == 2);
	CHECK(fdt_prop_u32(fdt, 0, "#size-cells", 0) == 2);
	for (i = 1; i < w.n; i++)
		CHECK(w.r[i].depth >= 1 && w.r[i].depth <= w.r[i - 1].depth + 1 &&
		      w.r[i].off > w.r[i - 1].off);

	mem = by_name(&w, "memory@40000000");
	CHECK(mem && mem->depth == 1 && mem->ac == 2 && mem->sc == 2);
	CHECK(mem && str_is(val(fdt, mem, 2), mem->len[2], "memory"));
	CHECK(mem &&
	      reg_is(val(fdt, mem, 3), mem->len[3], 0x40000000, v3 ? 2048ULL << 20 : 128ULL << 20));

	chosen = by_name(&w, "chosen");
	CHECK(chosen && !val(fdt, chosen, 0));
	if (chosen && v3) {
		v = fdt_prop(fdt, chosen->off, "bootargs", &len);
		CHECK(str_is(v, len, "console=ttyAMA0 lith.test=fdt"));
		v = fdt_prop(fdt, chosen->off, "linux,initrd-start", &len);
		hi = fdt_prop(fdt, chosen->off, "linux,initrd-end", NULL);
		CHECK(v && hi && (len == 4 || len == 8));
		if (v && hi && (len == 4 || len == 8))
			CHECK(fdt_cells(hi, 0, len / 4) - fdt_cells(v, 0, len / 4) == 4096 &&
			      fdt_cells(v, 0, len / 4) >= 0x40000000);
	} else if (chosen) {
		CHECK(!fdt_prop(fdt, chosen->off, "linux,initrd-start", NULL));
	}

	gic = by_name(&w, "intc@8000000");
	CHECK(gic && fdt_compatible(fdt, gic->off, v3 ? "arm,gic-v3" : "arm,cortex-a15-gic"));
	CHECK(gic && fdt_prop(fdt, gic->off, "interrupt-controller", &len) && len == 0);
	CHECK(gic && fdt_prop_u32(fdt, gic->off, "#interrupt-cells", 0) == 3);
	/* A property shorter than a cell gives the default. */
	CHECK(gic && fdt_prop_u32(fdt, gic->off, "interrupt-controller", 1234) == 1234);
	CHECK(gic && fdt_prop_u32(fdt, gic->off, "no-such-property", 99) == 99);
	v = gic ? fdt_prop(fdt, gic->off, "reg", &len) : NULL;
	CHECK(v && len >= 32 && fdt_cells(v, 0, 2) == 0x8000000);
	gicnode = gic ? gic->off : -2;
	ph = gic ? fdt_prop_u32(fdt, gic->off, "phandle", 0) : 0;
	CHECK(ph && fdt_by_phandle(fdt, ph) == gicnode);

	uart = by_name(&w, "pl011@9000000");
	CHECK(uart && fdt_compatible(fdt, uart->off, "arm,pl011") &&
	      fdt_compatible(fdt, uart->off, "arm,primecell") &&
	      !fdt_compatible(fdt, uart->off, "arm,pl01"));
	CHECK(uart && reg_is(val(fdt, uart, 3), uart->len[3], 0x9000000, 0x1000));
	v = uart ? fdt_prop(fdt, uart->off, "interrupts", &len) : NULL;
	CHECK(v && len == 12 && fdt_cell(v, 0) == 0 && fdt_cell(v, 1) == 1 && fdt_cell(v, 2) == 4);

	psci = by_name(&w, "psci");
	v = psci ? fdt_prop(fdt, psci->off, "method", &len) : NULL;
	CHECK(str_is(v, len, "hvc") || str_is(v, len, "smc"));
	CHECK(psci && fdt_compatible(fdt, psci->off, "arm,psci-0.2") &&
	      fdt_compatible(fdt, psci->off, "arm,psci"));

	timer = by_name(&w, "timer");
	CHECK(timer && fdt_compatible(fdt, timer->off, "arm,armv8-timer"));
	CHECK(timer && fdt_prop(fdt, timer->off, "interrupts", &len) && len == 48);

	for (i = 0; i < w.n; i++) {
		unsigned int k;

		r = &w.r[i];
		if (strncmp(r->name, "virtio_mmio@", 12))
			continue;
		nmmio++;
		v = val(fdt, r, 3);
		CHECK(str_is(val(fdt, r, 0), r->len[0], "virtio,mmio") && r->depth == 1);
		CHECK(v && r->len[3] == 16 && fdt_cells(v, 2, 2) == 0x200);
		if (!v || r->len[3] != 16)
			continue;
		k = (unsigned int)((fdt_cells(v, 0, 2) - 0xa000000) / 0x200);
		CHECK(fdt_cells(v, 0, 2) == 0xa000000 + 0x200ULL * k && k < 32 &&
		      !(bases & 1U << k));
		bases |= 1U << (k & 31);
		v = fdt_prop(fdt, r->off, "interrupts", &len);
		CHECK(v && len == 12 && fdt_cell(v, 0) == 0 && fdt_cell(v, 1) == 16 + k &&
		      fdt_cell(v, 2) == 1);
	}
	CHECK(nmmio == 32 && bases == 0xffffffffU);

	pcie = by_name(&w, "pcie@10000000");
	CHECK(pcie && str_is(val(fdt, pcie, 0), pcie->len[0], "pci-host-ecam-generic"));
	CHECK(pcie && str_is(val(fdt, pcie, 2), pcie->len[2], "pci") && pcie->ac == 2);
	CHECK(pcie && pcie->len[3] == 16);
	CHECK(pcie && fdt_prop_u32(fdt, pcie->off, "#size-cells", 0) == 2 &&
	      fdt_prop_u32(fdt, pcie->off, "#address-cells", 0) == 3);
	v = pcie ? fdt_prop(fdt, pcie->off, "bus-range", &len) : NULL;
	CHECK(v && len == 8 && fdt_cell(v, 0) == 0);
	v = pcie ? fdt_prop(fdt, pcie->off, "ranges", &len) : NULL;
	CHECK(v && len > 0 && len % 28 == 0);
	v = pcie ? fdt_prop(fdt, pcie->off, "interrupt-map", &len) : NULL;
	CHECK(v && len >= 20 && fdt_by_phandle(fdt, fdt_cell(v, 4)) == gicnode);
	CHECK(pcie && fdt_prop(fdt, pcie->off, "interrupt-map-mask", &len) && len == 16);
	CHECK(fdt_by_phandle(fdt, 0) == -1 && fdt_by_phandle(fdt, 0xdeadbeef) == -1);
}

/* fdt_prop() finds every property of every node, as the reference reader sees them. */
static void test_every_prop(const void *fdt)
{
	struct refprop *p = malloc(sizeof(*p) * 4096);
	int nodes, n = ref_props(fdt, p, 4096, &nodes), i, j, len, bad = 0;
	const uint8_t *st = sblk(fdt);

	CHECK(n > 0);
	for (i = 0; i < n; i++) {
		const void *v;

		/* The first property of that name in the node is the answer. */
		for (j = 0; j < i && (p[j].node != p[i].node || strcmp(p[j].name, p[i].name)); j++)
			;
		if (j < i)
			continue;
		len = -1;
		v = fdt_prop(fdt, p[i].node, p[i].name, &len);
		if (v != st + p[i].val || len != (int)p[i].len) {
			bad++;
			printf("  fdt_prop(%d, \"%s\") wrong\n", p[i].node, p[i].name);
		}
	}
	CHECK(bad == 0);
	free(p);
}

/* A real tree truncated, or cut, at every length: rejected or walked inside the blob. */
/* Counts a failure of the sweep below, telling the first few. */
#define BAD()                                                                                  \
	do {                                                                                   \
		if (bad++ < 3)                                                                 \
			printf("  %s: line %d, cut at %u\n", what, __LINE__, (unsigned int)k); \
	} while (0)

static void test_truncations(const void *full, size_t fsize, const char *what)
{
	static struct walk ref, w;
	const uint8_t *fst = sblk(full);
	uint32_t limit = slen(full), strsz = rd32((const uint8_t *)full + H_SSTR), k = 0;
	const char *fstr = (const char *)full + rd32((const uint8_t *)full + H_STRINGS);
	uint32_t end_blocks = 0;
	int bad = 0, accepted = 0, i, j, m, n;
	size_t len;

	walk(full, scan_props, 4, &ref);
	end_blocks = rd32((const uint8_t *)full + H_STRUCT) + limit;
	if (rd32((const uint8_t *)full + H_STRINGS) + strsz > end_blocks)
		end_blocks = rd32((const uint8_t *)full + H_STRINGS) + strsz;

	/* The first len bytes, the header's totalsize saying so. */
	for (len = 40; len <= fsize; len++) {
		uint8_t *b = malloc(len);

		k = (uint32_t)len;
		memcpy(b, full, len);
		wr32(b + H_TOTAL, (uint32_t)len);
		if (fdt_valid(b) != (len >= end_blocks))
			BAD();
		if (fdt_valid(b)) {
			accepted++;
			n = walk(b, scan_props, 4, &w);
			if (n || w.n != ref.n || w.bad)
				BAD();
		}
		free(b);
	}
	CHECK(bad == 0 && accepted == (int)(fsize - end_blocks + 1));

	/* The structure block cut at k, at the end of the blob: with and without FDT_END. */
	bad = 0;
	for (k = 0; k <= limit; k++) {
		uint8_t *cut = malloc(k + 4);
		uint8_t *b;

		memcpy(cut, fst, k);
		for (j = 0; j < 2; j++) {
			uint32_t sz = k;

			if (j) {
				if (k % 4)
					continue;
				wr32(cut + k, T_FIN);
				sz = k + 4;
			}
			b = make_blob(cut, sz, fstr, strsz, true, NULL);
			if (fdt_valid(b) != !(sz % 4))
				BAD();
			if (fdt_valid(b)) {
				n = walk(b, scan_props, 4, &w);
				/*
				 * What is visited is what the full tree's walk visits first; the
				 * last node may have lost properties past the cut.
				 */
				if (n || w.bad || w.n > ref.n)
					BAD();
				for (i = 0; i < w.n && i < ref.n; i++) {
					struct rec r = ref.r[i];

					for (m = 0; i == w.n - 1 && m < FDT_WALK_NAMES; m++)
						if (w.r[i].val[m] == -1)
							r.val[m] = -1, r.len[m] = 0;
					if (!same_rec(&w.r[i], &r))
						BAD();
				}
				if (!j && (k < 4 || rd32(cut + k - 4) != T_FIN) && w.n)
					BAD(); /* no FDT_END: no walk at all */
				for (i = 0; i < ref.n; i++) {
					int l = -1;
					const void *v = fdt_prop(b, ref.r[i].off, "reg", &l);

					if (!prop_inside(b, v, l) ||
					    (v && (long)((const uint8_t *)v - sblk(b)) !=
							  ref.r[i].val[3]))
						BAD();
					v = fdt_prop(b, ref.r[i].off, "zz", &l);
					if (!prop_inside(b, v, l))
						BAD();
					fdt_by_phandle(b, 1);
				}
			}
			free(b);
		}
		free(cut);
	}
	CHECK(bad == 0);

	/* The strings block cut at k, at the end of the blob: names past it are not found. */
	bad = 0;
	for (k = 0; k <= strsz; k++) {
		uint8_t *b = make_blob(fst, limit, fstr, k, false, NULL);

		if (!fdt_valid(b)) {
			BAD();
		} else {
			n = walk(b, scan_props, 4, &w);
			if (n || w.bad || w.n != ref.n)
				BAD();
			for (i = 0; i < w.n && i < ref.n; i++)
				for (j = 0; j < FDT_WALK_NAMES; j++)
					if (w.r[i].val[j] != -1 && w.r[i].val[j] != ref.r[i].val[j])
						BAD();
			for (i = 0; i < ref.n; i += 7) {
				int l = -1;
				const void *v = fdt_prop(b, ref.r[i].off, "compatible", &l);

				if (!prop_inside(b, v, l))
					BAD();
			}
		}
		free(b);
	}
	CHECK(bad == 0);
}

static void test_virt_file(const char *path, bool v3)
{
	size_t n;
	uint8_t *a = load_dtb(path, false, &n), *b;

	if (!a) {
		printf("SKIP: %s missing (qemu-system-aarch64 -M virt,dumpdtb=...): QEMU's virt "
		       "tree not checked\n",
		       path);
		return;
	}
	test_virt(a, v3);
	test_every_prop(a);
	b = load_dtb(path, true, NULL);
	test_virt(b, v3);
	free(b);
	test_truncations(a, n, path);
	free(a);
}

/* --- trees built here: the walk's contract ---------------------------------------------- */

static struct bld bl;

static void test_basic(bool nops, bool struct_last)
{
	static const char *const names[] = { "reg",    "phandle",    "linux,phandle",
					     "status", "compatible", "x" };
	static struct walk w;
	uint8_t *b = (build_basic(&bl, nops), b_blob(&bl, struct_last, NULL));
	const struct rec *r, *a, *bb, *c, *d;
	const void *v;
	int len;

	CHECK(fdt_valid(b));
	CHECK(walk(b, names, 6, &w) == 0); /* more than FDT_WALK_NAMES: the first 4 */
	CHECK(w.n == 5 && w.bad == 0);
	r = by_name(&w, "");
	a = by_name(&w, "a@1");
	bb = by_name(&w, "b");
	c = by_name(&w, "c");
	d = by_name(&w, "d");
	CHECK(r && a && bb && c && d);
	if (!(r && a && bb && c && d))
		goto out;
	CHECK(r == &w.r[0] && a == &w.r[1] && bb == &w.r[2] && c == &w.r[3] && d == &w.r[4]);
	CHECK(r->depth == 0 && a->depth == 1 && bb->depth == 2 && c->depth == 3 && d->depth == 1);
	/* Each node gets its parent's cell counts, the defaults for the root. */
	CHECK(r->ac == 2 && r->sc == 1 && a->ac == 1 && a->sc == 1);
	CHECK(bb->ac == 2 && bb->sc == 1); /* a gives none: the defaults, not the root's */
	CHECK(c->ac == 3 && c->sc == 1 && d->ac == 1 && d->sc == 1);
	CHECK(a->len[0] == 8 && fdt_cell(val(b, a, 0), 1) == 2);
	CHECK(a->len[1] == 4 && fdt_cell(val(b, a, 1), 0) == 5 && a->val[2] == -1);
	CHECK(bb->len[2] == 4 && fdt_cell(val(b, bb, 2), 0) == 6 && bb->val[1] == -1);
	CHECK(str_is(val(b, a, 3), a->len[3], "okay") && r->val[3] == -1);
	CHECK(c->val[0] >= 0 && d->val[0] == -1);
	/* The walk's values are fdt_prop()'s. */
	CHECK(val(b, a, 0) == fdt_prop(b, a->off, "reg", NULL));
	CHECK(fdt_by_phandle(b, 5) == a->off && fdt_by_phandle(b, 6) == bb->off);
	CHECK(fdt_by_phandle(b, 7) == -1 && fdt_by_phandle(b, 0) == -1);
	CHECK(r->off == (nops ? 4 : 0));
	CHECK(fdt_compatible(b, r->off, "test,base") && fdt_compatible(b, r->off, "test,other"));
	CHECK(!fdt_compatible(b, r->off, "test") && !fdt_compatible(b, r->off, "test,basex") &&
	      !fdt_compatible(b, a->off, "test,base"));
	CHECK(fdt_prop_u32(b, bb->off, "x", 0) == 9 && fdt_prop_u32(b, bb->off, "y", 3) == 3);
	/* Properties come before subnodes: a node's lookup does not reach its children's. */
	CHECK(!fdt_prop(b, bb->off, "reg", NULL) && !fdt_prop(b, r->off, "reg", NULL));
	v = fdt_prop(b, d->off, "empty", &len);
	CHECK(v && len == 0 && fdt_prop_u32(b, d->off, "empty", 11) == 11);
	CHECK(fdt_prop(b, d->off, "short", &len) && len == 2 &&
	      fdt_prop_u32(b, d->off, "short", 11) == 11);
	CHECK(fdt_prop_u32(b, d->off, "long", 0) == 7);
	CHECK(!fdt_prop(b, d->off, "lon", NULL) && !fdt_prop(b, d->off, "longer", NULL) &&
	      !fdt_prop(b, d->off, "", NULL));
	test_every_prop(b);
	/* fn's nonzero return ends the walk and is its value. */
	w.stop_at = 3;
	CHECK(walk(b, names, 4, &w) == 77 && w.n == 3);
	w.stop_at = 0;
	/* No names at all. */
	CHECK(walk(b, NULL, 0, &w) == 0 && w.n == 5 && w.r[2].ac == 2 && w.r[3].ac == 3 &&
	      w.r[0].val[0] == -1);
out:
	free(b);
}

/* fdt_valid() on headers that lie. */
static void test_header(void)
{
	size_t n;
	uint8_t *b, *u;
	uint32_t ost, ostr, sst, total;
	struct {
		int field;
		uint32_t v;
	} bad[16];
	int i, nb = 0;

	build_basic(&bl, false);
	b = b_blob(&bl, true, &n);
	ost = rd32(b + H_STRUCT);
	ostr = rd32(b + H_STRINGS);
	sst = slen(b);
	total = (uint32_t)n;
	CHECK(fdt_valid(b) && fdt_totalsize(b) == total);
	CHECK(!fdt_valid(NULL));
	bad[nb++] = (typeof(bad[0])){ 0, 0xd00dfeee };	    /* magic */
	bad[nb++] = (typeof(bad[0])){ 0, 0xedfe0dd0 };	    /* magic, little-endian */
	bad[nb++] = (typeof(bad[0])){ H_VERSION, 15 };	    /* too old */
	bad[nb++] = (typeof(bad[0])){ H_TOTAL, total - 1 }; /* blocks past totalsize */
	bad[nb++] = (typeof(bad[0])){ H_TOTAL, 0 };
	bad[nb++] = (typeof(bad[0])){ H_STRUCT, 36 }; /* inside the header */
	bad[nb++] = (typeof(bad[0])){ H_STRUCT, 0 };
	bad[nb++] = (typeof(bad[0])){ H_STRUCT, ost + 2 };     /* misaligned */
	bad[nb++] = (typeof(bad[0])){ H_STRUCT, total + 4 };   /* past the blob */
	bad[nb++] = (typeof(bad[0])){ H_SSTRUCT, sst + 2 };    /* misaligned */
	bad[nb++] = (typeof(bad[0])){ H_SSTRUCT, 0xfffffffc }; /* off + size wraps */
	bad[nb++] = (typeof(bad[0])){ H_SSTRUCT, sst + 4 };
	bad[nb++] = (typeof(bad[0])){ H_STRINGS, total + 1 };
	bad[nb++] = (typeof(bad[0])){ H_STRINGS, 8 };
	bad[nb++] = (typeof(bad[0])){ H_SSTR, 0xffffffff };
	bad[nb++] = (typeof(bad[0])){ H_SSTR, ost - ostr + sst + 1 };
	for (i = 0; i < nb; i++) {
		uint32_t old = rd32(b + bad[i].field);

		wr32(b + bad[i].field, bad[i].v);
		if (fdt_valid(b))
			printf("  header case %d accepted\n", i);
		CHECK(!fdt_valid(b));
		wr32(b + bad[i].field, old);
	}
	CHECK(fdt_valid(b));
	/* A larger totalsize than the blocks need is fine (QEMU pads to 1 MiB). */
	wr32(b + H_VERSION, 16);
	CHECK(fdt_valid(b));
	wr32(b + H_VERSION, 17);
	/* The blob must be 4-byte aligned. */
	u = malloc(n + 1);
	memcpy(u + 1, b, n);
	CHECK(!fdt_valid(u + 1));
	free(u);
	free(b);
}

/* A tree of one root holding what body() adds: walked with struct_last, the blob's end. */
static uint8_t *one_node(void (*body)(struct bld *), bool fin)
{
	memset(&bl, 0, sizeof(bl));
	b_begin(&bl, "");
	body(&bl);
	if (fin)
		b_tok(&bl, T_FIN);
	return b_blob(&bl, true, NULL);
}

static uint32_t prop_len_case;

static void body_badlen(struct bld *b)
{
	b_u32(b, "first", 1);
	b_begin(b, "n");
	b_u32(b, "before", 2);
	b_prop_raw(b, prop_len_case, b_str(b, "bad"), "abcdabcd", 8);
	b_u32(b, "after", 3);
	b_tok(b, T_END);
	b_tok(b, T_END);
}

/* Property lengths running past the block: the walk stops, fdt_prop() finds nothing past. */
static void test_prop_len(void)
{
	static const uint32_t lens[] = { 0xffffffff, 0xfffffffc, 0xfffffff0, 0x80000000, 0x7fffffff,
					 0x10000,    64,	 33,	     32,	 29 };
	static struct walk w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		/* "bad"'s value starts at 60, FDT_END at 92: a length of 29 or more reaches it. */
		uint8_t *b;
		int n_node, len;
		const void *v;

		prop_len_case = lens[i];
		b = one_node(body_badlen, true);
		CHECK(fdt_valid(b));
		CHECK(walk(b, NULL, 0, &w) == 0 && w.bad == 0);
		/* Reaching FDT_END (8 + 28 bytes) or past: "n" is never handed over. */
		CHECK(w.n == 1 && w.r[0].off == 0);
		n_node = 24;
		CHECK(rd32(sblk(b) + n_node) == T_BEGIN);
		CHECK(fdt_prop_u32(b, n_node, "before", 0) == 2);
		v = fdt_prop(b, n_node, "bad", &len);
		CHECK(!v);
		CHECK(!fdt_prop(b, n_node, "after", NULL));
		free(b);
	}
	/* Lengths that stay inside are read as they say (the next token is misread). */
	prop_len_case = 4;
	{
		uint8_t *b = one_node(body_badlen, true);
		int len;

		CHECK(walk(b, NULL, 0, &w) == 0 && w.bad == 0 && w.n == 2);
		CHECK(fdt_prop(b, 24, "bad", &len) && len == 4);
		free(b);
	}
}

static uint32_t nameoff_case;

static void body_nameoff(struct bld *b)
{
	b_u32(b, "compatible", 1);
	b_prop_raw(b, 4, nameoff_case, "abcd", 4);
	b_u32(b, "status", 2);
	b_tok(b, T_END);
}

/* Name offsets past the strings block: those properties have no name, the rest are found. */
static void test_nameoff(void)
{
	static const char *const names[] = { "compatible", "status", "zzz" };
	static const uint32_t offs[] = { 18,   19,   20,	 100,	     1023,
					 1024, 5000, 0x7fffffff, 0x80000000, 0xffffffff };
	static struct walk w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		uint8_t *b;

		nameoff_case = offs[i];
		/* The strings block last: "compatible\0status\0" is 18 bytes. */
		memset(&bl, 0, sizeof(bl));
		b_begin(&bl, "");
		body_nameoff(&bl);
		b_tok(&bl, T_FIN);
		b = make_blob(bl.st, bl.nst, bl.str, bl.nstr, false, NULL);
		CHECK(bl.nstr == 18);
		CHECK(fdt_valid(b));
		CHECK(walk(b, names, 3, &w) == 0 && w.n == 1 && w.bad == 0);
		CHECK(w.r[0].val[0] >= 0 && w.r[0].val[1] >= 0 && w.r[0].val[2] == -1);
		CHECK(fdt_prop_u32(b, 0, "status", 0) == 2 &&
		      fdt_prop_u32(b, 0, "compatible", 0) == 1);
		CHECK(!fdt_prop(b, 0, "", NULL) && !fdt_prop(b, 0, "zzz", NULL));
		free(b);
	}
}

/* Property names unterminated at the end of the strings block: never matched, nor read past. */
static void test_unterminated_propname(void)
{
	static const char *const tails[] = { "compatible", "compatibl", "c", "status" };
	static const char *const names[] = { "compatible", "status", "c" };
	static struct walk w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tails); i++) {
		uint8_t *b;
		uint32_t noff;

		memset(&bl, 0, sizeof(bl));
		b_begin(&bl, "");
		b_u32(&bl, "x", 1);
		noff = bl.nstr;
		/* The name's bytes without their NUL end the strings block. */
		b_prop_raw(&bl, 4, noff, "abcd", 4);
		b_tok(&bl, T_END);
		b_tok(&bl, T_FIN);
		memcpy(bl.str + noff, tails[i], strlen(tails[i]));
		bl.nstr += (uint32_t)strlen(tails[i]);
		b = make_blob(bl.st, bl.nst, bl.str, bl.nstr, false, NULL);
		CHECK(fdt_valid(b));
		CHECK(walk(b, names, 3, &w) == 0 && w.n == 1 && w.bad == 0);
		CHECK(w.r[0].val[0] == -1 && w.r[0].val[1] == -1 && w.r[0].val[2] == -1);
		CHECK(!fdt_prop(b, 0, "compatible", NULL) && !fdt_prop(b, 0, "status", NULL) &&
		      !fdt_prop(b, 0, "c", NULL) && !fdt_prop(b, 0, "compatible-x", NULL));
		CHECK(!fdt_compatible(b, 0, "x") && fdt_prop_u32(b, 0, "x", 0) == 1);
		free(b);
	}
}

/* Node names without their NUL: they end at the first word holding a zero byte. */
static void test_unterminated_nodename(void)
{
	static struct walk w;
	uint8_t *b;

	/* Into FDT_END: no node. */
	memset(&bl, 0, sizeof(bl));
	b_tok(&bl, T_BEGIN);
	b_bytes(&bl, "abcdefgh", 8);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	CHECK(!fdt_prop(b, 0, "abcd", NULL));
	free(b);
	/* The name swallows the FDT_PROP token; whatever is then read stays inside. */
	memset(&bl, 0, sizeof(bl));
	b_tok(&bl, T_BEGIN);
	b_bytes(&bl, "abcdefgh", 8);
	b_u32(&bl, "reg", 0x01010101);
	b_tok(&bl, T_END);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.bad == 0 && w.n <= 1);
	CHECK(!fdt_prop(b, 0, "reg", NULL));
	free(b);
	/* A node name of nothing but FDT_END: the one-word block. */
	memset(&bl, 0, sizeof(bl));
	b_tok(&bl, T_BEGIN);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	CHECK(!fdt_prop(b, 0, "x", NULL));
	free(b);
}

/* Unbalanced BEGIN_NODE/END_NODE, unknown tokens, missing FDT_END, empty blocks. */
static void test_structure(void)
{
	static struct walk w;
	uint8_t *b;

	/* An END_NODE too many ends the walk: "late" is never visited. */
	memset(&bl, 0, sizeof(bl));
	b_begin(&bl, "");
	b_begin(&bl, "a");
	b_tok(&bl, T_END);
	b_tok(&bl, T_END);
	b_tok(&bl, T_END);
	b_begin(&bl, "late");
	b_tok(&bl, T_END);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 2 && !by_name(&w, "late"));
	free(b);
	/* END_NODE first. */
	memset(&bl, 0, sizeof(bl));
	b_tok(&bl, T_END);
	b_begin(&bl, "");
	b_tok(&bl, T_END);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	free(b);
	/* END_NODEs missing: the nodes there are, then FDT_END. */
	memset(&bl, 0, sizeof(bl));
	b_begin(&bl, "");
	b_begin(&bl, "a");
	b_begin(&bl, "b");
	b_u32(&bl, "x", 1);
	b_tok(&bl, T_END);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 3 && w.r[2].depth == 2);
	CHECK(fdt_prop_u32(b, w.r[2].off, "x", 0) == 1);
	free(b);
	/* A last property ending at FDT_END (no END_NODE at all): its node is not handed over. */
	bl.nst -= 8;
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 2 && !by_name(&w, "b"));
	CHECK(!fdt_prop(b, 16, "x", NULL));
	free(b);
	/* Unknown tokens end the walk. */
	memset(&bl, 0, sizeof(bl));
	b_begin(&bl, "");
	b_begin(&bl, "a");
	b_tok(&bl, T_END);
	b_tok(&bl, 5);
	b_begin(&bl, "b");
	b_tok(&bl, T_END);
	b_tok(&bl, T_END);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 2);
	free(b);
	/* A property's header cut by FDT_END: FDT_PROP as the last token but one. */
	memset(&bl, 0, sizeof(bl));
	b_begin(&bl, "");
	b_tok(&bl, T_PROP);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	CHECK(!fdt_prop(b, 0, "x", NULL));
	free(b);
	/* FDT_END missing: nothing is walked. */
	build_basic(&bl, false);
	bl.nst -= 4;
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	CHECK(!fdt_prop(b, 0, "compatible", NULL) && fdt_by_phandle(b, 5) == -1);
	free(b);
	/* Empty blocks, and a structure block of FDT_END alone. */
	memset(&bl, 0, sizeof(bl));
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	CHECK(!fdt_prop(b, 0, "x", NULL));
	free(b);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	CHECK(!fdt_prop(b, 0, "x", NULL));
	free(b);
	/* Only NOPs. */
	b_tok(&bl, T_NOP);
	wr32(bl.st, T_NOP);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.n == 0);
	free(b);
}

/* Deeper than the walk's maximum (16): those nodes are skipped, the walk goes on. */
static void test_depth(void)
{
	static struct walk w;
	uint8_t *b;
	int i, max = 0;

	memset(&bl, 0, sizeof(bl));
	b_begin(&bl, "");
	b_u32(&bl, "#address-cells", 1);
	for (i = 1; i <= 40; i++) {
		char name[16];

		snprintf(name, sizeof(name), "d%d", i);
		b_begin(&bl, name);
		b_u32(&bl, "#address-cells", (uint32_t)i + 1);
		b_u32(&bl, "phandle", 100 + (uint32_t)i);
	}
	for (i = 1; i <= 40; i++)
		b_tok(&bl, T_END);
	b_begin(&bl, "sibling");
	b_u32(&bl, "phandle", 99);
	b_tok(&bl, T_END);
	b_tok(&bl, T_END);
	b_tok(&bl, T_FIN);
	b = b_blob(&bl, true, NULL);
	CHECK(fdt_valid(b) && walk(b, NULL, 0, &w) == 0 && w.bad == 0);
	for (i = 0; i < w.n; i++)
		max = w.r[i].depth > max ? w.r[i].depth : max;
	CHECK(max == 16 && w.n == 18 && by_name(&w, "sibling") && by_name(&w, "d16") &&
	      !by_name(&w, "d17"));
	CHECK(by_name(&w, "sibling") && by_name(&w, "sibling")->ac == 1);
	CHECK(by_name(&w, "d16") && by_name(&w, "d16")->ac == 16);
	CHECK(fdt_by_phandle(b, 99) >= 0 && fdt_by_phandle(b, 116) >= 0 &&
	      fdt_by_phandle(b, 117) == -1);
	free(b);
}

/* fdt_prop() with offsets that are no node: bounded, and NULL when out of range. */
static void test_bad_offsets(void)
{
	uint8_t *b;
	int limit, off, len;
	const void *v;

	build_basic(&bl, true);
	b = b_blob(&bl, true, NULL);
	limit = (int)slen(b);
	CHECK(!fdt_prop(b, -1, "reg", NULL) && !fdt_prop(b, -4, "reg", NULL));
	CHECK(!fdt_prop(b, limit, "reg", NULL) && !fdt_prop(b, limit - 4, "reg", NULL));
	CHECK(!fdt_prop(b, 0x7ffffffc, "reg", NULL) && !fdt_prop(b, limit + 1, "reg", NULL));
	CHECK(fdt_prop_u32(b, -1, "x", 5) == 5);
	/* Every offset, aligned or not: whatever is found lies inside the block. */
	for (off = 0; off < limit + 8; off++) {
		v = fdt_prop(b, off, "reg", &len);
		CHECK(prop_inside(b, v, len));
		v = fdt_prop(b, off, "long", &len);
		CHECK(prop_inside(b, v, len));
	}
	free(b);
}

/* NOP tokens anywhere a token may be: the same tree. */
static void test_nops(void)
{
	static struct walk a, w;
	static const char *const names[] = { "reg", "compatible", "phandle", "status" };
	uint8_t *p, *q;
	int i, ok = 1;

	build_basic(&bl, false);
	p = b_blob(&bl, true, NULL);
	build_basic(&bl, true);
	q = b_blob(&bl, true, NULL);
	CHECK(walk(p, names, 4, &a) == 0 && walk(q, names, 4, &w) == 0 && a.n == w.n && a.n == 5);
	for (i = 0; i < a.n && i < w.n; i++) {
		int la, lq;
		const uint8_t *va = fdt_prop(p, a.r[i].off, "reg", &la);
		const uint8_t *vq = fdt_prop(q, w.r[i].off, "reg", &lq);

		ok &= !strcmp(a.r[i].name, w.r[i].name) && a.r[i].depth == w.r[i].depth &&
		      a.r[i].ac == w.r[i].ac && !va == !vq &&
		      (!va || (la == lq && !memcmp(va, vq, 4)));
		ok &= fdt_prop_u32(p, a.r[i].off, "long", 1) ==
		      fdt_prop_u32(q, w.r[i].off, "long", 1);
	}
	CHECK(ok);
	free(p);
	free(q);
}

/* String lists: bounded by their length, terminated strings only. */
static void test_strlist(void)
{
	static const char list[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	char *h = malloc(sizeof(list));
	char *u = malloc(3);

	memcpy(h, list, sizeof(list));
	CHECK(fdt_strlist_has(h, sizeof(list), "arm,psci-1.0"));
	CHECK(fdt_strlist_has(h, sizeof(list), "arm,psci-0.2"));
	CHECK(fdt_strlist_has(h, sizeof(list), "arm,psci"));
	CHECK(!fdt_strlist_has(h, sizeof(list), "arm,ps"));
	CHECK(!fdt_strlist_has(h, sizeof(list), "arm,psci-1.00"));
	CHECK(!fdt_strlist_has(h, sizeof(list), ""));
	CHECK(!fdt_strlist_has(h, 13, "arm,psci-0.2")); /* len counts */
	CHECK(fdt_strlist_has(h, 13, "arm,psci-1.0"));
	CHECK(!fdt_strlist_has(h, 0, "arm,psci-1.0") && !fdt_strlist_has(h, -5, "arm,psci"));
	CHECK(!fdt_strlist_has(NULL, 10, "arm,psci"));
	/* The last string without its NUL at the end of the block: never read past len. */
	memcpy(u, "abc", 3);
	CHECK(!fdt_strlist_has(u, 3, "abcd"));
	CHECK(!fdt_strlist_has(u, 3, "abc"));
	CHECK(!fdt_strlist_has(u, 2, "ab"));
	CHECK(!fdt_strlist_has(u, 3, "x"));
	free(u);
	free(h);
}

/* --- the fuzzer's seeds ----------------------------------------------------------------- */

static void write_seed(const char *dir, const char *name, const void *b, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f) {
		fwrite(b, 1, n, f);
		fclose(f);
	}
}

static int seeds(const char *dir, int argc, char **argv)
{
	size_t n;
	uint8_t *b;
	int i;

	for (i = 0; i < argc; i++) {
		char name[32];

		b = load_dtb(argv[i], false, &n);
		if (!b)
			continue;
		snprintf(name, sizeof(name), "virt%d.dtb", i);
		write_seed(dir, name, b, n);
		free(b);
	}
	build_basic(&bl, true);
	b = b_blob(&bl, false, &n);
	write_seed(dir, "basic.dtb", b, n);
	free(b);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--seeds"))
		return argc < 3 ? 2 : seeds(argv[2], argc - 3, argv + 3);
	test_header();
	test_basic(false, true);
	test_basic(false, false);
	test_basic(true, true);
	test_nops();
	test_structure();
	test_prop_len();
	test_nameoff();
	test_unterminated_propname();
	test_unterminated_nodename();
	test_depth();
	test_bad_offsets();
	test_strlist();
	if (argc >= 2)
		test_virt_file(argv[1], true);
	else
		printf("SKIP: no GICv3 virt tree given: QEMU's virt tree not checked\n");
	if (argc >= 3)
		test_virt_file(argv[2], false);
	printf("fdt: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
