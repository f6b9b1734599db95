/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The run queue: one FIFO per priority and a bitmap of the non-empty ones, so that
 * picking the next thread is one find-last-set whatever the number of threads.
 * Pure data structure (no locking, no platform): the host unit tests build it as is.
 */
#ifndef LITH_SCHED_RUNQ_H
#define LITH_SCHED_RUNQ_H

#include <lith/queue.h>

#define RUNQ_NPRIO 32

struct runq {
	uint32_t bitmap; /* bit p set: q[p] is not empty */
	unsigned int nr;
	struct lith_queue q[RUNQ_NPRIO];
};

void runq_push(struct runq *rq, struct lith_qnode *n, unsigned int prio);
void runq_push_head(struct runq *rq, struct lith_qnode *n, unsigned int prio);
void runq_remove(struct runq *rq, struct lith_qnode *n, unsigned int prio);
/* The oldest node of the highest priority, removed; NULL when empty. */
struct lith_qnode *runq_pop(struct runq *rq);
/* Highest priority with a node, or -1 when empty. */
int runq_top(const struct runq *rq);

#endif /* LITH_SCHED_RUNQ_H */
