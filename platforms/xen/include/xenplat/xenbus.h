/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xenbus: the devices xl gave the domain, found in xenstore under device/<type>/<id>.
 * At boot (bus class) each one is offered to the drivers linked in (plat/devices.h:
 * PLAT_BUS_XENBUS, matched on the type, e.g. "9pfs"); the plat_device's bus_data is the
 * struct xenbus_device below. A front-end then follows the usual handshake:
 *	read the back-end's details, share its rings (plat_shmem_share), allocate its event
 *	channel (xen_evtchn_alloc_unbound), write them under nodename, switch to Initialised
 *	or Connected, and wait for the back-end to reach Connected.
 */
#ifndef XENPLAT_XENBUS_H
#define XENPLAT_XENBUS_H

#include <lith/essentials.h>
#include <xen/io/xenbus.h>

struct xenbus_device {
	char type[16];	   /* "9pfs", "vif", "vbd" */
	char nodename[48]; /* our side: "device/9pfs/0" */
	char otherend[96]; /* the back-end's path: "/local/domain/0/backend/9pfs/5/0" */
	int otherend_id;   /* the back-end's domain */
	void *drv_data;	   /* the driver's own record */
};

/* Write our side's state (nodename/state). */
int xenbus_switch_state(struct xenbus_device *dev, XenbusState state);
/* The back-end's current state, or -errno. */
int xenbus_read_otherend_state(struct xenbus_device *dev);
/*
 * Wait until the back-end's state is one of the states in mask (1 << XenbusState...), or
 * timeout_ns passes. Returns the state reached, -ETIMEDOUT or -errno.
 */
int xenbus_wait_otherend(struct xenbus_device *dev, unsigned int mask, uint64_t timeout_ns);
/* The name of a state ("Connected"), for messages. */
const char *xenbus_state_name(int state);

#endif /* XENPLAT_XENBUS_H */
