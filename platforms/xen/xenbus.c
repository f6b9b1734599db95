/* SPDX-License-Identifier: BSD-3-Clause */
/* Xenbus enumeration at boot and the front-end side of the state handshake. */
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <plat/devices.h>
#include <plat/time.h>
#include <xenplat/xen.h>
#include <xenplat/xenbus.h>
#include <xenplat/xenstore.h>

#define MAX_DEVICES 16

static struct xenbus_device devices[MAX_DEVICES];
static struct plat_device plat_devs[MAX_DEVICES];
static unsigned int nr_devices;

static const char *const state_names[] = {
	"Unknown", "Initialising", "InitWait",	    "Initialised",  "Connected",
	"Closing", "Closed",	   "Reconfiguring", "Reconfigured",
};

const char *xenbus_state_name(int state)
{
	return state >= 0 && state < (int)ARRAY_SIZE(state_names) ? state_names[state] : "?";
}

/* dst = a "/" b ["/" c], truncated to len. */
static void path_join(char *dst, size_t len, const char *a, const char *b, const char *c)
{
	const char *parts[3] = { a, b, c };
	size_t n = 0;
	int i;

	for (i = 0; i < 3 && parts[i]; i++) {
		const char *s = parts[i];

		if (i && n + 1 < len)
			dst[n++] = '/';
		while (*s && n + 1 < len)
			dst[n++] = *s++;
	}
	dst[n] = '\0';
}

int xenbus_switch_state(struct xenbus_device *dev, XenbusState state)
{
	char path[64], val[4];

	path_join(path, sizeof(path), dev->nodename, "state", NULL);
	val[0] = '0' + state % 10;
	val[1] = '\0';
	return xs_write(XS_NO_TRANSACTION, path, val);
}

int xenbus_read_otherend_state(struct xenbus_device *dev)
{
	char path[128];
	long v;
	int rc;

	path_join(path, sizeof(path), dev->otherend, "state", NULL);
	rc = xs_read_int(XS_NO_TRANSACTION, path, &v);
	return rc ? rc : (int)v;
}

int xenbus_wait_otherend(struct xenbus_device *dev, unsigned int mask, uint64_t timeout_ns)
{
	uint64_t end = plat_time_monotonic_ns() + timeout_ns;
	char path[128], fired[128], token[16];
	int state, rc;

	path_join(path, sizeof(path), dev->otherend, "state", NULL);
	rc = xs_watch(path, "xenbus");
	if (rc)
		return rc;
	for (;;) {
		uint64_t now = plat_time_monotonic_ns();

		state = xenbus_read_otherend_state(dev);
		if (state >= 0 && (mask & (1U << state)))
			break;
		if (now >= end) {
			state = -ETIMEDOUT;
			break;
		}
		xs_read_watch(fired, sizeof(fired), token, sizeof(token), end - now);
	}
	xs_unwatch(path, "xenbus");
	return state;
}

static void probe(const char *type, const char *id)
{
	struct xenbus_device *dev = &devices[nr_devices];
	struct plat_device *pd = &plat_devs[nr_devices];
	char path[80];
	long v = 0;

	if (nr_devices >= MAX_DEVICES) {
		lith_pr_warn("xenbus: device/%s/%s ignored: more than %d devices\n", type, id,
			     MAX_DEVICES);
		return;
	}
	path_join(dev->type, sizeof(dev->type), type, NULL, NULL);
	path_join(dev->nodename, sizeof(dev->nodename), "device", type, id);
	path_join(path, sizeof(path), dev->nodename, "backend", NULL);
	if (xs_read(XS_NO_TRANSACTION, path, dev->otherend, sizeof(dev->otherend)) < 0)
		dev->otherend[0] = '\0';
	path_join(path, sizeof(path), dev->nodename, "backend-id", NULL);
	xs_read_int(XS_NO_TRANSACTION, path, &v);
	dev->otherend_id = (int)v;
	nr_devices++;

	pd->bus = PLAT_BUS_XENBUS;
	pd->id = 0;
	pd->name = dev->type; /* drivers match on the type */
	pd->bus_data = dev;
	lith_pr_info("xenbus: %s, back-end %s (domain %d, %s)\n", dev->nodename, dev->otherend,
		     dev->otherend_id, xenbus_state_name(xenbus_read_otherend_state(dev)));
	if (plat_devices_match(pd) == -ENODEV)
		lith_pr_info("xenbus: no driver for %s\n", dev->nodename);
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool is(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

extern const struct plat_driver *const __lith_drivers_start[], *const __lith_drivers_end[];

static bool have_xenbus_drivers(void)
{
	/* Addresses, not pointers: the two symbols are different objects to C. */
	uintptr_t a = (uintptr_t)__lith_drivers_start, end = (uintptr_t)__lith_drivers_end;

	for (; a < end; a += sizeof(const struct plat_driver *))
		if ((*(const struct plat_driver *const *)a)->bus == PLAT_BUS_XENBUS)
			return true;
	return false;
}

static int xenbus_init(void)
{
	static char types[512], ids[512];
	const char *t, *i;
	char path[32];
	int nt, ni;

	/* Each xenstore round trip costs a dom0 wake-up: skip the walk when no one listens. */
	if (!have_xenbus_drivers()) {
		lith_pr_info("xenbus: no front-end drivers linked: devices not enumerated\n");
		return 0;
	}
	nt = xs_directory(XS_NO_TRANSACTION, "device", types, sizeof(types));
	if (nt == -ENOENT)
		return 0;
	if (nt < 0) {
		lith_pr_err("xenbus: cannot list devices: %s\n", xs_strerror(nt));
		return 0;
	}
	for (t = types; nt-- > 0; t += slen(t) + 1) {
		/* xl's device/suspend/event-channel is a control node, not a device. */
		if (is(t, "suspend"))
			continue;
		path_join(path, sizeof(path), "device", t, NULL);
		ni = xs_directory(XS_NO_TRANSACTION, path, ids, sizeof(ids));
		for (i = ids; ni-- > 0; i += slen(i) + 1)
			probe(t, i);
	}
	return 0;
}

lith_initcall_bus(xenbus_init, NULL);
