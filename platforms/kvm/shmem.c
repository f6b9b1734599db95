/* SPDX-License-Identifier: BSD-3-Clause */
/* kvm shared memory: memory is identity-mapped, so a device uses the address itself. */
#include <lith/errno.h>
#include <plat/shmem.h>

int plat_shmem_share(unsigned int peer, void *va, bool readonly, plat_shmem_ref_t *ref)
{
	if (!va || !ref)
		return -EINVAL;
	*ref = (plat_shmem_ref_t)(uintptr_t)va;
	return 0;
}

int plat_shmem_revoke(plat_shmem_ref_t ref)
{
	return 0;
}
