/* SPDX-License-Identifier: BSD-3-Clause */
/* Assertion failures and deliberate crashes: always printed, whatever the message level. */
#include <lith/assert.h>
#include <lith/boot.h>

void lith_crash_at(const char *lib, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lith_vprintk(LITH_LVL_CRIT, lib, file, line, fmt, ap);
	va_end(ap);
	lith_abort("kernel crash");
}

void lith_assert_fail_at(const char *lib, const char *expr, const char *file, int line,
			 const char *func)
{
	lith_printk(LITH_LVL_CRIT, lib, file, line, "Assertion failure in %s(): %s\n", func, expr);
	lith_abort("assertion failed");
}

void lith_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	lith_assert_fail_at("libc", expr, file, line, func);
}
