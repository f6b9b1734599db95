/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xenstore client over the shared ring page (start_info store_mfn) and its event channel.
 * One request at a time: write it, wait for the answer. The channel stays masked; waiting
 * is SCHEDOP_poll on it, bounded by a deadline, so that a dead xenstored cannot hang us.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <arch/atomic.h>
#include <plat/events.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>
#include <xenplat/xenstore.h>
#include <xen/io/xs_wire.h>

#define TIMEOUT_NS    (10 * 1000000000ULL)
#define WATCHQ_LEN    8
#define WATCH_MSG_MAX 256

static struct xenstore_domain_interface *ring;
static evtchn_port_t port;
static uint32_t next_req_id = 1;
static char reply[XENSTORE_PAYLOAD_MAX + 1];
static int domid = -1;

/* Watch events ("path\0token\0") that arrived while waiting for a reply. */
static struct {
	char msg[WATCH_MSG_MAX];
	size_t len;
} watchq[WATCHQ_LEN];
static unsigned int watchq_head, watchq_count;

void xen_xenstore_setup(void *page, evtchn_port_t evtchn)
{
	ring = page;
	port = evtchn;
	lith_pr_info("xenstore: ring %p, event channel %u, connection %s\n", (void *)ring, port,
		     ring->connection == XENSTORE_CONNECTED ? "connected" : "reconnecting");
}

static void notify(void)
{
	struct evtchn_send send = { .port = port };

	hypervisor_event_channel_op(EVTCHNOP_send, &send);
}

static int wait(uint64_t deadline)
{
	uint64_t now = xen_system_time();

	if (now >= deadline)
		return -ETIMEDOUT;
	xen_evtchn_poll(port, deadline);
	return 0;
}

static int put(const void *data, size_t len, uint64_t deadline)
{
	const char *p = data;

	while (len) {
		XENSTORE_RING_IDX prod = ring->req_prod;
		XENSTORE_RING_IDX space =
			XENSTORE_RING_SIZE - (prod - atomic_load(&ring->req_cons));
		size_t n = 0;

		if (!space) {
			int rc = wait(deadline);

			if (rc)
				return rc;
			continue;
		}
		while (n < len && n < space)
			ring->req[MASK_XENSTORE_IDX(prod + n)] = p[n], n++;
		smp_wmb();
		ring->req_prod = prod + n;
		notify();
		p += n;
		len -= n;
	}
	return 0;
}

/* Read len bytes of the reply stream; data NULL skips them. */
static int get(void *data, size_t len, uint64_t deadline)
{
	char *p = data;

	while (len) {
		XENSTORE_RING_IDX cons = ring->rsp_cons;
		XENSTORE_RING_IDX avail = atomic_load(&ring->rsp_prod) - cons;
		size_t n = 0;

		if (!avail) {
			int rc = wait(deadline);

			if (rc)
				return rc;
			continue;
		}
		smp_rmb();
		for (; n < len && n < avail; n++)
			if (p)
				p[n] = ring->rsp[MASK_XENSTORE_IDX(cons + n)];
		smp_mb();
		ring->rsp_cons = cons + n;
		notify();
		if (p)
			p += n;
		len -= n;
	}
	return 0;
}

static int errno_of(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++) {
		const char *a = xsd_errors[i].errstring, *b = name;

		while (*a && *a == *b)
			a++, b++;
		if (*a == *b)
			return xsd_errors[i].errnum;
	}
	return EIO;
}

const char *xs_strerror(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (xsd_errors[i].errnum == -err)
			return xsd_errors[i].errstring;
	return err == -ETIMEDOUT ? "ETIMEDOUT" : "EIO";
}

/* Read one message; queue watch events and go on until a reply comes. */
static int read_reply(struct xsd_sockmsg *hdr, uint64_t deadline)
{
	for (;;) {
		int rc = get(hdr, sizeof(*hdr), deadline);

		if (rc)
			return rc;
		if (hdr->len > XENSTORE_PAYLOAD_MAX) {
			get(NULL, hdr->len, deadline);
			return -EIO;
		}
		rc = get(reply, hdr->len, deadline);
		if (rc)
			return rc;
		reply[hdr->len] = '\0';
		if (hdr->type != XS_WATCH_EVENT)
			return 0;
		if (watchq_count < WATCHQ_LEN && hdr->len <= WATCH_MSG_MAX) {
			unsigned int slot = (watchq_head + watchq_count++) % WATCHQ_LEN;

			__builtin_memcpy(watchq[slot].msg, reply, hdr->len);
			watchq[slot].len = hdr->len;
		} else {
			lith_pr_warn("xenstore: watch event dropped (queue full)\n");
		}
	}
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * One request of type with up to three strings (each sent with its NUL unless it is the
 * last of a write's value). Reply in reply[], NUL-terminated; returns its length or -errno.
 */
static int talk(enum xsd_sockmsg_type type, xs_transaction_t tx, const char *a, const char *b,
		bool b_has_nul)
{
	uint64_t deadline = xen_system_time() + TIMEOUT_NS;
	size_t la = a ? slen(a) + 1 : 0, lb = b ? slen(b) + (b_has_nul ? 1 : 0) : 0;
	struct xsd_sockmsg hdr = {
		.type = type, .req_id = next_req_id++, .tx_id = tx, .len = la + lb
	};
	int rc;

	if (!ring)
		return -ENODEV;
	if (hdr.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	rc = put(&hdr, sizeof(hdr), deadline);
	if (!rc && la)
		rc = put(a, la, deadline);
	if (!rc && lb)
		rc = put(b, lb, deadline);
	if (!rc)
		rc = read_reply(&hdr, deadline);
	if (rc) {
		lith_pr_err("xenstore: no answer from xenstored: %s\n", xs_strerror(rc));
		return rc;
	}
	if (hdr.type == XS_ERROR)
		return -errno_of(reply);
	if (hdr.type != type)
		return -EIO;
	return (int)hdr.len;
}

int xs_read(xs_transaction_t tx, const char *path, char *buf, size_t len)
{
	int n = talk(XS_READ, tx, path, NULL, false);

	if (n < 0)
		return n;
	if ((size_t)n >= len)
		return -E2BIG;
	__builtin_memcpy(buf, reply, n + 1);
	return n;
}

int xs_read_int(xs_transaction_t tx, const char *path, long *value)
{
	char buf[24], *p = buf;
	bool neg;
	long v = 0;
	int n = xs_read(tx, path, buf, sizeof(buf));

	if (n < 0)
		return n;
	neg = *p == '-';
	p += neg;
	if (!*p)
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	*value = neg ? -v : v;
	return 0;
}

int xs_write(xs_transaction_t tx, const char *path, const char *value)
{
	int n = talk(XS_WRITE, tx, path, value, false);

	return n < 0 ? n : 0;
}

int xs_mkdir(xs_transaction_t tx, const char *path)
{
	int n = talk(XS_MKDIR, tx, path, NULL, false);

	return n < 0 ? n : 0;
}

int xs_rm(xs_transaction_t tx, const char *path)
{
	int n = talk(XS_RM, tx, path, NULL, false);

	return n < 0 ? n : 0;
}

int xs_directory(xs_transaction_t tx, const char *path, char *buf, size_t len)
{
	int n = talk(XS_DIRECTORY, tx, path, NULL, false), i, count = 0;

	if (n < 0)
		return n;
	if ((size_t)n > len)
		return -E2BIG;
	for (i = 0; i < n; i++) {
		buf[i] = reply[i];
		count += reply[i] == '\0';
	}
	return count;
}

int xs_transaction_start(xs_transaction_t *tx)
{
	long id = 0;
	int n = talk(XS_TRANSACTION_START, XS_NO_TRANSACTION, "", NULL, false);
	const char *p;

	if (n < 0)
		return n;
	for (p = reply; *p >= '0' && *p <= '9'; p++)
		id = id * 10 + (*p - '0');
	*tx = (xs_transaction_t)id;
	return 0;
}

int xs_transaction_end(xs_transaction_t tx, bool abort)
{
	int n = talk(XS_TRANSACTION_END, tx, abort ? "F" : "T", NULL, false);

	return n < 0 ? n : 0;
}

int xs_watch(const char *path, const char *token)
{
	int n = talk(XS_WATCH, XS_NO_TRANSACTION, path, token, true);

	return n < 0 ? n : 0;
}

int xs_unwatch(const char *path, const char *token)
{
	int n = talk(XS_UNWATCH, XS_NO_TRANSACTION, path, token, true);

	return n < 0 ? n : 0;
}

static void copy_str(char *dst, size_t len, const char *src)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; i + 1 < len && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

int xs_read_watch(char *path, size_t path_len, char *token, size_t token_len, uint64_t timeout_ns)
{
	uint64_t deadline = xen_system_time() + timeout_ns;

	while (!watchq_count) {
		struct xsd_sockmsg hdr;
		int rc;

		/* Only a watch event can arrive now: read_reply() queues it. */
		if (atomic_load(&ring->rsp_prod) == ring->rsp_cons && wait(deadline))
			return -ETIMEDOUT;
		if (atomic_load(&ring->rsp_prod) == ring->rsp_cons)
			continue;
		rc = get(&hdr, sizeof(hdr), deadline);
		if (!rc && hdr.len <= XENSTORE_PAYLOAD_MAX)
			rc = get(reply, hdr.len, deadline);
		if (rc)
			return rc;
		if (hdr.type == XS_WATCH_EVENT && hdr.len <= WATCH_MSG_MAX) {
			__builtin_memcpy(watchq[watchq_head].msg, reply, hdr.len);
			watchq[watchq_head].len = hdr.len;
			watchq_count = 1;
		}
	}
	copy_str(path, path_len, watchq[watchq_head].msg);
	copy_str(token, token_len, watchq[watchq_head].msg + slen(watchq[watchq_head].msg) + 1);
	watchq_head = (watchq_head + 1) % WATCHQ_LEN;
	watchq_count--;
	return 0;
}

int xs_domid(void)
{
	long v;
	int rc;

	if (domid >= 0)
		return domid;
	rc = xs_read_int(XS_NO_TRANSACTION, "domid", &v);
	if (rc)
		return rc;
	domid = (int)v;
	return domid;
}
