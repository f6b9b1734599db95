/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Blocking locks between threads: mutex (optionally recursive), counting semaphore,
 * condition variable. All are valid when zeroed (a zeroed mutex is a normal mutex), so a
 * static one needs no initializer. None may be used from an event handler except
 * lith_sem_up().
 */
#ifndef LITH_SYNC_H
#define LITH_SYNC_H

#include <lith/wait.h>

struct lith_thread;

#define LITH_MUTEX_RECURSIVE 0x1 /* the owner may lock again; as many unlocks needed */
#define LITH_MUTEX_ERRCHECK  0x2 /* relocking by the owner fails with -EDEADLK */

struct lith_mutex {
	struct lith_thread *owner;
	unsigned int depth; /* recursive locks held by owner */
	unsigned int flags; /* LITH_MUTEX_* */
	struct lith_waitq wq;
};

#define LITH_MUTEX_INIT                     \
	{                                   \
		NULL, 0, 0, LITH_WAITQ_INIT \
	}
#define LITH_MUTEX_RECURSIVE_INIT                              \
	{                                                      \
		NULL, 0, LITH_MUTEX_RECURSIVE, LITH_WAITQ_INIT \
	}

void lith_mutex_init(struct lith_mutex *m, unsigned int flags);
/* 0; -EDEADLK when an error-checking mutex is relocked by its owner. */
int lith_mutex_lock(struct lith_mutex *m);
/* 0, or -ETIMEDOUT after timeout_ns. */
int lith_mutex_lock_timeout(struct lith_mutex *m, uint64_t timeout_ns);
int lith_mutex_trylock(struct lith_mutex *m); /* 0 or -EBUSY */
int lith_mutex_unlock(struct lith_mutex *m);  /* 0 or -EPERM when not the owner */
bool lith_mutex_locked(const struct lith_mutex *m);

struct lith_sem {
	long count;
	struct lith_waitq wq;
};

#define LITH_SEM_INIT(n)             \
	{                            \
		(n), LITH_WAITQ_INIT \
	}

void lith_sem_init(struct lith_sem *s, long count);
void lith_sem_down(struct lith_sem *s);
int lith_sem_down_timeout(struct lith_sem *s, uint64_t timeout_ns); /* 0 or -ETIMEDOUT */
int lith_sem_trydown(struct lith_sem *s);			    /* 0 or -EAGAIN */
void lith_sem_up(struct lith_sem *s);				    /* also from event handlers */

struct lith_cond {
	struct lith_waitq wq;
};

#define LITH_COND_INIT          \
	{                       \
		LITH_WAITQ_INIT \
	}

void lith_cond_init(struct lith_cond *c);
/* Unlock m, wait for a signal, relock m. Spurious wake-ups are possible: loop. */
void lith_cond_wait(struct lith_cond *c, struct lith_mutex *m);
/* Same, until monotonic time deadline_ns (0: none): 0 or -ETIMEDOUT; m is relocked. */
int lith_cond_wait_until(struct lith_cond *c, struct lith_mutex *m, uint64_t deadline_ns);
void lith_cond_signal(struct lith_cond *c);
void lith_cond_broadcast(struct lith_cond *c);

#endif /* LITH_SYNC_H */
