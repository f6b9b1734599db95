/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread-local storage layout (arm64: variant I). The thread pointer (TPIDR_EL0) points at
 * a 16-byte thread control block; the initial image of .tdata/.tbss follows it at the TLS
 * segment's alignment, where the linker's local-exec offsets expect it.
 */
#ifndef ARCH_TLS_H
#define ARCH_TLS_H

#include <lith/essentials.h>

/* The linker script aligns the TLS segment to this; the block starts at TP + this. */
#define ARCH_TLS_ALIGN 64

/* Bytes a TLS area needs (a multiple of ARCH_TLS_ALIGN). */
size_t arch_tls_area_size(void);

/* Fill the area (ARCH_TLS_ALIGN-aligned) from the image; returns the thread pointer. */
uintptr_t arch_tls_area_init(void *area);

#endif /* ARCH_TLS_H */
