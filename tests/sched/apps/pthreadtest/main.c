/* SPDX-License-Identifier: BSD-3-Clause */
#define _GNU_SOURCE /* pthread_setname_np when built against glibc */
/*
 * POSIX threads smoke test, written as a portable program would be: it builds against
 * glibc too (cc -pthread main.c). One "ok: "/"FAIL: " line per check, then
 * "pthreadtest: N failures".
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int good, const char *what)
{
	printf("%s: %s\n", good ? "ok" : "FAIL", what);
	if (!good)
		failures++;
}

static long long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int counter, ready;

static void *adder(void *arg)
{
	int i;

	for (i = 0; i < 10000; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		if (i % 100 == 0)
			sched_yield();
		pthread_mutex_unlock(&lock);
	}
	return arg;
}

static pthread_key_t key;
static int destructed;

static void destructor(void *v)
{
	destructed += *(int *)v;
	free(v);
}

static void *keyed(void *arg)
{
	int *v = malloc(sizeof(*v));

	*v = (int)(long)arg;
	pthread_setspecific(key, v);
	sched_yield();
	return (void *)(long)(pthread_getspecific(key) == v);
}

static int once_count;

static void once_fn(void)
{
	once_count++;
}

static void *waiter(void *arg)
{
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *exiter(void *arg)
{
	pthread_exit((void *)42L);
	return NULL;
}

int main(int argc, char *argv[])
{
	pthread_t t[4];
	pthread_attr_t attr;
	pthread_mutexattr_t ma;
	pthread_mutex_t rec;
	pthread_once_t once = PTHREAD_ONCE_INIT;
	struct timespec ts, t0, req = { 0, 20 * 1000000 };
	void *ret;
	int i, good;
	char name[32];

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, adder, (void *)(long)i);
	good = 1;
	for (i = 0; i < 4; i++)
		good &= pthread_join(t[i], &ret) == 0 && (long)ret == i;
	check(good && counter == 40000, "4 threads add under a mutex, joined with their values");

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &ma);
	check(pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0 &&
		      pthread_mutex_unlock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0 &&
		      pthread_mutex_destroy(&rec) == 0,
	      "recursive mutex");

	pthread_create(&t[0], NULL, waiter, NULL);
	sched_yield();
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	check(pthread_join(t[0], NULL) == 0, "condition variable wakes a waiter");

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 10 * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_mutex_lock(&lock);
	i = pthread_cond_timedwait(&cond, &lock, &ts);
	pthread_mutex_unlock(&lock);
	check(i == ETIMEDOUT && ms_since(&t0) >= 9, "pthread_cond_timedwait times out");

	pthread_key_create(&key, destructor);
	good = 1;
	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, keyed, (void *)(long)(i + 1));
	for (i = 0; i < 3; i++)
		good &= pthread_join(t[i], &ret) == 0 && ret;
	check(good && destructed == 6, "keys: per-thread values, destructors run at exit");
	pthread_key_delete(key);

	pthread_once(&once, once_fn);
	pthread_once(&once, once_fn);
	check(once_count == 1, "pthread_once runs once");

	pthread_create(&t[0], NULL, exiter, NULL);
	check(pthread_join(t[0], &ret) == 0 && (long)ret == 42, "pthread_exit value reaches join");

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 32768);
	check(pthread_create(&t[0], &attr, adder, NULL) == 0, "detached thread with a stack size");
	pthread_attr_destroy(&attr);

	check(pthread_equal(pthread_self(), pthread_self()), "pthread_self");
	pthread_setname_np(pthread_self(), "main-renamed");
	check(pthread_getname_np(pthread_self(), name, sizeof(name)) == 0 &&
		      strcmp(name, "main-renamed") == 0,
	      "thread names");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(nanosleep(&req, NULL) == 0 && ms_since(&t0) >= 20, "nanosleep 20 ms");
	req.tv_nsec = -1;
	check(nanosleep(&req, NULL) == -1 && errno == EINVAL, "nanosleep rejects a bad time");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(usleep(15000) == 0 && ms_since(&t0) >= 15 && sleep(0) == 0,
	      "usleep 15 ms, sleep 0 s");

	printf("pthreadtest: %d failures\n", failures);
	return failures ? 1 : 0;
}
