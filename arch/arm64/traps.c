/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 exception vectors and the crash report. The report is built without any
 * formatting library: it must work whatever else is broken.
 */
#include <lith/crashout.h>
#include <arch/arm64.h>
#include <arch/traps.h>
#include <plat/console.h>
#include <plat/power.h>

#define KIND_SYNC 0
#define KIND_IRQ  1

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_UNKNOWN  0x00
#define EC_IABT_CUR 0x21
#define EC_DABT_CUR 0x25
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

extern char arch_vectors[];
/*
 * Optional, from a library (the scheduler names a thread whose stack guard page was hit);
 * plat/memory.h. Referenced weakly: images without it report a plain data abort.
 */
size_t lith_fault_describe(uintptr_t addr, char *buf, size_t len) __weak;
uint64_t arch_semihosting_trap(uint32_t op, uintptr_t arg);
void arch_exception(struct arch_regs *r, unsigned long kind);

static arch_irq_handler_t irq_handler;
static volatile bool semihost_probing, semihost_missing;

void arch_traps_init(void)
{
	arm64_write_sysreg(vbar_el1, (uintptr_t)arch_vectors);
	arm64_isb();
}

void arch_irq_set_handler(arch_irq_handler_t fn)
{
	irq_handler = fn;
}

uint64_t arch_semihosting(uint32_t op, uintptr_t arg, bool *ok)
{
	uint64_t rc;

	if (semihost_missing) {
		*ok = false;
		return (uint64_t)-1;
	}
	semihost_probing = true;
	rc = arch_semihosting_trap(op, arg);
	semihost_probing = false;
	*ok = !semihost_missing;
	return rc;
}

void arch_regs_dump(const struct arch_regs *r)
{
	static const char *const names[31] = {
		"X0 ", "X1 ", "X2 ", "X3 ", "X4 ", "X5 ", "X6 ", "X7 ", "X8 ", "X9 ", "X10",
		"X11", "X12", "X13", "X14", "X15", "X16", "X17", "X18", "X19", "X20", "X21",
		"X22", "X23", "X24", "X25", "X26", "X27", "X28", "X29", "X30",
	};
	unsigned int i;

	for (i = 0; i < 31; i++) {
		crash_putreg(names[i], r->x[i]);
		crash_puts(i % 4 == 3 || i == 30 ? "\n" : " ");
	}
	crash_putreg("PC ", r->pc), crash_putreg(" SP ", r->sp), crash_putreg(" PSTATE", r->pstate),
		crash_puts("\n");
	crash_putreg("ESR", r->esr), crash_putreg(" FAR", r->far);
	crash_putreg(" TTBR0", arm64_read_sysreg(ttbr0_el1)), crash_puts("\n");
}

void arch_stack_trace(uintptr_t fp)
{
	int depth;

	crash_puts("Stack trace (frame pointers; addr2line -e <image>.dbg):\n");
	/* Frame records live at increasing addresses; stop at anything implausible. */
	for (depth = 0; depth < 16 && fp && IS_ALIGNED(fp, 8) && fp < (1ULL << 48); depth++) {
		const uintptr_t *frame = (const uintptr_t *)fp;

		crash_puts("  #"), crash_putdec(depth), crash_puts(" 0x"),
			crash_puthex(frame[1], 16), crash_puts("\n");
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
}

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "undefined instruction";
	case 0x07:
		return "FP/SIMD access trapped";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "SVC";
	case 0x18:
		return "system register access trapped";
	case EC_IABT_LOW:
	case EC_IABT_CUR:
		return "instruction abort";
	case 0x22:
		return "PC alignment fault";
	case EC_DABT_LOW:
	case EC_DABT_CUR:
		return "data abort";
	case 0x26:
		return "SP alignment fault";
	case 0x2c:
		return "floating-point exception";
	case 0x2f:
		return "SError";
	case 0x3c:
		return "BRK";
	default:
		return "exception";
	}
}

/* The fault status code of an abort, in words. */
static void out_fsc(unsigned int fsc)
{
	static const char *const kinds[4] = { "address size fault", "translation fault",
					      "access flag fault", "permission fault" };

	if (fsc < 16) {
		crash_puts(kinds[fsc >> 2]), crash_puts(", level "), crash_putdec(fsc & 3);
	} else if (fsc == 0x21) {
		crash_puts("alignment fault");
	} else if (fsc == 0x10) {
		crash_puts("synchronous external abort");
	} else {
		crash_puts("status 0x"), crash_puthex(fsc, 2);
	}
}

static void __noreturn fatal(struct arch_regs *r, unsigned long kind)
{
	static int nested;
	static char what[64];
	unsigned int ec = ESR_EC(r->esr);

	if (nested++) {
		crash_puts("CRASH: fault while reporting a fault\n");
		plat_crash();
	}
	if (kind & ARCH_KIND_BAD_STACK) {
		/* The entry moved to the emergency stack: the faulting sp is kept here. */
		r->sp = arm64_read_sysreg(tpidrro_el0);
		kind &= ~ARCH_KIND_BAD_STACK;
		if (kind == KIND_IRQ) {
			crash_puts("CRASH: interrupt on an exhausted stack (sp 0x"),
				crash_puthex(r->sp, 16);
			crash_puts(", pc 0x"), crash_puthex(r->pc, 16), crash_puts(")\n");
			arch_regs_dump(r);
			plat_crash();
		}
	}
	if (kind == KIND_SYNC && (ec == EC_DABT_CUR || ec == EC_DABT_LOW) && lith_fault_describe &&
	    lith_fault_describe(r->far, what, sizeof(what))) {
		crash_puts("CRASH: "), crash_puts(what), crash_puts(" at address 0x"),
			crash_puthex(r->far, 16);
		crash_puts(" (pc 0x"), crash_puthex(r->pc, 16), crash_puts(", sp 0x"),
			crash_puthex(r->sp, 16), crash_puts(")\n");
		arch_regs_dump(r);
		plat_crash();
	}
	crash_puts("CRASH: ");
	if (kind == KIND_SYNC)
		crash_puts(ec_name(ec)), crash_puts(" (EC 0x"), crash_puthex(ec, 2);
	else
		crash_puts(kind == 2 ? "FIQ" : "SError"), crash_puts(" (ESR 0x"),
			crash_puthex(r->esr, 8);
	crash_puts(") at pc 0x"), crash_puthex(r->pc, 16);
	if (kind == KIND_SYNC &&
	    (ec == EC_DABT_CUR || ec == EC_IABT_CUR || ec == EC_DABT_LOW || ec == EC_IABT_LOW)) {
		crash_puts(", address 0x"), crash_puthex(r->far, 16);
		crash_puts(" ("), out_fsc(r->esr & 0x3f);
		if (ec == EC_DABT_CUR || ec == EC_DABT_LOW)
			crash_puts(r->esr & (1U << 6) ? ", write" : ", read");
		crash_puts(")");
	}
	crash_puts("\n");
	arch_regs_dump(r);
	crash_puts("  #- 0x"), crash_puthex(r->pc, 16), crash_puts(" (faulting instruction)\n");
	crash_puts("  #- 0x"), crash_puthex(r->x[30], 16), crash_puts(" (link register)\n");
	arch_stack_trace(r->x[29]);
	plat_crash();
}

void arch_exception(struct arch_regs *r, unsigned long kind)
{
	/* Only a fault can come with a stack that cannot take it: report it. */
	if (kind & ARCH_KIND_BAD_STACK)
		fatal(r, kind);
	if (kind == KIND_IRQ) {
		if (irq_handler)
			irq_handler(r);
		return;
	}
	/* HLT #0xf000 undefined: no semihosting here. Resume after it with x0 = -1. */
	if (kind == KIND_SYNC && semihost_probing && ESR_EC(r->esr) == EC_UNKNOWN &&
	    r->pc == (uintptr_t)arch_semihosting_trap) {
		semihost_missing = true;
		r->x[0] = (uint64_t)-1;
		r->pc += 4;
		return;
	}
	fatal(r, kind);
}
