/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread memory: [guard page][stack ...][struct lith_thread][TLS area], one allocation.
 * The record sits at the stack's top so that one free releases everything, and the guard
 * page (protected where the platform can) turns a stack overflow into a fault that names
 * the thread instead of silently corrupting the allocation below.
 */
#include <lith/alloc.h>
#include <lith/errno.h>
#include <lith/print.h>
#include <arch/tls.h>
#include <plat/memory.h>
#include "sched_priv.h"

void *memset(void *dst, int c, size_t n);

#if CONFIG_LIBSCHED_GUARD_PAGE
bool sched_guard_pages = true;
#else
bool sched_guard_pages;
#endif

/* Platforms without page protection need not define it. */
__weak int plat_page_protect(void *va, size_t len, unsigned int prot)
{
	return -ENOTSUP;
}

struct lith_thread *sched_thread_alloc(size_t stack_size)
{
	size_t guard = sched_guard_pages ? PAGE_SIZE : 0;
	size_t stack = ALIGN_UP(stack_size, PAGE_SIZE);
	size_t rec = ALIGN_UP(sizeof(struct lith_thread), ARCH_TLS_ALIGN);
	size_t total = guard + stack + rec + arch_tls_area_size();
	struct lith_thread *t;
	char *mem;
	int rc;

	mem = lith_memalign(PAGE_SIZE, total);
	if (!mem)
		return NULL;
	t = (struct lith_thread *)(mem + guard + stack);
	memset(t, 0, rec);
	t->mem = mem;
	t->stack_lo = (uintptr_t)mem + guard;
	t->stack_hi = (uintptr_t)t;
	if (guard) {
		rc = plat_page_protect(mem, guard, PLAT_PROT_NONE);
		if (rc == 0) {
			t->guard_lo = (uintptr_t)mem;
			t->guard_hi = (uintptr_t)mem + guard;
		} else {
			/* No paging here: stop asking, and let the page serve as stack. */
			if (rc != -ENOTSUP)
				lith_pr_warn("cannot protect stack guard pages: %d\n", rc);
			sched_guard_pages = false;
			t->stack_lo = (uintptr_t)mem;
		}
	}
	t->tp = arch_tls_area_init((char *)t + rec);
	return t;
}

void sched_thread_free(struct lith_thread *t)
{
	/* The allocator writes its free-list links into the guard page. */
	if (t->guard_hi > t->guard_lo)
		plat_page_protect((void *)t->guard_lo, t->guard_hi - t->guard_lo,
				  PLAT_PROT_READ | PLAT_PROT_WRITE);
	lith_free(t->mem);
}

static size_t put(char *buf, size_t pos, size_t len, const char *s)
{
	while (*s && pos + 1 < len)
		buf[pos++] = *s++;
	return pos;
}

size_t lith_fault_describe(uintptr_t addr, char *buf, size_t len)
{
	struct lith_qnode *n;
	size_t pos;

	if (!len)
		return 0;
	for (n = sched_all.head; n; n = n->next) {
		struct lith_thread *t = container_of(n, struct lith_thread, all);

		if (addr >= t->guard_lo && addr < t->guard_hi) {
			pos = put(buf, 0, len, "stack overflow in thread ");
			pos = put(buf, pos, len, t->name);
			buf[pos] = '\0';
			return pos;
		}
	}
	return 0;
}
