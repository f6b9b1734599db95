/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host tests of the split virtqueue against a simulated device that walks descriptor
 * chains the way the virtio spec says a device does, completes requests in any order,
 * and checks what the driver side published.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <virtio/virtqueue.h>
#include "../check.h"

struct ring {
	struct virtqueue vq;
	void *mem;
	void **cookies;
	uint16_t dev_avail; /* the device's next avail index */
};

static void ring_new(struct ring *r, uint16_t num, size_t align)
{
	size_t size = virtq_ring_size(num, align);

	memset(r, 0, sizeof(*r));
	r->mem = aligned_alloc(4096, (size + 4095) & ~(size_t)4095);
	memset(r->mem, 0, size);
	r->cookies = calloc(num, sizeof(void *));
	CHECK(virtq_init(&r->vq, 0, num, r->mem, align, r->cookies) == 0);
}

static void ring_free(struct ring *r)
{
	free(r->mem);
	free(r->cookies);
}

/* Device: take the next available chain; returns its head or -1, and counts in/out. */
static int dev_pop(struct ring *r, unsigned int *nout, unsigned int *nin, uint32_t *inlen)
{
	struct virtqueue *vq = &r->vq;
	uint16_t head, d;
	unsigned int guard = 0;

	if (r->dev_avail == vq->avail->idx)
		return -1;
	head = vq->avail->ring[r->dev_avail++ & (vq->num - 1)];
	*nout = *nin = 0;
	*inlen = 0;
	for (d = head;; d = vq->desc[d].next) {
		if (d >= vq->num || ++guard > vq->num)
			return -2; /* broken chain */
		if (vq->desc[d].flags & VRING_DESC_F_WRITE) {
			(*nin)++;
			*inlen += vq->desc[d].len;
		} else {
			if (*nin)
				return -3; /* out after in: forbidden */
			(*nout)++;
		}
		if (!(vq->desc[d].flags & VRING_DESC_F_NEXT))
			break;
	}
	return head;
}

static void dev_push(struct ring *r, uint16_t head, uint32_t len)
{
	struct vring_used *u = r->vq.used;

	u->ring[u->idx & (r->vq.num - 1)].id = head;
	u->ring[u->idx & (r->vq.num - 1)].len = len;
	u->idx++;
}

static void test_layout(void)
{
	struct virtqueue vq = { 0 };
	void *cookies[256];
	static char mem[3 * 4096] __attribute__((aligned(4096)));

	CHECK(virtq_init(&vq, 0, 3, mem, 4096, cookies) == -EINVAL);
	CHECK(virtq_init(&vq, 0, 0, mem, 4096, cookies) == -EINVAL);
	CHECK(virtq_init(&vq, 0, 256, mem, 4096, cookies) == 0);
	CHECK((char *)vq.avail == mem + 16 * 256);
	CHECK((char *)vq.used == mem + 8192); /* 4096 + 6 + 512 rounded up to 4096 */
	CHECK(virtq_ring_size(256, 4096) == 8192 + 6 + 8 * 256);
	/* desc 2048 + avail 6 + 256 + used_event 2, rounded to 4, then used 6 + 8 * 128 */
	CHECK(virtq_ring_size(128, 4) == 2312 + 6 + 8 * 128);
	CHECK(vq.num_free == 256 && vq.free_head == 0);
}

static void test_chain(void)
{
	struct ring r;
	char a[10], b[20], c[30];
	struct virtq_buf bufs[] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	unsigned int nout, nin;
	uint32_t inlen, len = 0;
	int head;

	ring_new(&r, 8, 4);
	CHECK(virtq_add(&r.vq, bufs, 0, 0, a) == -EINVAL);
	CHECK(virtq_add(&r.vq, bufs, 1, 0, NULL) == -EINVAL);
	CHECK(virtq_add(&r.vq, bufs, 1, 2, a) == 0);
	CHECK(r.vq.num_free == 5);
	CHECK(r.vq.avail->idx == 1);
	CHECK(r.vq.desc[0].addr == (uint64_t)(uintptr_t)a && r.vq.desc[0].len == 10);
	CHECK(r.vq.desc[0].flags == VRING_DESC_F_NEXT);
	CHECK(r.vq.desc[r.vq.desc[0].next].flags == (VRING_DESC_F_NEXT | VRING_DESC_F_WRITE));
	CHECK(virtq_kick_prepare(&r.vq));
	CHECK(!virtq_kick_prepare(&r.vq) || 1); /* nothing new: either answer is legal */
	head = dev_pop(&r, &nout, &nin, &inlen);
	CHECK(head == 0 && nout == 1 && nin == 2 && inlen == 50);
	CHECK(virtq_get(&r.vq, &len) == NULL); /* not used yet */
	dev_push(&r, (uint16_t)head, 42);
	CHECK(virtq_has_used(&r.vq));
	CHECK(virtq_get(&r.vq, &len) == a && len == 42);
	CHECK(r.vq.num_free == 8);
	CHECK(virtq_get(&r.vq, &len) == NULL);
	ring_free(&r);
}

static void test_full_and_notify(void)
{
	struct ring r;
	char x;
	struct virtq_buf buf = { &x, 1 };
	int i;

	ring_new(&r, 4, 4096);
	for (i = 0; i < 4; i++)
		CHECK(virtq_add(&r.vq, &buf, 1, 0, &r.cookies[0] + i) == 0);
	CHECK(virtq_add(&r.vq, &buf, 1, 0, &x) == -ENOSPC);
	r.vq.used->flags = VRING_USED_F_NO_NOTIFY;
	CHECK(!virtq_kick_prepare(&r.vq));
	r.vq.used->flags = 0;
	CHECK(virtq_add(&r.vq, &buf, 0, 1, &x) == -ENOSPC);

	virtq_intr_disable(&r.vq);
	CHECK(r.vq.avail->flags & VRING_AVAIL_F_NO_INTERRUPT);
	CHECK(!virtq_intr_enable(&r.vq));
	CHECK(!(r.vq.avail->flags & VRING_AVAIL_F_NO_INTERRUPT));
	dev_push(&r, 2, 0);
	CHECK(virtq_intr_enable(&r.vq)); /* a completion raced the enable */
	ring_free(&r);
}

static void test_event_idx(void)
{
	struct ring r;
	char x;
	struct virtq_buf buf = { &x, 1 };
	uint16_t *avail_event;

	ring_new(&r, 8, 4);
	r.vq.event_idx = true;
	avail_event = (uint16_t *)&r.vq.used->ring[8];
	CHECK(virtq_add(&r.vq, &buf, 1, 0, &x) == 0);
	*avail_event = 0; /* the device wants a kick once index 0 is passed */
	CHECK(virtq_kick_prepare(&r.vq));
	CHECK(virtq_add(&r.vq, &buf, 1, 0, &x + 0) == 0);
	*avail_event = 5; /* not until index 5 */
	CHECK(!virtq_kick_prepare(&r.vq));
	ring_free(&r);
}

static void test_bad_device(void)
{
	struct ring r;
	char x;
	struct virtq_buf buf = { &x, 1 };

	ring_new(&r, 4, 4);
	CHECK(virtq_add(&r.vq, &buf, 1, 0, &x) == 0);
	dev_push(&r, 3, 0); /* never queued */
	CHECK(virtq_get(&r.vq, NULL) == NULL);
	CHECK(r.vq.num_free == 3);
	ring_free(&r);
}

/* Many requests of random shapes, completed in random order, across index wrap-around. */
static void test_random(void)
{
	enum { NUM = 16, ROUNDS = 200000 };
	struct ring r;
	static char data[NUM][4];
	int pending[NUM], npending = 0, bad = 0, i;
	uint16_t shape_out[NUM], shape_in[NUM];
	unsigned long completed = 0;

	srand(7);
	ring_new(&r, NUM, 4096);
	for (i = 0; i < ROUNDS; i++) {
		if (rand() % 2) {
			unsigned int out = rand() % 3, in = rand() % 3;
			struct virtq_buf bufs[6];
			int c = rand() % NUM, rc;
			unsigned int k;

			if (!out && !in)
				in = 1;
			for (k = 0; k < out + in; k++)
				bufs[k] = (struct virtq_buf){ data[c], 4 };
			rc = virtq_add(&r.vq, bufs, out, in, data[c]);
			if (rc == 0)
				continue;
			if (rc != -ENOSPC)
				bad++;
		}
		/* Device: pop everything available, complete one pending at random. */
		for (;;) {
			unsigned int nout, nin;
			uint32_t inlen;
			int head = dev_pop(&r, &nout, &nin, &inlen);

			if (head == -1)
				break;
			if (head < 0 || npending == NUM) {
				bad++;
				break;
			}
			shape_out[npending] = nout;
			shape_in[npending] = nin;
			pending[npending++] = head;
		}
		if (npending && rand() % 3) {
			int k = rand() % npending;
			void *cookie;
			uint32_t len;

			dev_push(&r, (uint16_t)pending[k], shape_in[k] * 4);
			cookie = virtq_get(&r.vq, &len);
			if (!cookie || len != shape_in[k] * 4u)
				bad++;
			pending[k] = pending[--npending];
			shape_out[k] = shape_out[npending];
			shape_in[k] = shape_in[npending];
			completed++;
		}
		/* Invariant: free descriptors plus those in flight make the ring. */
		{
			unsigned int inflight = 0;
			int k;

			for (k = 0; k < npending; k++)
				inflight += shape_out[k] + shape_in[k];
			if (inflight + r.vq.num_free != NUM)
				bad++;
		}
	}
	CHECK(bad == 0);
	CHECK(completed > 65536); /* the 16-bit indexes wrapped */
	ring_free(&r);
}

int main(void)
{
	test_layout();
	test_chain();
	test_full_and_notify();
	test_event_idx();
	test_bad_device();
	test_random();
	printf("virtqueue: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
