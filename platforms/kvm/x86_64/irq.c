/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm interrupts on x86_64. The legacy PIC is remapped above the exceptions and masked at
 * boot; the LAPIC and the IOAPIC are set up on first use. An event is an IOAPIC input
 * (GSI) 0-23, delivered on vector ARCH_IRQ_VECTOR_BASE + GSI; the LAPIC timer has the
 * vector after them. ISA interrupts (GSI < 16) are edge-triggered, active high; PCI ones
 * (16-23) level-triggered, active low, as ACPI describes QEMU's machines.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/events.h>
#include <arch/traps.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define NR_GSI	     24
#define VEC_TIMER    (ARCH_IRQ_VECTOR_BASE + NR_GSI)
#define VEC_SPURIOUS (ARCH_NR_VECTORS - 1)

#define LAPIC_TPR	 0x080
#define LAPIC_EOI	 0x0b0
#define LAPIC_SVR	 0x0f0
#define LAPIC_LVT_TIMER	 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	 0x390
#define LAPIC_TIMER_DIV	 0x3e0
#define LVT_MASKED	 (1U << 16)
#define LVT_TSC_DEADLINE (2U << 17)

#define IOAPIC_PHYS   0xfec00000ULL
#define IOAPIC_MASKED (1U << 16)
#define IOAPIC_LEVEL  (1U << 15)
#define IOAPIC_LOW    (1U << 13)

/* events.c keeps a handler for every GSI. */
_Static_assert(NR_GSI <= KVM_MAX_EVENTS, "KVM_MAX_EVENTS holds every GSI");

static uintptr_t lapic;
static unsigned int nr_pins;
static bool ready, tsc_deadline;
uint64_t kvm_lapic_hz;

static uint32_t lapic_read(unsigned int reg)
{
	return *(volatile uint32_t *)(lapic + reg);
}

static void lapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(lapic + reg) = v;
}

static uint32_t ioapic_read(unsigned int reg)
{
	*(volatile uint32_t *)(uintptr_t)IOAPIC_PHYS = reg;
	return *(volatile uint32_t *)(uintptr_t)(IOAPIC_PHYS + 0x10);
}

static void ioapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)IOAPIC_PHYS = reg;
	*(volatile uint32_t *)(uintptr_t)(IOAPIC_PHYS + 0x10) = v;
}

void kvm_pic_disable(void)
{
	static const uint8_t seq[][2] = {
		{ 0x20, 0x11 },
		{ 0xa0, 0x11 }, /* ICW1: init, ICW4 follows */
		{ 0x21, ARCH_IRQ_VECTOR_BASE },
		{ 0xa1, ARCH_IRQ_VECTOR_BASE + 8 },
		{ 0x21, 0x04 },
		{ 0xa1, 0x02 }, /* cascade on IRQ 2 */
		{ 0x21, 0x01 },
		{ 0xa1, 0x01 }, /* 8086 mode */
		{ 0x21, 0xff },
		{ 0xa1, 0xff }, /* everything masked */
	};
	unsigned int i;

	/* Remapped, so that a spurious PIC interrupt cannot look like an exception. */
	for (i = 0; i < ARRAY_SIZE(seq); i++)
		x86_outb(seq[i][0], seq[i][1]);
}

static uint32_t redir_low(unsigned int gsi)
{
	return (ARCH_IRQ_VECTOR_BASE + gsi) | (gsi >= 16 ? IOAPIC_LEVEL | IOAPIC_LOW : 0);
}

static void dispatch(unsigned int vector, struct arch_regs *regs)
{
	unsigned int gsi = vector - ARCH_IRQ_VECTOR_BASE;

	if (vector == VEC_SPURIOUS)
		return;
	/*
	 * Acknowledge first: a handler may switch threads (preemption) and return much later,
	 * and until the EOI the LAPIC holds back every interrupt of lower or equal priority.
	 * Interrupts stay disabled until the handler returns, so nothing nests meanwhile.
	 */
	lapic_write(LAPIC_EOI, 0);
	if (vector == VEC_TIMER)
		kvm_timer_interrupt();
	else
		kvm_event_handle(gsi);
}

void kvm_irq_init(void)
{
	uint64_t base;
	unsigned int i;

	if (ready)
		return;
	ready = true;
	base = x86_rdmsr(X86_MSR_APIC_BASE);
	x86_wrmsr(X86_MSR_APIC_BASE, base | (1U << 11)); /* globally enabled */
	lapic = (uintptr_t)(base & ~0xfffULL);
	kvm_map_range(lapic, 4096);
	kvm_map_range(IOAPIC_PHYS, 4096);
	arch_irq_set_handler(dispatch);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	nr_pins = ((ioapic_read(1) >> 16) & 0xff) + 1;
	if (nr_pins > NR_GSI)
		nr_pins = NR_GSI;
	for (i = 0; i < nr_pins; i++) {
		ioapic_write(0x11 + 2 * i, 0);
		ioapic_write(0x10 + 2 * i, IOAPIC_MASKED | redir_low(i));
	}
	tsc_deadline = x86_cpuid(1, 0).c & (1U << 24);
	lith_pr_info("irq: LAPIC at 0x%lx, IOAPIC at 0x%llx (%u inputs), PIC masked\n",
		     (unsigned long)lapic, IOAPIC_PHYS, nr_pins);
	lith_pr_info("timer: LAPIC %s\n", tsc_deadline ? "TSC-deadline" : "one-shot count");
}

bool kvm_tsc_deadline(void)
{
	kvm_irq_init();
	return tsc_deadline;
}

void kvm_lapic_timer_arm(uint64_t ticks)
{
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;
	if (tsc_deadline) {
		lapic_write(LAPIC_LVT_TIMER, LVT_TSC_DEADLINE | VEC_TIMER);
		return;
	}
	lapic_write(LAPIC_TIMER_DIV, 0xb); /* divide by 1 */
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)ticks);
}

void kvm_lapic_calib_start(void)
{
	kvm_irq_init();
	lapic_write(LAPIC_TIMER_DIV, 0xb);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
}

void kvm_lapic_calib_end(uint64_t num, uint64_t den)
{
	uint64_t elapsed = 0xffffffffULL - lapic_read(LAPIC_TIMER_CUR);

	lapic_write(LAPIC_TIMER_INIT, 0);
	kvm_lapic_hz = elapsed * num / den;
	lith_pr_info("timer: LAPIC timer at %llu kHz\n", (unsigned long long)kvm_lapic_hz / 1000);
}

unsigned int kvm_irq_lines(void)
{
	kvm_irq_init();
	return nr_pins;
}

void plat_event_mask(unsigned int event)
{
	if (event < nr_pins)
		ioapic_write(0x10 + 2 * event, IOAPIC_MASKED | redir_low(event));
}

void plat_event_unmask(unsigned int event)
{
	if (event < nr_pins)
		ioapic_write(0x10 + 2 * event, redir_low(event));
}
