/* SPDX-License-Identifier: BSD-3-Clause */
/* From the platform's boot info to main() and back to power-off. */
#include <lith/boot.h>
#include <lith/errno.h>
#include <lith/init.h>
#include <lith/print.h>
#include <arch/tls.h>
#include <plat/console.h>
#include <plat/cpu.h>
#include <plat/power.h>
#include <plat/time.h>
#if CONFIG_LIBALLOC
#include <lith/alloc.h>
#endif

int main(int argc, char *argv[]);
void lith_banner(void);

extern const struct lith_initcall __lith_inittab_start[], __lith_inittab_end[];

static struct plat_bootinfo *bootinfo;
/* One past the last init function that ran: terminate functions run back from here. */
static const struct lith_initcall *inits_done = __lith_inittab_start;
static char cmdline_copy[1024];
static char *argv_store[LITH_ARGV_MAX + 1];
#if CONFIG_LIBBOOT_TRACE
static uint64_t t_boot;
#endif

/* The boot thread's TLS area: static so that TLS works before and without an allocator. */
static char boot_tls[CONFIG_LIBBOOT_TLS_BYTES] __aligned(ARCH_TLS_ALIGN);

const struct plat_bootinfo *lith_bootinfo(void)
{
	return bootinfo;
}

static void setup_memory(void)
{
#if CONFIG_LIBALLOC
	unsigned int i;

	for (i = 0; i < bootinfo->nr_memregions; i++) {
		const struct plat_memregion *r = &bootinfo->memregions[i];

		if (!(r->flags & PLAT_MEM_FREE))
			continue;
		if (lith_alloc_add_region((void *)r->base, r->len) < 0)
			lith_pr_warn("memory region %p (%zu bytes) too small to use\n",
				     (void *)r->base, r->len);
		else
			lith_pr_info("memory region %p-%p: %zu KiB free\n", (void *)r->base,
				     (void *)(r->base + r->len), r->len >> 10);
	}
#endif
}

static void setup_tls(void)
{
	size_t need = arch_tls_area_size();

	if (need > sizeof(boot_tls)) {
		lith_pr_crit("thread-local data needs %zu bytes: raise CONFIG_LIBBOOT_TLS_BYTES\n",
			     need);
		lith_abort("the image's thread-local data does not fit the boot TLS area");
	}
	plat_tls_set(arch_tls_area_init(boot_tls));
}

static void run_inits(void)
{
	const struct lith_initcall *ic;

	for (ic = __lith_inittab_start; ic < __lith_inittab_end; ic++) {
		int rc = ic->init ? ic->init() : 0;

		inits_done = ic + 1;
		if (rc < 0) {
			lith_pr_crit("init function %s failed: %d\n", ic->name, -rc);
			lith_abort("boot stopped by a failed init function");
		}
	}
}

static void run_terms(void)
{
	/* Each term runs once even if one of them calls lith_exit() again. */
	while (inits_done > __lith_inittab_start) {
		const struct lith_initcall *ic = --inits_done;

		if (ic->term)
			ic->term();
	}
}

/*
 * "kernel params -- app args": words before a lone "--" are for the kernel (reserved for
 * library parameters), the rest are the application's. Without "--", all are the app's.
 */
static int build_argv(void)
{
	int n, i, argc = 1, first = 0;
	char **words = argv_store + 1;

	argv_store[0] = CONFIG_APP_NAME;
	if (!bootinfo->cmdline)
		goto done;
	for (i = 0; i < (int)sizeof(cmdline_copy) - 1 && bootinfo->cmdline[i]; i++)
		cmdline_copy[i] = bootinfo->cmdline[i];
	cmdline_copy[i] = '\0';
	n = lith_cmdline_split(cmdline_copy, words, LITH_ARGV_MAX - 1);
	for (i = 0; i < n; i++) {
		if (words[i][0] == '-' && words[i][1] == '-' && words[i][2] == '\0') {
			first = i + 1;
			break;
		}
	}
	for (i = first; i < n; i++)
		argv_store[argc++] = words[i];
done:
	argv_store[argc] = NULL;
	return argc;
}

void lith_boot(struct plat_bootinfo *bi)
{
	int argc, status;

	bootinfo = bi;
#if CONFIG_LIBBOOT_TRACE
	t_boot = plat_time_monotonic_ns();
#endif
	setup_tls();
	setup_memory();
	run_inits();
	lith_banner();
	argc = build_argv();
#if CONFIG_LIBBOOT_TRACE
	lith_printk_raw("boot-trace: boot->main=%llu us\n",
			(unsigned long long)(plat_time_monotonic_ns() - t_boot) / 1000);
#endif
	status = main(argc, argv_store);
	lith_exit(status);
}

void lith_exit(int status)
{
	run_terms();
#if CONFIG_LIBBOOT_TRACE
	lith_printk_raw("boot-trace: boot->exit=%llu us\n",
			(unsigned long long)(plat_time_monotonic_ns() - t_boot) / 1000);
#endif
	plat_halt(status);
}

void lith_abort(const char *why)
{
	static const char prefix[] = "CRASH: ";
	static int aborting;
	size_t n = 0;

	/* Say why with the plainest path there is, then crash without running terms. */
	if (!aborting++) {
		while (why[n])
			n++;
		plat_console_write(prefix, sizeof(prefix) - 1);
		plat_console_write(why, n);
		plat_console_write("\n", 1);
	}
	plat_crash();
}

#if CONFIG_LIBBOOT_BANNER_NONE
void lith_banner(void)
{
}
#endif
