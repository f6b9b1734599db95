/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads, scheduling and memory under load, platform-neutral (linuxu, kvm, xen boot tests
 * run it alike). "schedtest [test...]" runs the named tests, or the default set; one
 * "ok: "/"FAIL: " line per check and "schedtest: N failures" at the end.
 * Tests that end the image on purpose (overflow) or need a big heap (bigalloc) run only
 * when named.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lith/alloc.h>
#include <lith/sched.h>
#include <lith/sync.h>
#include <lith/wait.h>
#include <plat/time.h>

#if CONFIG_LIBSCHED_PREEMPT
#define SLICE_MS CONFIG_LIBSCHED_SLICE_MS
#else
#define SLICE_MS 10
#endif

static int failures;

static void report(int good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(int good, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", good ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!good)
		failures++;
}

static uint64_t now(void)
{
	return plat_time_monotonic_ns();
}

static struct lith_thread *spawn(const char *name, void *(*fn)(void *), void *arg)
{
	struct lith_thread_attr attr = { .name = name, .prio = LITH_PRIO_DEFAULT };
	struct lith_thread *t = NULL;
	int rc = lith_thread_create(&t, &attr, fn, arg);

	if (rc)
		report(0, "create thread %s: %d", name, rc);
	return t;
}

/* ---- ping-pong through two semaphores ---- */
static struct lith_sem ping, pong;
static long rounds;

static void *ponger(void *arg)
{
	long i;

	for (i = 0; i < rounds; i++) {
		lith_sem_down(&ping);
		lith_sem_up(&pong);
	}
	return (void *)i;
}

static void test_pingpong(long n)
{
	struct lith_thread *t;
	uint64_t t0, dt;
	void *ret;
	long i;

	rounds = n;
	t = spawn("ponger", ponger, NULL);
	if (!t)
		return;
	t0 = now();
	for (i = 0; i < n; i++) {
		lith_sem_up(&ping);
		lith_sem_down(&pong);
	}
	dt = now() - t0;
	lith_thread_join(t, &ret);
	report((long)ret == n && i == n, "semaphore ping-pong %ld round trips (%llu ns each)", n,
	       (unsigned long long)(dt / (uint64_t)n));
}

/* ---- producer/consumer over a condition variable ---- */
#define RING	 8
#define NR_ITEMS 100000
static struct lith_mutex pc_lock;
static struct lith_cond pc_nonempty, pc_nonfull;
static unsigned long pc_ring[RING];
static unsigned int pc_head, pc_count;

static void *producer(void *arg)
{
	unsigned long i;

	for (i = 1; i <= NR_ITEMS; i++) {
		lith_mutex_lock(&pc_lock);
		while (pc_count == RING)
			lith_cond_wait(&pc_nonfull, &pc_lock);
		pc_ring[(pc_head + pc_count++) % RING] = i;
		lith_cond_signal(&pc_nonempty);
		lith_mutex_unlock(&pc_lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	unsigned long i, v, sum = 0, in_order = 1;

	for (i = 1; i <= NR_ITEMS; i++) {
		lith_mutex_lock(&pc_lock);
		while (!pc_count)
			lith_cond_wait(&pc_nonempty, &pc_lock);
		v = pc_ring[pc_head];
		pc_head = (pc_head + 1) % RING;
		pc_count--;
		lith_cond_signal(&pc_nonfull);
		lith_mutex_unlock(&pc_lock);
		in_order &= v == i;
		sum += v;
	}
	return (void *)(in_order ? sum : 0);
}

static void test_prodcons(void)
{
	struct lith_thread *p = spawn("producer", producer, NULL);
	struct lith_thread *c = spawn("consumer", consumer, NULL);
	void *ret = NULL;

	if (!p || !c)
		return;
	lith_thread_join(p, NULL);
	lith_thread_join(c, &ret);
	report((unsigned long)ret == (unsigned long)NR_ITEMS * (NR_ITEMS + 1) / 2,
	       "producer/consumer: %d items in order through a condition variable", NR_ITEMS);
}

/* ---- many threads ---- */
static void *identity(void *arg)
{
	lith_thread_yield();
	return arg;
}

static void test_many(int n)
{
	struct lith_thread_attr attr = { .name = "many",
					 .stack_size = 16 << 10,
					 .prio = LITH_PRIO_DEFAULT };
	struct lith_thread **t = calloc(n, sizeof(*t));
	struct lith_alloc_stats before, after;
	struct lith_sched_stats st;
	int i, created = 0, good = 0;
	void *ret;

	lith_alloc_stats(&before);
	for (i = 0; i < n; i++)
		created += lith_thread_create(&t[i], &attr, identity, (void *)(long)i) == 0;
	for (i = 0; i < created; i++)
		good += lith_thread_join(t[i], &ret) == 0 && (long)ret == i;
	free(t);
	lith_alloc_stats(&after);
	report(created == n && good == n, "%d threads created and joined (%d created, %d good)", n,
	       created, good);
	/* The timer queue may have grown; every stack is back. */
	report(after.used <= before.used + 64 * 1024, "their memory is freed (%zu -> %zu bytes)",
	       before.used, after.used);
	/* Where the platform protects pages, it still does after so many stacks. */
	lith_sched_stats(&st);
	printf("guard pages: %s\n", st.guard_pages ? "on" : "off");
}

/* ---- detached threads free themselves ---- */
static int detached_ran;

static void *detached_fn(void *arg)
{
	detached_ran++;
	return NULL;
}

static void test_detach(void)
{
	struct lith_thread_attr attr = { .name = "detached",
					 .prio = LITH_PRIO_DEFAULT,
					 .detached = true };
	struct lith_alloc_stats before, after;
	struct lith_thread *t;
	int i;

	lith_thread_yield();
	lith_alloc_stats(&before);
	for (i = 0; i < 100; i++)
		lith_thread_create(NULL, &attr, detached_fn, NULL);
	lith_thread_sleep_ns(NSEC_PER_MSEC);
	lith_alloc_stats(&after);
	/* As in test_many, the timer queue may grow; a leaked stack would be 64 KiB. */
	report(detached_ran == 100 && after.used <= before.used + 4096,
	       "100 detached threads ran and freed themselves (%zu -> %zu bytes)", before.used,
	       after.used);
	t = spawn("late-detach", detached_fn, NULL);
	lith_thread_yield();
	report(t && lith_thread_detach(t) == 0, "detach after exit frees at once");
	report(lith_thread_join(lith_thread_self(), NULL) == -EDEADLK, "joining oneself: EDEADLK");
}

/* ---- sleeping while others run ---- */
static volatile bool stop_busy;

static void *busy(void *arg)
{
	while (!stop_busy) {
		/* Cooperative threads must yield; preemptive ones are taken off anyway. */
		if (!arg)
			lith_thread_yield();
	}
	return NULL;
}

/*
 * Sleep 20 ms five times; how late each wake-up is. The host may be loaded (CI machines
 * run tests side by side), so three of five within the bound pass.
 */
static void sleep_lateness(const char *what, uint64_t bound)
{
	uint64_t t0, late, worst = 0;
	int i, good = 0;

	for (i = 0; i < 5; i++) {
		t0 = now();
		lith_thread_sleep_ns(20 * NSEC_PER_MSEC);
		late = now() - t0;
		if (late < 20 * NSEC_PER_MSEC) {
			report(0, "%s: woke %llu ns early", what,
			       (unsigned long long)(20 * NSEC_PER_MSEC - late));
			return;
		}
		late -= 20 * NSEC_PER_MSEC;
		good += late < bound;
		worst = MAX(worst, late);
	}
	report(good >= 3, "%s: %d of 5 within %llu ms (worst late: %llu us)", what, good,
	       (unsigned long long)(bound / NSEC_PER_MSEC), (unsigned long long)(worst / 1000));
}

static void test_sleep(void)
{
	struct lith_sched_stats st;
	struct lith_thread *b1, *b2;

	lith_sched_stats(&st);
	stop_busy = false;
	b1 = spawn("busy1", busy, st.preemptive ? (void *)1 : NULL);
	b2 = spawn("busy2", busy, st.preemptive ? (void *)1 : NULL);
	/* Preemptive: the sleeper waits up to two slices for the busy threads' turns. */
	sleep_lateness("a 20 ms sleep wakes while 2 threads run",
		       (st.preemptive ? 2 * SLICE_MS + 10 : 10) * NSEC_PER_MSEC);
	if (st.preemptive) {
		/* A higher priority takes the CPU at once when its sleep ends. */
		lith_thread_set_prio(lith_thread_self(), LITH_PRIO_DEFAULT + 4);
		sleep_lateness("a higher-priority sleeper preempts at once", 5 * NSEC_PER_MSEC);
		lith_thread_set_prio(lith_thread_self(), LITH_PRIO_DEFAULT);
	}
	stop_busy = true;
	lith_thread_join(b1, NULL);
	lith_thread_join(b2, NULL);
}

/* ---- preemption ---- */
static volatile unsigned long spins;

static void *spinner(void *arg)
{
	for (;;)
		spins++;
	return NULL;
}

static void test_preempt(void)
{
	struct lith_sched_stats st;
	uint64_t t0;
	unsigned long s0;

	lith_sched_stats(&st);
	if (!st.preemptive) {
		printf("preempt: cooperative scheduler, not run\n");
		return;
	}
	spawn("spinner", spinner, NULL);
	lith_thread_yield();
	s0 = spins;
	t0 = now();
	lith_thread_sleep_ns(50 * NSEC_PER_MSEC);
	report(spins > s0, "an endless loop was preempted (%lu spins while main slept)",
	       spins - s0);
	/* Round robin: main does not sleep now, and still gets the CPU back. */
	t0 = now();
	s0 = spins;
	while (now() - t0 < 50 * NSEC_PER_MSEC)
		;
	report(spins > s0, "two busy threads share the CPU (%lu spins during main's loop)",
	       spins - s0);
}

/* ---- per-thread errno and TLS ---- */
static __thread int tls_val = 7;

static void *tls_fn(void *arg)
{
	long id = (long)arg;
	int i, good = tls_val == 7;

	for (i = 0; i < 10; i++) {
		errno = (int)id + i;
		tls_val = (int)id * 100 + i;
		lith_thread_yield();
		good &= errno == (int)id + i && tls_val == (int)id * 100 + i;
	}
	return (void *)(long)good;
}

static void test_tls(void)
{
	struct lith_thread *t[4];
	void *ret;
	int i, good = 1;

	errno = 1234;
	for (i = 0; i < 4; i++)
		t[i] = spawn("tls", tls_fn, (void *)(long)(i + 1));
	for (i = 0; i < 4; i++) {
		if (!t[i] || lith_thread_join(t[i], &ret) || !ret)
			good = 0;
	}
	report(good && errno == 1234 && tls_val == 7,
	       "errno and __thread variables are per thread");
	report(strcmp(lith_thread_name(lith_thread_self()), "main") == 0,
	       "main runs in the thread named main");
}

/* ---- locks ---- */
static struct lith_mutex rmutex = LITH_MUTEX_RECURSIVE_INIT;
static struct lith_mutex held;
static struct lith_event ev;

static bool holder_released;

static void *holder(void *arg)
{
	lith_mutex_lock(&held);
	lith_thread_sleep_ns(30 * NSEC_PER_MSEC);
	holder_released = true;
	lith_mutex_unlock(&held);
	return NULL;
}

static void *setter(void *arg)
{
	lith_thread_sleep_ns(10 * NSEC_PER_MSEC);
	lith_event_set(&ev);
	return NULL;
}

static void test_locks(void)
{
	struct lith_sem s = LITH_SEM_INIT(0);
	struct lith_thread *t;
	uint64_t t0;
	int rc;

	report(lith_mutex_lock(&rmutex) == 0 && lith_mutex_lock(&rmutex) == 0 &&
		       lith_mutex_unlock(&rmutex) == 0 && lith_mutex_locked(&rmutex) &&
		       lith_mutex_unlock(&rmutex) == 0 && !lith_mutex_locked(&rmutex),
	       "recursive mutex");
	lith_mutex_lock(&held);
	report(lith_mutex_lock(&held) == -EDEADLK, "relocking a normal mutex: EDEADLK");
	lith_mutex_unlock(&held);
	report(lith_mutex_unlock(&held) == -EPERM, "unlocking a free mutex: EPERM");

	t = spawn("holder", holder, NULL);
	lith_thread_yield();
	report(lith_mutex_trylock(&held) == -EBUSY, "trylock of a held mutex: EBUSY");
	t0 = now();
	rc = lith_mutex_lock_timeout(&held, 5 * NSEC_PER_MSEC);
	report(rc == -ETIMEDOUT && now() - t0 >= 5 * NSEC_PER_MSEC, "mutex lock timeout");
	report(lith_mutex_lock(&held) == 0 && holder_released, "mutex lock waits for the holder");
	lith_mutex_unlock(&held);
	lith_thread_join(t, NULL);

	t0 = now();
	rc = lith_sem_down_timeout(&s, 10 * NSEC_PER_MSEC);
	report(rc == -ETIMEDOUT && now() - t0 >= 10 * NSEC_PER_MSEC, "semaphore timeout");
	report(lith_sem_trydown(&s) == -EAGAIN, "semaphore trydown at 0: EAGAIN");

	t = spawn("setter", setter, NULL);
	t0 = now();
	rc = lith_event_wait(&ev, 5 * NSEC_PER_SEC);
	report(rc == 0 && now() - t0 >= 10 * NSEC_PER_MSEC && now() - t0 < NSEC_PER_SEC,
	       "event wait returns when the event is set (%llu us)",
	       (unsigned long long)(now() - t0) / 1000);
	report(lith_event_wait(&ev, NSEC_PER_MSEC) == -ETIMEDOUT,
	       "event wait times out when it is not");
	lith_thread_join(t, NULL);
}

/* ---- memory ---- */
static void test_oom(void)
{
	struct lith_thread_attr attr = { .name = "huge",
					 .stack_size = (size_t)1 << 39,
					 .prio = LITH_PRIO_DEFAULT };
	struct lith_thread *t;
	void *p, *pages;

	errno = 0;
	p = malloc((size_t)1 << 38);
	report(!p && errno == ENOMEM, "malloc beyond the heap: NULL and ENOMEM");
	report(lith_thread_create(&t, &attr, identity, NULL) == -ENOMEM,
	       "thread with a stack beyond the heap: ENOMEM");
	pages = lith_alloc_pages(3);
	report(pages && ((uintptr_t)pages & (PAGE_SIZE - 1)) == 0,
	       "lith_alloc_pages(3) is page-aligned");
	memset(pages, 1, 3 * PAGE_SIZE);
	lith_free_pages(pages, 3);
}

static void test_bigalloc(void)
{
	size_t sz = (size_t)1 << 30;
	char *p = malloc(sz);
	size_t i;

	report(p != NULL, "1 GiB allocation");
	if (!p)
		return;
	for (i = 0; i < sz; i += 1 << 20)
		p[i] = 1;
	free(p);
}

/* ---- stack overflow ---- */
/* Volatile: the compiler must not see that the recursion never ends. */
static volatile int depth_limit = 1 << 30;

static int deep(int n)
{
	volatile char pad[256];

	pad[0] = (char)n;
	if (n >= depth_limit)
		return 0;
	return deep(n + 1) + pad[0];
}

static void *overflow_fn(void *arg)
{
	return (void *)(long)deep(0);
}

static void test_overflow(void)
{
	struct lith_thread_attr attr = { .name = "deep",
					 .stack_size = 16 << 10,
					 .prio = LITH_PRIO_DEFAULT };
	struct lith_thread *t;

	printf("overflowing the stack of thread deep\n");
	if (lith_thread_create(&t, &attr, overflow_fn, NULL) == 0)
		lith_thread_join(t, NULL);
	report(0, "the overflow was not caught");
}

static bool want(int argc, char *argv[], const char *name, bool dflt)
{
	int i;

	if (argc < 2)
		return dflt;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], name) == 0)
			return true;
	}
	return false;
}

int main(int argc, char *argv[])
{
	if (want(argc, argv, "tls", true))
		test_tls();
	if (want(argc, argv, "locks", true))
		test_locks();
	if (want(argc, argv, "pingpong", true))
		test_pingpong(1000000);
	if (want(argc, argv, "prodcons", true))
		test_prodcons();
	if (want(argc, argv, "many", true))
		test_many(1000);
	if (want(argc, argv, "detach", true))
		test_detach();
	if (want(argc, argv, "sleep", true))
		test_sleep();
	if (want(argc, argv, "oom", true))
		test_oom();
	if (want(argc, argv, "bigalloc", false))
		test_bigalloc();
	if (want(argc, argv, "overflow", false))
		test_overflow();
	/* Last: the spinner never ends; returning from main ends the image. */
	if (want(argc, argv, "preempt", true))
		test_preempt();
	printf("schedtest: %d failures\n", failures);
	return failures ? 1 : 0;
}
