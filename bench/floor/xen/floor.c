/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Floor PV guest for Xen: the least a 64-bit PV kernel can do. It prints one
 * line on the PV console ring and shuts the domain down. It is the benchmark
 * floor for Lith on Xen and the test guest of tests/xenhost/.
 *
 * Command line (xl's extra=), words separated by spaces:
 *   exit=N    print "LITH_EXIT_STATUS=N" as the last console line, poweroff
 *   xsexit=N  write N to xenstore data/lith/exit_status, then poweroff
 *   crash     shut down with SHUTDOWN_crash
 *   reboot    shut down with SHUTDOWN_reboot
 *   hang      never shut down (tests the harness's timeouts)
 * Without any of these: poweroff (exit status 0).
 */
#include <stddef.h>
#include <stdint.h>

/*
 * Without this the public headers select the legacy (pre-3.0.2) interface:
 * __HYPERVISOR_sched_op and __HYPERVISOR_event_channel_op then name the old
 * _compat hypercalls, which take their arguments differently.
 */
#define __XEN_INTERFACE_VERSION__ 0x00040e00

#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/io/console.h>
#include <xen/io/xs_wire.h>

#define PAGE_SHIFT 12

/* Bound for waits on a back-end (each round is one SCHEDOP_yield). */
#define WAIT_ROUNDS 500000UL

extern char hypercall_page[];

static start_info_t *si;
static struct xencons_interface *cons;
static evtchn_port_t cons_port;

#define barrier()	 __asm__ __volatile__("" ::: "memory")
#define mb()		 __asm__ __volatile__("mfence" ::: "memory")
#define READ_ONCE(x)	 (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/*
 * 64-bit PV hypercall with two arguments: call the op's 32-byte stub in the
 * hypercall page, arguments in rdi and rsi (then rdx, r10, r8), result in
 * rax. rcx and r11 are clobbered; we let Xen clobber the unused argument
 * registers too. The stub offset must be a constant, hence a macro.
 */
#define HYPERCALL2(name, a1, a2)                                                    \
	({                                                                          \
		register unsigned long rdi_ __asm__("rdi") = (unsigned long)(a1);   \
		register unsigned long rsi_ __asm__("rsi") = (unsigned long)(a2);   \
		long ret_;                                                          \
		__asm__ __volatile__("call hypercall_page + %c[off]"                \
				     : "=a"(ret_), "+r"(rdi_), "+r"(rsi_)           \
				     : [off] "i"(__HYPERVISOR_##name * 32)          \
				     : "rcx", "r11", "rdx", "r10", "r8", "memory"); \
		ret_;                                                               \
	})

static long sched_op(unsigned int cmd, void *arg)
{
	return HYPERCALL2(sched_op, cmd, arg);
}

static long event_channel_op(unsigned int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

static void yield(void)
{
	sched_op(SCHEDOP_yield, NULL);
}

static void notify(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };

	event_channel_op(EVTCHNOP_send, &send);
}

static __attribute__((noreturn)) void shutdown(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };

	for (;;)
		sched_op(SCHEDOP_shutdown, &arg);
}

/*
 * A machine frame of ours -> its virtual address: the read-only M2P table
 * gives the pseudo-physical frame, mapped at pfn << 12 (VIRT_BASE is 0).
 */
static void *mfn_to_virt(xen_pfn_t mfn)
{
	const unsigned long *m2p = (const unsigned long *)MACH2PHYS_VIRT_START;

	return (void *)(m2p[mfn] << PAGE_SHIFT);
}

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* --- PV console ---------------------------------------------------------- */

static void cons_write(const char *s, size_t len)
{
	XENCONS_RING_IDX prod = cons->out_prod;
	unsigned long rounds = 0;

	while (len) {
		XENCONS_RING_IDX c = READ_ONCE(cons->out_cons);

		mb();
		if (prod - c >= sizeof(cons->out)) {
			/* Ring full: publish what we have and let it drain. */
			WRITE_ONCE(cons->out_prod, prod);
			notify(cons_port);
			if (++rounds > WAIT_ROUNDS)
				return;
			yield();
			continue;
		}
		cons->out[MASK_XENCONS_IDX(prod, cons->out)] = *s++;
		prod++;
		len--;
	}
	barrier();
	WRITE_ONCE(cons->out_prod, prod);
	notify(cons_port);
}

static void cons_puts(const char *s)
{
	cons_write(s, str_len(s));
}

/* Wait until the back-end has consumed everything, so nothing is lost. */
static void cons_drain(void)
{
	unsigned long rounds;

	for (rounds = 0; rounds < WAIT_ROUNDS; rounds++) {
		mb();
		if (READ_ONCE(cons->out_cons) == READ_ONCE(cons->out_prod))
			return;
		yield();
	}
}

static void utoa(unsigned long v, char *buf)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		*buf++ = tmp[--n];
	*buf = '\0';
}

/* --- xenstore (one write, no transactions) -------------------------------- */

static struct xenstore_domain_interface *xs;

static int xs_put(const void *data, size_t len)
{
	const char *p = data;
	XENSTORE_RING_IDX prod = xs->req_prod;
	unsigned long rounds = 0;

	while (len) {
		mb();
		if (prod - READ_ONCE(xs->req_cons) >= XENSTORE_RING_SIZE) {
			WRITE_ONCE(xs->req_prod, prod);
			notify(si->store_evtchn);
			if (++rounds > WAIT_ROUNDS)
				return -1;
			yield();
			continue;
		}
		xs->req[MASK_XENSTORE_IDX(prod)] = *p++;
		prod++;
		len--;
	}
	barrier();
	WRITE_ONCE(xs->req_prod, prod);
	return 0;
}

static int xs_get(void *data, size_t len)
{
	char *p = data;
	XENSTORE_RING_IDX cons_idx = xs->rsp_cons;
	unsigned long rounds = 0;

	while (len) {
		mb();
		if (READ_ONCE(xs->rsp_prod) == cons_idx) {
			if (++rounds > WAIT_ROUNDS)
				return -1;
			yield();
			continue;
		}
		*p++ = xs->rsp[MASK_XENSTORE_IDX(cons_idx)];
		cons_idx++;
		len--;
	}
	mb();
	WRITE_ONCE(xs->rsp_cons, cons_idx);
	notify(si->store_evtchn);
	return 0;
}

/* Write a value under our own domain path; 0 on success. */
static int xs_write(const char *path, const char *value)
{
	size_t plen = str_len(path) + 1, vlen = str_len(value);
	struct xsd_sockmsg msg = {
		.type = XS_WRITE,
		.req_id = 1,
		.tx_id = 0,
		.len = plen + vlen,
	};
	char reply[64];

	xs = mfn_to_virt(si->store_mfn);
	if (xs_put(&msg, sizeof(msg)) || xs_put(path, plen) || xs_put(value, vlen))
		return -1;
	notify(si->store_evtchn);

	if (xs_get(&msg, sizeof(msg)))
		return -1;
	/* Consume the payload ("OK" or an error name) in small pieces. */
	while (msg.len) {
		size_t n = msg.len < sizeof(reply) ? msg.len : sizeof(reply);

		if (xs_get(reply, n))
			return -1;
		msg.len -= n;
	}
	return msg.type == XS_WRITE ? 0 : -1;
}

/* --- main ----------------------------------------------------------------- */

/* Does the command line hold the word @w (or "w=...", value in @val)? */
static int cmdline_has(const char *w, unsigned long *val)
{
	const char *c = (const char *)si->cmd_line;
	size_t wl = str_len(w);

	while (*c) {
		const char *e;
		size_t i;

		while (*c == ' ')
			c++;
		for (e = c; *e && *e != ' '; e++)
			;
		for (i = 0; i < wl && c + i < e && c[i] == w[i]; i++)
			;
		if (i == wl && (c + i == e || c[i] == '=')) {
			if (val) {
				*val = 0;
				for (c += i + 1; c < e && *c >= '0' && *c <= '9'; c++)
					*val = *val * 10 + (*c - '0');
			}
			return 1;
		}
		c = e;
	}
	return 0;
}

void floor_main(start_info_t *start_info);

void floor_main(start_info_t *start_info)
{
	unsigned long status;
	char num[24];

	si = start_info;
	cons = mfn_to_virt(si->console.domU.mfn);
	cons_port = si->console.domU.evtchn;

	cons_puts("floor: hello from Xen PV\n");

	if (cmdline_has("crash", NULL)) {
		cons_puts("floor: crashing on purpose\n");
		cons_drain();
		shutdown(SHUTDOWN_crash);
	}
	if (cmdline_has("reboot", NULL)) {
		cons_puts("floor: rebooting on purpose\n");
		cons_drain();
		shutdown(SHUTDOWN_reboot);
	}
	if (cmdline_has("hang", NULL)) {
		struct sched_poll poll = { .nr_ports = 0, .timeout = ~0ULL >> 2 };

		cons_puts("floor: hanging on purpose\n");
		cons_drain();
		/* Block (no ports, a far timeout) instead of spinning. */
		for (;;)
			sched_op(SCHEDOP_poll, &poll);
	}
	if (cmdline_has("xsexit", &status)) {
		utoa(status, num);
		if (xs_write("data/lith/exit_status", num))
			cons_puts("floor: xenstore write failed\n");
		else
			cons_puts("floor: exit status in xenstore\n");
	} else if (cmdline_has("exit", &status)) {
		utoa(status, num);
		cons_puts("LITH_EXIT_STATUS=");
		cons_puts(num);
		cons_puts("\n");
	}
	cons_drain();
	shutdown(SHUTDOWN_poweroff);
}
