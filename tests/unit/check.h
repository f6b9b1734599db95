/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host unit tests' counter: CHECK(cond) counts a pass, or counts a failure and prints
 * where ("FAIL function:line: condition"). Each test prints "NAME: passed, failed" at the
 * end from these counts. Included once, by the test's main file.
 */
#ifndef LITH_UNIT_CHECK_H
#define LITH_UNIT_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (cond) {                                                    \
			passed++;                                              \
		} else {                                                       \
			failed++;                                              \
			printf("FAIL %s:%d: %s\n", __func__, __LINE__, #cond); \
		}                                                              \
	} while (0)

#endif /* LITH_UNIT_CHECK_H */
