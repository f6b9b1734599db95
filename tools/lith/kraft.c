/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kraft.yaml (specification '0.5') to struct kraft, checked against the Lith tree. Every
 * problem is reported as "FILE:LINE:COLUMN: error: ..." naming what would be valid; all
 * problems of a file are reported, not only the first.
 *
 *   specification: '0.5'
 *   name: <image name>
 *   unikraft | lith: <version> | { version: , kconfig: [CONFIG_X=y, ...] | {CONFIG_X: y} }
 *   targets: [ { architecture: x86_64|arm64, platform: kvm|xen|linuxu }, ... ]
 *   libraries: { <libs/name>: <version> | { version: , kconfig: ... } }
 *   volumes: { <tag>: { driver: 9pfs, source: <folder> } }
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lith.h"

struct ctx {
	const char *path;
	const struct tree *tree;
	int errors;
};

static void PRINTF(3, 4) kerr(struct ctx *c, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	if (n)
		fprintf(stderr, "%s:%d:%d: error: ", c->path, n->line, n->col);
	else
		fprintf(stderr, "%s: error: ", c->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->errors++;
}

static char *list_of(const char *const *names)
{
	struct strv sv = { 0 };
	char *s;

	while (*names)
		strv_push(&sv, *names++);
	s = strv_join(&sv, ", ");
	strv_free(&sv);
	return s;
}

/* Unknown keys of map n, given the valid ones (NULL-terminated). */
static void check_keys(struct ctx *c, const struct ynode *n, const char *what,
		       const char *const *valid)
{
	size_t i, j;

	for (i = 0; i < n->n; i++) {
		const struct ynode *k = n->kids[2 * i];
		bool ok = false;

		for (j = 0; valid[j] && !ok; j++)
			ok = !strcmp(k->str, valid[j]);
		if (!ok) {
			char *v = list_of(valid);

			kerr(c, k, "unknown key '%s' in %s (valid keys: %s)", k->str, what, v);
			free(v);
		}
	}
}

static const struct ynode *get(const struct ynode *map, const char *key, const struct ynode **k)
{
	size_t i;

	for (i = 0; map && map->kind == Y_MAP && i < map->n; i++) {
		if (!strcmp(map->kids[2 * i]->str, key)) {
			if (k)
				*k = map->kids[2 * i];
			return map->kids[2 * i + 1];
		}
	}
	return NULL;
}

static bool has(const struct ynode *map, const char *key)
{
	const struct ynode *k = NULL;

	get(map, key, &k);
	return k != NULL;
}

/* A scalar value; NULL (and an error naming 'what') when it is missing or not a scalar. */
static char *scalar(struct ctx *c, const struct ynode *v, const struct ynode *key, const char *what)
{
	if (ynull(v)) {
		kerr(c, v ? v : key, "%s has no value", what);
		return NULL;
	}
	if (v->kind != Y_SCALAR) {
		kerr(c, v, "%s must be a single value, not %s", what, ykind_name(v));
		return NULL;
	}
	if (strchr(v->str, '\n')) {
		kerr(c, v, "%s must be on one line", what);
		return NULL;
	}
	return xstrdup(v->str);
}

static bool word_ok(const char *s, const char *extra)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '_' && !strchr(extra, *s))
			return false;
	return true;
}

static void add_kentry(struct ctx *c, struct klist *l, const struct ynode *at, const char *name,
		       const char *value)
{
	const char *bare = strncmp(name, "CONFIG_", 7) ? name : name + 7;

	if (!word_ok(bare, "")) {
		kerr(c, at, "'%s' is not a Kconfig symbol (expected CONFIG_NAME=value)", name);
		return;
	}
	if (strchr(value, '\n')) {
		kerr(c, at, "the value of %s must be on one line", name);
		return;
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].name = xasprintf("CONFIG_%s", bare);
	l->v[l->n].value = xstrdup(value);
	l->v[l->n].line = at->line;
	l->v[l->n].col = at->col;
	l->n++;
}

/* A value of the map form (CONFIG_X: y) as a .config line wants it. */
static char *kvalue(const struct ynode *v)
{
	const char *s = v->str;
	char *q, *o;

	if (ynull(v))
		return xstrdup("n");
	if (!strcmp(s, "y") || !strcmp(s, "n") || !strcmp(s, "m") || s[0] == '"')
		return xstrdup(s);
	if (v->plain && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")))
		return xstrdup("y");
	if (v->plain && (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")))
		return xstrdup("n");
	if (s[*s == '-'] && strspn(s + (*s == '-'), "0123456789") == strlen(s + (*s == '-')))
		return xstrdup(s);
	if (!strncmp(s, "0x", 2) && word_ok(s + 2, ""))
		return xstrdup(s);
	q = o = xmalloc(2 * strlen(s) + 3);
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '"';
	return q;
}

/* kconfig: a list of "CONFIG_X=value" or a map CONFIG_X: value. */
static void kconfig_list(struct ctx *c, const struct ynode *v, const struct ynode *key,
			 const char *what, struct klist *l)
{
	size_t i;

	if (ynull(v))
		return;
	if (v->kind == Y_SEQ) {
		for (i = 0; i < v->n; i++) {
			const struct ynode *e = v->kids[i];
			char *eq, *name;

			if (e->kind != Y_SCALAR || ynull(e)) {
				kerr(c, e,
				     "each entry of %s kconfig must be CONFIG_NAME=value, not %s",
				     what, ykind_name(e));
				continue;
			}
			eq = strchr(e->str, '=');
			if (!eq) {
				kerr(c, e,
				     "'%s' in %s kconfig has no '=' (expected CONFIG_NAME=value)",
				     e->str, what);
				continue;
			}
			name = strndup(e->str, (size_t)(eq - e->str));
			add_kentry(c, l, e, name, eq + 1);
			free(name);
		}
	} else if (v->kind == Y_MAP) {
		for (i = 0; i < v->n; i++) {
			const struct ynode *k = v->kids[2 * i], *val = v->kids[2 * i + 1];
			char *value;

			if (!ynull(val) && val->kind != Y_SCALAR) {
				kerr(c, val, "%s in %s kconfig must have a single value, not %s",
				     k->str, what, ykind_name(val));
				continue;
			}
			value = kvalue(val);
			add_kentry(c, l, k, k->str, value);
			free(value);
		}
	} else {
		kerr(c, v, "%s kconfig must be a list of CONFIG_NAME=value, not %s", what,
		     ykind_name(v));
	}
	(void)key;
}

/* The core section: a version, or a map of version and kconfig. */
static void core(struct ctx *c, struct kraft *k, const struct ynode *v, const struct ynode *key)
{
	static const char *const valid[] = { "version", "kconfig", NULL };
	char *what = xasprintf("'%s'", key->str);
	const struct ynode *vk = NULL;

	if (ynull(v)) {
		free(what);
		return;
	}
	if (v->kind == Y_SCALAR) {
		k->version = xstrdup(v->str);
	} else if (v->kind == Y_MAP) {
		check_keys(c, v, what, valid);
		if (has(v, "version")) {
			const struct ynode *ver = get(v, "version", &vk);

			k->version = scalar(c, ver, vk, "version");
		}
		kconfig_list(c, get(v, "kconfig", NULL), key, what, &k->kconfig);
	} else {
		kerr(c, v, "%s must be a map (version, kconfig), not %s", what, ykind_name(v));
	}
	free(what);
}

static char *valid_list(const struct strv *sv)
{
	return strv_join(sv, ", ");
}

static void targets(struct ctx *c, struct kraft *k, const struct ynode *v)
{
	static const char *const valid[] = { "architecture", "platform", NULL };
	size_t i;

	if (ynull(v) || v->kind != Y_SEQ) {
		kerr(c, v, "'targets' must be a list of maps (architecture, platform), not %s",
		     ykind_name(v));
		return;
	}
	if (!v->n)
		kerr(c, v, "'targets' is empty: add one (architecture: x86_64, platform: linuxu)");
	k->targets = xmalloc(v->n * sizeof(*k->targets));
	for (i = 0; i < v->n; i++) {
		const struct ynode *t = v->kids[i], *a, *p, *ak = NULL, *pk = NULL;
		struct target *tg = &k->targets[k->ntargets];
		char *arch = NULL, *plat = NULL;

		if (t->kind != Y_MAP) {
			kerr(c, t, "each target must be a map (architecture, platform), not %s",
			     ykind_name(t));
			continue;
		}
		check_keys(c, t, "a target", valid);
		a = get(t, "architecture", &ak);
		p = get(t, "platform", &pk);
		if (!ak) {
			char *l = valid_list(&c->tree->archs);

			kerr(c, t,
			     "missing required field 'architecture' in this target (valid: %s)", l);
			free(l);
		} else {
			arch = scalar(c, a, ak, "'architecture'");
		}
		if (!pk) {
			char *l = valid_list(&c->tree->plats);

			kerr(c, t, "missing required field 'platform' in this target (valid: %s)",
			     l);
			free(l);
		} else {
			plat = scalar(c, p, pk, "'platform'");
		}
		if (arch && !strv_has(&c->tree->archs, arch)) {
			char *l = valid_list(&c->tree->archs);

			kerr(c, a, "unknown architecture '%s' (valid: %s)", arch, l);
			free(l);
			free(arch);
			arch = NULL;
		}
		if (plat && !strv_has(&c->tree->plats, plat)) {
			char *l = valid_list(&c->tree->plats);

			kerr(c, p, "unknown platform '%s' (valid: %s)", plat, l);
			free(l);
			free(plat);
			plat = NULL;
		}
		if (!arch || !plat) {
			free(arch);
			free(plat);
			continue;
		}
		tg->arch = arch;
		tg->plat = plat;
		tg->line = t->line;
		tg->col = t->col;
		k->ntargets++;
	}
}

static void libraries(struct ctx *c, struct kraft *k, const struct ynode *v)
{
	static const char *const valid[] = { "version", "kconfig", NULL };
	size_t i;

	if (ynull(v))
		return;
	if (v->kind != Y_MAP) {
		kerr(c, v, "'libraries' must be a map (name: {version, kconfig}), not %s",
		     ykind_name(v));
		return;
	}
	k->libs = xmalloc(v->n * sizeof(*k->libs));
	for (i = 0; i < v->n; i++) {
		const struct ynode *key = v->kids[2 * i], *lv = v->kids[2 * i + 1], *vk = NULL;
		const char *name = key->str;
		struct library *l = &k->libs[k->nlibs];
		char *what;
		int idx;

		/* The seed's names: 'lib-newlib' and 'libnewlib' are libs/newlib. */
		if (!strncmp(name, "lib-", 4))
			name += 4;
		idx = tree_lib(c->tree, name);
		if (idx < 0 && !strncmp(name, "lib", 3))
			idx = tree_lib(c->tree, name + 3);
		if (idx < 0) {
			char *lst = valid_list(&c->tree->libs);

			kerr(c, key, "unknown library '%s' (valid: %s)", key->str, lst);
			free(lst);
			continue;
		}
		what = xasprintf("library '%s'", key->str);
		memset(l, 0, sizeof(*l));
		l->name = xstrdup(c->tree->libs.v[idx]);
		l->sym = *c->tree->lib_sym.v[idx] ?
				 xasprintf("CONFIG_%s", c->tree->lib_sym.v[idx]) :
				 upper_sym("CONFIG_LIB", l->name);
		l->line = key->line;
		l->col = key->col;
		if (ynull(lv)) {
			/* name only */
		} else if (lv->kind == Y_SCALAR) {
			l->version = xstrdup(lv->str);
		} else if (lv->kind == Y_MAP) {
			check_keys(c, lv, what, valid);
			if (has(lv, "version"))
				l->version = scalar(c, get(lv, "version", &vk), vk, "version");
			kconfig_list(c, get(lv, "kconfig", NULL), key, what, &l->kconfig);
		} else {
			kerr(c, lv, "%s must be a map (version, kconfig), not %s", what,
			     ykind_name(lv));
		}
		free(what);
		k->nlibs++;
	}
}

static void volumes(struct ctx *c, struct kraft *k, const struct ynode *v)
{
	static const char *const valid[] = { "driver", "source", NULL };
	size_t i;

	if (ynull(v))
		return;
	if (v->kind != Y_MAP) {
		kerr(c, v, "'volumes' must be a map (name: {driver: 9pfs, source: folder}), not %s",
		     ykind_name(v));
		return;
	}
	k->vols = xmalloc(v->n * sizeof(*k->vols));
	for (i = 0; i < v->n; i++) {
		const struct ynode *key = v->kids[2 * i], *vv = v->kids[2 * i + 1];
		const struct ynode *dk = NULL, *sk = NULL, *d, *s;
		struct volume *vol = &k->vols[k->nvols];
		char *what;

		if (!word_ok(key->str, "-.")) {
			kerr(c, key,
			     "volume name '%s' must be letters, digits, '_', '-' or '.' "
			     "(it is the 9p mount tag)",
			     key->str);
			continue;
		}
		if (ynull(vv) || vv->kind != Y_MAP) {
			kerr(c, ynull(vv) ? key : vv,
			     "volume '%s' must be a map (driver: 9pfs, source: folder), not %s",
			     key->str, ykind_name(vv));
			continue;
		}
		what = xasprintf("volume '%s'", key->str);
		check_keys(c, vv, what, valid);
		free(what);
		d = get(vv, "driver", &dk);
		s = get(vv, "source", &sk);
		memset(vol, 0, sizeof(*vol));
		if (!dk)
			kerr(c, key, "volume '%s' has no 'driver' (valid: 9pfs)", key->str);
		else
			vol->driver = scalar(c, d, dk, "'driver'");
		if (vol->driver && strcmp(vol->driver, "9pfs")) {
			kerr(c, d, "unknown volume driver '%s' (valid: 9pfs)", vol->driver);
			free(vol->driver);
			vol->driver = NULL;
		}
		if (!sk)
			kerr(c, key, "volume '%s' has no 'source' (a folder of the host)",
			     key->str);
		else
			vol->source = scalar(c, s, sk, "'source'");
		if (!vol->driver || !vol->source) {
			free(vol->driver);
			free(vol->source);
			continue;
		}
		vol->name = xstrdup(key->str);
		{
			const char *src = vol->source;
			char *abs, *real;

			while (src[0] == '.' && src[1] == '/')
				src += 2;
			abs = src[0] == '/' ? xstrdup(src) : xasprintf("%s/%s", k->dir, src);
			real = realpath(abs, NULL);
			vol->path = real ? real : abs;
			if (real)
				free(abs);
		}
		vol->line = s->line;
		vol->col = s->col;
		k->nvols++;
	}
}

int kraft_load(const char *path, const struct tree *t, struct kraft *k)
{
	static const char *const valid[] = { "specification", "name",	   "unikraft", "lith",
					     "targets",	      "libraries", "volumes",  NULL };
	struct ctx c = { .path = path, .tree = t };
	struct ynode *root;
	const struct ynode *v, *key = NULL;
	char *slash;

	memset(k, 0, sizeof(*k));
	k->path = xstrdup(path);
	k->dir = realpath(path, NULL);
	if (!k->dir)
		k->dir = xstrdup(path);
	slash = strrchr(k->dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(k->dir, ".");
	if (ynode_load(path, &root))
		return -1;
	if (ynull(root)) {
		kerr(&c, NULL, "the file is empty: it needs specification, name and targets");
		ynode_free(root);
		return -1;
	}
	if (root->kind != Y_MAP) {
		kerr(&c, root,
		     "kraft.yaml must be a map (specification, name, targets, ...), not %s",
		     ykind_name(root));
		ynode_free(root);
		return -1;
	}
	check_keys(&c, root, "kraft.yaml", valid);

	v = get(root, "specification", &key);
	if (!key)
		kerr(&c, NULL,
		     "missing required field 'specification' (e.g. specification: '0.5')");
	else
		k->spec = scalar(&c, v, key, "'specification'");
	if (k->spec && strcmp(k->spec, "0.5") && strcmp(k->spec, "0.4") && strcmp(k->spec, "v0.5"))
		fprintf(stderr, "%s:%d:%d: warning: specification '%s': lith reads '0.5'\n", path,
			v->line, v->col, k->spec);

	key = NULL;
	v = get(root, "name", &key);
	if (!key)
		kerr(&c, NULL, "missing required field 'name' (the image's name)");
	else
		k->name = scalar(&c, v, key, "'name'");
	if (k->name && !word_ok(k->name, "-.")) {
		kerr(&c, v, "name '%s' must be letters, digits, '_', '-' or '.'", k->name);
		free(k->name);
		k->name = NULL;
	}

	if (has(root, "unikraft") && has(root, "lith")) {
		key = NULL;
		get(root, "lith", &key);
		kerr(&c, key, "'lith' and 'unikraft' are the same section: keep one");
	} else {
		key = NULL;
		v = get(root, "unikraft", &key);
		if (!key)
			v = get(root, "lith", &key);
		if (key)
			core(&c, k, v, key);
	}

	key = NULL;
	v = get(root, "targets", &key);
	if (!key)
		kerr(&c, NULL,
		     "missing required field 'targets' (a list of architecture/platform)");
	else
		targets(&c, k, v ? v : key);

	libraries(&c, k, get(root, "libraries", NULL));
	volumes(&c, k, get(root, "volumes", NULL));
	ynode_free(root);
	return c.errors ? -1 : 0;
}

static void klist_free(struct klist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].value);
	}
	free(l->v);
}

void kraft_free(struct kraft *k)
{
	size_t i;

	for (i = 0; i < k->ntargets; i++) {
		free(k->targets[i].arch);
		free(k->targets[i].plat);
	}
	for (i = 0; i < k->nlibs; i++) {
		free(k->libs[i].name);
		free(k->libs[i].version);
		free(k->libs[i].sym);
		klist_free(&k->libs[i].kconfig);
	}
	for (i = 0; i < k->nvols; i++) {
		free(k->vols[i].name);
		free(k->vols[i].driver);
		free(k->vols[i].source);
		free(k->vols[i].path);
	}
	free(k->targets);
	free(k->libs);
	free(k->vols);
	klist_free(&k->kconfig);
	free(k->path);
	free(k->dir);
	free(k->spec);
	free(k->name);
	free(k->version);
	memset(k, 0, sizeof(*k));
}
