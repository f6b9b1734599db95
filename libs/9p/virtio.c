/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtio-9p transport: each virtio 9P device (PCI or MMIO, libs/virtio) becomes a
 * struct p9_transport named by the mount tag in its configuration space. One request at a
 * time on queue 0: the request and the reply buffer go out as one descriptor chain, and the
 * reply is awaited by polling (a 9P request is synchronous for the client anyway). Zero-copy
 * requests (Twrite, Tread) give the caller's payload a descriptor of its own:
 * [Twrite header][data] out, or [Tread] out then [Rread header][data] in.
 */
#include <string.h>
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/time.h>
#include <virtio/virtio.h>
#include <9p/transport.h>

#define VIRTIO_9P_F_MOUNT_TAG 0
#define QUEUE_SIZE	      16 /* one request in flight needs two to four descriptors */
/* A device that has not answered in this long is considered gone. */
#define REPLY_TIMEOUT_NS (30 * NSEC_PER_SEC)

struct v9p {
	struct p9_transport t;
	struct virtio_dev *vd;
	struct virtqueue *vq;
	bool dead; /* a request timed out: the device was reset and is not used again */
};

/*
 * Queue one chain (out device-readable buffers, then in device-writable ones; tx, the
 * first, is the cookie) and wait for the device to finish it; *len: bytes it wrote.
 *
 * Buffers go to the device by address as they are (the queue's dma_addr() is the
 * identity): on KVM, RAM, so the heap, the stacks and the image, is mapped 1:1, so a
 * buffer contiguous in virtual memory is contiguous in guest-physical memory too and one
 * descriptor covers it, whatever page boundaries it crosses. A platform that maps RAM
 * otherwise would have to split a payload page by page.
 */
static int v9p_xfer(struct v9p *v, const struct virtq_buf *bufs, unsigned int out, unsigned int in,
		    uint32_t *rxlen)
{
	const void *tx = bufs[0].addr;
	struct p9_transport *t = &v->t;
	uint64_t until;
	uint32_t len = 0;
	void *done;
	int rc;

	if (v->dead)
		return -EIO;
	rc = virtq_add(v->vq, bufs, out, in, (void *)tx);
	if (rc < 0)
		return rc;
	virtio_queue_kick(v->vd, v->vq);
	until = plat_time_monotonic_ns() + REPLY_TIMEOUT_NS;
	while (!(done = virtq_get(v->vq, &len))) {
		if (plat_time_monotonic_ns() > until) {
			lith_pr_err("virtio-9p %s: no reply in %llu s: device abandoned\n", t->tag,
				    (unsigned long long)(REPLY_TIMEOUT_NS / NSEC_PER_SEC));
			v->dead = true;
			/*
			 * The chain may hold the caller's buffer, which must not change under
			 * it later: a reset makes the device drop its queues (4.1.4.3.2).
			 */
			v->vd->tr->set_status(v->vd, 0);
			return -ETIMEDOUT;
		}
	}
	if (done != tx)
		return -EIO; /* not our request: the queue is confused */
	*rxlen = len;
	return 0;
}

static int v9p_request(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
		       uint32_t rxcap, uint32_t *rxlen)
{
	struct virtq_buf bufs[2] = { { (void *)tx, txlen }, { rx, rxcap } };

	return v9p_xfer(container_of(t, struct v9p, t), bufs, 1, 1, rxlen);
}

static int v9p_request_zc(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			  uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen)
{
	struct virtq_buf bufs[4];
	unsigned int out, n = 0;
	uint32_t len = 0;
	int rc;

	bufs[n++] = (struct virtq_buf){ (void *)tx, txlen };
	/* Empty payloads get no descriptor: a zero-length one is not allowed. */
	if (zc->out_len)
		bufs[n++] = (struct virtq_buf){ (void *)zc->out, zc->out_len };
	out = n;
	bufs[n++] = (struct virtq_buf){ rx, rxcap };
	/*
	 * The device fills the in descriptors in order, so a reply shorter than rxcap (an
	 * Rlerror in place of an Rread: 11 bytes, like Rread's header) lies in rx whole.
	 */
	if (zc->in_len)
		bufs[n++] = (struct virtq_buf){ zc->in, zc->in_len };
	rc = v9p_xfer(container_of(t, struct v9p, t), bufs, out, n - out, &len);
	if (rc < 0)
		return rc;
	/* More than was offered cannot have been written: a device bug, not data. */
	if ((uint64_t)len > (uint64_t)rxcap + zc->in_len)
		return -EIO;
	*rxlen = len;
	return 0;
}

static int v9p_probe(struct plat_device *pd)
{
	struct virtio_dev *vd = pd->bus_data;
	struct v9p *v;
	uint16_t n;
	int rc;

	rc = virtio_negotiate(vd, VIRTIO_BIT(VIRTIO_9P_F_MOUNT_TAG));
	if (rc < 0)
		return rc;
	if (!virtio_has(vd, VIRTIO_9P_F_MOUNT_TAG)) {
		virtio_fail(vd);
		return -ENOTSUP; /* without a tag nothing can name it */
	}
	v = lith_calloc(1, sizeof(*v));
	if (!v) {
		virtio_fail(vd);
		return -ENOMEM;
	}
	virtio_config_read(vd, 0, &n, sizeof(n));
	n = MIN(n, (uint16_t)(P9_TAG_MAX - 1));
	virtio_config_read(vd, 2, v->t.tag, n);
	v->t.tag[n] = '\0';
	rc = virtio_queue_create(vd, 0, QUEUE_SIZE, &v->vq);
	if (rc < 0) {
		virtio_fail(vd);
		lith_free(v);
		return rc;
	}
	v->vd = vd;
	v->t.kind = "virtio";
	v->t.max_msize = 512 * 1024;
	v->t.request = v9p_request;
	v->t.request_zc = v9p_request_zc;
	v->t.priv = v;
	virtio_driver_ok(vd);
	rc = p9_transport_register(&v->t);
	if (rc < 0) {
		lith_pr_err("virtio-9p at %s: mount tag \"%s\" is already taken\n", vd->where,
			    v->t.tag);
		return rc;
	}
	lith_pr_info("virtio-9p at %s: mount tag \"%s\"\n", vd->where, v->t.tag);
	return 0;
}

static const struct plat_driver v9p_driver = {
	.name = "virtio-9p",
	.bus = PLAT_BUS_VIRTIO,
	.id = VIRTIO_ID_9P,
	.probe = v9p_probe,
};
LITH_DRIVER(v9p_driver);
