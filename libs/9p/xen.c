/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Xen 9pfront transport: each xenbus "9pfs" device (xl's p9 = [ 'tag=...' ], served by
 * QEMU's xen-9pfs back-end in dom0) becomes a struct p9_transport named by the tag xl wrote
 * in our side of xenstore. The Xen 9pfs PV protocol (xen/io/9pfs.h): one indexes page
 * (struct xen_9pfs_data_intf) and 2^order data pages, the first half the "in" ring (replies,
 * back-end to us), the second half the "out" ring (requests), all granted to the back-end,
 * plus one event channel. We use one ring and one request at a time: the request is copied
 * into the out ring, the back-end is notified, and the reply is awaited in the in ring by
 * polling the event channel with a timeout. The reply's length is checked against the ring
 * and the buffer here; its contents by the 9P client. Zero-copy requests (request_zc) copy
 * their payload straight between the ring and the caller's buffer: one copy, not two.
 */
#include <stdio.h>
#include <string.h>
#include <arch/atomic.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/devices.h>
#include <plat/events.h>
#include <plat/shmem.h>
#include <plat/time.h>
#include <xenplat/xen.h>
#include <xenplat/xenbus.h>
#include <xenplat/xenstore.h>
#include <xen/io/9pfs.h>
#include <9p/transport.h>

/*
 * 2^7 data pages: 256 KiB each way (the back-end's max-ring-page-order may lower it); the
 * largest message is half a ring, 128 KiB, LIB9P_MSIZE's default.
 */
#define X9P_RING_ORDER 7
#define X9P_HDR_SIZE   7 /* size[4] type[1] tag[2] */
/* A back-end that has not answered in this long is considered gone. */
#define REPLY_TIMEOUT_NS (30 * NSEC_PER_SEC)
#define STATE_TIMEOUT_NS (10 * NSEC_PER_SEC)

struct x9p {
	struct p9_transport t;
	struct xenbus_device *dev;
	struct xen_9pfs_data_intf *intf;
	unsigned char *in, *out; /* the two halves of the data pages */
	RING_IDX ring_size;	 /* bytes in each direction */
	evtchn_port_t port;
	bool dead; /* a request failed half-way: the rings are out of step */
};

static RING_IDX load_idx(const RING_IDX *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* The request is tx then zc->out; the reply fills rx (rxcap bytes at most), then zc->in. */
static int x9p_request_zc(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			  uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen)
{
	struct x9p *x = container_of(t, struct x9p, t);
	struct xen_9pfs_data_intf *intf = x->intf;
	RING_IDX cons, prod, mprod, mcons, queued;
	unsigned char hdr[X9P_HDR_SIZE];
	uint64_t deadline, total = (uint64_t)txlen + zc->out_len;
	uint64_t room = (uint64_t)rxcap + zc->in_len;
	uint32_t size, head;

	if (x->dead)
		return -EIO;
	if (txlen < X9P_HDR_SIZE || total > x->ring_size)
		return -E2BIG;

	deadline = xen_system_time() + REPLY_TIMEOUT_NS;
	/* The out ring: one request at a time, so it drains before the reply comes. */
	for (;;) {
		cons = load_idx(&intf->out_cons);
		prod = intf->out_prod;
		if (x->ring_size - xen_9pfs_queued(prod, cons, x->ring_size) >= total)
			break;
		if (xen_system_time() >= deadline)
			goto timeout;
		xen_evtchn_poll(x->port, deadline);
	}
	mprod = xen_9pfs_mask(prod, x->ring_size);
	mcons = xen_9pfs_mask(cons, x->ring_size);
	xen_9pfs_write_packet(x->out, tx, txlen, &mprod, mcons, x->ring_size);
	if (zc->out_len)
		xen_9pfs_write_packet(x->out, zc->out, zc->out_len, &mprod, mcons, x->ring_size);
	wmb(); /* the request before the index that publishes it */
	intf->out_prod = prod + (RING_IDX)total;
	mb();
	plat_event_notify(x->port);

	/* The in ring: wait for a whole reply (its header says its size). */
	for (;;) {
		cons = intf->in_cons;
		prod = load_idx(&intf->in_prod);
		rmb();
		queued = xen_9pfs_queued(prod, cons, x->ring_size);
		if (queued >= X9P_HDR_SIZE) {
			mcons = xen_9pfs_mask(cons, x->ring_size);
			mprod = xen_9pfs_mask(prod, x->ring_size);
			xen_9pfs_read_packet(hdr, x->in, sizeof(hdr), mprod, &mcons, x->ring_size);
			size = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (uint32_t)hdr[3] << 24;
			if (size < X9P_HDR_SIZE || size > room || size > x->ring_size) {
				lith_pr_err(
					"xen-9pfs %s: reply of %u bytes (buffer %llu): device abandoned\n",
					t->tag, size, (unsigned long long)room);
				x->dead = true;
				return -EIO;
			}
			if (queued >= size)
				break;
		}
		if (xen_system_time() >= deadline)
			goto timeout;
		xen_evtchn_poll(x->port, deadline);
	}
	mcons = xen_9pfs_mask(cons, x->ring_size);
	head = MIN(size, rxcap);
	xen_9pfs_read_packet(rx, x->in, head, mprod, &mcons, x->ring_size);
	if (size > head)
		xen_9pfs_read_packet(zc->in, x->in, size - head, mprod, &mcons, x->ring_size);
	mb(); /* the reply is read before the back-end may reuse its space */
	intf->in_cons = cons + size;
	mb();
	plat_event_notify(x->port);
	*rxlen = size;
	return 0;

timeout:
	lith_pr_err("xen-9pfs %s: no reply in %llu s: device abandoned\n", t->tag,
		    (unsigned long long)(REPLY_TIMEOUT_NS / NSEC_PER_SEC));
	x->dead = true;
	return -ETIMEDOUT;
}

static int x9p_request(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
		       uint32_t rxcap, uint32_t *rxlen)
{
	static const struct p9_zc none;

	return x9p_request_zc(t, tx, txlen, rx, rxcap, &none, rxlen);
}

/* Write "<nodename>/<key>" = value. */
static int front_write(struct xenbus_device *dev, const char *key, const char *value)
{
	char path[96];

	snprintf(path, sizeof(path), "%s/%s", dev->nodename, key);
	return xs_write(XS_NO_TRANSACTION, path, value);
}

static int front_write_uint(struct xenbus_device *dev, const char *key, unsigned long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lu", v);
	return front_write(dev, key, num);
}

static int back_read_int(struct xenbus_device *dev, const char *key, long *v)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", dev->otherend, key);
	return xs_read_int(XS_NO_TRANSACTION, path, v);
}

/* The back-end must offer protocol version 1 in its comma-separated "versions". */
static bool back_speaks_v1(struct xenbus_device *dev)
{
	char path[160], buf[64], *s;

	snprintf(path, sizeof(path), "%s/versions", dev->otherend);
	if (xs_read(XS_NO_TRANSACTION, path, buf, sizeof(buf)) < 0)
		return false;
	for (s = buf; *s;) {
		if (s[0] == '1' && (s[1] == ',' || s[1] == '\0'))
			return true;
		while (*s && *s != ',')
			s++;
		if (*s == ',')
			s++;
	}
	return false;
}

/* Share the indexes page and the data pages; 0 or -errno. */
static int share_rings(struct x9p *x, unsigned int order)
{
	unsigned int i, npages = 1U << order;
	plat_shmem_ref_t ref;
	unsigned char *data;
	int rc;

	x->intf = lith_alloc_pages(1);
	data = lith_alloc_pages(npages);
	if (!x->intf || !data)
		return -ENOMEM;
	memset(x->intf, 0, PAGE_SIZE);
	memset(data, 0, (size_t)npages * PAGE_SIZE);
	x->ring_size = XEN_FLEX_RING_SIZE(order);
	x->in = data;
	x->out = data + x->ring_size;
	x->intf->ring_order = order;
	for (i = 0; i < npages; i++) {
		rc = plat_shmem_share(x->dev->otherend_id, data + (size_t)i * PAGE_SIZE, false,
				      &ref);
		if (rc < 0)
			return rc;
		x->intf->ref[i] = (grant_ref_t)ref;
	}
	wmb();
	rc = plat_shmem_share(x->dev->otherend_id, x->intf, false, &ref);
	if (rc < 0)
		return rc;
	rc = front_write_uint(x->dev, "ring-ref0", (unsigned long)ref);
	return rc;
}

static int x9p_connect(struct x9p *x)
{
	struct xenbus_device *dev = x->dev;
	long max_rings = 0, max_order = 0;
	unsigned int order;
	int state, rc;

	state = xenbus_wait_otherend(dev, 1U << XenbusStateInitWait, STATE_TIMEOUT_NS);
	if (state < 0) {
		lith_pr_err("xen-9pfs %s: back-end not in InitWait (%d)\n", dev->nodename, state);
		return state;
	}
	if (!back_speaks_v1(dev)) {
		lith_pr_err("xen-9pfs %s: back-end does not offer version 1\n", dev->nodename);
		return -ENOTSUP;
	}
	if (back_read_int(dev, "max-rings", &max_rings) || max_rings < 1 ||
	    back_read_int(dev, "max-ring-page-order", &max_order) || max_order < 0) {
		lith_pr_err("xen-9pfs %s: back-end gives no max-rings/max-ring-page-order\n",
			    dev->nodename);
		return -EIO;
	}
	order = MIN((unsigned int)max_order, X9P_RING_ORDER);
	/* The indexes page holds the data pages' grant references. */
	if (sizeof(struct xen_9pfs_data_intf) + (sizeof(grant_ref_t) << order) > PAGE_SIZE)
		return -EINVAL;

	rc = share_rings(x, order);
	if (rc < 0)
		return rc;
	rc = xen_evtchn_alloc_unbound(dev->otherend_id, &x->port);
	if (rc < 0)
		return rc;
	rc = front_write(dev, "version", "1");
	if (!rc)
		rc = front_write(dev, "num-rings", "1");
	if (!rc)
		rc = front_write_uint(dev, "event-channel-0", x->port);
	if (!rc)
		rc = xenbus_switch_state(dev, XenbusStateInitialised);
	if (rc < 0)
		return rc;
	state = xenbus_wait_otherend(dev, 1U << XenbusStateConnected, STATE_TIMEOUT_NS);
	if (state < 0) {
		lith_pr_err("xen-9pfs %s: back-end did not connect (%d)\n", dev->nodename, state);
		return state;
	}
	return xenbus_switch_state(dev, XenbusStateConnected);
}

static int x9p_probe(struct plat_device *pd)
{
	struct xenbus_device *dev = pd->bus_data;
	char path[96];
	struct x9p *x;
	int rc;

	x = lith_calloc(1, sizeof(*x));
	if (!x)
		return -ENOMEM;
	x->dev = dev;
	snprintf(path, sizeof(path), "%s/tag", dev->nodename);
	rc = xs_read(XS_NO_TRANSACTION, path, x->t.tag, sizeof(x->t.tag));
	if (rc <= 0) {
		lith_pr_err("xen-9pfs %s: no tag\n", dev->nodename);
		lith_free(x);
		return rc < 0 ? rc : -ENOTSUP;
	}
	rc = x9p_connect(x);
	if (rc < 0) {
		/* Pages and grants stay with the back-end that may have mapped them. */
		lith_pr_err("xen-9pfs %s: cannot connect: %d\n", dev->nodename, rc);
		xenbus_switch_state(dev, XenbusStateClosed);
		return rc;
	}
	x->t.kind = "xen";
	x->t.max_msize = x->ring_size / 2;
	x->t.request = x9p_request;
	x->t.request_zc = x9p_request_zc;
	x->t.priv = x;
	dev->drv_data = x;
	rc = p9_transport_register(&x->t);
	if (rc < 0) {
		lith_pr_err("xen-9pfs %s: mount tag \"%s\" is already taken\n", dev->nodename,
			    x->t.tag);
		return rc;
	}
	lith_pr_info("xen-9pfs %s: mount tag \"%s\", ring order %u, event channel %u\n",
		     dev->nodename, x->t.tag, (unsigned int)x->intf->ring_order, x->port);
	return 0;
}

static const struct plat_driver x9p_driver = {
	.name = "xen-9pfs",
	.bus = PLAT_BUS_XENBUS,
	.type = "9pfs",
	.probe = x9p_probe,
};
LITH_DRIVER(x9p_driver);
