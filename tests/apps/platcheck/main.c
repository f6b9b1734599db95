/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exercises the platform interface from above it: thread-local storage, the clocks, the
 * one-shot timer with idle, the allocator's statistics. Prints one "ok"/"FAIL" line each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lith/alloc.h>
#include <plat/events.h>
#include <plat/time.h>

static __thread int tls_data = 42;
static __thread int tls_bss;
static volatile int fired;
static int failures;

static void report(const char *what, int good)
{
	printf("%s: %s\n", good ? "ok" : "FAIL", what);
	if (!good)
		failures++;
}

static void on_timer(void)
{
	fired++;
}

int main(int argc, char *argv[])
{
	struct lith_alloc_stats st;
	uint64_t t0, t1;
	char *big;

	report("tls initial data", tls_data == 42 && tls_bss == 0);
	tls_data++;
	tls_bss = 7;
	report("tls writes", tls_data == 43 && tls_bss == 7);

	t0 = plat_time_monotonic_ns();
	report("wall clock after 2020", plat_time_wall_ns() / NSEC_PER_SEC > 1577836800ULL);

	plat_timer_handler(on_timer);
	plat_events_disable();
	plat_timer_set(t0 + 20 * NSEC_PER_MSEC);
	while (!fired)
		plat_idle();
	plat_events_enable();
	t1 = plat_time_monotonic_ns();
	report("one-shot timer fires once, after its deadline",
	       fired == 1 && t1 - t0 >= 20 * NSEC_PER_MSEC);
	report("monotonic clock advances", t1 > t0);

	big = malloc(16 << 20);
	report("16 MiB malloc", big != NULL);
	memset(big, 0xa5, 16 << 20);
	lith_alloc_stats(&st);
	report("allocator statistics count it", st.used >= (16 << 20) && st.nr_allocs >= 1);
	free(big);
	report("out of memory gives NULL", malloc((size_t)1 << 40) == NULL);

	printf("platcheck: %d failures\n", failures);
	return failures ? 1 : 0;
}
