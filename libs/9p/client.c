/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L client: builds a request with the codec, hands it to the transport, checks
 * the reply with the codec, and only then uses it. Requests are synchronous, one at a time.
 */
#include <string.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <9p/client.h>

#define P9_MSIZE_MIN 4096 /* below this a server is not worth talking to */
/* Payloads from this size on go zero-copy when the transport can: below it, one copy costs
 * less than the extra descriptors. */
#define P9_ZC_MIN 1024

static uint16_t next_tag(struct p9_client *c)
{
	if (++c->tag == P9_NOTAG)
		c->tag = 0;
	return c->tag;
}

uint32_t p9_fid_new(struct p9_client *c)
{
	/* Fids are never reused: a clunked fid may still be in flight on a lossy server. */
	uint32_t fid = c->next_fid++;

	if (c->next_fid == P9_NOFID)
		c->next_fid = 1;
	return fid;
}

/* Whether a payload of len bytes goes zero-copy. */
static bool use_zc(const struct p9_client *c, uint32_t len)
{
	return c->t->request_zc && len >= P9_ZC_MIN;
}

/*
 * Send the txlen bytes in c->tx (then zc->out when zc is set) and check the reply to
 * ttype/tag, received whole in c->rx, into *body.
 */
static int rpc_out(struct p9_client *c, int txlen, const struct p9_zc *zc, uint8_t ttype,
		   uint16_t tag, struct p9_buf *body)
{
	uint32_t rxlen = 0;
	int rc;

	if (txlen < 0)
		return txlen;
	if (zc)
		rc = c->t->request_zc(c->t, c->tx, (uint32_t)txlen, c->rx, c->msize, zc, &rxlen);
	else
		rc = c->t->request(c->t, c->tx, (uint32_t)txlen, c->rx, c->msize, &rxlen);
	if (rc < 0)
		return rc;
	if (rxlen > c->msize)
		return -EIO;
	return p9_reply(c->rx, rxlen, ttype, tag, body);
}

static int rpc(struct p9_client *c, int txlen, uint8_t ttype, uint16_t tag, struct p9_buf *body)
{
	return rpc_out(c, txlen, NULL, ttype, tag, body);
}

/* One Tread of ask bytes at off, the data received straight into buf; *n: bytes read. */
static int read_zc(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t ask,
		   uint32_t *n)
{
	struct p9_zc zc = { .in = buf, .in_len = ask };
	uint32_t rxlen = 0;
	uint16_t tag = next_tag(c);
	int txlen, rc;

	txlen = p9_tread(c->tx, c->msize, tag, fid, off, ask);
	if (txlen < 0)
		return txlen;
	/* The reply's header, or a whole Rlerror, in c->rx; the data in buf. */
	rc = c->t->request_zc(c->t, c->tx, (uint32_t)txlen, c->rx, P9_READ_HDR, &zc, &rxlen);
	if (rc < 0)
		return rc;
	return p9_rread_split(c->rx, rxlen, tag, ask, n);
}

int p9_connect(struct p9_client **out, struct p9_transport *t, uint32_t msize, const char *aname,
	       uint32_t *root)
{
	struct p9_client *c;
	struct p9_buf body;
	struct p9_qid qid;
	const char *ver;
	uint16_t vlen, tag;
	uint32_t smsize;
	int rc;

	if (t->max_msize && msize > t->max_msize)
		msize = t->max_msize;
	if (msize < P9_MSIZE_MIN)
		return -EINVAL;
	c = lith_calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->t = t;
	c->msize = msize;
	c->next_fid = 1;
	c->tx = lith_malloc(msize);
	c->rx = lith_malloc(msize);
	if (!c->tx || !c->rx) {
		rc = -ENOMEM;
		goto fail;
	}
	rc = rpc(c, p9_tversion(c->tx, msize, msize, P9_VERSION_L), P9_TVERSION, P9_NOTAG, &body);
	if (rc < 0)
		goto fail;
	rc = p9_rversion(&body, &smsize, &ver, &vlen);
	if (rc < 0)
		goto fail;
	/* The server may lower msize, never raise it; it must speak 9P2000.L exactly. */
	if (smsize > msize || smsize < P9_MSIZE_MIN || vlen != sizeof(P9_VERSION_L) - 1 ||
	    memcmp(ver, P9_VERSION_L, vlen)) {
		rc = -EPROTO;
		goto fail;
	}
	c->msize = smsize;
	*root = p9_fid_new(c);
	tag = next_tag(c);
	rc = rpc(c,
		 p9_tattach(c->tx, c->msize, tag, *root, P9_NOFID, "root", aname ? aname : "", 0),
		 P9_TATTACH, tag, &body);
	if (rc >= 0)
		rc = p9_rqid(&body, &qid);
	if (rc < 0)
		goto fail;
	*out = c;
	return 0;
fail:
	lith_free(c->tx);
	lith_free(c->rx);
	lith_free(c);
	return rc;
}

void p9_disconnect(struct p9_client *c)
{
	if (!c)
		return;
	lith_free(c->tx);
	lith_free(c->rx);
	lith_free(c);
}

int p9_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, unsigned int nwname,
	    const char *const *names, struct p9_qid *qid)
{
	struct p9_qid qids[P9_MAXWELEM];
	struct p9_buf body;
	unsigned int n;
	uint16_t tag = next_tag(c);
	int rc;

	rc = rpc(c, p9_twalk(c->tx, c->msize, tag, fid, newfid, nwname, names), P9_TWALK, tag,
		 &body);
	if (rc < 0)
		return rc;
	rc = p9_rwalk(&body, nwname, qids, &n);
	if (rc < 0)
		return rc;
	/* A partial walk leaves newfid unused: the name at n was not found. */
	if (n < nwname)
		return -ENOENT;
	if (qid && n)
		*qid = qids[n - 1];
	return 0;
}

int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags, uint32_t *iounit)
{
	struct p9_buf body;
	struct p9_qid qid;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tlopen(c->tx, c->msize, tag, fid, flags), P9_TLOPEN, tag, &body);

	return rc < 0 ? rc : p9_ropen(&body, &qid, iounit);
}

int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, uint32_t flags, uint32_t mode,
	       uint32_t *iounit)
{
	struct p9_buf body;
	struct p9_qid qid;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tlcreate(c->tx, c->msize, tag, fid, name, flags, mode, 0), P9_TLCREATE,
		     tag, &body);

	return rc < 0 ? rc : p9_ropen(&body, &qid, iounit);
}

long p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint32_t ask = (uint32_t)MIN(len - done, (size_t)(c->msize - P9_IOHDRSZ));
		const uint8_t *data;
		struct p9_buf body;
		uint32_t n;
		uint16_t tag;
		int rc;

		if (use_zc(c, ask)) {
			rc = read_zc(c, fid, off + done, (uint8_t *)buf + done, ask, &n);
		} else {
			tag = next_tag(c);
			rc = rpc(c, p9_tread(c->tx, c->msize, tag, fid, off + done, ask), P9_TREAD,
				 tag, &body);
			if (rc >= 0)
				rc = p9_rdata(&body, ask, &data, &n);
			if (rc >= 0)
				memcpy((uint8_t *)buf + done, data, n);
		}
		if (rc < 0)
			return done ? (long)done : rc;
		done += n;
		if (n < ask)
			break; /* end of file */
	}
	return (long)done;
}

long p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint32_t ask = (uint32_t)MIN(len - done, (size_t)(c->msize - P9_IOHDRSZ));
		const uint8_t *data = (const uint8_t *)buf + done;
		struct p9_zc zc = { .out = data, .out_len = ask };
		struct p9_buf body;
		uint32_t n;
		uint16_t tag = next_tag(c);
		int rc;

		if (use_zc(c, ask))
			rc = rpc_out(c, p9_twrite_hdr(c->tx, c->msize, tag, fid, off + done, ask),
				     &zc, P9_TWRITE, tag, &body);
		else
			rc = rpc(c, p9_twrite(c->tx, c->msize, tag, fid, off + done, data, ask),
				 P9_TWRITE, tag, &body);
		if (rc >= 0)
			rc = p9_rwrite(&body, ask, &n);
		if (rc >= 0 && n == 0)
			rc = -EIO; /* no progress: do not spin */
		if (rc < 0)
			return done ? (long)done : rc;
		done += n;
	}
	return (long)done;
}

int p9_clunk(struct p9_client *c, uint32_t fid)
{
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tclunk(c->tx, c->msize, tag, fid), P9_TCLUNK, tag, &body);

	return rc < 0 ? rc : p9_rempty(&body);
}

int p9_getattr(struct p9_client *c, uint32_t fid, uint64_t mask, struct p9_attr *attr)
{
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tgetattr(c->tx, c->msize, tag, fid, mask), P9_TGETATTR, tag, &body);

	return rc < 0 ? rc : p9_rgetattr(&body, attr);
}

int p9_setattr(struct p9_client *c, uint32_t fid, uint32_t valid, uint32_t mode, uint64_t size)
{
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tsetattr(c->tx, c->msize, tag, fid, valid, mode, size), P9_TSETATTR, tag,
		     &body);

	return rc < 0 ? rc : p9_rempty(&body);
}

long p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t len)
{
	uint32_t ask = MIN(len, c->msize - P9_IOHDRSZ), n;
	const uint8_t *data;
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	int rc;

	rc = rpc(c, p9_treaddir(c->tx, c->msize, tag, fid, off, ask), P9_TREADDIR, tag, &body);
	if (rc >= 0)
		rc = p9_rdata(&body, ask, &data, &n);
	if (rc < 0)
		return rc;
	memcpy(buf, data, n);
	return n;
}

int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, uint32_t mode)
{
	struct p9_buf body;
	struct p9_qid qid;
	uint16_t tag = next_tag(c);
	int rc =
		rpc(c, p9_tmkdir(c->tx, c->msize, tag, dfid, name, mode, 0), P9_TMKDIR, tag, &body);

	return rc < 0 ? rc : p9_rqid(&body, &qid);
}

int p9_remove(struct p9_client *c, uint32_t fid)
{
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tremove(c->tx, c->msize, tag, fid), P9_TREMOVE, tag, &body);

	return rc < 0 ? rc : p9_rempty(&body);
}

int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, uint32_t flags)
{
	struct p9_buf body;
	struct p9_qid qid;
	uint16_t tag = next_tag(c);
	uint32_t fid;
	int rc = rpc(c, p9_tunlinkat(c->tx, c->msize, tag, dfid, name, flags), P9_TUNLINKAT, tag,
		     &body);

	if (rc != -EOPNOTSUPP)
		return rc < 0 ? rc : p9_rempty(&body);
	fid = p9_fid_new(c);
	rc = p9_walk(c, dfid, fid, 1, &name, &qid);
	if (rc < 0)
		return rc;
	/* Tremove takes files and directories alike: check the kind unlinkat was asked for. */
	if (!!(flags & 0x200) != !!(qid.type & P9_QTDIR)) {
		p9_clunk(c, fid);
		return (flags & 0x200) ? -ENOTDIR : -EISDIR;
	}
	return p9_remove(c, fid);
}

int p9_renameat(struct p9_client *c, uint32_t olddfid, const char *oldname, uint32_t newdfid,
		const char *newname)
{
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	uint32_t fid;
	int rc = rpc(c, p9_trenameat(c->tx, c->msize, tag, olddfid, oldname, newdfid, newname),
		     P9_TRENAMEAT, tag, &body);

	if (rc != -EOPNOTSUPP)
		return rc < 0 ? rc : p9_rempty(&body);
	fid = p9_fid_new(c);
	rc = p9_walk(c, olddfid, fid, 1, &oldname, NULL);
	if (rc < 0)
		return rc;
	tag = next_tag(c);
	rc = rpc(c, p9_trename(c->tx, c->msize, tag, fid, newdfid, newname), P9_TRENAME, tag,
		 &body);
	if (rc >= 0)
		rc = p9_rempty(&body);
	p9_clunk(c, fid);
	return rc;
}

int p9_fsync(struct p9_client *c, uint32_t fid)
{
	struct p9_buf body;
	uint16_t tag = next_tag(c);
	int rc = rpc(c, p9_tfsync(c->tx, c->msize, tag, fid, 0), P9_TFSYNC, tag, &body);

	return rc < 0 ? rc : p9_rempty(&body);
}
