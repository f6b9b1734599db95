/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-mmio transport (virtio 1.x section 4.2): version 2 (modern) and version 1
 * (legacy, QEMU's default). The platform names the register windows (PLAT_BUS_MMIO
 * devices called "virtio-mmio") and maps them (plat/io.h).
 */
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/fmt.h>
#include <lith/print.h>
#include <plat/io.h>
#include <virtio/virtio.h>

#define MMIO_MAGIC	      0x000
#define MMIO_VERSION	      0x004
#define MMIO_DEVICE_ID	      0x008
#define MMIO_DEV_FEATURES     0x010
#define MMIO_DEV_FEATURES_SEL 0x014
#define MMIO_DRV_FEATURES     0x020
#define MMIO_DRV_FEATURES_SEL 0x024
#define MMIO_GUEST_PAGE_SIZE  0x028 /* v1 */
#define MMIO_QUEUE_SEL	      0x030
#define MMIO_QUEUE_NUM_MAX    0x034
#define MMIO_QUEUE_NUM	      0x038
#define MMIO_QUEUE_ALIGN      0x03c /* v1 */
#define MMIO_QUEUE_PFN	      0x040 /* v1 */
#define MMIO_QUEUE_READY      0x044 /* v2 */
#define MMIO_QUEUE_NOTIFY     0x050
#define MMIO_INT_STATUS	      0x060
#define MMIO_INT_ACK	      0x064
#define MMIO_STATUS	      0x070
#define MMIO_QUEUE_DESC	      0x080 /* v2: low, high at + 4 */
#define MMIO_QUEUE_DRIVER     0x090
#define MMIO_QUEUE_DEVICE     0x0a0
#define MMIO_CONFIG	      0x100

#define MMIO_MAGIC_VALUE 0x74726976 /* "virt" */
#define LEGACY_PAGE	 4096

struct vmmio {
	struct virtio_dev vd;
	struct plat_io io;
};

static const struct plat_io *io_of(struct virtio_dev *vd)
{
	return &container_of(vd, struct vmmio, vd)->io;
}

static uint8_t get_status(struct virtio_dev *vd)
{
	return (uint8_t)plat_io_read32(io_of(vd), MMIO_STATUS);
}

static void set_status(struct virtio_dev *vd, uint8_t s)
{
	plat_io_write32(io_of(vd), MMIO_STATUS, s);
	if (!s && vd->legacy)
		plat_io_write32(io_of(vd), MMIO_GUEST_PAGE_SIZE, LEGACY_PAGE);
}

static uint64_t get_features(struct virtio_dev *vd)
{
	const struct plat_io *io = io_of(vd);
	uint64_t f;

	plat_io_write32(io, MMIO_DEV_FEATURES_SEL, 0);
	f = plat_io_read32(io, MMIO_DEV_FEATURES);
	plat_io_write32(io, MMIO_DEV_FEATURES_SEL, 1);
	return f | (uint64_t)plat_io_read32(io, MMIO_DEV_FEATURES) << 32;
}

static void set_features(struct virtio_dev *vd, uint64_t f)
{
	const struct plat_io *io = io_of(vd);

	plat_io_write32(io, MMIO_DRV_FEATURES_SEL, 0);
	plat_io_write32(io, MMIO_DRV_FEATURES, (uint32_t)f);
	plat_io_write32(io, MMIO_DRV_FEATURES_SEL, 1);
	plat_io_write32(io, MMIO_DRV_FEATURES, (uint32_t)(f >> 32));
}

static uint8_t config_read8(struct virtio_dev *vd, unsigned int off)
{
	return plat_io_read8(io_of(vd), MMIO_CONFIG + off);
}

static uint16_t queue_max(struct virtio_dev *vd, uint16_t index)
{
	const struct plat_io *io = io_of(vd);

	plat_io_write32(io, MMIO_QUEUE_SEL, index);
	return (uint16_t)MIN(plat_io_read32(io, MMIO_QUEUE_NUM_MAX), 32768U);
}

static int queue_enable(struct virtio_dev *vd, struct virtqueue *vq)
{
	const struct plat_io *io = io_of(vd);
	uint64_t desc = vq->dma_addr(vq->desc), avail = vq->dma_addr(vq->avail);
	uint64_t used = vq->dma_addr(vq->used);

	plat_io_write32(io, MMIO_QUEUE_SEL, vq->index);
	plat_io_write32(io, MMIO_QUEUE_NUM, vq->num);
	if (vd->legacy) {
		if ((desc / LEGACY_PAGE) >> 32)
			return -EINVAL;
		plat_io_write32(io, MMIO_QUEUE_ALIGN, LEGACY_PAGE);
		plat_io_write32(io, MMIO_QUEUE_PFN, (uint32_t)(desc / LEGACY_PAGE));
		return 0;
	}
	plat_io_write32(io, MMIO_QUEUE_DESC, (uint32_t)desc);
	plat_io_write32(io, MMIO_QUEUE_DESC + 4, (uint32_t)(desc >> 32));
	plat_io_write32(io, MMIO_QUEUE_DRIVER, (uint32_t)avail);
	plat_io_write32(io, MMIO_QUEUE_DRIVER + 4, (uint32_t)(avail >> 32));
	plat_io_write32(io, MMIO_QUEUE_DEVICE, (uint32_t)used);
	plat_io_write32(io, MMIO_QUEUE_DEVICE + 4, (uint32_t)(used >> 32));
	plat_io_write32(io, MMIO_QUEUE_READY, 1);
	return 0;
}

static void notify(struct virtio_dev *vd, struct virtqueue *vq)
{
	plat_io_write32(io_of(vd), MMIO_QUEUE_NOTIFY, vq->index);
}

static uint8_t isr(struct virtio_dev *vd)
{
	const struct plat_io *io = io_of(vd);
	uint32_t s = plat_io_read32(io, MMIO_INT_STATUS);

	plat_io_write32(io, MMIO_INT_ACK, s);
	return (uint8_t)s;
}

static const struct virtio_transport vmmio_transport = {
	.name = "virtio-mmio",
	.get_status = get_status,
	.set_status = set_status,
	.get_features = get_features,
	.set_features = set_features,
	.config_read8 = config_read8,
	.queue_max = queue_max,
	.queue_enable = queue_enable,
	.notify = notify,
	.isr = isr,
};

static int vmmio_probe(struct plat_device *dev)
{
	const struct plat_mmio_dev *m = dev->bus_data;
	struct plat_io io;
	uint32_t version, type;
	struct vmmio *v;
	int rc;

	rc = plat_io_map(m->phys, m->len, &io);
	if (rc < 0)
		return rc;
	if (plat_io_read32(&io, MMIO_MAGIC) != MMIO_MAGIC_VALUE)
		return -ENODEV;
	version = plat_io_read32(&io, MMIO_VERSION);
	type = plat_io_read32(&io, MMIO_DEVICE_ID);
	if (!type)
		return 0; /* an empty slot: nothing plugged in */
	if (version != 1 && version != 2) {
		lith_pr_err("virtio-mmio at 0x%llx: unknown version %u\n",
			    (unsigned long long)m->phys, version);
		return -ENODEV;
	}
	v = lith_calloc(1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->io = io;
	v->vd.tr = &vmmio_transport;
	v->vd.type = type;
	v->vd.legacy = version == 1;
	v->vd.queue_align = v->vd.legacy ? LEGACY_PAGE : 4;
	v->vd.event = (int)m->event;
	fmt_snprintf(v->vd.where, sizeof(v->vd.where), "mmio 0x%llx", (unsigned long long)m->phys);
	return virtio_device_add(&v->vd);
}

static const struct plat_driver vmmio_driver = {
	.name = "virtio-mmio",
	.bus = PLAT_BUS_MMIO,
	.type = "virtio-mmio",
	.probe = vmmio_probe,
};
LITH_DRIVER(vmmio_driver);
