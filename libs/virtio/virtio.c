/* SPDX-License-Identifier: BSD-3-Clause */
/* The device-independent part of virtio: status, feature negotiation, queues, drivers. */
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/fmt.h>
#include <lith/print.h>
#include <virtio/virtio.h>

const char *virtio_type_name(uint32_t type)
{
	switch (type) {
	case VIRTIO_ID_NET:
		return "net";
	case VIRTIO_ID_BLK:
		return "blk";
	case VIRTIO_ID_CONSOLE:
		return "console";
	case VIRTIO_ID_RNG:
		return "rng";
	case VIRTIO_ID_9P:
		return "9p";
	default:
		return "unknown";
	}
}

int virtio_device_add(struct virtio_dev *vd)
{
	int rc;

	fmt_snprintf(vd->name, sizeof(vd->name), "virtio-%s", virtio_type_name(vd->type));
	vd->pdev.bus = PLAT_BUS_VIRTIO;
	vd->pdev.id = vd->type;
	vd->pdev.name = vd->name;
	vd->pdev.bus_data = vd;
	vd->tr->set_status(vd, 0);
	lith_pr_info("%s (type %u) at %s: %s%s\n", vd->name, vd->type, vd->where, vd->tr->name,
		     vd->legacy ? " (legacy)" : "");
	rc = plat_devices_match(&vd->pdev);
	if (rc == -ENODEV)
		lith_pr_info("%s at %s: no driver in this image\n", vd->name, vd->where);
	return 0;
}

int virtio_negotiate(struct virtio_dev *vd, uint64_t wanted)
{
	uint64_t offered;

	vd->tr->set_status(vd, 0);
	vd->tr->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE);
	vd->tr->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	offered = vd->tr->get_features(vd);
	if (!vd->legacy)
		wanted |= VIRTIO_BIT(VIRTIO_F_VERSION_1);
	else
		wanted &= 0xffffffffULL;
	vd->features = offered & wanted;
	vd->tr->set_features(vd, vd->features);
	lith_pr_info("%s: features offered 0x%llx, accepted 0x%llx\n", vd->name,
		     (unsigned long long)offered, (unsigned long long)vd->features);
	if (vd->legacy)
		return 0;
	if (!(vd->features & VIRTIO_BIT(VIRTIO_F_VERSION_1))) {
		lith_pr_err("%s: device does not offer VERSION_1\n", vd->name);
		virtio_fail(vd);
		return -EIO;
	}
	vd->tr->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				       VIRTIO_STATUS_FEATURES_OK);
	if (!(vd->tr->get_status(vd) & VIRTIO_STATUS_FEATURES_OK)) {
		lith_pr_err("%s: device refused features 0x%llx\n", vd->name,
			    (unsigned long long)vd->features);
		virtio_fail(vd);
		return -EIO;
	}
	return 0;
}

int virtio_queue_create(struct virtio_dev *vd, uint16_t index, uint16_t num, struct virtqueue **out)
{
	uint16_t max = vd->tr->queue_max(vd, index);
	struct virtqueue *vq;
	size_t size;
	void *mem;
	int rc;

	if (!max)
		return -ENOENT;
	if (vd->fixed_queue_size || num > max)
		num = max;
	while (num & (num - 1)) /* the split ring wants a power of two */
		num &= num - 1;
	size = virtq_ring_size(num, vd->queue_align);
	vq = lith_calloc(1, sizeof(*vq) + sizeof(void *) * num);
	mem = lith_memalign(vd->queue_align > 4096 ? vd->queue_align : 4096, size);
	if (!vq || !mem) {
		lith_free(vq);
		lith_free(mem);
		return -ENOMEM;
	}
	for (rc = 0; rc < (int)size; rc++)
		((char *)mem)[rc] = 0;
	virtq_init(vq, index, num, mem, vd->queue_align, (void **)(vq + 1));
	vq->event_idx = virtio_has(vd, VIRTIO_F_EVENT_IDX);
	rc = vd->tr->queue_enable(vd, vq);
	if (rc < 0) {
		lith_free(mem);
		lith_free(vq);
		return rc;
	}
	*out = vq;
	return 0;
}

void virtio_queue_kick(struct virtio_dev *vd, struct virtqueue *vq)
{
	if (virtq_kick_prepare(vq))
		vd->tr->notify(vd, vq);
}

void virtio_driver_ok(struct virtio_dev *vd)
{
	vd->tr->set_status(vd, vd->tr->get_status(vd) | VIRTIO_STATUS_DRIVER_OK);
}

void virtio_fail(struct virtio_dev *vd)
{
	vd->tr->set_status(vd, vd->tr->get_status(vd) | VIRTIO_STATUS_FAILED);
}

void virtio_config_read(struct virtio_dev *vd, unsigned int off, void *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		((uint8_t *)buf)[i] = vd->tr->config_read8(vd, off + i);
}
