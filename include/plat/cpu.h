/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: privileged CPU state whose access differs per platform.
 * Setting the thread pointer is a wrmsr on kvm, a hypercall on xen PV and arch_prctl(2) on
 * linuxu; the layout of the TLS block itself is the architecture's (arch/tls.h).
 */
#ifndef PLAT_CPU_H
#define PLAT_CPU_H

#include <stdint.h>

void plat_tls_set(uintptr_t tp);
uintptr_t plat_tls_get(void);

#endif /* PLAT_CPU_H */
