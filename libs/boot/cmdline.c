/* SPDX-License-Identifier: BSD-3-Clause */
/* Command line splitting: blanks separate, double quotes group, backslash escapes. */
#include <lith/boot.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int lith_cmdline_split(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	int argc = 0;

	while (argc < max) {
		bool quoted = false;

		while (blank(*in))
			in++;
		if (!*in)
			break;
		argv[argc++] = out;
		/* Words are rewritten in place: out never passes in. */
		for (; *in; in++) {
			if (*in == '\\' && in[1]) {
				*out++ = *++in;
			} else if (*in == '"') {
				quoted = !quoted;
			} else if (!quoted && blank(*in)) {
				in++;
				break;
			} else {
				*out++ = *in;
			}
		}
		*out++ = '\0';
	}
	return argc;
}
