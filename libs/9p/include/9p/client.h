/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L client: one connection over a transport, synchronous requests, fids
 * allocated by the client. Every call returns 0 (or a count) or -errno: the server's
 * Rlerror code, or -EIO for a reply that fails the checks of 9p/codec.h.
 */
#ifndef P9_CLIENT_H
#define P9_CLIENT_H

#include <9p/codec.h>
#include <9p/transport.h>

struct p9_client {
	struct p9_transport *t;
	uint32_t msize; /* negotiated */
	uint16_t tag;
	uint32_t next_fid;
	uint8_t *tx, *rx; /* msize bytes each */
};

/* Tversion + Tattach of aname as root; root gets the attached fid. */
int p9_connect(struct p9_client **out, struct p9_transport *t, uint32_t msize, const char *aname,
	       uint32_t *root);
void p9_disconnect(struct p9_client *c);

/* A fresh fid number (never reused while the client lives). */
uint32_t p9_fid_new(struct p9_client *c);

/* Walk fid by nwname names (0: clone) to newfid; -ENOENT unless every name was walked. */
int p9_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, unsigned int nwname,
	    const char *const *names, struct p9_qid *qid);
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags, uint32_t *iounit);
/* fid (a directory) becomes the new file, open with flags. */
int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, uint32_t flags, uint32_t mode,
	       uint32_t *iounit);
/* Up to len bytes; returns the count (0 at the end). Splits by msize. */
long p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, size_t len);
long p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, size_t len);
int p9_clunk(struct p9_client *c, uint32_t fid);
int p9_getattr(struct p9_client *c, uint32_t fid, uint64_t mask, struct p9_attr *attr);
int p9_setattr(struct p9_client *c, uint32_t fid, uint32_t valid, uint32_t mode, uint64_t size);
/* Raw Rreaddir data (entries for p9_dirent_next) into buf; returns its length. */
long p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t len);
int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, uint32_t mode);
/* flags: 0x200 (AT_REMOVEDIR) for a directory. Falls back to walk + Tremove on servers
 * without Tunlinkat (diod answers it with EOPNOTSUPP). */
int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, uint32_t flags);
/* Remove the file fid stands for; fid is clunked whatever the outcome. */
int p9_remove(struct p9_client *c, uint32_t fid);
/* Falls back to walk + Trename on servers without Trenameat (diod). */
int p9_renameat(struct p9_client *c, uint32_t olddfid, const char *oldname, uint32_t newdfid,
		const char *newname);
int p9_fsync(struct p9_client *c, uint32_t fid);

#endif /* P9_CLIENT_H */
