/* SPDX-License-Identifier: BSD-3-Clause */
/* The registry of 9P transports, by mount tag. */
#include <string.h>
#include <lith/errno.h>
#include <9p/transport.h>

static struct p9_transport *transports;

int p9_transport_register(struct p9_transport *t)
{
	if (!t->tag[0] || !t->request)
		return -EINVAL;
	if (p9_transport_find(t->tag))
		return -EEXIST;
	t->next = transports;
	transports = t;
	return 0;
}

struct p9_transport *p9_transport_find(const char *tag)
{
	struct p9_transport *t;

	for (t = transports; t; t = t->next)
		if (!strcmp(t->tag, tag))
			return t;
	return NULL;
}

void p9_transport_tags(char *buf, size_t size)
{
	struct p9_transport *t;

	if (!size)
		return;
	buf[0] = '\0';
	for (t = transports; t; t = t->next) {
		if (buf[0])
			strlcat(buf, ", ", size);
		strlcat(buf, t->tag, size);
	}
}
