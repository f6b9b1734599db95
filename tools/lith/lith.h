/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lith: from a kraft.yaml to a running unikernel. Shared declarations of the tool's files:
 * util.c (strings, messages, processes), yaml.c (the YAML tree with positions), kraft.c
 * (kraft.yaml to struct kraft), tree.c (what the Lith tree offers), config.c (configure,
 * build), run.c (the runners), main.c (commands).
 */
#ifndef LITH_TOOL_H
#define LITH_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* util.c */
struct strv {
	char **v;
	size_t n, cap;
};

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) PRINTF(1, 2);
void strv_push(struct strv *sv, const char *s);
void strv_pushf(struct strv *sv, const char *fmt, ...) PRINTF(2, 3);
bool strv_has(const struct strv *sv, const char *s);
char *strv_join(const struct strv *sv, const char *sep);
void strv_free(struct strv *sv);
void error(const char *fmt, ...) PRINTF(1, 2);
void note(const char *fmt, ...) PRINTF(1, 2);
bool is_dir(const char *path);
bool is_file(const char *path);
bool is_exec(const char *path);
bool in_path(const char *prog);
char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *text);
int mkdirs(const char *path);
char *shell_quote(const char *word);
void print_cmd(FILE *f, const struct strv *argv);
/* run_cmd: runs argv (NULL-terminated in argv->v); returns its exit status, 128 + signal
 * when killed, 127 when it cannot start. */
int run_cmd(const struct strv *argv);
/* run_lines: same, calling fn for each line of its stdout and stderr (merged). */
int run_lines(const struct strv *argv, void (*fn)(const char *line, void *arg), void *arg);

/* yaml.c: a YAML document as a tree; every node knows where it starts (1-based). */
enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	int line, col;
	char *str;	     /* scalars */
	bool plain;	     /* an unquoted scalar ('~', 'null' and '' are null) */
	size_t n;	     /* sequence items, or map pairs */
	struct ynode **kids; /* sequence: n items; map: key, value, key, value... */
	size_t nkids;	     /* entries of kids[] (2 * n for a complete map) */
};

/* ynode_load: 0 and *root (NULL for an empty file), or -1 after printing
 * "PATH:LINE:COL: error: ..." */
int ynode_load(const char *path, struct ynode **root);
void ynode_free(struct ynode *n);
bool ynull(const struct ynode *n);
const char *ykind_name(const struct ynode *n);

/* tree.c: what the Lith source tree offers. */
struct tree {
	char *root;
	struct strv archs, arch_desc;
	struct strv plats, plat_desc;
	struct strv libs, lib_desc, lib_sym; /* libs/<name>, its prompt, its first symbol */
};

int tree_load(struct tree *t);
void tree_free(struct tree *t);
int tree_lib(const struct tree *t, const char *name); /* index or -1 */
char *upper_sym(const char *prefix, const char *name);

/* kraft.c: kraft.yaml, checked against the tree. */
struct kentry {
	char *name; /* CONFIG_... */
	char *value;
	int line, col;
};

struct klist {
	struct kentry *v;
	size_t n;
};

struct target {
	char *arch, *plat;
	int line, col;
};

struct library {
	char *name, *version, *sym;
	struct klist kconfig;
	int line, col;
};

struct volume {
	char *name, *driver, *source, *path; /* path: source made absolute */
	int line, col;
};

struct kraft {
	char *path, *dir, *spec, *name, *version;
	struct klist kconfig;
	struct target *targets;
	size_t ntargets;
	struct library *libs;
	size_t nlibs;
	struct volume *vols;
	size_t nvols;
};

int kraft_load(const char *path, const struct tree *t, struct kraft *k);
void kraft_free(struct kraft *k);

/* config.c */
struct options {
	const char *plat, *arch;
	int mem_mb;
	bool dry, xenhost;
	int jobs;
	struct strv args; /* application arguments (after --) */
};

struct dotconfig {
	char *app_name, *arch;
	struct strv plats;
	struct strv lines; /* NAME=VALUE of every set symbol */
};

int cmd_configure(const struct tree *t, const struct kraft *k, const char *app,
		  const struct options *o);
int cmd_build(const struct tree *t, const struct kraft *k, const char *app,
	      const struct options *o);
int make_target(const struct tree *t, const char *app, const char *target);
int dotconfig_load(const char *app, const struct tree *t, struct dotconfig *c);
const char *dotconfig_get(const struct dotconfig *c, const char *name);
void dotconfig_free(struct dotconfig *c);

/* run.c */
int cmd_run(const struct tree *t, const struct kraft *k, const char *app, const struct options *o);

#endif
