/* SPDX-License-Identifier: BSD-3-Clause */
/* Built only with CONFIG_LIBGREET_SHOUT: proves Makefile.uk sees Kconfig symbols. */
#include <ctype.h>

const char *greet_transform(const char *s);

const char *greet_transform(const char *s)
{
	static char buf[64];
	unsigned int i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (char)toupper((unsigned char)s[i]);
	buf[i] = '\0';
	return buf;
}
