/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Intrusive doubly linked FIFO whose all-zero state is a valid empty queue, so that
 * statically allocated mutexes, semaphores and wait queues need no initializer call.
 */
#ifndef LITH_QUEUE_H
#define LITH_QUEUE_H

#include <lith/essentials.h>

struct lith_qnode {
	struct lith_qnode *next, *prev;
};

struct lith_queue {
	struct lith_qnode *head, *tail;
};

static inline bool lith_queue_empty(const struct lith_queue *q)
{
	return !q->head;
}

static inline void lith_queue_push(struct lith_queue *q, struct lith_qnode *n)
{
	n->next = NULL;
	n->prev = q->tail;
	if (q->tail)
		q->tail->next = n;
	else
		q->head = n;
	q->tail = n;
}

static inline void lith_queue_push_head(struct lith_queue *q, struct lith_qnode *n)
{
	n->prev = NULL;
	n->next = q->head;
	if (q->head)
		q->head->prev = n;
	else
		q->tail = n;
	q->head = n;
}

/* n must be on q. */
static inline void lith_queue_remove(struct lith_queue *q, struct lith_qnode *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else
		q->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		q->tail = n->prev;
	n->next = n->prev = NULL;
}

static inline struct lith_qnode *lith_queue_pop(struct lith_queue *q)
{
	struct lith_qnode *n = q->head;

	if (n)
		lith_queue_remove(q, n);
	return n;
}

#endif /* LITH_QUEUE_H */
