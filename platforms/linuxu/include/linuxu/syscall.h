/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw Linux system calls for the linuxu platform: no libc in the image. Numbers and the
 * calling convention are x86_64's (syscall; rax = number; rdi, rsi, rdx, r10, r8, r9).
 */
#ifndef LINUXU_SYSCALL_H
#define LINUXU_SYSCALL_H

#include <lith/essentials.h>

#define SYS_read	   0
#define SYS_write	   1
#define SYS_mmap	   9
#define SYS_mprotect	   10
#define SYS_munmap	   11
#define SYS_rt_sigaction   13
#define SYS_rt_sigprocmask 14
#define SYS_rt_sigreturn   15
#define SYS_writev	   20
#define SYS_getpid	   39
#define SYS_kill	   62
#define SYS_rt_sigsuspend  130
#define SYS_sigaltstack	   131
#define SYS_arch_prctl	   158
#define SYS_timer_create   222
#define SYS_timer_settime  223
#define SYS_clock_gettime  228
#define SYS_exit_group	   231
#define SYS_ppoll	   271

/* Files, for hostfs.c. */
#define SYS_close      3
#define SYS_fstat      5
#define SYS_lseek      8
#define SYS_pread64    17
#define SYS_pwrite64   18
#define SYS_fsync      74
#define SYS_ftruncate  77
#define SYS_getdents64 217
#define SYS_openat     257
#define SYS_mkdirat    258
#define SYS_newfstatat 262
#define SYS_unlinkat   263
#define SYS_renameat   264
#define SYS_socket     41 /* p9sock.c */
#define SYS_connect    42

static inline long linuxu_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#define linuxu_syscall(nr, a, b, c) linuxu_syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* Linux's ABI structures and constants that the platform uses. */
#define PROT_READ     0x1
#define PROT_WRITE    0x2
#define MAP_PRIVATE   0x02
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC 1
#define TIMER_ABSTIME	1

#define SIGILL	   4
#define SIGABRT	   6
#define SIGBUS	   7
#define SIGFPE	   8
#define SIGSEGV	   11
#define SIGALRM	   14
#define NSIG_LINUX 64

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SA_SIGINFO  0x00000004
#define SA_ONSTACK  0x08000000
#define SA_RESTORER 0x04000000
#define SA_NODEFER  0x40000000

#define SIGEV_SIGNAL 0
#define POLLIN	     0x0001

struct linuxu_timespec {
	long tv_sec;
	long tv_nsec;
};

struct linuxu_itimerspec {
	struct linuxu_timespec it_interval;
	struct linuxu_timespec it_value;
};

struct linuxu_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

struct linuxu_sigevent {
	long value;
	int signo;
	int notify;
	int pad[12];
};

struct linuxu_stack {
	void *sp;
	int flags;
	size_t size;
};

struct linuxu_pollfd {
	int fd;
	short events;
	short revents;
};

/* The fields of siginfo_t and ucontext_t that the crash report reads. */
struct linuxu_siginfo {
	int signo;
	int errno_;
	int code;
	int pad;
	void *addr;
};

#define LINUXU_UC_RSP_OFFSET 160 /* uc_mcontext.gregs[REG_RSP] */
#define LINUXU_UC_RIP_OFFSET 168 /* uc_mcontext.gregs[REG_RIP] */

#endif /* LINUXU_SYSCALL_H */
