/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The timer queue: a binary min-heap of deadlines. Each timer remembers its slot, so a
 * cancelled timeout leaves in O(log n) without a search. The array only grows in
 * timerq_reserve() (thread context), never while inserting: inserts happen with events
 * disabled and must not fail. Pure data structure: the host unit tests build it as is.
 */
#ifndef LITH_SCHED_TIMERQ_H
#define LITH_SCHED_TIMERQ_H

#include <lith/essentials.h>

struct lith_timer {
	uint64_t deadline;		      /* monotonic ns */
	unsigned int slot;		      /* 1-based heap slot; 0 when not queued */
	void (*fn)(struct lith_timer *timer); /* runs in event context on expiry */
};

struct timerq {
	struct lith_timer **heap; /* heap[1..n]; heap[0] unused */
	unsigned int n, cap;
};

/* Make room for cap timers in total; 0 or -ENOMEM. */
int timerq_reserve(struct timerq *q, unsigned int cap);
/* Queue t (not queued, room reserved). */
void timerq_insert(struct timerq *q, struct lith_timer *t);
/* Remove t if queued. */
void timerq_remove(struct timerq *q, struct lith_timer *t);

static inline struct lith_timer *timerq_first(const struct timerq *q)
{
	return q->n ? q->heap[1] : NULL;
}

static inline bool timerq_queued(const struct lith_timer *t)
{
	return t->slot != 0;
}

#endif /* LITH_SCHED_TIMERQ_H */
