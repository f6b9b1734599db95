/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 IDT, TSS and the crash report of CPU exceptions. The report is built without any
 * formatting library: it must work whatever else is broken.
 */
#include <arch/traps.h>
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

static void out(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	plat_console_write(s, n);
}

static void out_hex(uint64_t v, int digits)
{
	char buf[18];
	int i;

	for (i = 0; i < digits; i++)
		buf[digits - 1 - i] = "0123456789abcdef"[(v >> (i * 4)) & 0xf];
	plat_console_write(buf, digits);
}

static void out_dec(unsigned int v)
{
	char buf[10];
	int n = 0;

	do
		buf[sizeof(buf) - ++n] = '0' + v % 10;
	while ((v /= 10));
	plat_console_write(buf + sizeof(buf) - n, n);
}

static void out_reg(const char *name, uint64_t v)
{
	out(name);
	out("=");
	out_hex(v, 16);
}

void arch_regs_dump(const struct arch_regs *r)
{
	out_reg("RAX", r->rax), out_reg(" RBX", r->rbx), out_reg(" RCX", r->rcx);
	out_reg(" RDX", r->rdx), out("\n");
	out_reg("RSI", r->rsi), out_reg(" RDI", r->rdi), out_reg(" RBP", r->rbp);
	out_reg(" RSP", r->rsp), out("\n");
	out_reg("R8 ", r->r8), out_reg(" R9 ", r->r9), out_reg(" R10", r->r10);
	out_reg(" R11", r->r11), out("\n");
	out_reg("R12", r->r12), out_reg(" R13", r->r13), out_reg(" R14", r->r14);
	out_reg(" R15", r->r15), out("\n");
	out_reg("RIP", r->rip), out_reg(" RFL", r->rflags), out_reg(" CS ", r->cs);
	out_reg(" SS ", r->ss), out("\n");
	out_reg("CR2", x86_read_cr2()), out_reg(" CR3", x86_read_cr3()), out("\n");
}

void arch_stack_trace(uintptr_t rbp)
{
	int depth;

	out("Stack trace (frame pointers; addr2line -e <image>.dbg):\n");
	/* Frames live at increasing addresses; stop at anything implausible. */
	for (depth = 0; depth < 16 && rbp && IS_ALIGNED(rbp, 8) && rbp < (1ULL << 32); depth++) {
		const uintptr_t *frame = (const uintptr_t *)rbp;

		out("  #"), out_dec(depth), out(" 0x"), out_hex(frame[1], 16), out("\n");
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

static void __noreturn fatal(struct arch_regs *r)
{
	static int nested;

	if (nested++) {
		out("CRASH: fault while reporting a fault\n");
		plat_crash();
	}
	out("CRASH: ");
	out(names[r->vector] ? names[r->vector] : "exception");
	out(" (vector "), out_dec(r->vector), out(", error 0x"), out_hex(r->error, 4);
	out(") at rip 0x"), out_hex(r->rip, 16);
	if (r->vector == 14)
		out(", address 0x"), out_hex(x86_read_cr2(), 16);
	out("\n");
	arch_regs_dump(r);
	out("  #- 0x"), out_hex(r->rip, 16), out(" (faulting instruction)\n");
	arch_stack_trace(r->rbp);
	plat_crash();
}

void arch_trap_dispatch(struct arch_regs *r);

void arch_trap_dispatch(struct arch_regs *r)
{
	if (r->vector < ARCH_IRQ_VECTOR_BASE || !irq_handler)
		fatal(r);
	irq_handler((unsigned int)r->vector, r);
}
