/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 entry. QEMU -kernel starts an ELF image at its entry point with the MMU off (x0:
 * 0, the device tree at the start of RAM); a boot loader following Linux's arm64 boot
 * protocol (the header below makes a raw copy of the image such a kernel) passes the
 * device tree's address in x0. Both at EL1, or EL2 with -M virt,virtualization=on.
 *
 * It records the virtual count, drops from EL2 to EL1 (EL1 gets the timer, FP/SIMD and,
 * with GICv3, the CPU interface's system registers), enables FP/SIMD, masks interrupts,
 * switches to the boot stack, zeroes .bss and calls
 *	arm64_start(uintptr_t x0 at entry, unsigned long EL at entry).
 */
#define HCR_EL2_RW	(1 << 31)	/* EL1 is AArch64 */
#define CPACR_FPEN	(3 << 20)	/* FP/SIMD at EL1 and EL0 untrapped */
#define SPSR_EL1H_MASKED 0x3c5		/* EL1 with SP_EL1, D A I F masked */
#define ICC_SRE_EL2	S3_4_C12_C9_5
#define SCTLR_EL1_RESET	0x30d00800	/* RES1 bits; MMU and caches off, little-endian */

	.section .text.boot, "ax"
	.globl _kvm_entry
	.type _kvm_entry, %function
_kvm_entry:
	/* Linux arm64 Image header (Documentation/arch/arm64/booting.rst), 64 bytes. */
	b 1f				/* code0 */
	.long 0				/* code1 */
	.quad 0x200000			/* text_offset: linked 2 MiB above the RAM base */
	.quad _end - _kvm_entry		/* image_size */
	.quad 0xa			/* flags: little-endian, 4 KiB pages, anywhere */
	.quad 0, 0, 0			/* reserved */
	.ascii "ARM\x64"		/* magic */
	.long 0				/* reserved */

1:	mov x19, x0
	mrs x20, cntvct_el0
	mrs x21, CurrentEL
	lsr x21, x21, #2
	cmp x21, #2
	b.ne el1

	/* EL2: hand EL1 the machine and drop to it. */
	mov x0, #HCR_EL2_RW
	msr hcr_el2, x0
	mov x0, #3			/* EL1PCTEN | EL1PCEN: counters and timers at EL1 */
	msr cnthctl_el2, x0
	msr cntvoff_el2, xzr
	mov x0, #0x33ff			/* CPTR_EL2 RES1 bits, no FP/SIMD trap */
	msr cptr_el2, x0
	msr hstr_el2, xzr
	mrs x0, id_aa64pfr0_el1
	ubfx x0, x0, #24, #4		/* GIC system register interface */
	cbz x0, 2f
	mrs x0, ICC_SRE_EL2
	orr x0, x0, #0xf		/* SRE, DFB, DIB, Enable: EL1 may use ICC_SRE_EL1 */
	msr ICC_SRE_EL2, x0
	isb
2:	ldr x0, =SCTLR_EL1_RESET
	msr sctlr_el1, x0
	mov x0, #SPSR_EL1H_MASKED
	msr spsr_el2, x0
	adr x0, el1
	msr elr_el2, x0
	eret

el1:
	msr daifset, #0xf
	ldr x0, =SCTLR_EL1_RESET
	msr sctlr_el1, x0
	mov x0, #CPACR_FPEN
	msr cpacr_el1, x0
	isb
	adrp x0, arm64_boot_stack_top
	add x0, x0, :lo12:arm64_boot_stack_top
	mov sp, x0
	mov x29, xzr
	mov x30, xzr

	/*
	 * Zero .bss when started as a Linux Image (x0: the tree), whose loader does not; an
	 * ELF loader has zeroed it (ELF's p_memsz beyond p_filesz). 16-byte aligned.
	 */
	cbz x19, 4f
	adrp x0, __bss_start
	add x0, x0, :lo12:__bss_start
	adrp x1, __bss_end
	add x1, x1, :lo12:__bss_end
3:	cmp x0, x1
	b.hs 4f
	stp xzr, xzr, [x0], #16
	b 3b
4:	adrp x0, arm64_entry_count
	str x20, [x0, :lo12:arm64_entry_count]
	mov x0, x19
	mov x1, x21
	bl arm64_start
5:	wfi
	b 5b
	.size _kvm_entry, . - _kvm_entry
	.ltorg

	.section .bss.boot_stack, "aw", %nobits
	.align 4
	.globl arm64_boot_stack, arm64_boot_stack_top
arm64_boot_stack:	.skip CONFIG_KVM_BOOT_STACK_KB * 1024
arm64_boot_stack_top:

	.section .data.entry_count, "aw"
	.align 3
	.globl arm64_entry_count
arm64_entry_count:	.quad 0
	.section .note.GNU-stack, "", %progbits
