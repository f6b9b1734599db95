/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P transports: virtio-9p (libs/9p/virtio.c), Xen 9pfront and test transports register
 * one struct p9_transport per device, named by its mount tag. The 9pfs mount looks the tag
 * up (default "fs0", lith/vfs.h) and runs the 9P2000.L client over it.
 */
#ifndef P9_TRANSPORT_H
#define P9_TRANSPORT_H

#include <lith/essentials.h>

#define P9_TAG_MAX 64

/*
 * The payload of a zero-copy exchange, in the caller's memory: out_len bytes at out follow
 * the request's bytes; the reply's bytes past its header buffer land at in (in_len at most).
 */
struct p9_zc {
	const void *out;
	uint32_t out_len;
	void *in;
	uint32_t in_len;
};

struct p9_transport {
	char tag[P9_TAG_MAX]; /* the mount tag the host gave the device */
	const char *kind;     /* "virtio", "xen", ... for messages */
	uint32_t max_msize;   /* the largest message the transport can carry (both ways) */
	const char *aname;    /* the tree to attach (diod: the export path); NULL: "" */
	/*
	 * Send one request of txlen bytes and wait for its reply, stored in rx (capacity
	 * rxcap); *rxlen is the number of bytes the device reported. 0 or -errno. The reply
	 * is not trusted: the client checks it. One request at a time (a client lock).
	 */
	int (*request)(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
		       uint32_t rxcap, uint32_t *rxlen);
	/*
	 * Optional (NULL: the client copies payloads through request()). The same exchange
	 * with the payloads where the caller has them: the request is tx[0..txlen) then
	 * zc->out; the reply fills rx up to rxcap bytes and continues at zc->in. *rxlen counts
	 * both parts, as the device reported it: the client checks it against what it offered.
	 */
	int (*request_zc)(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			  uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen);
	void *priv;
	bool in_use; /* mounted: one client per device */
	struct p9_transport *next;
};

/* 0, or -EEXIST when a transport with the same tag is registered. */
int p9_transport_register(struct p9_transport *t);
struct p9_transport *p9_transport_find(const char *tag);
/* The registered tags, ", "-separated, into buf (for error messages). */
void p9_transport_tags(char *buf, size_t size);

#endif /* P9_TRANSPORT_H */
