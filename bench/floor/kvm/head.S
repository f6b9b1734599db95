/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The floor KVM guest: a PVH entry that prints one line on COM1 and exits through
 * isa-debug-exit with status 0. No paging, no long mode: what QEMU itself costs.
 */
	.section .note.Xen, "a", @note
	.align 4
	.long 4, 4, 18		/* name size, descriptor size, XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long floor_entry

	.text
	.code32
	.globl floor_entry
floor_entry:
	movl $msg, %esi
	movw $0x3f8, %dx
1:	lodsb
	testb %al, %al
	jz 2f
	outb %al, %dx
	jmp 1b
2:	movw $0xf4, %dx
	xorl %eax, %eax
	outl %eax, %dx
3:	hlt
	jmp 3b

	.section .rodata
msg:	.asciz "floor: hello\n"
	.section .note.GNU-stack, "", @progbits
