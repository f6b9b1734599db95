/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib and threads: each thread's C library state (errno, strtok, rand, the number
 * conversion buffers...) and the locks newlib takes around shared state (FILEs, atexit,
 * the environment, time zones).
 *
 * newlib is built with __DYNAMIC_REENT__, so it finds its state through __getreent(). The
 * state lives in the thread's TLS area: it costs no allocation, so it cannot fail, and a
 * new thread's copy starts zeroed, which is what _REENT_INIT_PTR_ZEROED expects. stdin,
 * stdout and stderr are shared by all threads (--enable-newlib-global-stdio-streams), so
 * output from any thread goes through one buffer and is flushed at exit.
 *
 * Locks (--enable-newlib-retargetable-locking) are libs/sched mutexes. Without libs/sched
 * there is one thread, and newlib's own empty lock functions are linked instead.
 */
#include <reent.h>
#include <stdbool.h>
#include <string.h>
#include <sys/lock.h>
#include <lith/alloc.h>
#include <lith/init.h>
#include <lith/print.h>
#if CONFIG_LIBSCHED
#include <lith/sched.h>
#include <lith/sync.h>
#endif

static __thread struct _reent thread_reent;
static __thread bool thread_reent_ready;

struct _reent *__getreent(void)
{
	if (unlikely(!thread_reent_ready)) {
		_REENT_INIT_PTR_ZEROED(&thread_reent);
		thread_reent_ready = true;
	}
	return &thread_reent;
}

#if CONFIG_LIBSCHED
/* A thread ends: free what its state points to (number buffers, ...). */
static void reent_exit(void)
{
	if (!thread_reent_ready)
		return;
	_reclaim_reent(&thread_reent);
	memset(&thread_reent, 0, sizeof(thread_reent));
	thread_reent_ready = false;
}

static struct lith_thread_exit_hook reent_hook = { .fn = reent_exit };

static int newlib_thread_init(void)
{
	lith_thread_exit_hook_add(&reent_hook);
	return 0;
}
lith_initcall_late(newlib_thread_init, NULL);

struct __lock {
	struct lith_mutex m;
};

/* The static locks newlib names; all of them must be defined here, or none. */
struct __lock __lock___sinit_recursive_mutex = { LITH_MUTEX_RECURSIVE_INIT };
struct __lock __lock___sfp_recursive_mutex = { LITH_MUTEX_RECURSIVE_INIT };
struct __lock __lock___atexit_recursive_mutex = { LITH_MUTEX_RECURSIVE_INIT };
struct __lock __lock___malloc_recursive_mutex = { LITH_MUTEX_RECURSIVE_INIT };
struct __lock __lock___env_recursive_mutex = { LITH_MUTEX_RECURSIVE_INIT };
struct __lock __lock___at_quick_exit_mutex = { LITH_MUTEX_INIT };
struct __lock __lock___tz_mutex = { LITH_MUTEX_INIT };
struct __lock __lock___dd_hash_mutex = { LITH_MUTEX_INIT };
struct __lock __lock___arc4random_mutex = { LITH_MUTEX_INIT };

/*
 * Locks made at run time (one per FILE). Without memory for one, a FILE shares this
 * recursive lock: coarser, still correct.
 */
static struct __lock shared_lock = { LITH_MUTEX_RECURSIVE_INIT };

static void lock_new(_LOCK_T *lock, unsigned int flags)
{
	struct __lock *l = lith_malloc(sizeof(*l));

	if (!l) {
		lith_pr_warn("newlib: no memory for a lock, sharing one\n");
		*lock = &shared_lock;
		return;
	}
	lith_mutex_init(&l->m, flags);
	*lock = l;
}

void __retarget_lock_init(_LOCK_T *lock)
{
	lock_new(lock, 0);
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	lock_new(lock, LITH_MUTEX_RECURSIVE);
}

void __retarget_lock_close(_LOCK_T lock)
{
	if (lock != &shared_lock)
		lith_free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	__retarget_lock_close(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	lith_mutex_lock(&lock->m);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	lith_mutex_lock(&lock->m);
}

/* newlib's convention: 1 when taken, 0 when busy. */
int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return lith_mutex_trylock(&lock->m) == 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return lith_mutex_trylock(&lock->m) == 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	lith_mutex_unlock(&lock->m);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	lith_mutex_unlock(&lock->m);
}
#endif
