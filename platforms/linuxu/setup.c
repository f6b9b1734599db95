/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu start-up: the process's arguments become the command line, an anonymous mapping
 * becomes the free memory, and the boot library takes over.
 */
#include <lith/boot.h>
#include <lith/errno.h>
#include <linuxu/syscall.h>
#include "linuxu.h"

#define CMDLINE_MAX 4096

static struct plat_bootinfo bootinfo;
static char cmdline[CMDLINE_MAX];

/*
 * Join argv[1..] into one line that lith_cmdline_split() splits back into the same words:
 * blanks, quotes and backslashes are escaped with a backslash.
 */
static void join_args(int argc, char **argv)
{
	size_t n = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		if (i > 1 && n + 1 < sizeof(cmdline))
			cmdline[n++] = ' ';
		if (!*s && n + 2 < sizeof(cmdline)) {
			cmdline[n++] = '"';
			cmdline[n++] = '"';
		}
		for (; *s && n + 2 < sizeof(cmdline); s++) {
			if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '"' || *s == '\\')
				cmdline[n++] = '\\';
			cmdline[n++] = *s;
		}
	}
	cmdline[n] = '\0';
}

void linuxu_start(uintptr_t *sp) __noreturn;

void linuxu_start(uintptr_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	size_t heap_len = (size_t)CONFIG_LINUXU_HEAP_MB << 20;
	const uintptr_t *envp = sp + 1 + argc + 1;
	long heap;

	while (*envp)
		envp++;
	linuxu_cpu_init(envp + 1);
	linuxu_time_init();
	linuxu_signals_init();
	join_args(argc, argv);
	bootinfo.cmdline = cmdline;
	bootinfo.bootloader = "linux";

	heap = linuxu_syscall6(SYS_mmap, 0, (long)heap_len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (heap < 0 && heap > -4096) {
		static const char msg[] = "linuxu: cannot reserve the heap (mmap failed)\n";

		plat_console_write(msg, sizeof(msg) - 1);
		plat_halt(PLAT_CRASH_STATUS);
	}
	plat_bootinfo_add_region(&bootinfo, (uintptr_t)heap, heap_len, PLAT_MEM_FREE);
	lith_boot(&bootinfo);
}
