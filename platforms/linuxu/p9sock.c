/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A 9P transport over TCP to a 9P2000.L server on the host (diod), so that 9pfs (and a 9pfs
 * root) runs as a process: kernel parameter lith.9p=<tag>,<ipv4>:<port>[,<aname>] before
 * "--", e.g. lith.9p=fs0,127.0.0.1:5640,/srv/guest_fs (diod attaches the export by path).
 */
#include <string.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <lith/vfs.h>
#include <9p/transport.h>
#include <linuxu/syscall.h>

#define AF_INET	     2
#define SOCK_STREAM  1
#define SOCK_CLOEXEC 0x80000

struct iovec_linux {
	void *base;
	size_t len;
};

struct sockaddr_in_linux {
	uint16_t family;
	uint16_t port; /* network order */
	uint32_t addr; /* network order */
	uint8_t zero[8];
};

static struct p9_transport sock_transport;
static int sock_fd = -1;
static char aname[256];

static int io_all(long nr, void *p, size_t n)
{
	while (n) {
		long r = linuxu_syscall(nr, sock_fd, p, n);

		if (r == -EINTR)
			continue;
		if (r <= 0)
			return -EIO;
		p = (char *)p + r;
		n -= r;
	}
	return 0;
}

/*
 * Header and payload in one system call: written apart, the payload could wait behind
 * Nagle's algorithm for the acknowledgement of the header.
 */
static int writev_all(struct iovec_linux *iov, int n)
{
	while (n) {
		long r = linuxu_syscall(SYS_writev, sock_fd, iov, n);

		if (r == -EINTR)
			continue;
		if (r <= 0)
			return -EIO;
		for (; n && (size_t)r >= iov->len; iov++, n--)
			r -= (long)iov->len;
		if (n) {
			iov->base = (char *)iov->base + r;
			iov->len -= (size_t)r;
		}
	}
	return 0;
}

/* The request is tx then zc->out; the reply fills rx (rxcap bytes at most), then zc->in. */
static int sock_request_zc(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			   uint32_t rxcap, const struct p9_zc *zc, uint32_t *rxlen)
{
	struct iovec_linux iov[2] = { { (void *)tx, txlen }, { (void *)zc->out, zc->out_len } };
	uint8_t *r = rx;
	uint32_t size, head;

	if (writev_all(iov, zc->out_len ? 2 : 1) || rxcap < 4 || io_all(SYS_read, r, 4))
		return -EIO;
	size = r[0] | r[1] << 8 | r[2] << 16 | (uint32_t)r[3] << 24;
	/* A reply that cannot be a message or would not fit loses the stream's framing. */
	if (size < 4 || (uint64_t)size > (uint64_t)rxcap + zc->in_len)
		return -EIO;
	head = MIN(size, rxcap);
	if (io_all(SYS_read, r + 4, head - 4) || io_all(SYS_read, zc->in, size - head))
		return -EIO;
	*rxlen = size;
	return 0;
}

static int sock_request(struct p9_transport *t, const void *tx, uint32_t txlen, void *rx,
			uint32_t rxcap, uint32_t *rxlen)
{
	static const struct p9_zc none;

	return sock_request_zc(t, tx, txlen, rx, rxcap, &none, rxlen);
}

/* "a.b.c.d:port" -> address and port in network order. */
static int parse_addr(const char *s, uint32_t *addr, uint16_t *port)
{
	uint32_t a = 0, part = 0, p = 0;
	int dots = 0, digits = 0;

	for (; *s && *s != ':'; s++) {
		if (*s == '.') {
			if (!digits || part > 255 || ++dots > 3)
				return -EINVAL;
			a = a << 8 | part;
			part = digits = 0;
		} else if (*s >= '0' && *s <= '9') {
			part = part * 10 + (*s - '0');
			digits++;
		} else {
			return -EINVAL;
		}
	}
	if (dots != 3 || !digits || part > 255 || *s != ':')
		return -EINVAL;
	a = a << 8 | part;
	for (s++; *s >= '0' && *s <= '9'; s++)
		p = p * 10 + (*s - '0');
	if (*s || !p || p > 65535)
		return -EINVAL;
	*addr = __builtin_bswap32(a);
	*port = __builtin_bswap16((uint16_t)p);
	return 0;
}

static int p9sock_init(void)
{
	const char *param = vfs_kernel_param("lith.9p=");
	struct sockaddr_in_linux sa = { .family = AF_INET };
	char addr[64];
	const char *comma, *comma2;
	size_t n;
	long fd, rc;

	if (!param)
		return 0;
	comma = strchr(param, ',');
	if (!comma || comma == param || (size_t)(comma - param) >= P9_TAG_MAX)
		goto bad;
	memcpy(sock_transport.tag, param, comma - param);
	comma2 = strchr(comma + 1, ',');
	n = comma2 ? (size_t)(comma2 - comma - 1) : strlen(comma + 1);
	if (n >= sizeof(addr))
		goto bad;
	memcpy(addr, comma + 1, n);
	addr[n] = '\0';
	if (parse_addr(addr, &sa.addr, &sa.port) < 0)
		goto bad;
	if (comma2)
		strlcpy(aname, comma2 + 1, sizeof(aname));

	fd = linuxu_syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return (int)fd;
	rc = linuxu_syscall(SYS_connect, fd, &sa, sizeof(sa));
	if (rc < 0) {
		/* Not fatal here: the mount reports the missing tag if it needs it. */
		lith_pr_err("lith.9p: cannot connect to %s: %ld\n", addr, -rc);
		linuxu_syscall(SYS_close, fd, 0, 0);
		return 0;
	}
	sock_fd = (int)fd;
	sock_transport.kind = "tcp";
	sock_transport.max_msize = 1 << 20;
	sock_transport.aname = aname;
	sock_transport.request = sock_request;
	sock_transport.request_zc = sock_request_zc;
	return p9_transport_register(&sock_transport);
bad:
	lith_pr_err("lith.9p=%s: expected <tag>,<ipv4>:<port>[,<aname>]\n", param);
	return -EINVAL;
}
lith_initcall_bus(p9sock_init, NULL);
