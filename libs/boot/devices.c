/* SPDX-License-Identifier: BSD-3-Clause */
/* Matching devices that a platform's buses find with the drivers linked into the image. */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/devices.h>

extern const struct plat_driver *const __lith_drivers_start[], *const __lith_drivers_end[];

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int plat_devices_match(struct plat_device *dev)
{
	const struct plat_driver *const *d;

	for (d = __lith_drivers_start; d < __lith_drivers_end; d++) {
		const struct plat_driver *drv = *d;
		bool match = drv->bus == dev->bus &&
			     (drv->type ? str_eq(drv->type, dev->name) : drv->id == dev->id);
		int rc;

		if (!match)
			continue;
		rc = drv->probe(dev);
		if (rc == 0) {
			lith_pr_info("%s: bound to driver %s\n", dev->name, drv->name);
			return 0;
		}
		lith_pr_err("%s: driver %s failed to probe: %d\n", dev->name, drv->name, -rc);
	}
	return -ENODEV;
}
