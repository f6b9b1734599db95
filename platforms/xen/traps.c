/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PV traps: the virtual IDT (set_trap_table) and the crash report of exceptions. A PV
 * kernel has no IDT of its own; Xen bounces each exception to the address registered here.
 * The report is built without any formatting library: it must work whatever else broke.
 */
#include <arch/traps.h>
#include <plat/console.h>
#include <plat/power.h>
#include <xenplat/hypercall.h>
#include <xenplat/xen.h>

#define NR_TRAPS 20

extern char xen_trap_stubs[];
void xen_trap_fatal(struct arch_regs *r) __noreturn;

static struct trap_info trap_table[NR_TRAPS + 1];

void xen_traps_init(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < NR_TRAPS; i++) {
		if (i == 2 || i == 15) /* NMIs use their own callback; 15 is reserved */
			continue;
		trap_table[n].vector = i;
		/* DPL 0 (int3: 3, so that a debugger's breakpoint traps), events masked. */
		trap_table[n].flags = (i == 3 ? 3 : 0) | 4;
		trap_table[n].cs = FLAT_KERNEL_CS;
		trap_table[n].address = (unsigned long)xen_trap_stubs + 32 * i;
		n++;
	}
	/* The table ends with a zero entry. */
	if (hypervisor_set_trap_table(trap_table)) {
		static const char msg[] = "CRASH: set_trap_table failed\n";

		plat_console_write(msg, sizeof(msg) - 1);
		plat_crash();
	}
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
	char buf[16];
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

static const char *const names[NR_TRAPS] = {
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
};

static bool plausible_frame(uintptr_t rbp)
{
	return rbp >= XEN_VIRT_BASE && IS_ALIGNED(rbp, 8) &&
	       rbp < (uintptr_t)xen_pfn_to_virt(xen_nr_mapped) - 16;
}

void xen_trap_fatal(struct arch_regs *r)
{
	static int nested;
	uint64_t cr2 = xen_shared_info ? xen_shared_info->vcpu_info[0].arch.cr2 : 0;
	uintptr_t rbp = r->rbp;
	int depth;

	if (nested++) {
		out("CRASH: fault while reporting a fault\n");
		plat_crash();
	}
	out("CRASH: ");
	if (r->vector == (uint64_t)-2)
		out("Xen failsafe callback (bad segment or frame)");
	else
		out(r->vector < NR_TRAPS ? names[r->vector] : "exception");
	out(" (vector "), out_dec((unsigned int)r->vector), out(", error 0x");
	out_hex(r->error, 4), out(") at rip 0x"), out_hex(r->rip, 16);
	if (r->vector == 14)
		out(", address 0x"), out_hex(cr2, 16);
	out("\n");
	/* Not arch_regs_dump(): reading CR2/CR3 would trap to Xen for emulation. */
	out("RAX="), out_hex(r->rax, 16), out(" RBX="), out_hex(r->rbx, 16);
	out(" RCX="), out_hex(r->rcx, 16), out(" RDX="), out_hex(r->rdx, 16), out("\n");
	out("RSI="), out_hex(r->rsi, 16), out(" RDI="), out_hex(r->rdi, 16);
	out(" RBP="), out_hex(r->rbp, 16), out(" RSP="), out_hex(r->rsp, 16), out("\n");
	out("R8 ="), out_hex(r->r8, 16), out(" R9 ="), out_hex(r->r9, 16);
	out(" R10="), out_hex(r->r10, 16), out(" R11="), out_hex(r->r11, 16), out("\n");
	out("R12="), out_hex(r->r12, 16), out(" R13="), out_hex(r->r13, 16);
	out(" R14="), out_hex(r->r14, 16), out(" R15="), out_hex(r->r15, 16), out("\n");
	out("RIP="), out_hex(r->rip, 16), out(" RFL="), out_hex(r->rflags, 16);
	out(" CS ="), out_hex(r->cs, 4), out(" SS ="), out_hex(r->ss, 4), out("\n");
	out("Stack trace (frame pointers; addr2line -e <image>.dbg):\n");
	out("  #- 0x"), out_hex(r->rip, 16), out(" (faulting instruction)\n");
	for (depth = 0; depth < 16 && plausible_frame(rbp); depth++) {
		const uintptr_t *frame = (const uintptr_t *)rbp;

		out("  #"), out_dec(depth), out(" 0x"), out_hex(frame[1], 16), out("\n");
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
	plat_crash();
}
