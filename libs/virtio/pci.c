/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-pci transport (virtio 1.x section 4.1): modern devices through their vendor
 * capabilities (common, notify, ISR, device configuration windows in memory BARs), and
 * legacy/transitional devices without them through the I/O BAR 0 layout. Configuration
 * space and BARs come from the platform (plat/pci.h).
 */
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/fmt.h>
#include <lith/print.h>
#include <plat/pci.h>
#include <virtio/virtio.h>

#define VIRTIO_PCI_VENDOR      0x1af4
#define VIRTIO_PCI_MODERN_BASE 0x1040

/* Capability cfg_type values. */
#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR	   3
#define CAP_DEVICE 4

/* Modern common configuration. */
#define COM_DFSELECT   0x00
#define COM_DF	       0x04
#define COM_GFSELECT   0x08
#define COM_GF	       0x0c
#define COM_NUM_QUEUES 0x12
#define COM_STATUS     0x14
#define COM_Q_SELECT   0x16
#define COM_Q_SIZE     0x18
#define COM_Q_ENABLE   0x1c
#define COM_Q_NOFF     0x1e
#define COM_Q_DESC     0x20
#define COM_Q_DRIVER   0x28
#define COM_Q_DEVICE   0x30

/* Legacy I/O BAR layout (without MSI-X). */
#define LEG_HOST_F   0x00
#define LEG_GUEST_F  0x04
#define LEG_Q_PFN    0x08
#define LEG_Q_NUM    0x0c
#define LEG_Q_SELECT 0x0e
#define LEG_Q_NOTIFY 0x10
#define LEG_STATUS   0x12
#define LEG_ISR	     0x13
#define LEG_CONFIG   0x14

struct vpci {
	struct virtio_dev vd;
	struct plat_pci_dev *pci;
	struct plat_io common, notify, isr, device, legacy;
	uint32_t notify_mult;
};

static struct vpci *to_vpci(struct virtio_dev *vd)
{
	return container_of(vd, struct vpci, vd);
}

/* --- modern ---------------------------------------------------------------------------- */

static uint8_t m_get_status(struct virtio_dev *vd)
{
	return plat_io_read8(&to_vpci(vd)->common, COM_STATUS);
}

static void m_set_status(struct virtio_dev *vd, uint8_t s)
{
	struct vpci *p = to_vpci(vd);

	plat_io_write8(&p->common, COM_STATUS, s);
	/* A reset completes when the device reads back 0 (4.1.4.3.2). */
	while (!s && plat_io_read8(&p->common, COM_STATUS))
		;
}

static uint64_t m_get_features(struct virtio_dev *vd)
{
	struct vpci *p = to_vpci(vd);
	uint64_t f;

	plat_io_write32(&p->common, COM_DFSELECT, 0);
	f = plat_io_read32(&p->common, COM_DF);
	plat_io_write32(&p->common, COM_DFSELECT, 1);
	return f | (uint64_t)plat_io_read32(&p->common, COM_DF) << 32;
}

static void m_set_features(struct virtio_dev *vd, uint64_t f)
{
	struct vpci *p = to_vpci(vd);

	plat_io_write32(&p->common, COM_GFSELECT, 0);
	plat_io_write32(&p->common, COM_GF, (uint32_t)f);
	plat_io_write32(&p->common, COM_GFSELECT, 1);
	plat_io_write32(&p->common, COM_GF, (uint32_t)(f >> 32));
}

static uint8_t m_config_read8(struct virtio_dev *vd, unsigned int off)
{
	return plat_io_read8(&to_vpci(vd)->device, off);
}

static uint16_t m_queue_max(struct virtio_dev *vd, uint16_t index)
{
	struct vpci *p = to_vpci(vd);

	if (index >= plat_io_read16(&p->common, COM_NUM_QUEUES))
		return 0;
	plat_io_write16(&p->common, COM_Q_SELECT, index);
	return plat_io_read16(&p->common, COM_Q_SIZE);
}

static void write64(const struct plat_io *io, size_t off, uint64_t v)
{
	plat_io_write32(io, off, (uint32_t)v);
	plat_io_write32(io, off + 4, (uint32_t)(v >> 32));
}

static int m_queue_enable(struct virtio_dev *vd, struct virtqueue *vq)
{
	struct vpci *p = to_vpci(vd);
	uint16_t noff;

	plat_io_write16(&p->common, COM_Q_SELECT, vq->index);
	plat_io_write16(&p->common, COM_Q_SIZE, vq->num);
	write64(&p->common, COM_Q_DESC, vq->dma_addr(vq->desc));
	write64(&p->common, COM_Q_DRIVER, vq->dma_addr(vq->avail));
	write64(&p->common, COM_Q_DEVICE, vq->dma_addr(vq->used));
	noff = plat_io_read16(&p->common, COM_Q_NOFF);
	vq->transport = (void *)(uintptr_t)(noff * p->notify_mult);
	plat_io_write16(&p->common, COM_Q_ENABLE, 1);
	return 0;
}

static void m_notify(struct virtio_dev *vd, struct virtqueue *vq)
{
	plat_io_write16(&to_vpci(vd)->notify, (uintptr_t)vq->transport, vq->index);
}

static uint8_t m_isr(struct virtio_dev *vd)
{
	return plat_io_read8(&to_vpci(vd)->isr, 0);
}

static const struct virtio_transport modern = {
	.name = "virtio-pci",
	.get_status = m_get_status,
	.set_status = m_set_status,
	.get_features = m_get_features,
	.set_features = m_set_features,
	.config_read8 = m_config_read8,
	.queue_max = m_queue_max,
	.queue_enable = m_queue_enable,
	.notify = m_notify,
	.isr = m_isr,
};

/* --- legacy ---------------------------------------------------------------------------- */

static uint8_t l_get_status(struct virtio_dev *vd)
{
	return plat_io_read8(&to_vpci(vd)->legacy, LEG_STATUS);
}

static void l_set_status(struct virtio_dev *vd, uint8_t s)
{
	plat_io_write8(&to_vpci(vd)->legacy, LEG_STATUS, s);
}

static uint64_t l_get_features(struct virtio_dev *vd)
{
	return plat_io_read32(&to_vpci(vd)->legacy, LEG_HOST_F);
}

static void l_set_features(struct virtio_dev *vd, uint64_t f)
{
	plat_io_write32(&to_vpci(vd)->legacy, LEG_GUEST_F, (uint32_t)f);
}

static uint8_t l_config_read8(struct virtio_dev *vd, unsigned int off)
{
	return plat_io_read8(&to_vpci(vd)->legacy, LEG_CONFIG + off);
}

static uint16_t l_queue_max(struct virtio_dev *vd, uint16_t index)
{
	struct vpci *p = to_vpci(vd);

	plat_io_write16(&p->legacy, LEG_Q_SELECT, index);
	return plat_io_read16(&p->legacy, LEG_Q_NUM);
}

static int l_queue_enable(struct virtio_dev *vd, struct virtqueue *vq)
{
	struct vpci *p = to_vpci(vd);
	uint64_t pfn = vq->dma_addr(vq->desc) >> 12;

	if (pfn >> 32)
		return -EINVAL; /* legacy queues must sit below 16 TiB */
	plat_io_write16(&p->legacy, LEG_Q_SELECT, vq->index);
	plat_io_write32(&p->legacy, LEG_Q_PFN, (uint32_t)pfn);
	return 0;
}

static void l_notify(struct virtio_dev *vd, struct virtqueue *vq)
{
	plat_io_write16(&to_vpci(vd)->legacy, LEG_Q_NOTIFY, vq->index);
}

static uint8_t l_isr(struct virtio_dev *vd)
{
	return plat_io_read8(&to_vpci(vd)->legacy, LEG_ISR);
}

static const struct virtio_transport legacy = {
	.name = "virtio-pci",
	.get_status = l_get_status,
	.set_status = l_set_status,
	.get_features = l_get_features,
	.set_features = l_set_features,
	.config_read8 = l_config_read8,
	.queue_max = l_queue_max,
	.queue_enable = l_queue_enable,
	.notify = l_notify,
	.isr = l_isr,
};

/* --- discovery ------------------------------------------------------------------------- */

/* Map the window a vendor capability at cap describes; true when it is usable. */
static bool cap_window(struct plat_pci_dev *pci, unsigned int cap, struct plat_io *io)
{
	unsigned int bar = plat_pci_read(pci, cap + 4, 1);
	uint32_t off = plat_pci_read(pci, cap + 8, 4);
	uint32_t len = plat_pci_read(pci, cap + 12, 4);
	struct plat_io win;
	uint64_t bar_len;

	if (bar > 5 || plat_pci_bar(pci, bar, &win, &bar_len) < 0 || off + (uint64_t)len > bar_len)
		return false;
	io->base = win.base + off;
	io->port = win.port;
	return true;
}

static int find_caps(struct vpci *p)
{
	struct plat_pci_dev *pci = p->pci;
	unsigned int cap, found = 0, guard;

	if (!(plat_pci_read(pci, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	cap = plat_pci_read(pci, PCI_CAPABILITY_LIST, 1) & ~3U;
	for (guard = 0; cap && guard < 48; guard++) {
		if (plat_pci_read(pci, cap, 1) == PCI_CAP_ID_VNDR) {
			unsigned int type = plat_pci_read(pci, cap + 3, 1);
			struct plat_io *io = type == CAP_COMMON ? &p->common :
					     type == CAP_NOTIFY ? &p->notify :
					     type == CAP_ISR	? &p->isr :
					     type == CAP_DEVICE ? &p->device :
								  NULL;

			/* The first capability of each type is the preferred one (4.1.4). */
			if (io && !(found & (1U << type)) && cap_window(pci, cap, io)) {
				found |= 1U << type;
				if (type == CAP_NOTIFY)
					p->notify_mult = plat_pci_read(pci, cap + 16, 4);
			}
		}
		cap = plat_pci_read(pci, cap + 1, 1) & ~3U;
	}
	return found;
}

static int vpci_probe(struct plat_device *dev)
{
	struct plat_pci_dev *pci = dev->bus_data;
	struct vpci *p = lith_calloc(1, sizeof(*p));
	uint64_t len;
	int caps;

	if (!p)
		return -ENOMEM;
	p->pci = pci;
	plat_pci_write(pci, PCI_COMMAND, 2,
		       plat_pci_read(pci, PCI_COMMAND, 2) | PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
			       PCI_COMMAND_MASTER);
	caps = find_caps(p);
	if ((caps & 0x1e) == 0x1e) {
		p->vd.tr = &modern;
		p->vd.queue_align = 4;
	} else if (pci->device < VIRTIO_PCI_MODERN_BASE &&
		   plat_pci_bar(pci, 0, &p->legacy, &len) == 0 && p->legacy.port) {
		p->vd.tr = &legacy;
		p->vd.legacy = true;
		p->vd.fixed_queue_size = true;
		p->vd.queue_align = 4096;
	} else {
		lith_pr_err("virtio-pci %s: neither modern capabilities nor a legacy BAR\n",
			    pci->name);
		lith_free(p);
		return -ENODEV;
	}
	p->vd.type = pci->device >= VIRTIO_PCI_MODERN_BASE ?
			     pci->device - VIRTIO_PCI_MODERN_BASE :
			     plat_pci_read(pci, PCI_SUBSYSTEM_ID, 2);
	p->vd.event = pci->event;
	fmt_snprintf(p->vd.where, sizeof(p->vd.where), "pci %s", pci->name);
	return virtio_device_add(&p->vd);
}

/* Transitional ids (0x1000 + n) and modern ones (0x1040 + type) of the known types. */
#define VPCI_DRIVER(dev_id)                                 \
	static const struct plat_driver vpci_##dev_id = {   \
		.name = "virtio-pci",                       \
		.bus = PLAT_BUS_PCI,                        \
		.id = VIRTIO_PCI_VENDOR << 16 | 0x##dev_id, \
		.probe = vpci_probe,                        \
	};                                                  \
	LITH_DRIVER(vpci_##dev_id)

VPCI_DRIVER(1000);
VPCI_DRIVER(1001);
VPCI_DRIVER(1003);
VPCI_DRIVER(1005);
VPCI_DRIVER(1009);
VPCI_DRIVER(1041);
VPCI_DRIVER(1042);
VPCI_DRIVER(1043);
VPCI_DRIVER(1044);
VPCI_DRIVER(1049);
