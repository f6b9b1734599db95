/* SPDX-License-Identifier: BSD-3-Clause */
/* Priority run queue: FIFO within a priority, highest priority first. */
#include "runq.h"

void runq_push(struct runq *rq, struct lith_qnode *n, unsigned int prio)
{
	lith_queue_push(&rq->q[prio], n);
	rq->bitmap |= 1u << prio;
	rq->nr++;
}

void runq_push_head(struct runq *rq, struct lith_qnode *n, unsigned int prio)
{
	lith_queue_push_head(&rq->q[prio], n);
	rq->bitmap |= 1u << prio;
	rq->nr++;
}

void runq_remove(struct runq *rq, struct lith_qnode *n, unsigned int prio)
{
	lith_queue_remove(&rq->q[prio], n);
	if (lith_queue_empty(&rq->q[prio]))
		rq->bitmap &= ~(1u << prio);
	rq->nr--;
}

int runq_top(const struct runq *rq)
{
	return rq->bitmap ? 31 - __builtin_clz(rq->bitmap) : -1;
}

struct lith_qnode *runq_pop(struct runq *rq)
{
	int prio = runq_top(rq);
	struct lith_qnode *n;

	if (prio < 0)
		return NULL;
	n = rq->q[prio].head;
	runq_remove(rq, n, (unsigned int)prio);
	return n;
}
