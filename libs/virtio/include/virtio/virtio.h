/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio devices over any transport (virtio-pci modern and legacy, virtio-mmio v1 and v2).
 * A transport finds a device, fills a struct virtio_dev and calls virtio_device_add(),
 * which offers it to the drivers as a PLAT_BUS_VIRTIO device whose id is the virtio
 * device type and whose bus_data is the struct virtio_dev. A driver then negotiates
 * features, creates its queues and sets DRIVER_OK:
 *
 *	static int probe(struct plat_device *pd)
 *	{
 *		struct virtio_dev *vd = pd->bus_data;
 *		if (virtio_negotiate(vd, MY_FEATURES) < 0) return -EIO;
 *		... virtio_queue_create(vd, 0, 128, &vq) ...
 *		virtio_driver_ok(vd);
 *	}
 *	static const struct plat_driver drv = { "my-net", PLAT_BUS_VIRTIO, VIRTIO_ID_NET,
 *						 NULL, probe };
 *	LITH_DRIVER(drv);
 */
#ifndef VIRTIO_VIRTIO_H
#define VIRTIO_VIRTIO_H

#include <lith/essentials.h>
#include <plat/devices.h>
#include <virtio/virtqueue.h>

#define VIRTIO_ID_NET	  1
#define VIRTIO_ID_BLK	  2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG	  4
#define VIRTIO_ID_9P	  9

#define VIRTIO_STATUS_ACKNOWLEDGE 0x01
#define VIRTIO_STATUS_DRIVER	  0x02
#define VIRTIO_STATUS_DRIVER_OK	  0x04
#define VIRTIO_STATUS_FEATURES_OK 0x08
#define VIRTIO_STATUS_NEEDS_RESET 0x40
#define VIRTIO_STATUS_FAILED	  0x80

#define VIRTIO_F_INDIRECT_DESC	 28
#define VIRTIO_F_EVENT_IDX	 29
#define VIRTIO_F_VERSION_1	 32
#define VIRTIO_F_ACCESS_PLATFORM 33

#define VIRTIO_BIT(f) (1ULL << (f))

struct virtio_dev;

/* What a transport does for the device-independent code. */
struct virtio_transport {
	const char *name; /* "virtio-pci", "virtio-mmio" */
	uint8_t (*get_status)(struct virtio_dev *vd);
	void (*set_status)(struct virtio_dev *vd, uint8_t status); /* 0 resets */
	uint64_t (*get_features)(struct virtio_dev *vd);
	void (*set_features)(struct virtio_dev *vd, uint64_t features);
	/* Device-specific configuration, byte by byte (little-endian fields). */
	uint8_t (*config_read8)(struct virtio_dev *vd, unsigned int off);
	/* Largest size of queue index (0: no such queue); legacy queues must use exactly it. */
	uint16_t (*queue_max)(struct virtio_dev *vd, uint16_t index);
	int (*queue_enable)(struct virtio_dev *vd, struct virtqueue *vq);
	void (*notify)(struct virtio_dev *vd, struct virtqueue *vq);
	/* Read and acknowledge the interrupt status (bit 0: queues, bit 1: configuration). */
	uint8_t (*isr)(struct virtio_dev *vd);
};

struct virtio_dev {
	const struct virtio_transport *tr;
	void *tr_data;
	uint32_t type;	       /* VIRTIO_ID_* */
	bool legacy;	       /* pre-1.0 interface: no FEATURES_OK, 32 feature bits */
	bool fixed_queue_size; /* legacy: queues have the device's size */
	size_t queue_align;    /* used ring alignment the transport needs */
	uint64_t features;     /* negotiated */
	int event;	       /* its interrupt for plat_event_bind(), or -1 */
	char where[24];	       /* "pci 00:03.0", "mmio 0xfeb00e00" */
	char name[16];	       /* "virtio-net" */
	struct plat_device pdev;
};

/* Offer a device found by a transport to the drivers; 0 whether or not one took it. */
int virtio_device_add(struct virtio_dev *vd);

/* "net", "blk", "9p", ... or "unknown". */
const char *virtio_type_name(uint32_t type);

/*
 * Reset, acknowledge, and accept the features in wanted that the device offers (plus
 * VERSION_1 unless legacy), then FEATURES_OK where the interface has it. 0, or -EIO if
 * the device refused (status FAILED is set).
 */
int virtio_negotiate(struct virtio_dev *vd, uint64_t wanted);

/* Allocate and register queue index with at most num descriptors; 0 or -errno. */
int virtio_queue_create(struct virtio_dev *vd, uint16_t index, uint16_t num,
			struct virtqueue **out);

/* Publish what was queued and notify the device if it wants it. */
void virtio_queue_kick(struct virtio_dev *vd, struct virtqueue *vq);

void virtio_driver_ok(struct virtio_dev *vd);
void virtio_fail(struct virtio_dev *vd);

static inline bool virtio_has(const struct virtio_dev *vd, unsigned int feature)
{
	return vd->features & VIRTIO_BIT(feature);
}

/* Read len bytes of device configuration at off into buf. */
void virtio_config_read(struct virtio_dev *vd, unsigned int off, void *buf, size_t len);

#endif /* VIRTIO_VIRTIO_H */
