/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm arm64 interrupts: the GIC, version 2 (memory-mapped CPU interface) or 3 (system
 * register CPU interface, redistributors), as the device tree describes it (GIC
 * architecture specification IHI 0069, GICv2 IHI 0048). An event is a GIC INTID: SPIs
 * (32-1019) for devices, PPIs (16-31) for the timer. Everything is group 1 (GICv3) or
 * group 0 signalled as IRQ (GICv2 without security), priority 0xa0, routed to this CPU.
 */
#include <lith/errno.h>
#include <lith/print.h>
#include <plat/events.h>
#include <arch/arm64.h>
#include <arch/atomic.h>
#include <arch/traps.h>
#include "fdt.h"
#include "kvm_arm64.h"

#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_IGROUPR	0x080
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_ICFGR	0xc00
#define GICD_IROUTER	0x6000
#define GICD_CTLR_RWP	(1U << 31)

#define GICC_CTLR 0x00
#define GICC_PMR  0x04
#define GICC_BPR  0x08
#define GICC_IAR  0x0c
#define GICC_EOIR 0x10

#define GICR_CTLR	      0x0000
#define GICR_WAKER	      0x0014
#define GICR_SGI	      0x10000 /* the SGI/PPI frame */
#define WAKER_SLEEP	      (1U << 1)
#define WAKER_CHILDREN_ASLEEP (1U << 2)

#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_BPR1_EL1	S3_0_C12_C12_3
#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7

#define PRIORITY  0xa0
#define MAX_INTID 1020
#define SPURIOUS  1020 /* and above */

/* events.c keeps a handler for every INTID below MAX_INTID. */
_Static_assert(MAX_INTID <= KVM_MAX_EVENTS, "KVM_MAX_EVENTS holds every INTID");

static uintptr_t gicd, gicc, gicr;
static unsigned int version, nr_lines;

static uint32_t rd32(uintptr_t base, unsigned int off)
{
	return *(volatile uint32_t *)(base + off);
}

static void wr32(uintptr_t base, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

static void wait_rwp(uintptr_t base, unsigned int bit)
{
	unsigned int i;

	for (i = 0; i < 1000000 && (rd32(base, 0) & bit); i++)
		arch_cpu_relax();
}

/* The register frame holding an INTID's enable, priority and configuration bits. */
static uintptr_t frame_of(unsigned int intid)
{
	return version == 3 && intid < 32 ? gicr + GICR_SGI : gicd;
}

int kvm_gic_intid(const void *spec, bool *edge)
{
	uint32_t type = fdt_cell(spec, 0), num = fdt_cell(spec, 1), flags = fdt_cell(spec, 2);

	*edge = flags & 3;
	if (type == 0 && num < MAX_INTID - 32)
		return (int)num + 32;
	if (type == 1 && num < 16)
		return (int)num + 16;
	return -1;
}

void kvm_gic_configure(unsigned int intid, bool edge)
{
	uintptr_t f = frame_of(intid);
	unsigned int off = GICD_ICFGR + intid / 16 * 4, bit = (intid % 16) * 2 + 1;
	uint32_t v;

	/* SGIs are always edge; PPIs are fixed on most implementations: leave both. */
	if (intid < 32 || intid >= nr_lines)
		return;
	v = rd32(f, off);
	v = edge ? v | (1U << bit) : v & ~(1U << bit);
	wr32(f, off, v);
}

static void eoi(uint64_t iar)
{
	if (version == 3) {
		arm64_write_sysreg(ICC_EOIR1_EL1, iar);
		arm64_isb();
	} else {
		wr32(gicc, GICC_EOIR, (uint32_t)iar);
	}
}

static void dispatch(struct arch_regs *regs)
{
	for (;;) {
		uint64_t iar =
			version == 3 ? arm64_read_sysreg(ICC_IAR1_EL1) : rd32(gicc, GICC_IAR);
		unsigned int intid = iar & (version == 3 ? 0xffffff : 0x3ff);

		if (intid >= SPURIOUS)
			return;
		if (intid == kvm_timer_intid) {
			/*
			 * The scheduler may switch threads inside the timer's handler and come
			 * back much later: end the interrupt first (the timer is masked, so its
			 * level line drops), or the GIC would hold back every later one.
			 */
			kvm_timer_mask();
			eoi(iar);
			kvm_timer_interrupt();
			continue;
		}
		kvm_event_handle(intid);
		eoi(iar);
	}
}

static void init_dist(void)
{
	unsigned int i;

	wr32(gicd, GICD_CTLR, 0);
	wait_rwp(gicd, GICD_CTLR_RWP);
	for (i = 32; i < nr_lines; i += 32) {
		wr32(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
		wr32(gicd, GICD_IGROUPR + i / 8, version == 3 ? 0xffffffff : 0);
	}
	/* Priorities and v2 targets are bytes, four to a word register: a word a step. */
	for (i = 32; i < nr_lines; i += 4) {
		wr32(gicd, GICD_IPRIORITYR + i, PRIORITY * 0x01010101U);
		if (version == 2)
			wr32(gicd, GICD_ITARGETSR + i, 0x01010101U); /* CPU interface 0 */
	}
	for (i = 32; version == 3 && i < nr_lines; i++)
		*(volatile uint64_t *)(gicd + GICD_IROUTER + i * 8) = 0; /* affinity 0 */
	if (version == 3) {
		/* Affinity routing before the groups are enabled (IHI 0069 9.9.4). */
		wr32(gicd, GICD_CTLR, 1U << 4);
		wait_rwp(gicd, GICD_CTLR_RWP);
		wr32(gicd, GICD_CTLR, (1U << 4) | (1U << 1) | (1U << 0));
	} else {
		wr32(gicd, GICD_CTLR, 1);
	}
	wait_rwp(gicd, GICD_CTLR_RWP);
}

static void init_cpu(void)
{
	unsigned int i;

	if (version == 2) {
		/* SGIs and PPIs are banked in the v2 distributor. */
		wr32(gicd, GICD_ICENABLER, 0xffffffff);
		for (i = 0; i < 32; i += 4)
			wr32(gicd, GICD_IPRIORITYR + i, PRIORITY * 0x01010101U);
		wr32(gicc, GICC_PMR, 0xf0);
		wr32(gicc, GICC_BPR, 0);
		wr32(gicc, GICC_CTLR, 1);
		return;
	}
	wr32(gicr, GICR_WAKER, rd32(gicr, GICR_WAKER) & ~WAKER_SLEEP);
	for (i = 0; i < 1000000 && (rd32(gicr, GICR_WAKER) & WAKER_CHILDREN_ASLEEP); i++)
		arch_cpu_relax();
	wr32(gicr + GICR_SGI, GICD_ICENABLER, 0xffffffff);
	wr32(gicr + GICR_SGI, GICD_IGROUPR, 0xffffffff);
	for (i = 0; i < 32; i += 4)
		wr32(gicr + GICR_SGI, GICD_IPRIORITYR + i, PRIORITY * 0x01010101U);
	wait_rwp(gicr, 1U << 3);
	arm64_write_sysreg(ICC_SRE_EL1, arm64_read_sysreg(ICC_SRE_EL1) | 1);
	arm64_isb();
	arm64_write_sysreg(ICC_PMR_EL1, 0xf0);
	arm64_write_sysreg(ICC_BPR1_EL1, 0);
	arm64_write_sysreg(ICC_CTLR_EL1, 0);
	arm64_write_sysreg(ICC_IGRPEN1_EL1, 1);
	arm64_isb();
}

int kvm_gic_init(const void *fdt, int node)
{
	int len;
	const void *reg = fdt_prop(fdt, node, "reg", &len);
	uint64_t d, c;

	/* The GIC's parent is the root: 2 address cells, 2 size cells on the virt board. */
	if (!reg || len < 32)
		return -EINVAL;
	d = fdt_cells(reg, 0, 2);
	c = fdt_cells(reg, 4, 2);
	version = fdt_compatible(fdt, node, "arm,gic-v3") ? 3 : 2;
	if (version == 3 && !((arm64_read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf)) {
		lith_pr_crit("gic: GICv3 without its CPU system registers\n");
		return -ENODEV;
	}
	if (kvm_map_range(d, 0x10000) < 0 || kvm_map_range(c, version == 3 ? 0x20000 : 0x2000))
		return -ENOMEM;
	gicd = (uintptr_t)d;
	if (version == 3)
		gicr = (uintptr_t)c;
	else
		gicc = (uintptr_t)c;
	nr_lines = MIN(32 * ((rd32(gicd, GICD_TYPER) & 0x1f) + 1), MAX_INTID);
	init_dist();
	init_cpu();
	arch_irq_set_handler(dispatch);
	lith_pr_info("gic: GICv%u, distributor at 0x%llx, %s at 0x%llx, %u interrupt lines\n",
		     version, (unsigned long long)d,
		     version == 3 ? "redistributor" : "CPU interface", (unsigned long long)c,
		     nr_lines);
	return 0;
}

unsigned int kvm_irq_lines(void)
{
	return nr_lines;
}

void plat_event_mask(unsigned int event)
{
	if (event < nr_lines)
		wr32(frame_of(event), GICD_ICENABLER + event / 32 * 4, 1U << (event % 32));
}

void plat_event_unmask(unsigned int event)
{
	if (event < nr_lines)
		wr32(frame_of(event), GICD_ISENABLER + event / 32 * 4, 1U << (event % 32));
}

void plat_events_disable(void)
{
	arm64_irq_disable();
}

void plat_events_enable(void)
{
	arm64_irq_enable();
}

bool plat_events_save(void)
{
	bool was = arm64_irq_enabled();

	arm64_irq_disable();
	return was;
}

void plat_events_restore(bool enabled)
{
	if (enabled)
		arm64_irq_enable();
}

void plat_idle(void)
{
	/* WFI wakes on a pending interrupt even while masked: none is lost before it. */
	__asm__ __volatile__("dsb sy; wfi; msr daifclr, #2; isb; msr daifset, #2" ::: "memory");
}
