/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device discovery at bus initialisation: PCI (pci.c, x86_64/pci.c, arm64/pci.c), then the
 * virtio-mmio devices found in the device tree (arm64/setup.c) and those named on the
 * command line, as Linux reads them and QEMU -M microvm
 * writes them: virtio_mmio.device=<size>[K|M]@<address>:<irq>[:<id>]. The words are taken
 * out of the command line so that the application never sees them.
 */
#include <lith/init.h>
#include <lith/print.h>
#include <plat/devices.h>
#include <plat/io.h>
#include "kvm/kvm.h"

#define MMIODEV_MAX 32

static struct plat_mmio_dev mmiodevs[MMIODEV_MAX];
static unsigned int nr_mmiodevs;

static const char prefix[] = "virtio_mmio.device=";

static uint64_t parse_num(const char **sp)
{
	const char *s = *sp;
	unsigned int base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	for (;; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		v = v * base + d;
	}
	*sp = s;
	return v;
}

/* A device's memory window, on both architectures: mapped 1:1 on first use. */
int plat_io_map(uint64_t phys, size_t len, struct plat_io *io)
{
	int rc = kvm_map_range(phys, len);

	if (rc < 0)
		return rc;
	io->base = (uintptr_t)phys;
	io->port = false;
	return 0;
}

int kvm_mmiodev_add(uint64_t phys, size_t len, unsigned int event)
{
	if (!len || nr_mmiodevs >= MMIODEV_MAX)
		return -1;
	mmiodevs[nr_mmiodevs].phys = phys;
	mmiodevs[nr_mmiodevs].len = len;
	mmiodevs[nr_mmiodevs].event = event;
	nr_mmiodevs++;
	return 0;
}

/* One word's value: 0 when it is well-formed and recorded. */
static int parse_one(const char *s)
{
	uint64_t size = parse_num(&s), phys;
	unsigned int event;

	if (*s == 'K' || *s == 'k')
		size <<= 10, s++;
	else if (*s == 'M' || *s == 'm')
		size <<= 20, s++;
	if (*s++ != '@')
		return -1;
	phys = parse_num(&s);
	if (*s++ != ':')
		return -1;
	event = (unsigned int)parse_num(&s);
	return kvm_mmiodev_add(phys, size, event);
}

void kvm_mmiodev_parse(char *cmdline)
{
	char *w = cmdline;

	while (*w) {
		char *end = w, saved;
		size_t i;

		while (*end && *end != ' ')
			end++;
		for (i = 0; prefix[i] && w + i < end && w[i] == prefix[i]; i++)
			;
		if (prefix[i]) {
			w = *end ? end + 1 : end;
			continue;
		}
		saved = *end;
		*end = '\0';
		if (parse_one(w + i) < 0)
			lith_pr_warn("ignored malformed or extra %s\n", w);
		*end = saved;
		/* Drop the word and the blank after it (or before it, at the end). */
		if (*end)
			end++;
		else if (w > cmdline)
			w--;
		for (i = 0; end[i]; i++)
			w[i] = end[i];
		w[i] = '\0';
	}
}

/* One initcall for every bus: entries of one class must not depend on their link order. */
static int kvm_bus_init(void)
{
	unsigned int i;

#if CONFIG_KVM_PCI
	kvm_pci_scan();
#endif

	for (i = 0; i < nr_mmiodevs; i++) {
		struct plat_device dev = {
			.bus = PLAT_BUS_MMIO,
			.name = "virtio-mmio",
			.bus_data = &mmiodevs[i],
		};

		lith_pr_info("virtio-mmio: %zu bytes at 0x%llx, irq %u\n", mmiodevs[i].len,
			     (unsigned long long)mmiodevs[i].phys, mmiodevs[i].event);
		plat_devices_match(&dev);
	}
	return 0;
}

lith_initcall_bus(kvm_bus_init, NULL);
