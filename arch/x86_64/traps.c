/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 IDT, TSS and the crash report of CPU exceptions. The report is built without any
 * formatting library: it must work whatever else is broken.
 */
#include <arch/traps.h>
#include <lith/crashout.h>
#include <arch/x86.h>
#include <plat/console.h>
#include <plat/power.h>

struct idt_entry {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
} __packed;

struct tss {
	uint32_t rsvd0;
	uint64_t rsp[3];
	uint64_t rsvd1;
	uint64_t ist[7];
	uint64_t rsvd2;
	uint16_t rsvd3, iomap;
} __packed;

extern char arch_trap_stubs[];
extern uint64_t arch_gdt[];

static struct idt_entry idt[ARCH_NR_VECTORS] __aligned(16);
static struct tss tss __aligned(16);
/* Double faults (e.g. a stack overflow) run here: the faulting stack is unusable. */
static char df_stack[4096] __aligned(16);
static arch_irq_handler_t irq_handler;

#define VEC_DF 8

void arch_traps_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed idtr = { sizeof(idt) - 1, (uintptr_t)idt };
	uintptr_t t = (uintptr_t)&tss;
	unsigned int i;

	tss.ist[0] = (uintptr_t)df_stack + sizeof(df_stack);
	tss.iomap = sizeof(tss);
	/* 64-bit available TSS descriptor: limit, base split over two quadwords. */
	arch_gdt[ARCH_GDT_TSS / 8] = (sizeof(tss) - 1) | ((t & 0xffffff) << 16) | (0x89ULL << 40) |
				     (((t >> 24) & 0xff) << 56);
	arch_gdt[ARCH_GDT_TSS / 8 + 1] = t >> 32;
	__asm__ __volatile__("ltr %w0" ::"r"(ARCH_GDT_TSS));

	for (i = 0; i < ARCH_NR_VECTORS; i++) {
		uintptr_t a = (uintptr_t)arch_trap_stubs + 16 * i;

		idt[i].off_lo = a & 0xffff;
		idt[i].sel = ARCH_GDT_CS64;
		idt[i].ist = i == VEC_DF ? 1 : 0;
		idt[i].type = 0x8e; /* present, ring 0, interrupt gate: IF cleared on entry */
		idt[i].off_mid = (a >> 16) & 0xffff;
		idt[i].off_hi = a >> 32;
	}
	__asm__ __volatile__("lidt %0" ::"m"(idtr));
}

void arch_irq_set_handler(arch_irq_handler_t fn)
{
	irq_handler = fn;
}

void arch_regs_dump(const struct arch_regs *r)
{
	crash_putreg("RAX", r->rax), crash_putreg(" RBX", r->rbx), crash_putreg(" RCX", r->rcx);
	crash_putreg(" RDX", r->rdx), crash_puts("\n");
	crash_putreg("RSI", r->rsi), crash_putreg(" RDI", r->rdi), crash_putreg(" RBP", r->rbp);
	crash_putreg(" RSP", r->rsp), crash_puts("\n");
	crash_putreg("R8 ", r->r8), crash_putreg(" R9 ", r->r9), crash_putreg(" R10", r->r10);
	crash_putreg(" R11", r->r11), crash_puts("\n");
	crash_putreg("R12", r->r12), crash_putreg(" R13", r->r13), crash_putreg(" R14", r->r14);
	crash_putreg(" R15", r->r15), crash_puts("\n");
	crash_putreg("RIP", r->rip), crash_putreg(" RFL", r->rflags), crash_putreg(" CS ", r->cs);
	crash_putreg(" SS ", r->ss), crash_puts("\n");
}

void arch_stack_trace(uintptr_t rbp, uintptr_t lo, uintptr_t hi)
{
	int depth;

	crash_puts("Stack trace (frame pointers; addr2line -e <image>.dbg):\n");
	/* Frames live at increasing addresses; stop at anything implausible. */
	for (depth = 0; depth < 16 && rbp >= lo && rbp < hi - 16 && IS_ALIGNED(rbp, 8); depth++) {
		const uintptr_t *frame = (const uintptr_t *)rbp;

		crash_puts("  #"), crash_putdec(depth), crash_puts(" 0x");
		crash_puthex(frame[1], 16), crash_puts("\n");
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}

static const char *const names[32] = {
	"divide error",
	"debug",
	"NMI",
	"breakpoint",
	"overflow",
	"bound range",
	"invalid opcode",
	"device not available",
	"double fault",
	"coprocessor overrun",
	"invalid TSS",
	"segment not present",
	"stack fault",
	"general protection fault",
	"page fault",
	"reserved",
	"x87 floating point",
	"alignment check",
	"machine check",
	"SIMD floating point",
	"virtualization",
	"control protection",
};

void arch_fault_report(const struct arch_regs *r, const char *what, uint64_t fault_addr,
		       uintptr_t stack_lo, uintptr_t stack_hi)
{
	static int nested;

	if (nested++) {
		crash_puts("CRASH: fault while reporting a fault\n");
		plat_crash();
	}
	if (!what)
		what = r->vector < ARRAY_SIZE(names) && names[r->vector] ? names[r->vector] :
									   "exception";
	crash_puts("CRASH: "), crash_puts(what);
	crash_puts(" (vector "), crash_putdec((unsigned int)r->vector);
	crash_puts(", error 0x"), crash_puthex(r->error, 4);
	crash_puts(") at rip 0x"), crash_puthex(r->rip, 16);
	if (r->vector == 14)
		crash_puts(", address 0x"), crash_puthex(fault_addr, 16);
	crash_puts("\n");
	arch_regs_dump(r);
	crash_puts("  #- 0x"), crash_puthex(r->rip, 16), crash_puts(" (faulting instruction)\n");
	arch_stack_trace(r->rbp, stack_lo, stack_hi);
	plat_crash();
}

/* Defined by the scheduler when it is linked in: names the thread a guard page belongs to. */
size_t lith_fault_describe(uintptr_t addr, char *buf, size_t len) __weak;

static void __noreturn fatal(struct arch_regs *r)
{
	uint64_t cr2 = x86_read_cr2();
	char what[64];

	/*
	 * A stack overflow into a guard page faults, and pushing that fault's frame on the
	 * same stack faults again: a double fault (on its own IST stack), cr2 still naming the
	 * guard page.
	 */
	if ((r->vector == 14 || r->vector == 8) && lith_fault_describe &&
	    lith_fault_describe(cr2, what, sizeof(what))) {
		crash_puts("CRASH: "), crash_puts(what), crash_puts(" at address 0x"),
			crash_puthex(cr2, 16);
		crash_puts(" (rip 0x"), crash_puthex(r->rip, 16), crash_puts(", rsp 0x"),
			crash_puthex(r->rsp, 16), crash_puts(")\n");
		arch_regs_dump(r);
		plat_crash();
	}
	/* The kernel runs identity-mapped below 4 GiB here. */
	arch_fault_report(r, NULL, cr2, PAGE_SIZE, 1ULL << 32);
}

void arch_trap_dispatch(struct arch_regs *r);

void arch_trap_dispatch(struct arch_regs *r)
{
	if (r->vector < ARCH_IRQ_VECTOR_BASE || !irq_handler)
		fatal(r);
	irq_handler((unsigned int)r->vector, r);
}
