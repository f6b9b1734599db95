/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P2000.L encoding and decoding (little-endian, strings as len[2] + bytes). Written from
 * the protocol's description; see 9p/codec.h for what a reply must satisfy.
 */
#include <string.h>
#include <lith/errno.h>
#include <9p/codec.h>

/* --- building ------------------------------------------------------------------------- */

static void put(struct p9_buf *b, uint64_t v, unsigned int n)
{
	unsigned int i;

	if (b->err || n > b->size - b->pos) {
		b->err = true;
		return;
	}
	for (i = 0; i < n; i++)
		b->data[b->pos++] = (uint8_t)(v >> (8 * i));
}

static void put_bytes(struct p9_buf *b, const void *p, uint32_t n)
{
	if (b->err || n > b->size - b->pos) {
		b->err = true;
		return;
	}
	memcpy(b->data + b->pos, p, n);
	b->pos += n;
}

static void put_str(struct p9_buf *b, const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	if (n > 0xffff) {
		b->err = true;
		return;
	}
	put(b, n, 2);
	put_bytes(b, s, n);
}

static void begin(struct p9_buf *b, void *buf, uint32_t cap, uint8_t type, uint16_t tag)
{
	b->data = buf;
	b->size = cap;
	b->pos = 0;
	b->err = false;
	put(b, 0, 4); /* the size, filled in by finish() */
	put(b, type, 1);
	put(b, tag, 2);
}

/* The size field counts extra bytes sent apart from the message (a zero-copy payload). */
static int finish_plus(struct p9_buf *b, uint32_t extra)
{
	uint32_t len = b->pos + extra;

	if (b->err || len < b->pos || len > 0x7fffffff)
		return -E2BIG;
	b->data[0] = (uint8_t)len;
	b->data[1] = (uint8_t)(len >> 8);
	b->data[2] = (uint8_t)(len >> 16);
	b->data[3] = (uint8_t)(len >> 24);
	return (int)b->pos;
}

static int finish(struct p9_buf *b)
{
	return finish_plus(b, 0);
}

/* A name must be one path component: not empty, no '/', not "." or "..". */
static bool bad_name(const char *s)
{
	const char *p;

	if (!s || !*s || (s[0] == '.' && (!s[1] || (s[1] == '.' && !s[2]))))
		return true;
	for (p = s; *p; p++)
		if (*p == '/')
			return true;
	return p - s > 255;
}

int p9_tversion(void *buf, uint32_t cap, uint32_t msize, const char *version)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TVERSION, P9_NOTAG);
	put(&b, msize, 4);
	put_str(&b, version);
	return finish(&b);
}

int p9_tattach(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t afid,
	       const char *uname, const char *aname, uint32_t n_uname)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TATTACH, tag);
	put(&b, fid, 4);
	put(&b, afid, 4);
	put_str(&b, uname);
	put_str(&b, aname);
	put(&b, n_uname, 4);
	return finish(&b);
}

int p9_twalk(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t newfid,
	     unsigned int nwname, const char *const *names)
{
	struct p9_buf b;
	unsigned int i;

	if (nwname > P9_MAXWELEM)
		return -EINVAL;
	for (i = 0; i < nwname; i++)
		if (bad_name(names[i]))
			return -EINVAL;
	begin(&b, buf, cap, P9_TWALK, tag);
	put(&b, fid, 4);
	put(&b, newfid, 4);
	put(&b, nwname, 2);
	for (i = 0; i < nwname; i++)
		put_str(&b, names[i]);
	return finish(&b);
}

int p9_tlopen(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t flags)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TLOPEN, tag);
	put(&b, fid, 4);
	put(&b, flags, 4);
	return finish(&b);
}

int p9_tlcreate(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, const char *name,
		uint32_t flags, uint32_t mode, uint32_t gid)
{
	struct p9_buf b;

	if (bad_name(name))
		return -EINVAL;
	begin(&b, buf, cap, P9_TLCREATE, tag);
	put(&b, fid, 4);
	put_str(&b, name);
	put(&b, flags, 4);
	put(&b, mode, 4);
	put(&b, gid, 4);
	return finish(&b);
}

int p9_tread(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, uint32_t count)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TREAD, tag);
	put(&b, fid, 4);
	put(&b, off, 8);
	put(&b, count, 4);
	return finish(&b);
}

int p9_twrite_hdr(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, uint32_t count)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TWRITE, tag);
	put(&b, fid, 4);
	put(&b, off, 8);
	put(&b, count, 4);
	return finish_plus(&b, count);
}

int p9_twrite(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, const void *data,
	      uint32_t count)
{
	int n = p9_twrite_hdr(buf, cap, tag, fid, off, count);

	if (n < 0)
		return n;
	if (count > cap - (uint32_t)n)
		return -E2BIG;
	/* Write payloads: a byte loop here made Lith's writes ten times slower than Linux's. */
	memcpy((uint8_t *)buf + n, data, count);
	return n + (int)count;
}

int p9_tclunk(void *buf, uint32_t cap, uint16_t tag, uint32_t fid)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TCLUNK, tag);
	put(&b, fid, 4);
	return finish(&b);
}

int p9_tremove(void *buf, uint32_t cap, uint16_t tag, uint32_t fid)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TREMOVE, tag);
	put(&b, fid, 4);
	return finish(&b);
}

int p9_trename(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t dfid, const char *name)
{
	struct p9_buf b;

	if (bad_name(name))
		return -EINVAL;
	begin(&b, buf, cap, P9_TRENAME, tag);
	put(&b, fid, 4);
	put(&b, dfid, 4);
	put_str(&b, name);
	return finish(&b);
}

int p9_tgetattr(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t mask)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TGETATTR, tag);
	put(&b, fid, 4);
	put(&b, mask, 8);
	return finish(&b);
}

int p9_tsetattr(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t valid, uint32_t mode,
		uint64_t size)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TSETATTR, tag);
	put(&b, fid, 4);
	put(&b, valid, 4);
	put(&b, mode, 4);
	put(&b, 0, 4); /* uid */
	put(&b, 0, 4); /* gid */
	put(&b, size, 8);
	put(&b, 0, 8); /* atime */
	put(&b, 0, 8);
	put(&b, 0, 8); /* mtime */
	put(&b, 0, 8);
	return finish(&b);
}

int p9_treaddir(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, uint32_t count)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TREADDIR, tag);
	put(&b, fid, 4);
	put(&b, off, 8);
	put(&b, count, 4);
	return finish(&b);
}

int p9_tmkdir(void *buf, uint32_t cap, uint16_t tag, uint32_t dfid, const char *name, uint32_t mode,
	      uint32_t gid)
{
	struct p9_buf b;

	if (bad_name(name))
		return -EINVAL;
	begin(&b, buf, cap, P9_TMKDIR, tag);
	put(&b, dfid, 4);
	put_str(&b, name);
	put(&b, mode, 4);
	put(&b, gid, 4);
	return finish(&b);
}

int p9_tunlinkat(void *buf, uint32_t cap, uint16_t tag, uint32_t dfid, const char *name,
		 uint32_t flags)
{
	struct p9_buf b;

	if (bad_name(name))
		return -EINVAL;
	begin(&b, buf, cap, P9_TUNLINKAT, tag);
	put(&b, dfid, 4);
	put_str(&b, name);
	put(&b, flags, 4);
	return finish(&b);
}

int p9_trenameat(void *buf, uint32_t cap, uint16_t tag, uint32_t olddfid, const char *oldname,
		 uint32_t newdfid, const char *newname)
{
	struct p9_buf b;

	if (bad_name(oldname) || bad_name(newname))
		return -EINVAL;
	begin(&b, buf, cap, P9_TRENAMEAT, tag);
	put(&b, olddfid, 4);
	put_str(&b, oldname);
	put(&b, newdfid, 4);
	put_str(&b, newname);
	return finish(&b);
}

int p9_tfsync(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t datasync)
{
	struct p9_buf b;

	begin(&b, buf, cap, P9_TFSYNC, tag);
	put(&b, fid, 4);
	put(&b, datasync, 4);
	return finish(&b);
}

/* --- reading -------------------------------------------------------------------------- */

static uint64_t get(struct p9_buf *b, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	if (b->err || n > b->size - b->pos) {
		b->err = true;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)b->data[b->pos++] << (8 * i);
	return v;
}

static const uint8_t *get_bytes(struct p9_buf *b, uint32_t n)
{
	const uint8_t *p;

	if (b->err || n > b->size - b->pos) {
		b->err = true;
		return NULL;
	}
	p = b->data + b->pos;
	b->pos += n;
	return p;
}

static void get_qid(struct p9_buf *b, struct p9_qid *q)
{
	q->type = (uint8_t)get(b, 1);
	q->version = (uint32_t)get(b, 4);
	q->path = get(b, 8);
}

/* The body ended where its last field did, and nothing overran. */
static int done(struct p9_buf *b)
{
	return b->err || b->pos != b->size ? -EIO : 0;
}

/*
 * The checks of a reply of len bytes of which msg holds the first have (the rest went
 * elsewhere: a zero-copy payload); *body covers the held bytes after the header.
 */
static int reply(const void *msg, uint32_t have, uint32_t len, uint8_t ttype, uint16_t tag,
		 struct p9_buf *body)
{
	struct p9_buf b = { .data = (uint8_t *)msg, .size = have };
	uint32_t size;
	uint8_t type;
	uint16_t rtag;

	if (have < P9_HDR || have > len)
		return -EIO;
	size = (uint32_t)get(&b, 4);
	type = (uint8_t)get(&b, 1);
	rtag = (uint16_t)get(&b, 2);
	if (size != len || rtag != tag)
		return -EIO;
	body->data = b.data + P9_HDR;
	body->size = have - P9_HDR;
	body->pos = 0;
	body->err = false;
	if (type == P9_RLERROR) {
		uint32_t ecode = (uint32_t)get(body, 4);

		/* The whole Rlerror must be in msg: a longer one is malformed. */
		if (have != len || done(body) || ecode == 0 || ecode > 4095)
			return -EIO;
		return -(int)ecode;
	}
	return type == (uint8_t)(ttype + 1) ? 0 : -EIO;
}

int p9_reply(const void *msg, uint32_t len, uint8_t ttype, uint16_t tag, struct p9_buf *body)
{
	return reply(msg, len, len, ttype, tag, body);
}

int p9_rread_split(const void *hdr, uint32_t len, uint16_t tag, uint32_t asked, uint32_t *count)
{
	struct p9_buf body;
	uint32_t n;
	int rc;

	rc = reply(hdr, MIN(len, (uint32_t)P9_READ_HDR), len, P9_TREAD, tag, &body);
	if (rc < 0)
		return rc;
	n = (uint32_t)get(&body, 4);
	/* The data is what follows the header, exactly: never more than was asked for. */
	if (done(&body) || n > asked || n != len - P9_READ_HDR)
		return -EIO;
	*count = n;
	return 0;
}

int p9_rversion(struct p9_buf *b, uint32_t *msize, const char **version, uint16_t *vlen)
{
	*msize = (uint32_t)get(b, 4);
	*vlen = (uint16_t)get(b, 2);
	*version = (const char *)get_bytes(b, *vlen);
	return done(b);
}

int p9_rqid(struct p9_buf *b, struct p9_qid *qid)
{
	get_qid(b, qid);
	return done(b);
}

int p9_rwalk(struct p9_buf *b, unsigned int nwname, struct p9_qid *qids, unsigned int *nwqid)
{
	unsigned int i, n = (unsigned int)get(b, 2);

	if (b->err || n > nwname)
		return -EIO;
	for (i = 0; i < n; i++)
		get_qid(b, &qids[i]);
	*nwqid = n;
	return done(b);
}

int p9_ropen(struct p9_buf *b, struct p9_qid *qid, uint32_t *iounit)
{
	get_qid(b, qid);
	*iounit = (uint32_t)get(b, 4);
	return done(b);
}

int p9_rdata(struct p9_buf *b, uint32_t asked, const uint8_t **data, uint32_t *count)
{
	uint32_t n = (uint32_t)get(b, 4);

	if (b->err || n > asked)
		return -EIO;
	*data = get_bytes(b, n);
	*count = n;
	return done(b);
}

int p9_rwrite(struct p9_buf *b, uint32_t asked, uint32_t *count)
{
	*count = (uint32_t)get(b, 4);
	if (!b->err && *count > asked)
		return -EIO;
	return done(b);
}

int p9_rgetattr(struct p9_buf *b, struct p9_attr *a)
{
	a->valid = get(b, 8);
	get_qid(b, &a->qid);
	a->mode = (uint32_t)get(b, 4);
	a->uid = (uint32_t)get(b, 4);
	a->gid = (uint32_t)get(b, 4);
	a->nlink = get(b, 8);
	a->rdev = get(b, 8);
	a->size = get(b, 8);
	a->blksize = get(b, 8);
	a->blocks = get(b, 8);
	a->atime_sec = get(b, 8);
	a->atime_nsec = get(b, 8);
	a->mtime_sec = get(b, 8);
	a->mtime_nsec = get(b, 8);
	a->ctime_sec = get(b, 8);
	a->ctime_nsec = get(b, 8);
	get(b, 8); /* btime, gen, data_version: not used */
	get(b, 8);
	get(b, 8);
	get(b, 8);
	return done(b);
}

int p9_rempty(struct p9_buf *b)
{
	return done(b);
}

int p9_dirent_next(struct p9_buf *d, struct p9_dirent *ent)
{
	if (d->err)
		return -EIO;
	if (d->pos == d->size)
		return 0;
	get_qid(d, &ent->qid);
	ent->offset = get(d, 8);
	ent->type = (uint8_t)get(d, 1);
	ent->namelen = (uint16_t)get(d, 2);
	ent->name = (const char *)get_bytes(d, ent->namelen);
	return d->err ? -EIO : 1;
}
