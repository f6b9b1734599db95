/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scheduler and allocator costs, printed as "bench: <name> <value> <unit>" lines:
 * context switch (two threads yielding to each other), thread create+join, semaphore
 * round trip, malloc/free pairs per second (same loop as bench/sched/malloc-host.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <lith/alloc.h>
#include <lith/sched.h>
#include <lith/sync.h>
#include <plat/time.h>

#define SWITCHES 2000000
#define CREATES	 20000
#define ROUNDS	 200000

static volatile bool stop;

static inline uint64_t cycles(void)
{
#if defined(__x86_64__)
	return __builtin_ia32_rdtsc();
#else
	return 0;
#endif
}

static void *yielder(void *arg)
{
	while (!stop)
		lith_thread_yield();
	return NULL;
}

static void *nothing(void *arg)
{
	return arg;
}

static struct lith_sem ping, pong;

static void *ponger(void *arg)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		lith_sem_down(&ping);
		lith_sem_up(&pong);
	}
	return NULL;
}

#include "malloc-loop.h"

int main(int argc, char *argv[])
{
	struct lith_thread_attr small = { .name = "bench",
					  .stack_size = 16 << 10,
					  .prio = LITH_PRIO_DEFAULT };
	struct lith_alloc_stats st;
	struct lith_thread *t;
	uint64_t t0, c0, ns, cyc;
	int i;

	lith_alloc_stats(&st);
	printf("bench: heap_used_at_main %zu bytes\n", st.used);

	lith_thread_create(&t, NULL, yielder, NULL);
	lith_thread_yield();
	t0 = plat_time_monotonic_ns();
	c0 = cycles();
	for (i = 0; i < SWITCHES / 2; i++)
		lith_thread_yield();
	cyc = cycles() - c0;
	ns = plat_time_monotonic_ns() - t0;
	stop = true;
	lith_thread_join(t, NULL);
	printf("bench: context_switch %llu ns\n", (unsigned long long)(ns / SWITCHES));
	printf("bench: context_switch_cycles %llu cycles\n", (unsigned long long)(cyc / SWITCHES));

	t0 = plat_time_monotonic_ns();
	for (i = 0; i < CREATES; i++) {
		lith_thread_create(&t, &small, nothing, NULL);
		lith_thread_join(t, NULL);
	}
	ns = plat_time_monotonic_ns() - t0;
	printf("bench: thread_create_join %llu ns\n", (unsigned long long)(ns / CREATES));

	lith_thread_create(&t, NULL, ponger, NULL);
	t0 = plat_time_monotonic_ns();
	for (i = 0; i < ROUNDS; i++) {
		lith_sem_up(&ping);
		lith_sem_down(&pong);
	}
	ns = plat_time_monotonic_ns() - t0;
	lith_thread_join(t, NULL);
	printf("bench: sem_round_trip %llu ns\n", (unsigned long long)(ns / ROUNDS));

	t0 = plat_time_monotonic_ns();
	malloc_loop();
	ns = plat_time_monotonic_ns() - t0;
	printf("bench: malloc_free %llu pairs/s\n",
	       (unsigned long long)(MALLOC_PAIRS * NSEC_PER_SEC / ns));
	return 0;
}
