/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypercall page: Xen fills it with one 32-byte stub per hypercall, syscall-based for
 * PV (XEN_ELFNOTE_HYPERCALL_PAGE), vmcall/vmmcall for PVH (when the guest writes the page's
 * address to the MSR that CPUID leaf 0x40000x02 names). The linker script aligns it.
 */
	.section .xen_hypercall_page, "ax"
	.fill 4096, 1, 0xcc
	.section .note.GNU-stack, "", @progbits
