/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A YAML file as a tree of maps, sequences and scalars, built from libyaml's events, each
 * node with the line and column where it starts. Anchors and aliases are refused (a
 * kraft.yaml has no use for them, and they would let a small file expand without bound),
 * as are duplicate keys, non-scalar keys, several documents and nesting deeper than
 * MAX_DEPTH.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lith.h"

#define MAX_DEPTH 64

struct builder {
	yaml_parser_t parser;
	const char *path;
	const char *text;
	size_t len;
};

static void where_error(const struct builder *b, int line, int col, const char *fmt, const char *a1,
			const char *a2)
{
	fprintf(stderr, "%s:%d:%d: error: ", b->path, line, col);
	fprintf(stderr, fmt, a1, a2);
	fputc('\n', stderr);
}

/* libyaml's reader errors give a byte offset only: turn it into a line and a column. */
static void offset_to_mark(const struct builder *b, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < b->len; i++) {
		if (b->text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static void parser_error(struct builder *b)
{
	yaml_parser_t *p = &b->parser;
	int line, col;
	char ctx[160] = "";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		fprintf(stderr, "%s: error: out of memory while reading YAML\n", b->path);
		return;
	case YAML_READER_ERROR:
		offset_to_mark(b, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			fprintf(stderr, "%s:%d:%d: error: YAML syntax: %s (byte 0x%02x)\n", b->path,
				line, col, p->problem ? p->problem : "unreadable input",
				(unsigned)p->problem_value & 0xff);
		else
			fprintf(stderr, "%s:%d:%d: error: YAML syntax: %s\n", b->path, line, col,
				p->problem ? p->problem : "unreadable input");
		return;
	default:
		break;
	}
	if (p->context)
		snprintf(ctx, sizeof(ctx), " (%s at line %d, column %d)", p->context,
			 (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
	fprintf(stderr, "%s:%d:%d: error: YAML syntax: %s%s\n", b->path,
		(int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
		p->problem ? p->problem : "malformed YAML", ctx);
}

static int next_event(struct builder *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->parser, ev)) {
		parser_error(b);
		return -1;
	}
	return 0;
}

static struct ynode *new_node(enum ykind kind, const yaml_event_t *ev)
{
	struct ynode *n = xmalloc(sizeof(*n));

	n->kind = kind;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

static void add_kid(struct ynode *n, struct ynode *kid, size_t have, size_t *cap)
{
	if (have + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 8;
		n->kids = xrealloc(n->kids, *cap * sizeof(*n->kids));
	}
	n->kids[have] = kid;
	n->nkids = have + 1;
}

void ynode_free(struct ynode *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->nkids; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n);
}

static struct ynode *node(struct builder *b, yaml_event_t *ev, int depth);

/* The items of a sequence or the pairs of a map, up to its end event. */
static int children(struct builder *b, struct ynode *n, int depth)
{
	yaml_event_type_t end = n->kind == Y_MAP ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	size_t cap = 0, have = 0;

	for (;;) {
		yaml_event_t ev;
		struct ynode *kid;

		if (next_event(b, &ev))
			return -1;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		kid = node(b, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!kid)
			return -1;
		if (n->kind == Y_MAP && have % 2 == 0) {
			size_t i;

			if (kid->kind != Y_SCALAR) {
				where_error(b, kid->line, kid->col,
					    "a map key must be a plain word, not %s%s",
					    ykind_name(kid), "");
				ynode_free(kid);
				return -1;
			}
			for (i = 0; i < n->n; i++) {
				const struct ynode *k = n->kids[2 * i];

				if (!strcmp(k->str, kid->str)) {
					where_error(b, kid->line, kid->col, "duplicate key '%s'%s",
						    kid->str, "");
					fprintf(stderr, "%s:%d:%d: note: '%s' first given here\n",
						b->path, k->line, k->col, k->str);
					ynode_free(kid);
					return -1;
				}
			}
		}
		add_kid(n, kid, have, &cap);
		have++;
		if (n->kind == Y_SEQ)
			n->n++;
		else if (have % 2 == 0)
			n->n++;
	}
	return 0;
}

static struct ynode *node(struct builder *b, yaml_event_t *ev, int depth)
{
	struct ynode *n;
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	if (depth > MAX_DEPTH) {
		where_error(b, line, col, "nested more than %s levels deep%s", "64", "");
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor) {
			where_error(b, line, col, "anchors (&%s) are not supported%s",
				    (const char *)ev->data.scalar.anchor, "");
			return NULL;
		}
		if (strlen((const char *)ev->data.scalar.value) != ev->data.scalar.length) {
			where_error(b, line, col, "a NUL character in a value%s%s", "", "");
			return NULL;
		}
		n = new_node(Y_SCALAR, ev);
		n->str = xstrdup((const char *)ev->data.scalar.value);
		n->plain = ev->data.scalar.plain_implicit &&
			   ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		const yaml_char_t *anchor = ev->type == YAML_SEQUENCE_START_EVENT ?
						    ev->data.sequence_start.anchor :
						    ev->data.mapping_start.anchor;

		if (anchor) {
			where_error(b, line, col, "anchors (&%s) are not supported%s",
				    (const char *)anchor, "");
			return NULL;
		}
		n = new_node(ev->type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP, ev);
		if (children(b, n, depth)) {
			ynode_free(n);
			return NULL;
		}
		return n;
	}
	case YAML_ALIAS_EVENT:
		where_error(b, line, col, "aliases (*%s) are not supported%s",
			    (const char *)ev->data.alias.anchor, "");
		return NULL;
	default:
		where_error(b, line, col, "unexpected YAML event%s%s", "", "");
		return NULL;
	}
}

int ynode_load(const char *path, struct ynode **root)
{
	struct builder b = { .path = path };
	yaml_event_t ev;
	struct ynode *doc = NULL;
	char *text;
	int rc = -1, docs = 0;

	*root = NULL;
	text = read_file(path, &b.len);
	if (!text) {
		fprintf(stderr, "%s: error: cannot read the file\n", path);
		return -1;
	}
	b.text = text;
	if (!yaml_parser_initialize(&b.parser)) {
		fprintf(stderr, "%s: error: cannot start the YAML parser\n", path);
		free(text);
		return -1;
	}
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)text, b.len);
	for (;;) {
		if (next_event(&b, &ev))
			goto out;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				where_error(&b, (int)ev.start_mark.line + 1,
					    (int)ev.start_mark.column + 1,
					    "a second YAML document: kraft.yaml holds one%s%s", "",
					    "");
				yaml_event_delete(&ev);
				goto out;
			}
		} else if (ev.type != YAML_STREAM_START_EVENT &&
			   ev.type != YAML_DOCUMENT_END_EVENT) {
			doc = node(&b, &ev, 0);
			if (!doc) {
				yaml_event_delete(&ev);
				goto out;
			}
			*root = doc;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	if (rc) {
		ynode_free(*root);
		*root = NULL;
	}
	yaml_parser_delete(&b.parser);
	free(text);
	return rc;
}

bool ynull(const struct ynode *n)
{
	if (!n)
		return true;
	if (n->kind != Y_SCALAR || !n->plain)
		return false;
	return !*n->str || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

const char *ykind_name(const struct ynode *n)
{
	if (ynull(n))
		return "nothing";
	switch (n->kind) {
	case Y_SEQ:
		return "a list";
	case Y_MAP:
		return "a map";
	default:
		return "a value";
	}
}
