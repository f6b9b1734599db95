/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console on the PL011 UART (Arm PrimeCell UART TRM): polled output through the transmit
 * FIFO, interrupt-driven input into a ring that plat_console_read() drains. The receive
 * interrupt is bound on the first read.
 */
#include <lith/print.h>
#include <plat/console.h>
#include <plat/events.h>
#include <arch/atomic.h>
#include "kvm_arm64.h"

#define UART_DR	      0x00
#define UART_FR	      0x18
#define UART_IBRD     0x24
#define UART_FBRD     0x28
#define UART_LCRH     0x2c
#define UART_CR	      0x30
#define UART_IMSC     0x38
#define UART_ICR      0x44
#define FR_RXFE	      (1U << 4)
#define FR_TXFF	      (1U << 5)
#define FR_TXFE	      (1U << 7)
#define FIFO_DEPTH    16 /* the PL011's transmit FIFO (r1p4 and before; 32 since r1p5) */
#define LCRH_8N1_FIFO 0x70
#define CR_UARTEN     (1U << 0)
#define CR_TXE	      (1U << 8)
#define CR_RXE	      (1U << 9)
#define IMSC_RX	      ((1U << 4) | (1U << 6)) /* receive and receive timeout */

static volatile uint32_t *uart = (volatile uint32_t *)(uintptr_t)VIRT_PL011;
static int rx_event = -1;
static char rx_ring[256];
static unsigned int rx_head, rx_tail; /* free-running: tail - head bytes wait */
static bool rx_irq;
static bool fifo; /* the transmit FIFO is on (kvm_pl011_init() turned it on) */

static uint32_t rd(unsigned int reg)
{
	return uart[reg / 4];
}

static void wr(unsigned int reg, uint32_t v)
{
	uart[reg / 4] = v;
}

void kvm_pl011_init(uint64_t phys, int event)
{
	if (event >= 0) {
		rx_event = event;
		return;
	}
	if (kvm_map_range(phys, 4096) < 0)
		return;
	uart = (volatile uint32_t *)(uintptr_t)phys;
	wr(UART_CR, 0);
	/* 115200 baud from the 24 MHz reference clock the virt board describes. */
	wr(UART_IBRD, 13);
	wr(UART_FBRD, 1);
	wr(UART_LCRH, LCRH_8N1_FIFO);
	fifo = true;
	wr(UART_IMSC, 0);
	wr(UART_ICR, 0x7ff);
	wr(UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

int plat_console_write(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len;) {
		uint32_t fr = rd(UART_FR);
		size_t n, end;

		if (fr & FR_TXFF) {
			arch_cpu_relax();
			continue;
		}
		/* An empty FIFO takes FIFO_DEPTH bytes without another look at the flags. */
		n = fifo && (fr & FR_TXFE) ? FIFO_DEPTH : 1;
		for (end = i + n < len ? i + n : len; i < end; i++)
			wr(UART_DR, (uint8_t)buf[i]);
	}
	return (int)len;
}

/* Move what the UART holds into the ring; the ring drops input when full. */
static void drain(void)
{
	while (!(rd(UART_FR) & FR_RXFE)) {
		char c = (char)rd(UART_DR);

		if (rx_tail - rx_head < sizeof(rx_ring))
			rx_ring[rx_tail++ % sizeof(rx_ring)] = c;
	}
}

static void serial_interrupt(unsigned int event, void *arg)
{
	drain();
	wr(UART_ICR, IMSC_RX);
}

int plat_console_read(char *buf, size_t len)
{
	size_t n = 0;
	bool was;

	if (!rx_irq) {
		rx_irq = true;
		if (rx_event >= 0 && plat_event_bind(rx_event, serial_interrupt, NULL) == 0)
			wr(UART_IMSC, IMSC_RX);
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
