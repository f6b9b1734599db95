/* SPDX-License-Identifier: BSD-3-Clause */
/* Binary min-heap of timers, keyed by deadline; ties keep no particular order. */
#include <lith/errno.h>
#include "timerq.h"

void *lith_realloc(void *p, size_t size);

int timerq_reserve(struct timerq *q, unsigned int cap)
{
	struct lith_timer **h;
	unsigned int ncap;

	if (cap <= q->cap)
		return 0;
	ncap = MAX(cap, q->cap * 2);
	ncap = MAX(ncap, 16u);
	h = lith_realloc(q->heap, (ncap + 1) * sizeof(*h));
	if (!h)
		return -ENOMEM;
	q->heap = h;
	q->cap = ncap;
	return 0;
}

static void place(struct timerq *q, unsigned int i, struct lith_timer *t)
{
	q->heap[i] = t;
	t->slot = i;
}

static void sift_up(struct timerq *q, unsigned int i, struct lith_timer *t)
{
	while (i > 1 && q->heap[i / 2]->deadline > t->deadline) {
		place(q, i, q->heap[i / 2]);
		i /= 2;
	}
	place(q, i, t);
}

static void sift_down(struct timerq *q, unsigned int i, struct lith_timer *t)
{
	for (;;) {
		unsigned int c = 2 * i;

		if (c > q->n)
			break;
		if (c < q->n && q->heap[c + 1]->deadline < q->heap[c]->deadline)
			c++;
		if (q->heap[c]->deadline >= t->deadline)
			break;
		place(q, i, q->heap[c]);
		i = c;
	}
	place(q, i, t);
}

void timerq_insert(struct timerq *q, struct lith_timer *t)
{
	sift_up(q, ++q->n, t);
}

void timerq_remove(struct timerq *q, struct lith_timer *t)
{
	unsigned int i = t->slot;
	struct lith_timer *last;

	if (!i)
		return;
	t->slot = 0;
	last = q->heap[q->n--];
	if (last == t)
		return;
	/* The last timer fills the hole, then moves whichever way its deadline says. */
	if (i > 1 && q->heap[i / 2]->deadline > last->deadline)
		sift_up(q, i, last);
	else
		sift_down(q, i, last);
}
