/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The POSIX thread types of libs/pthread. newlib's <sys/types.h> includes this header by
 * this name (its own copy is shadowed: libs/pthread's include folder comes first), so the
 * types are the same whichever header a program includes first. Needs nothing from <time.h>:
 * a condition variable's clock is kept as a flag, so that zero (the static initializer)
 * means CLOCK_REALTIME whatever number the C library gives it.
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <stddef.h>
#include <lith/sync.h>

typedef struct lith_thread *pthread_t;

typedef struct {
	size_t stacksize; /* 0: the scheduler's default */
	int detachstate;
	int prio;
	int prio_set;
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_STACK_MIN	4096

typedef struct {
	struct lith_mutex m;
} pthread_mutex_t;

typedef struct {
	int type;
} pthread_mutexattr_t;

#define PTHREAD_MUTEX_NORMAL	 0
#define PTHREAD_MUTEX_RECURSIVE	 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT	 PTHREAD_MUTEX_NORMAL

#define PTHREAD_MUTEX_INITIALIZER \
	{                         \
		LITH_MUTEX_INIT   \
	}
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP \
	{                                      \
		LITH_MUTEX_RECURSIVE_INIT      \
	}

typedef struct {
	struct lith_cond c;
	int monotonic; /* pthread_cond_timedwait's absolute time: CLOCK_MONOTONIC, else REALTIME */
} pthread_cond_t;

typedef struct {
	int monotonic;
} pthread_condattr_t;

#define PTHREAD_COND_INITIALIZER  \
	{                         \
		LITH_COND_INIT, 0 \
	}

typedef unsigned int pthread_key_t;
#define PTHREAD_KEYS_MAX 64

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

#endif /* _SYS__PTHREADTYPES_H_ */
