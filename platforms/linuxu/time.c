/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu time: clock_gettime(2), and a POSIX timer delivering SIGALRM as the one-shot timer. */
#include <lith/errno.h>
#include <plat/events.h>
#include <plat/power.h>
#include <plat/time.h>
#include <linuxu/syscall.h>
#include "linuxu.h"

static int timer_id = -1;
/* Messages count from the process's start, as a guest's count from its boot. */
static uint64_t t_start;
static void (*timer_fn)(void);

static uint64_t clock_ns(int clock)
{
	struct linuxu_timespec ts;

	if (linuxu_syscall(SYS_clock_gettime, clock, &ts, 0) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

void linuxu_time_init(void)
{
	t_start = clock_ns(CLOCK_MONOTONIC);
}

uint64_t plat_time_monotonic_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC) - t_start;
}

uint64_t plat_time_wall_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

static void timer_signal(unsigned int event, void *arg)
{
	if (timer_fn)
		timer_fn();
}

void plat_timer_handler(void (*fn)(void))
{
	timer_fn = fn;
}

void plat_timer_set(uint64_t deadline_ns)
{
	struct linuxu_itimerspec its = { 0 };

	if (timer_id < 0) {
		struct linuxu_sigevent sev = { .signo = SIGALRM, .notify = SIGEV_SIGNAL };
		int id;

		if (plat_event_bind(SIGALRM, timer_signal, NULL) < 0 ||
		    linuxu_syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id) < 0)
			plat_halt(PLAT_CRASH_STATUS);
		timer_id = id;
	}
	/* A zero it_value disarms; a deadline already past must still fire, so use 1 ns. */
	if (deadline_ns) {
		deadline_ns += t_start;
		its.it_value.tv_sec = deadline_ns / NSEC_PER_SEC;
		its.it_value.tv_nsec = deadline_ns % NSEC_PER_SEC;
		if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
			its.it_value.tv_nsec = 1;
	}
	linuxu_syscall6(SYS_timer_settime, timer_id, TIMER_ABSTIME, (long)&its, 0, 0, 0);
}
