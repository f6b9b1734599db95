/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen PVH entry: the same 32-bit PVH entry as KVM's (its XEN_ELFNOTE_PHYS32_ENTRY note,
 * identity map of the first GiB, long mode, boot stack), which then calls x86_start64()
 * in platforms/xen/pvh.c. Shared, not copied: see platforms/kvm/x86_64/entry.S.
 */
#ifndef CONFIG_KVM_BOOT_STACK_KB
#define CONFIG_KVM_BOOT_STACK_KB CONFIG_XEN_BOOT_STACK_KB
#endif
#include "../../kvm/x86_64/entry.S"
