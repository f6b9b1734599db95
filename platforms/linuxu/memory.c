/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu page protection: mprotect(2) on the process's own mappings. */
#include <lith/errno.h>
#include <plat/memory.h>
#include <linuxu/syscall.h>

int plat_page_protect(void *va, size_t len, unsigned int prot)
{
	long p = 0;

	if (prot & PLAT_PROT_READ)
		p |= PROT_READ;
	if (prot & PLAT_PROT_WRITE)
		p |= PROT_WRITE;
	return (int)linuxu_syscall(SYS_mprotect, va, len, p);
}
