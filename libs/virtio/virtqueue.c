/* SPDX-License-Identifier: BSD-3-Clause */
/* The split virtqueue: descriptor free list, available and used rings, notifications. */
#include <lith/errno.h>
#include <arch/atomic.h>
#include <virtio/virtqueue.h>

#define ALIGN_TO(x, a) (((x) + (a)-1) & ~((size_t)(a)-1))

/* The ring's own placement of the event index fields (2.7.10). */
#define USED_EVENT(vq) ((vq)->avail->ring[(vq)->num])
#define AVAIL_EVENT(vq)                                  \
	(*(volatile uint16_t *)((char *)(vq)->used + 4 + \
				sizeof(struct vring_used_elem) * (vq)->num))

static uint64_t identity(const void *va)
{
	return (uint64_t)(uintptr_t)va;
}

static size_t avail_end(uint16_t num)
{
	return sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num);
}

size_t virtq_ring_size(uint16_t num, size_t align)
{
	return ALIGN_TO(avail_end(num), align) + sizeof(uint16_t) * 3 +
	       sizeof(struct vring_used_elem) * num;
}

int virtq_init(struct virtqueue *vq, uint16_t index, uint16_t num, void *mem, size_t align,
	       void **cookies)
{
	char *p = mem;
	uint16_t i;

	if (!num || (num & (num - 1)) || num > 32768 || !mem || !cookies)
		return -EINVAL;
	vq->index = index;
	vq->num = num;
	vq->desc = (struct vring_desc *)p;
	vq->avail = (struct vring_avail *)(p + sizeof(struct vring_desc) * num);
	vq->used = (struct vring_used *)(p + ALIGN_TO(avail_end(num), align));
	vq->cookies = cookies;
	vq->num_free = num;
	vq->free_head = 0;
	vq->last_used = 0;
	vq->kicked = 0;
	vq->event_idx = false;
	if (!vq->dma_addr)
		vq->dma_addr = identity;
	for (i = 0; i < num; i++) {
		vq->desc[i].next = (uint16_t)(i + 1);
		cookies[i] = NULL;
	}
	return 0;
}

int virtq_add(struct virtqueue *vq, const struct virtq_buf *bufs, unsigned int out, unsigned int in,
	      void *cookie)
{
	unsigned int n = out + in, i;
	uint16_t head = vq->free_head, d = head, last = head;

	if (!n || !cookie)
		return -EINVAL;
	if (n > vq->num_free)
		return -ENOSPC;
	for (i = 0; i < n; i++) {
		struct vring_desc *desc = &vq->desc[d];

		desc->addr = vq->dma_addr(bufs[i].addr);
		desc->len = bufs[i].len;
		desc->flags =
			(i < out ? 0 : VRING_DESC_F_WRITE) | (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		last = d;
		d = desc->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->num_free -= n;
	vq->cookies[head] = cookie;
	vq->avail->ring[vq->avail->idx & (vq->num - 1)] = head;
	/* The device may read the entry as soon as it sees the index: entry first. */
	smp_wmb();
	vq->avail->idx++;
	return 0;
}

bool virtq_kick_prepare(struct virtqueue *vq)
{
	uint16_t old = vq->kicked, new = vq->avail->idx;

	vq->kicked = new;
	/* The index must be visible before we read whether the device wants a kick. */
	smp_mb();
	if (vq->event_idx)
		return (uint16_t)(new - AVAIL_EVENT(vq) - 1) < (uint16_t)(new - old);
	return !(((volatile struct vring_used *)vq->used)->flags & VRING_USED_F_NO_NOTIFY);
}

bool virtq_has_used(const struct virtqueue *vq)
{
	return ((volatile struct vring_used *)vq->used)->idx != vq->last_used;
}

void *virtq_get(struct virtqueue *vq, uint32_t *len)
{
	struct vring_used_elem *e;
	uint16_t head, d;
	void *cookie;

	if (!virtq_has_used(vq))
		return NULL;
	/* Read the element only after the index that published it. */
	smp_rmb();
	e = &vq->used->ring[vq->last_used & (vq->num - 1)];
	head = (uint16_t)e->id;
	if (head >= vq->num || !vq->cookies[head])
		return NULL; /* a device bug: never free what was not queued */
	if (len)
		*len = e->len;
	cookie = vq->cookies[head];
	vq->cookies[head] = NULL;
	/* Give the chain back to the free list. */
	for (d = head; vq->num_free++, vq->desc[d].flags & VRING_DESC_F_NEXT;)
		d = vq->desc[d].next;
	vq->desc[d].next = vq->free_head;
	vq->free_head = head;
	vq->last_used++;
	if (vq->event_idx)
		USED_EVENT(vq) = vq->last_used;
	return cookie;
}

void virtq_intr_disable(struct virtqueue *vq)
{
	vq->avail->flags |= VRING_AVAIL_F_NO_INTERRUPT;
}

bool virtq_intr_enable(struct virtqueue *vq)
{
	vq->avail->flags &= ~VRING_AVAIL_F_NO_INTERRUPT;
	if (vq->event_idx)
		USED_EVENT(vq) = vq->last_used;
	/* Whatever arrived before the device saw the flag raised no interrupt. */
	smp_mb();
	return virtq_has_used(vq);
}
