/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host unit tests of libs/9p: request encoding, reply checks (every malformed shape must
 * be -EIO, never a read out of bounds: the ASan build watches), the client over a scripted
 * transport, and, when diod is installed, the client against a real 9P2000.L server.
 * Last line: "9p: N passed, F failed".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <9p/client.h>
#include "../check.h"

/* --- building replies ----------------------------------------------------------------- */

struct msg {
	uint8_t b[70000];
	uint32_t n;
};

static void m_u(struct msg *m, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		m->b[m->n++] = (uint8_t)(v >> (8 * i));
}

static void m_str(struct msg *m, const char *s)
{
	m_u(m, strlen(s), 2);
	memcpy(m->b + m->n, s, strlen(s));
	m->n += strlen(s);
}

static void m_qid(struct msg *m, uint8_t type, uint64_t path)
{
	m_u(m, type, 1);
	m_u(m, 0, 4);
	m_u(m, path, 8);
}

static void m_begin(struct msg *m, uint8_t type, uint16_t tag)
{
	m->n = 0;
	m_u(m, 0, 4);
	m_u(m, type, 1);
	m_u(m, tag, 2);
}

static uint32_t m_end(struct msg *m)
{
	m->b[0] = (uint8_t)m->n;
	m->b[1] = (uint8_t)(m->n >> 8);
	m->b[2] = (uint8_t)(m->n >> 16);
	m->b[3] = (uint8_t)(m->n >> 24);
	return m->n;
}

static uint32_t tx_u32(const uint8_t *tx, int at)
{
	return tx[at] | tx[at + 1] << 8 | tx[at + 2] << 16 | (uint32_t)tx[at + 3] << 24;
}

/* Check a reply of len bytes from m as an answer to ttype with tag 1. */
static int parse(struct msg *m, uint8_t ttype, struct p9_buf *body)
{
	return p9_reply(m->b, m->n, ttype, 1, body);
}

/* --- encoding --------------------------------------------------------------------------- */

static void test_encode(void)
{
	static const uint8_t want[] = { 21, 0, 0,   0,	 100, 0xff, 0xff, 0,   0,   2,	0,
					8,  0, '9', 'P', '2', '0',  '0',  '0', '.', 'L' };
	const char *names[17] = { "a", "b" };
	uint8_t buf[256];
	int n;

	n = p9_tversion(buf, sizeof(buf), 131072, P9_VERSION_L);
	CHECK(n == 21 && !memcmp(buf, want, sizeof(want)));
	CHECK(p9_tversion(buf, 20, 131072, P9_VERSION_L) == -E2BIG);
	CHECK(p9_tversion(buf, 3, 131072, P9_VERSION_L) == -E2BIG);

	n = p9_twalk(buf, sizeof(buf), 7, 1, 2, 2, names);
	CHECK(n == 7 + 4 + 4 + 2 + 3 + 3 && buf[4] == P9_TWALK && buf[5] == 7 && buf[15] == 2);
	names[1] = "..";
	CHECK(p9_twalk(buf, sizeof(buf), 7, 1, 2, 2, names) == -EINVAL);
	names[1] = "a/b";
	CHECK(p9_twalk(buf, sizeof(buf), 7, 1, 2, 2, names) == -EINVAL);
	names[1] = "";
	CHECK(p9_twalk(buf, sizeof(buf), 7, 1, 2, 2, names) == -EINVAL);
	CHECK(p9_twalk(buf, sizeof(buf), 7, 1, 2, 17, names) == -EINVAL);
	CHECK(p9_twalk(buf, sizeof(buf), 7, 1, 2, 0, names) == 17);
	CHECK(p9_tlcreate(buf, sizeof(buf), 1, 1, ".", 0, 0644, 0) == -EINVAL);

	n = p9_twrite(buf, sizeof(buf), 3, 9, 0x0102030405060708ull, "xyz", 3);
	CHECK(n == P9_WRITE_HDR + 3 && buf[11] == 8 && buf[18] == 1 && buf[19] == 3 &&
	      !memcmp(buf + P9_WRITE_HDR, "xyz", 3));
	CHECK(p9_twrite(buf, P9_WRITE_HDR + 2, 3, 9, 0, "xyz", 3) == -E2BIG);

	/* Twrite's header alone: its size counts the data sent apart. */
	n = p9_twrite_hdr(buf, P9_WRITE_HDR, 3, 9, 0x0102030405060708ull, 70000);
	CHECK(n == P9_WRITE_HDR && buf[0] == (uint8_t)(P9_WRITE_HDR + 70000) &&
	      buf[1] == (uint8_t)((P9_WRITE_HDR + 70000) >> 8) && buf[2] == 1 && buf[3] == 0 &&
	      buf[4] == P9_TWRITE && buf[11] == 8 && buf[18] == 1 && tx_u32(buf, 19) == 70000);
	CHECK(p9_twrite_hdr(buf, P9_WRITE_HDR - 1, 3, 9, 0, 3) == -E2BIG);
	CHECK(p9_twrite_hdr(buf, sizeof(buf), 3, 9, 0, 0xffffffffu - 10) == -E2BIG);

	n = p9_tsetattr(buf, sizeof(buf), 1, 5, P9_SETATTR_SIZE, 0, 77);
	CHECK(n == 7 + 4 + 4 + 4 + 4 + 4 + 8 + 32 && buf[7 + 4] == P9_SETATTR_SIZE &&
	      buf[7 + 20] == 77);
}

/* --- reply checks ----------------------------------------------------------------------- */

static void test_reply_header(void)
{
	struct p9_buf body;
	struct msg m;

	m_begin(&m, P9_RCLUNK, 1);
	m_end(&m);
	CHECK(parse(&m, P9_TCLUNK, &body) == 0 && p9_rempty(&body) == 0);
	CHECK(p9_reply(m.b, 6, P9_TCLUNK, 1, &body) == -EIO); /* shorter than a header */
	CHECK(p9_reply(m.b, 0, P9_TCLUNK, 1, &body) == -EIO);
	CHECK(p9_reply(m.b, m.n, P9_TCLUNK, 2, &body) == -EIO); /* another tag */
	CHECK(p9_reply(m.b, m.n, P9_TREAD, 1, &body) == -EIO);	/* answers something else */
	m.b[0] = 8;
	CHECK(p9_reply(m.b, 7, P9_TCLUNK, 1, &body) == -EIO); /* size says more than came */
	m.b[0] = 6;
	CHECK(p9_reply(m.b, 7, P9_TCLUNK, 1, &body) == -EIO); /* size says less */
	m.b[0] = 7;
	m.b[3] = 0x80;
	CHECK(p9_reply(m.b, 7, P9_TCLUNK, 1, &body) == -EIO); /* huge size */

	m_begin(&m, P9_RCLUNK, 1);
	m_u(&m, 0, 1);
	m_end(&m);
	CHECK(parse(&m, P9_TCLUNK, &body) == 0 && p9_rempty(&body) == -EIO); /* trailing byte */

	m_begin(&m, P9_RLERROR, 1);
	m_u(&m, ENOENT, 4);
	m_end(&m);
	CHECK(parse(&m, P9_TWALK, &body) == -ENOENT);
	m_begin(&m, P9_RLERROR, 1);
	m_u(&m, 0, 4);
	m_end(&m);
	CHECK(parse(&m, P9_TWALK, &body) == -EIO); /* error 0 is no error */
	m_begin(&m, P9_RLERROR, 1);
	m_u(&m, 100000, 4);
	m_end(&m);
	CHECK(parse(&m, P9_TWALK, &body) == -EIO);
	m_begin(&m, P9_RLERROR, 1);
	m_u(&m, EACCES, 2);
	m_end(&m);
	CHECK(parse(&m, P9_TWALK, &body) == -EIO); /* short ecode */
	m_begin(&m, P9_RLERROR, 1);
	m_u(&m, EACCES, 4);
	m_u(&m, 0, 1);
	m_end(&m);
	CHECK(parse(&m, P9_TWALK, &body) == -EIO); /* trailing byte */
}

static void test_reply_bodies(void)
{
	struct p9_qid qids[P9_MAXWELEM], qid;
	const uint8_t *data;
	struct p9_dirent de;
	struct p9_attr attr;
	struct p9_buf body, d;
	const char *ver;
	uint32_t u, n;
	uint16_t vlen;
	unsigned int nq;
	struct msg m;

	/* Rversion: the string must fit. */
	m_begin(&m, P9_RVERSION, P9_NOTAG);
	m_u(&m, 8192, 4);
	m_str(&m, "9P2000.L");
	m_end(&m);
	CHECK(p9_reply(m.b, m.n, P9_TVERSION, P9_NOTAG, &body) == 0 &&
	      p9_rversion(&body, &u, &ver, &vlen) == 0 && u == 8192 && vlen == 8);
	m.b[11] = 9; /* string length one past the end */
	CHECK(p9_reply(m.b, m.n, P9_TVERSION, P9_NOTAG, &body) == 0 &&
	      p9_rversion(&body, &u, &ver, &vlen) == -EIO);
	m.b[11] = 0xff;
	m.b[12] = 0xff;
	CHECK(p9_reply(m.b, m.n, P9_TVERSION, P9_NOTAG, &body) == 0 &&
	      p9_rversion(&body, &u, &ver, &vlen) == -EIO);

	/* Rwalk: no more qids than names, each complete. */
	m_begin(&m, P9_RWALK, 1);
	m_u(&m, 2, 2);
	m_qid(&m, P9_QTDIR, 5);
	m_qid(&m, 0, 6);
	m_end(&m);
	CHECK(parse(&m, P9_TWALK, &body) == 0 && p9_rwalk(&body, 2, qids, &nq) == 0 && nq == 2 &&
	      qids[1].path == 6);
	CHECK(parse(&m, P9_TWALK, &body) == 0 && p9_rwalk(&body, 1, qids, &nq) == -EIO);
	m.b[7] = 17;
	CHECK(parse(&m, P9_TWALK, &body) == 0 && p9_rwalk(&body, 16, qids, &nq) == -EIO);
	m.b[7] = 3; /* says three, carries two */
	CHECK(parse(&m, P9_TWALK, &body) == 0 && p9_rwalk(&body, 3, qids, &nq) == -EIO);
	m.b[7] = 1; /* says one, carries two */
	CHECK(parse(&m, P9_TWALK, &body) == 0 && p9_rwalk(&body, 3, qids, &nq) == -EIO);

	/* Rread: count within what was asked and within the message. */
	m_begin(&m, P9_RREAD, 1);
	m_u(&m, 5, 4);
	memcpy(m.b + m.n, "hello", 5);
	m.n += 5;
	m_end(&m);
	CHECK(parse(&m, P9_TREAD, &body) == 0 && p9_rdata(&body, 5, &data, &n) == 0 && n == 5 &&
	      !memcmp(data, "hello", 5));
	CHECK(parse(&m, P9_TREAD, &body) == 0 && p9_rdata(&body, 4, &data, &n) == -EIO);
	m.b[7] = 6;
	CHECK(parse(&m, P9_TREAD, &body) == 0 && p9_rdata(&body, 100, &data, &n) == -EIO);
	m.b[7] = 4;
	CHECK(parse(&m, P9_TREAD, &body) == 0 && p9_rdata(&body, 100, &data, &n) == -EIO);
	m.b[7] = 0xff;
	m.b[10] = 0xff;
	CHECK(parse(&m, P9_TREAD, &body) == 0 && p9_rdata(&body, 0xffffffff, &data, &n) == -EIO);

	/* Rwrite. */
	m_begin(&m, P9_RWRITE, 1);
	m_u(&m, 10, 4);
	m_end(&m);
	CHECK(parse(&m, P9_TWRITE, &body) == 0 && p9_rwrite(&body, 10, &n) == 0 && n == 10);
	CHECK(parse(&m, P9_TWRITE, &body) == 0 && p9_rwrite(&body, 9, &n) == -EIO);

	/* Rlopen: qid + iounit, nothing more or less. */
	m_begin(&m, P9_RLOPEN, 1);
	m_qid(&m, 0, 1);
	m_u(&m, 0, 4);
	m_end(&m);
	CHECK(parse(&m, P9_TLOPEN, &body) == 0 && p9_ropen(&body, &qid, &u) == 0);
	m.n -= 1;
	m_end(&m);
	CHECK(parse(&m, P9_TLOPEN, &body) == 0 && p9_ropen(&body, &qid, &u) == -EIO);

	/* Rgetattr: 153 bytes of body exactly. */
	m_begin(&m, P9_RGETATTR, 1);
	m_u(&m, P9_GETATTR_BASIC, 8);
	m_qid(&m, 0, 42);
	m_u(&m, 0100644, 4);
	m_u(&m, 0, 4);
	m_u(&m, 0, 4);
	for (int i = 0; i < 15; i++)
		m_u(&m, i == 2 ? 1234 : 0, 8); /* nlink rdev size ... */
	m_end(&m);
	CHECK(m.n == 7 + 153);
	CHECK(parse(&m, P9_TGETATTR, &body) == 0 && p9_rgetattr(&body, &attr) == 0 &&
	      attr.size == 1234 && attr.mode == 0100644 && attr.qid.path == 42);
	for (uint32_t cut = 1; cut < 153; cut += 13) {
		struct msg s = m;

		s.n -= cut;
		m_end(&s);
		CHECK(parse(&s, P9_TGETATTR, &body) == 0 && p9_rgetattr(&body, &attr) == -EIO);
	}

	/* Rreaddir entries: each must fit the data. */
	m_begin(&m, P9_RREADDIR, 1);
	m_u(&m, 0, 4);
	m_qid(&m, 0, 1);
	m_u(&m, 1, 8);
	m_u(&m, 8, 1);
	m_str(&m, "grass");
	m_qid(&m, P9_QTDIR, 2);
	m_u(&m, 2, 8);
	m_u(&m, 4, 1);
	m_str(&m, "sub");
	u = m.n - 11;
	m.b[7] = (uint8_t)u;
	m_end(&m);
	CHECK(parse(&m, P9_TREADDIR, &body) == 0 && p9_rdata(&body, 4096, &data, &n) == 0);
	d = (struct p9_buf){ .data = (uint8_t *)data, .size = n };
	CHECK(p9_dirent_next(&d, &de) == 1 && de.namelen == 5 && !memcmp(de.name, "grass", 5));
	CHECK(p9_dirent_next(&d, &de) == 1 && de.namelen == 3 && de.offset == 2);
	CHECK(p9_dirent_next(&d, &de) == 0);
	d = (struct p9_buf){ .data = (uint8_t *)data, .size = n - 1 }; /* last name cut short */
	CHECK(p9_dirent_next(&d, &de) == 1 && p9_dirent_next(&d, &de) == -EIO);
	d = (struct p9_buf){ .data = (uint8_t *)data, .size = 10 }; /* a qid cut short */
	CHECK(p9_dirent_next(&d, &de) == -EIO);
}

/* --- replies split between a header buffer and the caller's buffer (zero-copy Rread) --- */

/*
 * p9_rread_split() over the first bytes of m in a header buffer of exactly P9_READ_HDR
 * bytes (ASan sees any read past it), len being what the transport reported.
 */
static int split(struct msg *m, uint32_t len, uint32_t asked, uint32_t *count)
{
	uint8_t *hdr = malloc(P9_READ_HDR);
	int rc;

	memcpy(hdr, m->b, P9_READ_HDR);
	rc = p9_rread_split(hdr, len, 1, asked, count);
	free(hdr);
	return rc;
}

static void test_split_reply(void)
{
	struct msg m;
	uint32_t n = 0;

	/* Rread of 5 bytes: 11 in the header buffer, 5 elsewhere. */
	m_begin(&m, P9_RREAD, 1);
	m_u(&m, 5, 4);
	memcpy(m.b + m.n, "hello", 5);
	m.n += 5;
	m_end(&m);
	CHECK(split(&m, 16, 5, &n) == 0 && n == 5);
	CHECK(split(&m, 16, 100, &n) == 0 && n == 5);
	CHECK(split(&m, 16, 4, &n) == -EIO);   /* count > requested */
	CHECK(split(&m, 17, 100, &n) == -EIO); /* size field disagrees with the device */
	CHECK(split(&m, 15, 100, &n) == -EIO);
	CHECK(split(&m, 0xffffffff, 0xffffffff, &n) == -EIO);
	m.b[7] = 4; /* count disagrees with the size */
	CHECK(split(&m, 16, 100, &n) == -EIO);
	m.b[7] = 6;
	CHECK(split(&m, 16, 100, &n) == -EIO);
	m.b[7] = 0xff; /* count - 11 wrapping around */
	m.b[8] = m.b[9] = m.b[10] = 0xff;
	CHECK(split(&m, 16, 0xffffffff, &n) == -EIO);
	m_begin(&m, P9_RREAD, 2); /* another tag */
	m_u(&m, 5, 4);
	m.n += 5;
	m_end(&m);
	CHECK(split(&m, 16, 100, &n) == -EIO);
	m_begin(&m, P9_RWRITE, 1); /* answers something else */
	m_u(&m, 5, 4);
	m.n += 5;
	m_end(&m);
	CHECK(split(&m, 16, 100, &n) == -EIO);

	/* End of file: the header alone. */
	m_begin(&m, P9_RREAD, 1);
	m_u(&m, 0, 4);
	m_end(&m);
	CHECK(split(&m, 11, 100, &n) == 0 && n == 0);

	/* Short headers: below a 9P header, or an Rread without its count. */
	m_begin(&m, P9_RREAD, 1);
	m_u(&m, 0, 2);
	m_end(&m);
	CHECK(split(&m, 9, 100, &n) == -EIO);
	m.b[0] = 6;
	CHECK(split(&m, 6, 100, &n) == -EIO);
	CHECK(split(&m, 0, 100, &n) == -EIO);
	m_begin(&m, P9_RREAD, 1);
	m_end(&m);
	CHECK(split(&m, 7, 100, &n) == -EIO);

	/* Rlerror fills the header buffer exactly; one a byte longer is malformed. */
	m_begin(&m, P9_RLERROR, 1);
	m_u(&m, ENOENT, 4);
	m_end(&m);
	CHECK(split(&m, 11, 100, &n) == -ENOENT);
	m.b[0] = 12;
	CHECK(split(&m, 12, 100, &n) == -EIO);
	m.b[0] = 11;
	m.b[7] = 0; /* error 0 is no error */
	CHECK(split(&m, 11, 100, &n) == -EIO);
	m_begin(&m, P9_RLERROR, 1); /* short ecode */
	m_u(&m, ENOENT, 2);
	m_end(&m);
	CHECK(split(&m, 9, 100, &n) == -EIO);
}

/* --- the client over a scripted transport ----------------------------------------------- */

typedef uint32_t (*responder_t)(const uint8_t *tx, uint32_t txlen, uint8_t *rx, uint32_t cap);
static responder_t responder;
static uint32_t lie_rxlen; /* when set, the transport reports this length instead */
static int zc_calls;

static int fake_request(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			uint32_t rxcap, uint32_t *rxlen)
{
	*rxlen = responder(tx, txlen, rx, rxcap);
	if (lie_rxlen)
		*rxlen = lie_rxlen;
	return 0;
}

/*
 * A zero-copy transport as a device would be: the request assembled from its two parts,
 * the reply scattered over rx (rxcap bytes) and zc->in, never past either.
 */
static int fake_request_zc(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			   uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen)
{
	static uint8_t req[70000], rep[70000];
	uint32_t n, head;

	if ((uint64_t)txlen + zc->out_len > sizeof(req))
		return -E2BIG;
	memcpy(req, tx, txlen);
	if (zc->out_len)
		memcpy(req + txlen, zc->out, zc->out_len);
	n = responder(req, txlen + zc->out_len, rep, sizeof(rep));
	head = n < rxcap ? n : rxcap;
	memcpy(rx, rep, head);
	if (n > head)
		memcpy(zc->in, rep + head, n - head > zc->in_len ? zc->in_len : n - head);
	zc_calls++;
	*rxlen = lie_rxlen ? lie_rxlen : n;
	return 0;
}

static struct p9_transport fake = { .tag = "fs0", .kind = "test", .request = fake_request };

static uint16_t tx_tag(const uint8_t *tx)
{
	return tx[5] | tx[6] << 8;
}

static uint32_t reply_to(uint8_t *rx, uint32_t cap, struct msg *m)
{
	if (m->n <= cap)
		memcpy(rx, m->b, m->n);
	return m->n;
}

static uint32_t server_msize = 8192;
static const char *server_version = "9P2000.L";
static uint8_t file[20000], written[20000];
static int read_mode; /* 0: honest; 1: count > asked; 2: count past the message */
static int write_mode;

static uint32_t script(const uint8_t *tx, uint32_t txlen, uint8_t *rx, uint32_t cap)
{
	static struct msg m;
	uint16_t tag = tx_tag(tx);

	switch (tx[4]) {
	case P9_TVERSION:
		m_begin(&m, P9_RVERSION, tag);
		/* An honest server answers with the smaller msize; a liar with its own. */
		m_u(&m,
		    server_msize > (1 << 16) || server_msize < tx_u32(tx, 7) ? server_msize :
									       tx_u32(tx, 7),
		    4);
		m_str(&m, server_version);
		break;
	case P9_TATTACH:
	case P9_TMKDIR:
		m_begin(&m, tx[4] + 1, tag);
		m_qid(&m, P9_QTDIR, 1);
		break;
	case P9_TWALK: {
		uint16_t nw = tx[15] | tx[16] << 8;

		m_begin(&m, P9_RWALK, tag);
		/* "missing" anywhere stops the walk there. */
		const uint8_t *p = tx + 17;
		int i;

		for (i = 0; i < nw; i++) {
			uint16_t l = p[0] | p[1] << 8;

			if (l == 7 && !memcmp(p + 2, "missing", 7))
				break;
			p += 2 + l;
		}
		if (i == 0 && nw) {
			m_begin(&m, P9_RLERROR, tag);
			m_u(&m, ENOENT, 4);
			break;
		}
		m_u(&m, i, 2);
		while (i--)
			m_qid(&m, 0, 10 + i);
		break;
	}
	case P9_TREAD: {
		uint64_t off = tx_u32(tx, 11);
		uint32_t count = tx_u32(tx, 19), n;

		if (tx_u32(tx, 7) == 99) { /* a fid the server does not know */
			m_begin(&m, P9_RLERROR, tag);
			m_u(&m, EBADF, 4);
			break;
		}
		n = off >= sizeof(file) ? 0 : sizeof(file) - off;
		n = n < count ? n : count;
		m_begin(&m, P9_RREAD, tag);
		m_u(&m, read_mode == 1 ? count + 1 : read_mode == 2 ? n + 100 : n, 4);
		memcpy(m.b + m.n, file + off, n);
		m.n += n;
		break;
	}
	case P9_TWRITE: {
		uint64_t off = tx_u32(tx, 11);
		uint32_t count = tx_u32(tx, 19);

		/* What arrived, whichever way it was sent. */
		if (tx_u32(tx, 0) == txlen && txlen == P9_WRITE_HDR + count &&
		    off + count <= sizeof(written))
			memcpy(written + off, tx + P9_WRITE_HDR, count);
		m_begin(&m, P9_RWRITE, tag);
		m_u(&m, write_mode == 1 ? 0 : write_mode == 2 ? count + 1 : count, 4);
		break;
	}
	case P9_TCLUNK:
		m_begin(&m, P9_RCLUNK, tag);
		break;
	default:
		m_begin(&m, P9_RLERROR, tag);
		m_u(&m, EOPNOTSUPP, 4);
	}
	m_end(&m);
	return reply_to(rx, cap, &m);
}

static void test_client(void)
{
	const char *names[3] = { "a", "missing", "c" };
	struct p9_client *c = NULL;
	uint8_t *buf = malloc(sizeof(file));
	struct p9_qid qid;
	uint32_t root;
	long n;

	responder = script;
	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (uint8_t)(i * 7 + 3);

	server_msize = 1 << 20; /* larger than proposed: refused */
	CHECK(p9_connect(&c, &fake, 8192, "", &root) == -EPROTO);
	server_msize = 8192;
	server_version = "9P2000";
	CHECK(p9_connect(&c, &fake, 8192, "", &root) == -EPROTO);
	server_version = "9P2000.L";
	fake.max_msize = 4096;
	CHECK(p9_connect(&c, &fake, 8192, "", &root) == 0 && c->msize == 4096);
	p9_disconnect(c);
	fake.max_msize = 0;
	CHECK(p9_connect(&c, &fake, 65536, "", &root) == 0 && c->msize == 8192);
	if (!c)
		return;

	CHECK(p9_walk(c, root, 2, 1, names, &qid) == 0 && qid.path == 10);
	CHECK(p9_walk(c, root, 3, 3, names, &qid) == -ENOENT); /* partial walk */
	CHECK(p9_walk(c, root, 3, 1, names + 1, &qid) == -ENOENT);
	CHECK(p9_mkdir(c, root, "d", 0755) == 0);
	CHECK(p9_fsync(c, 2) == -EOPNOTSUPP);

	/* 20000 bytes in 8181-byte pieces. */
	memset(buf, 0, sizeof(file));
	n = p9_read(c, 2, 0, buf, sizeof(file));
	CHECK(n == (long)sizeof(file) && !memcmp(buf, file, sizeof(file)));
	n = p9_read(c, 2, 19990, buf, 100);
	CHECK(n == 10 && !memcmp(buf, file + 19990, 10));
	read_mode = 1;
	CHECK(p9_read(c, 2, 0, buf, 100) == -EIO);
	read_mode = 2;
	CHECK(p9_read(c, 2, 0, buf, 100) == -EIO);
	read_mode = 0;
	lie_rxlen = 8193; /* the device claims more than the buffer holds */
	CHECK(p9_read(c, 2, 0, buf, 100) == -EIO);
	lie_rxlen = 3;
	CHECK(p9_read(c, 2, 0, buf, 100) == -EIO);
	lie_rxlen = 0;

	CHECK(p9_write(c, 2, 0, file, sizeof(file)) == (long)sizeof(file));
	write_mode = 1;
	CHECK(p9_write(c, 2, 0, file, 10) == -EIO);
	write_mode = 2;
	CHECK(p9_write(c, 2, 0, file, 10) == -EIO);
	write_mode = 0;
	CHECK(p9_clunk(c, 2) == 0);
	CHECK(!memcmp(written, file, sizeof(file)));

	/* The same over a zero-copy transport: data straight into and out of buf. */
	fake.request_zc = fake_request_zc;
	memset(buf, 0, sizeof(file));
	memset(written, 0, sizeof(written));
	zc_calls = 0;
	n = p9_read(c, 2, 0, buf, sizeof(file));
	CHECK(n == (long)sizeof(file) && !memcmp(buf, file, sizeof(file)) && zc_calls == 3);
	n = p9_read(c, 2, 19990, buf, 100); /* small: copied */
	CHECK(n == 10 && !memcmp(buf, file + 19990, 10) && zc_calls == 3);
	n = p9_read(c, 2, 18000, buf, 5000); /* 2000 bytes, then end of file */
	CHECK(n == 2000 && !memcmp(buf, file + 18000, 2000) && zc_calls == 4);
	CHECK(p9_write(c, 2, 0, file, sizeof(file)) == (long)sizeof(file) && zc_calls == 7 &&
	      !memcmp(written, file, sizeof(file)));
	read_mode = 1;
	CHECK(p9_read(c, 2, 0, buf, 2000) == -EIO);
	read_mode = 2;
	CHECK(p9_read(c, 2, 0, buf, 2000) == -EIO);
	read_mode = 0;
	lie_rxlen = P9_READ_HDR + 2001; /* more than asked and than the reply's size */
	CHECK(p9_read(c, 2, 0, buf, 2000) == -EIO);
	lie_rxlen = 3;
	CHECK(p9_read(c, 2, 0, buf, 2000) == -EIO);
	lie_rxlen = 8193;
	CHECK(p9_write(c, 2, 0, file, 2000) == -EIO);
	lie_rxlen = 0;
	/* Rlerror in place of an Rread: all of it in the header buffer. */
	CHECK(p9_read(c, 99, 0, buf, 2000) == -EBADF);
	write_mode = 2;
	CHECK(p9_write(c, 2, 0, file, 2000) == -EIO);
	write_mode = 0;
	fake.request_zc = NULL;
	CHECK(p9_clunk(c, 2) == 0);
	p9_disconnect(c);
	free(buf);
}

/* --- the client against diod, a real 9P2000.L server --------------------------------------- */

static int sock = -1;

static int full(int fd, void *p, size_t n, bool wr)
{
	while (n) {
		ssize_t r = wr ? write(fd, p, n) : read(fd, p, n);

		if (r <= 0)
			return -EIO;
		p = (uint8_t *)p + r;
		n -= r;
	}
	return 0;
}

static int sock_request(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			uint32_t rxcap, uint32_t *rxlen)
{
	uint8_t *r = rx;
	uint32_t size;

	if (full(sock, (void *)tx, txlen, true) || full(sock, r, 4, false))
		return -EIO;
	size = tx_u32(r, 0);
	if (size < 4 || size > rxcap)
		return -EIO;
	if (full(sock, r + 4, size - 4, false))
		return -EIO;
	*rxlen = size;
	return 0;
}

/* The same with the payloads apart: a real server sees the split messages' bytes. */
static int sock_request_zc(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			   uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen)
{
	uint8_t *r = rx;
	uint32_t size, head;

	if (full(sock, (void *)tx, txlen, true) || full(sock, (void *)zc->out, zc->out_len, true) ||
	    full(sock, r, 4, false))
		return -EIO;
	size = tx_u32(r, 0);
	if (size < 4 || (uint64_t)size > (uint64_t)rxcap + zc->in_len)
		return -EIO;
	head = size < rxcap ? size : rxcap;
	if (full(sock, r + 4, head - 4, false) || full(sock, zc->in, size - head, false))
		return -EIO;
	*rxlen = size;
	return 0;
}

static void test_diod(void)
{
	static const char *diod = "/usr/sbin/diod";
	struct p9_transport t = { .tag = "diod", .kind = "socket", .request = sock_request };
	char dir[] = "/tmp/lith-9p.XXXXXX", path[128];
	uint8_t *big = malloc(1 << 20), *back = malloc(1 << 20), dirbuf[4096];
	const char *nm[2];
	int sv[2], seen = 0;
	struct p9_client *c;
	struct p9_attr attr;
	uint32_t root, f, d, iou;
	pid_t pid;
	long n;

	if (access(diod, X_OK)) {
		printf("diod: not installed (apt-get install diod): real-server test skipped\n");
		return;
	}
	if (!mkdtemp(dir) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(sv[1], 0);
		dup2(sv[1], 1);
		const char *dbg = getenv("LITH_9P_DEBUG");

		execl(diod, diod, "-f", "-n", "-N", "-r", "0", "-w", "1", "-e", dir, "-L",
		      dbg ? "stderr" : "/dev/null", "-d", dbg ? "1" : "0", (char *)NULL);
		_exit(127);
	}
	close(sv[1]);
	sock = sv[0];

	c = NULL;
	CHECK(p9_connect(&c, &t, 65536 + 24, dir, &root) == 0);
	if (!c)
		goto out;
	printf("diod: connected, msize %u\n", c->msize);
	for (int i = 0; i < (1 << 20); i++)
		big[i] = (uint8_t)(i * 13 + (i >> 9));

	/* Create, write 1 MiB, read it back, size, truncate. */
	f = p9_fid_new(c);
	CHECK(p9_walk(c, root, f, 0, NULL, NULL) == 0);
	CHECK(p9_lcreate(c, f, "file", 02 /* O_RDWR */, 0644, &iou) == 0);
	CHECK(p9_write(c, f, 0, big, 1 << 20) == (1 << 20));
	CHECK(p9_fsync(c, f) == 0);
	CHECK(p9_read(c, f, 0, back, 1 << 20) == (1 << 20) && !memcmp(big, back, 1 << 20));
	CHECK(p9_read(c, f, 1 << 20, back, 100) == 0);
	/* Zero-copy: written again from big reversed, read back into back. */
	for (int i = 0; i < (1 << 20); i++)
		big[i] = (uint8_t)~big[i];
	t.request_zc = sock_request_zc;
	CHECK(p9_write(c, f, 0, big, 1 << 20) == (1 << 20));
	memset(back, 0, 1 << 20);
	CHECK(p9_read(c, f, 0, back, 1 << 20) == (1 << 20) && !memcmp(big, back, 1 << 20));
	CHECK(p9_read(c, f, (1 << 20) - 5000, back, 8000) == 5000 &&
	      !memcmp(big + (1 << 20) - 5000, back, 5000));
	CHECK(p9_read(c, f, 1 << 20, back, 4096) == 0);
	CHECK(p9_read(c, 12345, 0, back, 4096) < 0); /* Rlerror in the header buffer */
	t.request_zc = NULL;
	CHECK(p9_getattr(c, f, P9_GETATTR_BASIC, &attr) == 0 && attr.size == (1 << 20) &&
	      (attr.mode & 0170000) == 0100000);
	CHECK(p9_setattr(c, f, P9_SETATTR_SIZE, 0, 100) == 0);
	CHECK(p9_getattr(c, f, P9_GETATTR_SIZE, &attr) == 0 && attr.size == 100);
	CHECK(p9_clunk(c, f) == 0);
	snprintf(path, sizeof(path), "%s/file", dir);
	{
		struct stat st;

		CHECK(stat(path, &st) == 0 && st.st_size == 100);
	}

	/* Directories: mkdir, rename into it, list, unlink, rmdir. */
	CHECK(p9_mkdir(c, root, "sub", 0755) == 0);
	CHECK(p9_mkdir(c, root, "sub", 0755) == -EEXIST);
	d = p9_fid_new(c);
	nm[0] = "sub";
	CHECK(p9_walk(c, root, d, 1, nm, NULL) == 0);
	CHECK(p9_renameat(c, root, "file", d, "moved") == 0);
	nm[0] = "file";
	CHECK(p9_walk(c, root, p9_fid_new(c), 1, nm, NULL) == -ENOENT);
	CHECK(p9_lopen(c, d, 0 /* O_RDONLY */, &iou) == 0);
	n = p9_readdir(c, d, 0, dirbuf, sizeof(dirbuf));
	CHECK(n > 0);
	if (n > 0) {
		struct p9_buf b = { .data = dirbuf, .size = (uint32_t)n };
		struct p9_dirent de;
		int rc;

		while ((rc = p9_dirent_next(&b, &de)) == 1)
			if (de.namelen == 5 && !memcmp(de.name, "moved", 5))
				seen++;
		CHECK(rc == 0 && seen == 1);
	}
	CHECK(p9_clunk(c, d) == 0);
	d = p9_fid_new(c);
	nm[0] = "sub";
	CHECK(p9_walk(c, root, d, 1, nm, NULL) == 0);
	CHECK(p9_unlinkat(c, root, "sub", 0x200) == -ENOTEMPTY);
	CHECK(p9_unlinkat(c, d, "moved", 0) == 0);
	CHECK(p9_unlinkat(c, d, "moved", 0) == -ENOENT);
	CHECK(p9_clunk(c, d) == 0);
	CHECK(p9_unlinkat(c, root, "sub", 0x200) == 0);
	CHECK(p9_clunk(c, root) == 0);
	p9_disconnect(c);
	printf("diod: 1 MiB round trip, getattr, setattr, readdir, mkdir, renameat, unlinkat ok\n");
out:
	close(sock);
	kill(pid, SIGKILL); /* diod may linger in its worker threads after EOF */
	waitpid(pid, NULL, 0);
	rmdir(dir);
	free(big);
	free(back);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	alarm(60); /* a hung server or client is a failure, not a stuck test run */
	test_encode();
	test_reply_header();
	test_reply_bodies();
	test_split_reply();
	test_client();
	test_diod();
	printf("9p: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
