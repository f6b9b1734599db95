/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Built like kernel code against nolibc's headers only (no host headers), with
 * -Wformat=2 -Werror: every public header must compile on its own terms and the PRI*
 * macros must agree with gcc's <stdint.h> types. The probes are called by the host test.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

static_assert(CHAR_BIT == 8, "CHAR_BIT");
static_assert(INT_MAX == 2147483647, "INT_MAX");
static_assert(LLONG_MIN < 0 && ULLONG_MAX == 0xffffffffffffffffULL, "long long limits");
static_assert(SSIZE_MAX == (ssize_t)(SIZE_MAX >> 1), "SSIZE_MAX");
static_assert(sizeof(ssize_t) == sizeof(size_t), "ssize_t");
static_assert(sizeof(off_t) == 8, "off_t");
static_assert(EOF < 0 && EXIT_SUCCESS == 0 && STDERR_FILENO == 2, "constants");
static_assert(ENOMEM == 12 && ERANGE == 34, "errno values");

int hdr_assert_probe(int x);
int hdr_ndebug_probe(int x, int *evaluated);
int hdr_pri_probe(char *buf, size_t n);
int hdr_errno_probe(void);

int hdr_assert_probe(int x)
{
	assert(x > 0);
	return x;
}

int hdr_pri_probe(char *buf, size_t n)
{
	return snprintf(buf, n,
			"%" PRId8 " %" PRIi16 " %" PRIu32 " %" PRIx64 " %" PRIdMAX " %" PRIuPTR
			" %" PRIdFAST16 " %" PRIuFAST32 " %" PRIXLEAST64 " %" PRIoFAST64
			" %" PRIiLEAST8 " %" PRIxPTR,
			(int8_t)-1, (int16_t)2, (uint32_t)3, (uint64_t)0xabc, (intmax_t)-5,
			(uintptr_t)6, (int_fast16_t)-7, (uint_fast32_t)8, (uint_least64_t)0xdef,
			(uint_fast64_t)8, (int_least8_t)-9, (intptr_t)0x10);
}

int hdr_errno_probe(void)
{
	errno = ERANGE;
	return errno + isdigit('7') * 0 + (int)strlen("") + strcasecmp("A", "a");
}

/* assert.h is re-read on each inclusion: NDEBUG now turns assert into nothing. */
#define NDEBUG
#include <assert.h>

int hdr_ndebug_probe(int x, int *evaluated)
{
	(void)evaluated; /* only the (discarded) assertion uses it */
	assert((*evaluated = 1) && x > 0);
	return x;
}

#undef NDEBUG
#include <assert.h>
