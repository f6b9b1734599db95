/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <greet/greet.h>

const char *greet_transform(const char *s);

#if !CONFIG_LIBGREET_SHOUT
const char *greet_transform(const char *s)
{
	return s;
}
#endif

void greet(void)
{
	printf("%s, %s!\n", GREET_PREFIX, greet_transform(CONFIG_LIBGREET_NAME));
}
