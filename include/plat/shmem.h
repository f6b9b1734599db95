/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: memory shared with a device or a backend.
 * xen: grant tables (the reference is a grant reference the backend maps);
 * kvm: the guest-physical address a device DMAs to; linuxu: the address itself.
 */
#ifndef PLAT_SHMEM_H
#define PLAT_SHMEM_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t plat_shmem_ref_t;

/*
 * Share the page at va with the device's side (peer: the backend domain on Xen, ignored
 * elsewhere). Stores in *ref what the device uses to reach it. Returns 0 or -errno.
 */
int plat_shmem_share(unsigned int peer, void *va, bool readonly, plat_shmem_ref_t *ref);

/* Take the page back; -EBUSY while the peer still has it mapped. */
int plat_shmem_revoke(plat_shmem_ref_t ref);

#endif /* PLAT_SHMEM_H */
