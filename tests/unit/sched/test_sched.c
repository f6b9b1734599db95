/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host tests of the scheduler's data structures: the priority run queue and the timer
 * heap, each driven by random operations and compared after every step with a plain model
 * (arrays searched linearly), plus the edge cases by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runq.h"
#include "timerq.h"

void *lith_realloc(void *p, size_t size);

void *lith_realloc(void *p, size_t size)
{
	return realloc(p, size);
}

static int passed, failed;
static const char *cur;

#define CHECK(c)                                                                       \
	do {                                                                           \
		if (!(c)) {                                                            \
			printf("  FAIL %s: %s:%d: %s\n", cur, __FILE__, __LINE__, #c); \
			return 0;                                                      \
		}                                                                      \
	} while (0)

static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* ---- run queue ---- */
#define NT 256

struct item {
	struct lith_qnode node;
	unsigned int prio;
	bool queued;
	unsigned long seq; /* model: order of insertion within a priority */
};

static struct item items[NT];

/* The model's choice: highest priority, then smallest sequence number. */
static struct item *model_top(void)
{
	struct item *best = NULL;
	int i;

	for (i = 0; i < NT; i++) {
		struct item *it = &items[i];

		if (!it->queued)
			continue;
		if (!best || it->prio > best->prio ||
		    (it->prio == best->prio && it->seq < best->seq))
			best = it;
	}
	return best;
}

static int runq_matches(struct runq *rq)
{
	unsigned int n = 0, p;
	int i;

	for (i = 0; i < NT; i++)
		n += items[i].queued;
	CHECK(rq->nr == n);
	for (p = 0; p < RUNQ_NPRIO; p++)
		CHECK(!!(rq->bitmap & (1u << p)) == !lith_queue_empty(&rq->q[p]));
	CHECK(runq_top(rq) == (model_top() ? (int)model_top()->prio : -1));
	return 1;
}

static int t_runq_random(void)
{
	struct runq rq;
	unsigned long seq = 1000000, head_seq = 1000000;
	int step;

	memset(&rq, 0, sizeof(rq));
	memset(items, 0, sizeof(items));
	for (step = 0; step < 200000; step++) {
		unsigned int op = rnd() % 10;
		struct item *it = &items[rnd() % NT];

		if (op < 4 && !it->queued) {
			it->prio = rnd() % RUNQ_NPRIO;
			it->queued = true;
			it->seq = ++seq;
			runq_push(&rq, &it->node, it->prio);
		} else if (op == 4 && !it->queued) {
			it->prio = rnd() % RUNQ_NPRIO;
			it->queued = true;
			it->seq = --head_seq;
			runq_push_head(&rq, &it->node, it->prio);
		} else if (op < 7 && it->queued) {
			runq_remove(&rq, &it->node, it->prio);
			it->queued = false;
		} else if (op >= 7) {
			struct item *want = model_top();
			struct lith_qnode *n = runq_pop(&rq);

			CHECK((n == NULL) == (want == NULL));
			if (n) {
				CHECK(container_of(n, struct item, node) == want);
				want->queued = false;
			}
		}
		if (!runq_matches(&rq))
			return 0;
	}
	return 1;
}

static int t_runq_fifo(void)
{
	struct runq rq;
	int i;

	memset(&rq, 0, sizeof(rq));
	for (i = 0; i < 10; i++)
		runq_push(&rq, &items[i].node, 5);
	runq_push(&rq, &items[10].node, 0);
	runq_push(&rq, &items[11].node, 31);
	CHECK(runq_pop(&rq) == &items[11].node);
	for (i = 0; i < 10; i++)
		CHECK(runq_pop(&rq) == &items[i].node);
	CHECK(runq_pop(&rq) == &items[10].node);
	CHECK(runq_pop(&rq) == NULL && runq_top(&rq) == -1 && rq.nr == 0);
	return 1;
}

/* ---- timer heap ---- */
#define NTIMERS 1000

static struct lith_timer timers[NTIMERS];

static int heap_valid(const struct timerq *q)
{
	unsigned int i;

	for (i = 1; i <= q->n; i++) {
		CHECK(q->heap[i]->slot == i);
		if (i > 1)
			CHECK(q->heap[i / 2]->deadline <= q->heap[i]->deadline);
	}
	return 1;
}

static struct lith_timer *model_min(void)
{
	struct lith_timer *best = NULL;
	int i;

	for (i = 0; i < NTIMERS; i++) {
		if (timerq_queued(&timers[i]) && (!best || timers[i].deadline < best->deadline))
			best = &timers[i];
	}
	return best;
}

static int t_timerq_random(void)
{
	struct timerq q = { 0 };
	unsigned int queued = 0;
	int step;

	memset(timers, 0, sizeof(timers));
	CHECK(timerq_reserve(&q, NTIMERS) == 0 && q.cap >= NTIMERS);
	for (step = 0; step < 300000; step++) {
		unsigned int op = rnd() % 8;
		struct lith_timer *t = &timers[rnd() % NTIMERS];

		if (op < 3 && !timerq_queued(t)) {
			/* Few distinct deadlines: ties must be handled too. */
			t->deadline = rnd() % (op ? 1000000 : 50);
			timerq_insert(&q, t);
			queued++;
		} else if (op < 5 && timerq_queued(t)) {
			timerq_remove(&q, t);
			CHECK(!timerq_queued(t));
			queued--;
		} else if (op == 5) {
			/* Removing what is not queued does nothing. */
			if (!timerq_queued(t))
				timerq_remove(&q, t);
		} else {
			struct lith_timer *first = timerq_first(&q);
			struct lith_timer *want = model_min();

			CHECK((first == NULL) == (want == NULL));
			if (first) {
				CHECK(first->deadline == want->deadline);
				timerq_remove(&q, first);
				queued--;
			}
		}
		CHECK(q.n == queued);
		if (step % 97 == 0 && !heap_valid(&q))
			return 0;
	}
	/* Draining yields the deadlines in order. */
	{
		uint64_t last = 0;
		struct lith_timer *t;

		while ((t = timerq_first(&q))) {
			CHECK(t->deadline >= last);
			last = t->deadline;
			timerq_remove(&q, t);
		}
	}
	free(q.heap);
	return 1;
}

static int t_timerq_grow(void)
{
	struct timerq q = { 0 };
	unsigned int i;

	memset(timers, 0, sizeof(timers));
	for (i = 0; i < NTIMERS; i++) {
		CHECK(timerq_reserve(&q, i + 1) == 0);
		timers[i].deadline = NTIMERS - i;
		timerq_insert(&q, &timers[i]);
		CHECK(timerq_first(&q) == &timers[i]);
	}
	CHECK(heap_valid(&q));
	CHECK(timerq_reserve(&q, 10) == 0); /* shrinking is a no-op */
	for (i = 0; i < NTIMERS; i++)
		timerq_remove(&q, &timers[i]);
	CHECK(q.n == 0 && timerq_first(&q) == NULL);
	free(q.heap);
	return 1;
}

/* ---- the zero-initialized queue ---- */
static int t_queue(void)
{
	struct lith_queue q = { 0 };
	struct lith_qnode a, b, c;

	CHECK(lith_queue_empty(&q) && lith_queue_pop(&q) == NULL);
	lith_queue_push(&q, &a);
	lith_queue_push(&q, &b);
	lith_queue_push_head(&q, &c);
	lith_queue_remove(&q, &a);
	CHECK(q.head == &c && q.tail == &b && c.next == &b && b.prev == &c);
	CHECK(lith_queue_pop(&q) == &c && lith_queue_pop(&q) == &b && lith_queue_empty(&q));
	CHECK(q.tail == NULL);
	return 1;
}

static void run(const char *name, int (*fn)(void))
{
	cur = name;
	if (fn()) {
		passed++;
		printf("  ok   %s\n", name);
	} else {
		failed++;
	}
}

int main(void)
{
	run("t_queue", t_queue);
	run("t_runq_fifo", t_runq_fifo);
	run("t_runq_random", t_runq_random);
	run("t_timerq_grow", t_timerq_grow);
	run("t_timerq_random", t_timerq_random);
	printf("sched: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
