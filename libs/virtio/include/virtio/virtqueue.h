/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtio split virtqueue (virtio 1.x, section 2.7), independent of any transport or
 * platform so that it is tested on the host. One memory layout serves every transport:
 * descriptors, then the available ring, then the used ring at the next `align` boundary
 * (what legacy devices require; modern ones accept it too).
 *
 * Not thread-safe: callers serialise (e.g. with events disabled).
 */
#ifndef VIRTIO_VIRTQUEUE_H
#define VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VRING_DESC_F_NEXT	   1
#define VRING_DESC_F_WRITE	   2
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY	   1

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[]; /* then used_event when VIRTIO_F_EVENT_IDX */
};

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[]; /* then avail_event when VIRTIO_F_EVENT_IDX */
};

/* One piece of a request: device-readable ("out") or device-writable ("in"). */
struct virtq_buf {
	void *addr;
	uint32_t len;
};

struct virtqueue {
	uint16_t index; /* the queue's number on its device */
	uint16_t num;	/* descriptors (a power of two) */
	uint16_t num_free;
	uint16_t free_head; /* free descriptors are chained through next */
	uint16_t last_used; /* the used index up to which buffers were taken back */
	uint16_t kicked;    /* avail->idx at the last notification */
	bool event_idx;	    /* VIRTIO_F_EVENT_IDX negotiated */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void **cookies; /* per head descriptor: the caller's token */
	/* The address the device uses for a buffer (identity where DMA is 1:1). */
	uint64_t (*dma_addr)(const void *va);
	void *transport; /* the transport's per-queue data */
};

/* Bytes for a ring of num descriptors with the used ring aligned to align (a power of 2). */
size_t virtq_ring_size(uint16_t num, size_t align);

/*
 * Lay out a queue in mem (zeroed, align-aligned, virtq_ring_size() bytes) with cookies[num]
 * for the tokens. Returns 0, or -EINVAL if num is not a power of two in 1..32768.
 */
int virtq_init(struct virtqueue *vq, uint16_t index, uint16_t num, void *mem, size_t align,
	       void **cookies);

/*
 * Queue one request: out device-readable buffers then in device-writable ones, as one
 * descriptor chain. cookie (not NULL) comes back from virtq_get(). 0, -EINVAL (nothing
 * to queue or a NULL cookie) or -ENOSPC (not enough free descriptors).
 */
int virtq_add(struct virtqueue *vq, const struct virtq_buf *bufs, unsigned int out, unsigned int in,
	      void *cookie);

/* Publish what was added; true when the device wants a notification now. */
bool virtq_kick_prepare(struct virtqueue *vq);

/* The next request the device has finished (its cookie; *len: bytes it wrote), or NULL. */
void *virtq_get(struct virtqueue *vq, uint32_t *len);

/* Whether finished requests wait. */
bool virtq_has_used(const struct virtqueue *vq);

/* Ask the device not to interrupt / to interrupt again. enable returns virtq_has_used(). */
void virtq_intr_disable(struct virtqueue *vq);
bool virtq_intr_enable(struct virtqueue *vq);

#endif /* VIRTIO_VIRTQUEUE_H */
