/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the Lith source tree offers: architectures (arch/<name>, described by the root
 * Config.uk's ARCH_<NAME> prompt), platforms (platforms/<name>/Config.uk) and libraries
 * (libs/<name>/Config.uk: the first prompt describes it, the first symbol enables it).
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lith.h"

char *upper_sym(const char *prefix, const char *name)
{
	char *s = xasprintf("%s%s", prefix, name), *p;

	for (p = s; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
	return s;
}

static const char *skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The quoted text after a 'bool', 'tristate', 'string', 'int' or 'prompt' keyword. */
static char *prompt_of(const char *line)
{
	static const char *const kw[] = { "bool", "tristate", "prompt", "string", "int", "hex" };
	const char *s = skip_blank(line), *e;
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		size_t n = strlen(kw[i]);

		if (strncmp(s, kw[i], n) || (s[n] != ' ' && s[n] != '\t'))
			continue;
		s = skip_blank(s + n);
		if (*s != '"')
			return NULL;
		e = strchr(s + 1, '"');
		if (!e)
			return NULL;
		return strndup(s + 1, (size_t)(e - s - 1));
	}
	return NULL;
}

/* The symbol a 'config' or 'menuconfig' line defines. */
static char *symbol_of(const char *line)
{
	const char *s = skip_blank(line);
	size_t n;

	if (!strncmp(s, "menuconfig", 10))
		s += 10;
	else if (!strncmp(s, "config", 6))
		s += 6;
	else
		return NULL;
	if (*s != ' ' && *s != '\t')
		return NULL;
	s = skip_blank(s);
	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
	return n ? strndup(s, n) : NULL;
}

/*
 * Reads a Config.uk: the prompt of symbol 'want' (or of the first symbol when want is NULL)
 * and the first symbol's name.
 */
static void describe(const char *path, const char *want, char **desc, char **first)
{
	char *text = read_file(path, NULL), *line, *save = NULL;
	bool in = false;

	*desc = NULL;
	if (first)
		*first = NULL;
	if (!text)
		return;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *sym = symbol_of(line);

		if (sym) {
			if (first && !*first)
				*first = xstrdup(sym);
			in = want ? !strcmp(sym, want) : !*desc;
			free(sym);
			continue;
		}
		if (in && !*desc) {
			*desc = prompt_of(line);
			if (*desc && !want && (!first || *first))
				break;
		}
	}
	free(text);
}

static int dir_filter(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void scan(const char *root, const char *sub, struct strv *names, struct strv *descs,
		 struct strv *syms)
{
	char *dir = xasprintf("%s/%s", root, sub);
	struct dirent **list;
	int i, n = scandir(dir, &list, dir_filter, alphasort);

	for (i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, list[i]->d_name), *file, *desc, *sym;

		file = xasprintf("%s/Config.uk", path);
		if (is_dir(path) && is_file(file)) {
			describe(file, NULL, &desc, &sym);
			strv_push(names, list[i]->d_name);
			strv_push(descs, desc ? desc : "");
			if (syms)
				strv_push(syms, sym ? sym : "");
			free(desc);
			free(sym);
		}
		free(file);
		free(path);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	free(dir);
}

/* Architectures: the ARCH_<NAME> symbols of the root Config.uk's choice, in its order. */
static void scan_archs(struct tree *t)
{
	char *cfg = xasprintf("%s/Config.uk", t->root), *text = read_file(cfg, NULL);
	char *line, *save = NULL;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *sym = symbol_of(line), *p, *desc;

		if (sym && !strncmp(sym, "ARCH_", 5) && sym[5]) {
			describe(cfg, sym, &desc, NULL);
			for (p = sym; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			strv_push(&t->archs, sym + 5);
			strv_push(&t->arch_desc, desc ? desc : "");
			free(desc);
		}
		free(sym);
	}
	free(text);
	free(cfg);
}

static char *find_root(void)
{
	const char *env = getenv("LITH_ROOT");
	char exe[4096];
	ssize_t n;
	int up;

	if (env && *env)
		return realpath(env, NULL);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	/* <root>/tools/lith/build/lith */
	for (up = 0; up < 4; up++) {
		char *slash = strrchr(exe, '/');

		if (!slash)
			return NULL;
		*slash = '\0';
	}
	return xstrdup(*exe ? exe : "/");
}

int tree_load(struct tree *t)
{
	char *cfg;
	bool ok;

	memset(t, 0, sizeof(*t));
	t->root = find_root();
	cfg = t->root ? xasprintf("%s/Config.uk", t->root) : NULL;
	ok = cfg && is_file(cfg);
	free(cfg);
	if (!ok) {
		error("cannot find the Lith tree (%s): set LITH_ROOT to the folder with Config.uk",
		      t->root ? t->root : "no path");
		free(t->root);
		t->root = NULL;
		return -1;
	}
	scan_archs(t);
	scan(t->root, "platforms", &t->plats, &t->plat_desc, NULL);
	scan(t->root, "libs", &t->libs, &t->lib_desc, &t->lib_sym);
	return 0;
}

void tree_free(struct tree *t)
{
	free(t->root);
	strv_free(&t->archs);
	strv_free(&t->arch_desc);
	strv_free(&t->plats);
	strv_free(&t->plat_desc);
	strv_free(&t->libs);
	strv_free(&t->lib_desc);
	strv_free(&t->lib_sym);
}

int tree_lib(const struct tree *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->libs.n; i++)
		if (!strcmp(t->libs.v[i], name))
			return (int)i;
	return -1;
}
