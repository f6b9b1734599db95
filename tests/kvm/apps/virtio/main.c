/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binds a small driver to every virtio net, blk and 9p device, negotiates features,
 * sets up queue 0 and DRIVER_OK, and prints one line per device:
 *	virtio: 9p at pci 00:04.0 over virtio-pci features 0x100000001 status 0xf queue0 128 ...
 * For blk it also reads sector 0 through the queue (polled) and prints its first bytes.
 * main prints how many devices got ready and exits 0.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/time.h>
#include <virtio/virtio.h>

#define NET_F_MAC      5
#define BLK_F_BLK_SIZE 6
#define P9_F_MOUNT_TAG 0

static int ready;

struct blk_req {
	uint32_t type, reserved;
	uint64_t sector;
};

static void blk_read0(struct virtio_dev *vd, struct virtqueue *vq)
{
	static struct blk_req req; /* type 0: read */
	static char data[512];
	static uint8_t status = 0xff;
	struct virtq_buf bufs[] = { { &req, sizeof(req) }, { data, sizeof(data) }, { &status, 1 } };
	uint64_t until = plat_time_monotonic_ns() + NSEC_PER_SEC;
	uint32_t len = 0;
	void *done = NULL;
	int i;

	if (virtq_add(vq, bufs, 1, 2, &req) < 0)
		return;
	virtio_queue_kick(vd, vq);
	while (!(done = virtq_get(vq, &len)) && plat_time_monotonic_ns() < until)
		;
	for (i = 0; i < 8 && data[i] >= ' ' && data[i] < 127; i++)
		;
	lith_printk_raw("virtio: blk read sector 0: %s, status %u, %u bytes, data \"%.*s\"\n",
			done == &req ? "done" : "timed out", status, len, i, data);
}

static int probe(struct plat_device *pd)
{
	struct virtio_dev *vd = pd->bus_data;
	uint64_t want = vd->type == VIRTIO_ID_NET ? VIRTIO_BIT(NET_F_MAC) :
			vd->type == VIRTIO_ID_BLK ? VIRTIO_BIT(BLK_F_BLK_SIZE) :
			vd->type == VIRTIO_ID_9P  ? VIRTIO_BIT(P9_F_MOUNT_TAG) :
						    0;
	struct virtqueue *vq = NULL;
	char extra[48] = "";
	uint8_t status;
	int rc;

	rc = virtio_negotiate(vd, want);
	if (rc < 0)
		return rc;
	rc = virtio_queue_create(vd, 0, 128, &vq);
	if (rc < 0) {
		virtio_fail(vd);
		return rc;
	}
	virtio_driver_ok(vd);
	status = vd->tr->get_status(vd);
	if (vd->type == VIRTIO_ID_9P && virtio_has(vd, P9_F_MOUNT_TAG)) {
		uint16_t n;

		virtio_config_read(vd, 0, &n, 2);
		extra[0] = ' ', extra[1] = 't', extra[2] = 'a', extra[3] = 'g', extra[4] = '=';
		virtio_config_read(vd, 2, extra + 5, MIN(n, sizeof(extra) - 6));
	}
	lith_printk_raw("virtio: %s at %s over %s%s features 0x%llx status 0x%x queue0 %u%s\n",
			virtio_type_name(vd->type), vd->where, vd->tr->name,
			vd->legacy ? " (legacy)" : "", (unsigned long long)vd->features, status,
			vq->num, extra);
	if (vd->type == VIRTIO_ID_BLK)
		blk_read0(vd, vq);
	if ((status & 0x0f) == (vd->legacy ? 0x07 : 0x0f))
		ready++;
	return 0;
}

#define LIST_DRIVER(nm, type)                        \
	static const struct plat_driver drv_##nm = { \
		.name = "virtiolist-" #nm,           \
		.bus = PLAT_BUS_VIRTIO,              \
		.id = type,                          \
		.probe = probe,                      \
	};                                           \
	LITH_DRIVER(drv_##nm)

LIST_DRIVER(net, VIRTIO_ID_NET);
LIST_DRIVER(blk, VIRTIO_ID_BLK);
LIST_DRIVER(9p, VIRTIO_ID_9P);

int main(int argc, char *argv[])
{
	lith_printk_raw("virtio: %d devices ready\n", ready);
	return 0;
}
