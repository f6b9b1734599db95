/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console on the 16550 UART COM1: polled output (the 16-byte FIFO is filled whenever it
 * is empty, so one status read per 16 bytes), interrupt-driven input into a ring that
 * plat_console_read() drains. The interrupt is bound on the first read.
 */
#include <lith/print.h>
#include <plat/console.h>
#include <plat/events.h>
#include <arch/atomic.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define COM1	 0x3f8
#define COM1_IRQ 4
#define UART_RBR 0 /* receive buffer (read) / transmit holding (write) */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_DLL 0 /* with LCR.DLAB */
#define UART_DLM 1
#define LSR_DR	 0x01
#define LSR_THRE 0x20
#define IER_RDA	 0x01
#define FIFO_LEN 16

static char rx_ring[256];
static unsigned int rx_head, rx_tail; /* free-running: tail - head bytes wait */
static bool rx_irq;

void kvm_serial_init(void)
{
	x86_outb(COM1 + UART_IER, 0);
	x86_outb(COM1 + UART_LCR, 0x80); /* DLAB: divisor 1 = 115200 baud */
	x86_outb(COM1 + UART_DLL, 1);
	x86_outb(COM1 + UART_DLM, 0);
	x86_outb(COM1 + UART_LCR, 0x03); /* 8N1 */
	x86_outb(COM1 + UART_FCR, 0x07); /* FIFOs on and cleared */
	x86_outb(COM1 + UART_MCR, 0x0b); /* DTR, RTS, OUT2 (gates the interrupt) */
}

int plat_console_write(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n;

		while (!(x86_inb(COM1 + UART_LSR) & LSR_THRE))
			arch_cpu_relax();
		for (n = 0; n < FIFO_LEN && i < len; n++)
			x86_outb(COM1 + UART_RBR, (uint8_t)buf[i++]);
	}
	return (int)len;
}

/* Move what the UART holds into the ring; the ring drops input when full. */
static void drain(void)
{
	while (x86_inb(COM1 + UART_LSR) & LSR_DR) {
		char c = (char)x86_inb(COM1 + UART_RBR);

		if (rx_tail - rx_head < sizeof(rx_ring))
			rx_ring[rx_tail++ % sizeof(rx_ring)] = c;
	}
}

static void serial_interrupt(unsigned int event, void *arg)
{
	drain();
}

int plat_console_read(char *buf, size_t len)
{
	size_t n = 0;
	bool was;

	if (!rx_irq) {
		rx_irq = true;
		if (plat_event_bind(COM1_IRQ, serial_interrupt, NULL) == 0)
			x86_outb(COM1 + UART_IER, IER_RDA);
		else
			lith_pr_warn("serial: no input interrupt, polling\n");
	}
	was = plat_events_save();
	drain();
	while (n < len && rx_head != rx_tail)
		buf[n++] = rx_ring[rx_head++ % sizeof(rx_ring)];
	plat_events_restore(was);
	return (int)n;
}
