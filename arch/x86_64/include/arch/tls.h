/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread-local storage layout (x86_64: variant II). A TLS area holds the initial image of
 * the .tdata/.tbss sections followed by the thread control block; the thread pointer (FS
 * base) points at the control block, whose first word points to itself.
 */
#ifndef ARCH_TLS_H
#define ARCH_TLS_H

#include <lith/essentials.h>

#define ARCH_TLS_ALIGN 64

/* Bytes a TLS area needs (a multiple of ARCH_TLS_ALIGN). */
size_t arch_tls_area_size(void);

/* Fill the area (ARCH_TLS_ALIGN-aligned) from the image; returns the thread pointer. */
uintptr_t arch_tls_area_init(void *area);

#endif /* ARCH_TLS_H */
