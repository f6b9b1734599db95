/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exercises the Xen platform from above: xenstore (read, write, directory, errors,
 * transactions, watches), event channels (a loopback pair within the domain), grant
 * tables (grant a page to dom0, check the entry, revoke), and the timer with idle.
 * One "ok"/"FAIL" line per check; the keys it leaves under data/lith/test let the host
 * check too (xenstore-ls).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lith/errno.h>
#include <plat/devices.h>
#include <plat/events.h>
#include <plat/shmem.h>
#include <plat/time.h>
#include <xenplat/xen.h>
#include <xenplat/xenbus.h>
#include <xenplat/xenstore.h>

static int failures;
static __thread int tls_data = 42;
static volatile int events_seen, timer_fired;

/* The xl config of this test gives a 9pfs device: xenbus offers it at boot. */
static struct xenbus_device *found_9pfs;
static int found_9pfs_state = -1;

static int probe_9pfs(struct plat_device *dev)
{
	found_9pfs = dev->bus_data;
	found_9pfs_state = xenbus_read_otherend_state(found_9pfs);
	return 0;
}

static const struct plat_driver drv_9pfs = {
	.name = "test-9pfs",
	.bus = PLAT_BUS_XENBUS,
	.type = "9pfs",
	.probe = probe_9pfs,
};
LITH_DRIVER(drv_9pfs);

static void report(const char *what, int good)
{
	printf("%s: %s\n", good ? "ok" : "FAIL", what);
	if (!good)
		failures++;
}

static void on_event(unsigned int port, void *arg)
{
	events_seen++;
}

static void on_timer(void)
{
	timer_fired++;
}

/* Idle until flag is set or 2 s pass; events disabled around the check (plat_idle). */
static void wait_for(volatile int *flag)
{
	uint64_t end = plat_time_monotonic_ns() + 2 * NSEC_PER_SEC;

	plat_events_disable();
	plat_timer_set(end);
	while (!*flag && plat_time_monotonic_ns() < end)
		plat_idle();
	plat_events_enable();
}

static void test_xenstore(void)
{
	char buf[128], path[128], token[16];
	xs_transaction_t tx;
	int domid = xs_domid(), n, rc;

	report("xenstore: our domain id", domid > 0);
	printf("domid=%d\n", domid);
	report("xenstore: write", xs_write(0, "data/lith/test/key", "hello") == 0);
	n = xs_read(0, "data/lith/test/key", buf, sizeof(buf));
	report("xenstore: read back", n == 5 && !strcmp(buf, "hello"));
	n = xs_directory(0, "data/lith/test", buf, sizeof(buf));
	report("xenstore: directory", n == 1 && !strcmp(buf, "key"));
	rc = xs_read(0, "data/lith/test/missing", buf, sizeof(buf));
	report("xenstore: missing key is ENOENT",
	       rc == -ENOENT && !strcmp(xs_strerror(rc), "ENOENT"));
	snprintf(path, sizeof(path), "/local/domain/%d/name", domid);
	n = xs_read(0, path, buf, sizeof(buf));
	report("xenstore: absolute path (our name)", n > 0 && !strncmp(buf, "xenplat", 7));
	rc = xs_read(0, "/local/domain/0/name", buf, sizeof(buf));
	report("xenstore: dom0's node is EACCES", rc == -EACCES);

	rc = xs_transaction_start(&tx);
	report("xenstore: transaction start", rc == 0 && tx != 0);
	report("xenstore: write in transaction", xs_write(tx, "data/lith/test/tx", "1") == 0);
	report("xenstore: commit", xs_transaction_end(tx, false) == 0);
	n = xs_read(0, "data/lith/test/tx", buf, sizeof(buf));
	report("xenstore: committed value visible", n == 1 && buf[0] == '1');

	report("xenstore: watch", xs_watch("data/lith/test/watched", "tok") == 0);
	/* xenstored fires a new watch once right away. */
	rc = xs_read_watch(path, sizeof(path), token, sizeof(token), NSEC_PER_SEC);
	report("xenstore: watch fires when set", rc == 0 && !strcmp(token, "tok"));
	xs_write(0, "data/lith/test/watched", "x");
	rc = xs_read_watch(path, sizeof(path), token, sizeof(token), 2 * NSEC_PER_SEC);
	n = strlen(path);
	report("xenstore: watch fires on a write",
	       rc == 0 && n > 8 && !strcmp(path + n - 8, "/watched"));
	report("xenstore: unwatch", xs_unwatch("data/lith/test/watched", "tok") == 0);
}

static void test_evtchn(void)
{
	evtchn_port_t a, b;
	int domid = xs_domid();

	/*
	 * Xen marks a freshly bound interdomain port pending (a notification may have been
	 * lost while it was unbound): with events off, it and the notify below coalesce into
	 * one delivery. wait_for() turns events back on.
	 */
	plat_events_disable();
	report("evtchn: alloc unbound", xen_evtchn_alloc_unbound(domid, &a) == 0);
	report("evtchn: bind interdomain (loopback)",
	       xen_evtchn_bind_interdomain(domid, a, &b) == 0);
	report("evtchn: bind handler", plat_event_bind(b, on_event, NULL) == 0);
	printf("evtchn: ports %u <-> %u\n", a, b);
	plat_event_notify(a);
	wait_for(&events_seen);
	report("evtchn: notify reaches the other end", events_seen == 1);
	plat_event_mask(b);
	plat_event_notify(a);
	plat_time_monotonic_ns();
	report("evtchn: masked port does not fire", events_seen == 1);
	plat_event_unmask(b);
	wait_for(&events_seen);
	report("evtchn: unmask delivers the pending event", events_seen == 2);
	report("evtchn: close", xen_evtchn_close(b) == 0 && xen_evtchn_close(a) == 0);
}

static void test_gnttab(void)
{
	char *page = aligned_alloc(4096, 4096);
	const grant_entry_v1_t *e;
	plat_shmem_ref_t ref = 0;
	char num[16];

	report("grant table: set up only when first used", xen_gnttab_nr_frames() == 0);
	memset(page, 0x5a, 4096);
	report("grant: share a page with dom0", plat_shmem_share(0, page, true, &ref) == 0);
	report("grant table: frames set up", xen_gnttab_nr_frames() > 0);
	e = xen_gnttab_entry(ref);
	report("grant: entry names the page's frame and dom0",
	       e && e->frame == xen_virt_to_mfn(page) && e->domid == 0 &&
		       e->flags == (GTF_permit_access | GTF_readonly));
	snprintf(num, sizeof(num), "%u", (unsigned int)ref);
	xs_write(0, "data/lith/test/gref", num);
	report("grant: revoke", plat_shmem_revoke(ref) == 0 && e->flags == 0);
	report("grant: unaligned address refused",
	       plat_shmem_share(0, page + 1, true, &ref) == -EINVAL);
	free(page);
}

static void test_timer(void)
{
	uint64_t t0 = plat_time_monotonic_ns(), t1;

	plat_timer_handler(on_timer);
	plat_events_disable();
	plat_timer_set(t0 + 20 * NSEC_PER_MSEC);
	while (!timer_fired)
		plat_idle();
	plat_events_enable();
	t1 = plat_time_monotonic_ns();
	report("timer: one-shot fires once, after its deadline",
	       timer_fired == 1 && t1 - t0 >= 20 * NSEC_PER_MSEC);
	report("wall clock after 2020", plat_time_wall_ns() / NSEC_PER_SEC > 1577836800ULL);
}

static void test_memory(void)
{
	char *big = malloc(16 << 20);

	report("tls initial data (FS base set through Xen)", tls_data == 42);
	tls_data++;
	report("tls writes", tls_data == 43);
	report("16 MiB malloc (memory mapped beyond Xen's initial tables)", big != NULL);
	if (big) {
		memset(big, 0xa5, 16 << 20);
		report("16 MiB usable", big[(16 << 20) - 1] == (char)0xa5);
	}
	free(big);
}

static void test_xenbus(void)
{
	char buf[32], path[160];

	report("xenbus: the 9pfs device was offered to its driver", found_9pfs != NULL);
	if (!found_9pfs)
		return;
	printf("xenbus: %s, back-end %s (domain %d) in state %s\n", found_9pfs->nodename,
	       found_9pfs->otherend, found_9pfs->otherend_id, xenbus_state_name(found_9pfs_state));
	report("xenbus: back-end waits for us (InitWait)", found_9pfs_state == XenbusStateInitWait);
	snprintf(path, sizeof(path), "%s/tag", found_9pfs->nodename);
	report("xenbus: the device's tag",
	       xs_read(0, path, buf, sizeof(buf)) > 0 && !strcmp(buf, "fs0"));
	report("xenbus: switch our state",
	       xenbus_switch_state(found_9pfs, XenbusStateInitialising) == 0);
}

int main(int argc, char *argv[])
{
	test_xenbus();
	test_memory();
	test_xenstore();
	test_evtchn();
	test_gnttab();
	test_timer();
	printf("xenplat: %d failures\n", failures);
	return failures ? 1 : 0;
}
