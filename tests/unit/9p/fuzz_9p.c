/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: arbitrary bytes as 9P replies. Byte 0 picks what is being answered;
 * bit 7 of it makes the harness fix up the size field, so that the fuzzer reaches the body
 * checks quickly. The rest goes to p9_reply() and the matching body parser, and to the
 * client (connect, walk, read, readdir) through a transport that returns it. Bit 6 of byte 0
 * makes the bytes an Rread split as a zero-copy transport delivers it: to p9_rread_split()
 * and to the client's zero-copy read. ASan and UBSan turn any out-of-bounds access into a
 * crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <9p/client.h>

static const uint8_t types[] = { P9_TVERSION, P9_TATTACH, P9_TWALK,	P9_TLOPEN,    P9_TLCREATE,
				 P9_TREAD,    P9_TWRITE,  P9_TCLUNK,	P9_TGETATTR,  P9_TSETATTR,
				 P9_TREADDIR, P9_TMKDIR,  P9_TUNLINKAT, P9_TRENAMEAT, P9_TFSYNC };

static const uint8_t *fz;
static size_t fzlen;

/* Returns the fuzz input as the reply, with the request's tag patched in half the time. */
static int fz_request(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
		      uint32_t rxcap, uint32_t *rxlen)
{
	const uint8_t *q = tx;
	uint8_t *r = rx;
	size_t n = fzlen < rxcap ? fzlen : rxcap;

	memcpy(r, fz, n);
	*rxlen = (uint32_t)fzlen; /* may exceed rxcap: the client must notice */
	if (n >= 7 && (fz[0] & 1)) {
		r[5] = q[5];
		r[6] = q[6];
	}
	return 0;
}

/* The same bytes as a zero-copy reply: the first rxcap in rx, at most in_len more in in. */
static int fz_request_zc(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			 uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen)
{
	size_t head = fzlen < rxcap ? fzlen : rxcap, rest = fzlen - head;

	fz_request(t, tx, txlen, rx, (uint32_t)head, rxlen);
	memcpy(zc->in, fz + head, rest < zc->in_len ? rest : zc->in_len);
	return 0;
}

static void parse_body(uint8_t ttype, struct p9_buf *b)
{
	struct p9_qid qids[P9_MAXWELEM];
	const uint8_t *data;
	struct p9_attr attr;
	struct p9_dirent de;
	const char *s;
	uint32_t u, n;
	uint16_t l;
	unsigned int nq;
	volatile uint8_t sink = 0;

	switch (ttype) {
	case P9_TVERSION:
		if (!p9_rversion(b, &u, &s, &l))
			for (uint16_t i = 0; i < l; i++)
				sink ^= (uint8_t)s[i];
		break;
	case P9_TATTACH:
	case P9_TMKDIR:
		p9_rqid(b, &qids[0]);
		break;
	case P9_TWALK:
		p9_rwalk(b, P9_MAXWELEM, qids, &nq);
		break;
	case P9_TLOPEN:
	case P9_TLCREATE:
		p9_ropen(b, &qids[0], &u);
		break;
	case P9_TREAD:
	case P9_TREADDIR:
		if (!p9_rdata(b, 1 << 16, &data, &n)) {
			struct p9_buf d = { .data = (uint8_t *)data, .size = n };

			for (uint32_t i = 0; i < n; i++)
				sink ^= data[i];
			while (p9_dirent_next(&d, &de) == 1)
				for (uint16_t i = 0; i < de.namelen; i++)
					sink ^= (uint8_t)de.name[i];
		}
		break;
	case P9_TWRITE:
		p9_rwrite(b, 1 << 16, &n);
		break;
	case P9_TGETATTR:
		p9_rgetattr(b, &attr);
		break;
	default:
		p9_rempty(b);
	}
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct p9_transport t = { .tag = "fz", .request = fz_request };
	struct p9_client c = { .t = &t, .msize = 512, .next_fid = 1 };
	uint8_t *msg, tx[512], rx[512], out[600];
	struct p9_buf body;
	uint8_t ttype;
	uint32_t len;

	if (size < 1)
		return 0;
	ttype = types[(data[0] & 0x7f) % sizeof(types)];
	len = (uint32_t)(size - 1);
	msg = malloc(len ? len : 1); /* exact size: ASan sees any overrun */
	memcpy(msg, data + 1, len);
	if ((data[0] & 0x80) && len >= 4) {
		msg[0] = (uint8_t)len;
		msg[1] = (uint8_t)(len >> 8);
		msg[2] = (uint8_t)(len >> 16);
		msg[3] = (uint8_t)(len >> 24);
	}
	if (p9_reply(msg, len, ttype, msg[len > 6 ? 5 : 0] | (len > 6 ? msg[6] << 8 : 0), &body) ==
	    0)
		parse_body(ttype, &body);

	if (data[0] & 0x40) {
		/* A header buffer of exactly P9_READ_HDR bytes: ASan sees a read past it. */
		uint8_t *hdr = malloc(P9_READ_HDR), big[4096];
		struct p9_transport tz = { .tag = "fz",
					   .request = fz_request,
					   .request_zc = fz_request_zc };
		struct p9_client cz = { .t = &tz, .msize = 2048, .next_fid = 1 };
		uint32_t n;

		memcpy(hdr, msg, len < P9_READ_HDR ? len : P9_READ_HDR);
		p9_rread_split(hdr, len, len > 6 ? msg[5] | msg[6] << 8 : 0, 1500, &n);
		free(hdr);
		fz = msg;
		fzlen = len;
		cz.tx = malloc(cz.msize);
		cz.rx = malloc(cz.msize);
		p9_read(&cz, 1, 0, big, sizeof(big));
		free(cz.tx);
		free(cz.rx);
		free(msg);
		return 0;
	}

	/* The client, with the same bytes as every reply. */
	fz = msg;
	fzlen = len;
	c.tx = tx;
	c.rx = rx;
	switch (ttype % 4) {
	case 0: {
		const char *names[2] = { "a", "b" };

		p9_walk(&c, 1, 2, 2, names, NULL);
		break;
	}
	case 1:
		p9_read(&c, 1, 0, out, sizeof(out));
		break;
	case 2:
		p9_readdir(&c, 1, 0, out, 300);
		break;
	default: {
		struct p9_client *cc;
		uint32_t root;

		if (p9_connect(&cc, &t, 4096, "", &root) == 0)
			p9_disconnect(cc);
	}
	}
	free(msg);
	return 0;
}
