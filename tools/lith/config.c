/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lith configure: kraft.yaml -> a Kconfig fragment (build/lith/kraft.defconfig) ->
 * `make defconfig DEFCONFIG=<fragment>`. Each fragment line remembers where it came from
 * (a kraft.yaml position or a command-line option), so an assignment that Kconfig drops is
 * reported at its place in kraft.yaml. lith build, clean and menuconfig call make in the
 * application's folder.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lith.h"

static void make_argv(const struct tree *t, const char *app, struct strv *av)
{
	char *mk = xasprintf("%s/Makefile", app);

	strv_push(av, "make");
	strv_push(av, "--no-print-directory");
	if (is_file(mk)) {
		strv_push(av, "-C");
		strv_push(av, app);
		strv_pushf(av, "LITH_ROOT=%s", t->root);
		strv_pushf(av, "UK_ROOT=%s", t->root);
	} else {
		strv_push(av, "-C");
		strv_push(av, t->root);
		strv_pushf(av, "A=%s", app);
	}
	free(mk);
}

int make_target(const struct tree *t, const char *app, const char *target)
{
	struct strv av = { 0 };
	int rc;

	make_argv(t, app, &av);
	strv_push(&av, target);
	rc = run_cmd(&av);
	strv_free(&av);
	return rc;
}

struct fragment {
	struct strv lines, origins; /* origins: "FILE:LINE:COL" or "option -p kvm" */
	const char *path;
	bool failed;
};

static void frag_add(struct fragment *f, const char *origin, const char *fmt, const char *a,
		     const char *b)
{
	strv_pushf(&f->lines, fmt, a, b);
	strv_push(&f->origins, origin);
}

/* kconfig.py's "kconfig: error: FRAGMENT:N: message" becomes "ORIGIN: error: message". */
static void defconfig_line(const char *line, void *arg)
{
	struct fragment *f = arg;
	static const char *const kinds[] = { "error", "warning" };
	size_t i, plen = strlen(f->path);

	for (i = 0; i < 2; i++) {
		char *pre = xasprintf("kconfig: %s: ", kinds[i]);
		size_t n = strlen(pre);
		bool match = !strncmp(line, pre, n) && !strncmp(line + n, f->path, plen) &&
			     line[n + plen] == ':';

		free(pre);
		if (match) {
			char *end;
			unsigned long num = strtoul(line + n + plen + 1, &end, 10);

			if (*end == ':' && num >= 2 && num - 2 < f->origins.n) {
				fprintf(stderr, "%s: %s:%s\n", f->origins.v[num - 2], kinds[i],
					end + 1);
				f->failed |= i == 0;
				return;
			}
		}
	}
	if (!strncmp(line, "make", 4) && strstr(line, "***"))
		return;
	if (!strncmp(line, "kconfig: error", 14)) {
		f->failed = true;
		fprintf(stderr, "%s\n", line);
		return;
	}
	if (!strncmp(line, "Configuration written to ", 25))
		return;
	printf("%s\n", line);
}

static const char *pick_arch(const struct kraft *k, const struct options *o)
{
	size_t i;

	if (o->arch)
		return o->arch;
	if (o->plat)
		for (i = 0; i < k->ntargets; i++)
			if (!strcmp(k->targets[i].plat, o->plat))
				return k->targets[i].arch;
	return k->ntargets ? k->targets[0].arch : NULL;
}

static int check_choice(const struct strv *valid, const char *what, const char *opt, const char *v)
{
	char *l;

	if (!v || strv_has(valid, v))
		return 0;
	l = strv_join(valid, ", ");
	error("unknown %s '%s' (%s; valid: %s)", what, v, opt, l);
	free(l);
	return -1;
}

static void add_klist(struct fragment *f, const struct kraft *k, const struct klist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		char *where = xasprintf("%s:%d:%d", k->path, l->v[i].line, l->v[i].col);

		frag_add(f, where, "%s=%s", l->v[i].name, l->v[i].value);
		free(where);
	}
}

int cmd_configure(const struct tree *t, const struct kraft *k, const char *app,
		  const struct options *o)
{
	struct fragment f;
	struct strv plats = { 0 }, porig = { 0 }, av = { 0 };
	const char *arch;
	char *dir, *sym, *where, *text, *opt;
	size_t i;
	int rc = 1;

	memset(&f, 0, sizeof(f));
	if (check_choice(&t->plats, "platform", "-p", o->plat) ||
	    check_choice(&t->archs, "architecture", "-m", o->arch))
		return 2;
	arch = pick_arch(k, o);
	if (!arch) {
		error("no target in %s: give -m and -p", k->path);
		return 1;
	}
	if (o->plat) {
		strv_push(&plats, o->plat);
		strv_pushf(&porig, "lith configure -p %s", o->plat);
	} else {
		for (i = 0; i < k->ntargets; i++) {
			const struct target *tg = &k->targets[i];

			if (strcmp(tg->arch, arch) || strv_has(&plats, tg->plat))
				continue;
			strv_push(&plats, tg->plat);
			strv_pushf(&porig, "%s:%d:%d", k->path, tg->line, tg->col);
		}
	}
	if (!plats.n) {
		error("%s has no target for architecture %s: add one, or give -p", k->path, arch);
		goto out;
	}

	dir = xasprintf("%s/build/lith", app);
	if (mkdirs(dir)) {
		free(dir);
		goto out;
	}
	f.path = xasprintf("%s/kraft.defconfig", dir);
	free(dir);

	/* Architecture, platforms, name, libraries, then kraft.yaml's own kconfig entries. */
	sym = upper_sym("CONFIG_ARCH_", arch);
	if (o->arch)
		where = xasprintf("lith configure -m %s", arch);
	else if (o->plat)
		where = xasprintf("lith configure -p %s (architecture %s)", o->plat, arch);
	else
		where = xasprintf("%s:%d:%d", k->path, k->targets[0].line, k->targets[0].col);
	frag_add(&f, where, "%s=y%s", sym, "");
	free(sym);
	free(where);
	for (i = 0; i < t->plats.n; i++) {
		size_t j;

		sym = upper_sym("CONFIG_PLAT_", t->plats.v[i]);
		for (j = 0; j < plats.n && strcmp(plats.v[j], t->plats.v[i]); j++)
			;
		if (j < plats.n)
			frag_add(&f, porig.v[j], "%s=y%s", sym, "");
		else
			frag_add(&f, "lith", "# %s is not set%s", sym, "");
		free(sym);
	}
	if (k->name) {
		char *q = xasprintf("\"%s\"", k->name);

		where = xasprintf("%s: name", k->path);
		frag_add(&f, where, "CONFIG_APP_NAME=%s%s", q, "");
		free(where);
		free(q);
	}
	for (i = 0; i < k->nlibs; i++) {
		where = xasprintf("%s:%d:%d", k->path, k->libs[i].line, k->libs[i].col);
		frag_add(&f, where, "%s=y%s", k->libs[i].sym, "");
		free(where);
	}
	add_klist(&f, k, &k->kconfig);
	for (i = 0; i < k->nlibs; i++)
		add_klist(&f, k, &k->libs[i].kconfig);
	for (i = 0; i < k->nvols; i++)
		if (!is_dir(k->vols[i].path))
			fprintf(stderr,
				"%s:%d:%d: warning: volume '%s': folder %s does not exist "
				"(lith run needs it)\n",
				k->path, k->vols[i].line, k->vols[i].col, k->vols[i].name,
				k->vols[i].path);

	text = strv_join(&f.lines, "\n");
	where = xasprintf("# Generated by 'lith configure' from %s: do not edit.\n%s\n", k->path,
			  text);
	free(text);
	if (write_file(f.path, where)) {
		free(where);
		goto out;
	}
	free(where);

	make_argv(t, app, &av);
	strv_push(&av, "defconfig");
	strv_pushf(&av, "DEFCONFIG=%s", f.path);
	rc = run_lines(&av, defconfig_line, &f);
	if (rc || f.failed) {
		error("configuration failed: fix %s (or the options) and run 'lith configure' "
		      "again",
		      k->path);
		rc = 1;
		goto out;
	}
	opt = strv_join(&plats, ", ");
	printf("lith: configured %s for %s: %s (%s/.config)\n", k->name, arch, opt, app);
	free(opt);
out:
	strv_free(&av);
	strv_free(&plats);
	strv_free(&porig);
	strv_free(&f.lines);
	strv_free(&f.origins);
	free((char *)f.path);
	return rc;
}

struct progress {
	bool tty;
	int count, width;
	bool pending;
};

/* Build lines: "  CC      path" lines update one status line on a terminal. */
static void build_line(const char *line, void *arg)
{
	struct progress *p = arg;
	size_t n = strspn(line + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	bool step = !strncmp(line, "  ", 2) && n > 0 && line[2 + n] == ' ' &&
		    strncmp(line + 2, "IMAGE", 5);

	if (!p->tty) {
		printf("%s\n", line);
		return;
	}
	if (step) {
		p->count++;
		printf("\r\033[K[%3d] %.*s", p->count, p->width > 8 ? p->width - 8 : 72, line + 2);
		p->pending = true;
	} else {
		printf("%s%s\n", p->pending ? "\r\033[K" : "", line);
		p->pending = false;
	}
	fflush(stdout);
}

static time_t mtime(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_mtime;
}

int cmd_build(const struct tree *t, const struct kraft *k, const char *app, const struct options *o)
{
	char *cfg = xasprintf("%s/.config", app);
	struct progress p = { .tty = isatty(1) != 0, .width = 80 };
	struct strv av = { 0 };
	struct winsize ws;
	int rc;

	if (!is_file(cfg) || o->plat || o->arch) {
		if (!k) {
			error("%s is not configured and has no kraft.yaml: run 'lith configure'",
			      app);
			free(cfg);
			return 1;
		}
		if (!is_file(cfg))
			note("no .config yet: configuring from %s", k->path);
		rc = cmd_configure(t, k, app, o);
		if (rc) {
			free(cfg);
			return rc;
		}
	} else if (k && mtime(k->path) > mtime(cfg)) {
		note("%s is newer than .config: run 'lith configure' to apply it", k->path);
	}
	free(cfg);
	if (p.tty && !ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col)
		p.width = ws.ws_col;
	make_argv(t, app, &av);
	if (o->jobs > 0)
		strv_pushf(&av, "-j%d", o->jobs);
	rc = run_lines(&av, build_line, &p);
	if (p.pending)
		printf("\n");
	strv_free(&av);
	if (rc) {
		error("the build failed (make exited with %d)", rc);
		return 1;
	}
	return 0;
}

int dotconfig_load(const char *app, const struct tree *t, struct dotconfig *c)
{
	char *path = xasprintf("%s/.config", app), *text, *line, *save = NULL;
	size_t i;

	memset(c, 0, sizeof(*c));
	text = read_file(path, NULL);
	free(path);
	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, "CONFIG_", 7) && strchr(line, '='))
			strv_push(&c->lines, line);
	free(text);
	for (i = 0; i < t->archs.n && !c->arch; i++) {
		char *sym = upper_sym("CONFIG_ARCH_", t->archs.v[i]);
		const char *v = dotconfig_get(c, sym);

		if (v && !strcmp(v, "y"))
			c->arch = xstrdup(t->archs.v[i]);
		free(sym);
	}
	for (i = 0; i < t->plats.n; i++) {
		char *sym = upper_sym("CONFIG_PLAT_", t->plats.v[i]);
		const char *v = dotconfig_get(c, sym);

		if (v && !strcmp(v, "y"))
			strv_push(&c->plats, t->plats.v[i]);
		free(sym);
	}
	line = (char *)dotconfig_get(c, "CONFIG_APP_NAME");
	if (line && *line == '"') {
		char *o = c->app_name = xmalloc(strlen(line));

		for (line++; *line && *line != '"'; line++) {
			if (*line == '\\' && line[1])
				line++;
			*o++ = *line;
		}
	}
	return 0;
}

const char *dotconfig_get(const struct dotconfig *c, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < c->lines.n; i++)
		if (!strncmp(c->lines.v[i], name, n) && c->lines.v[i][n] == '=')
			return c->lines.v[i] + n + 1;
	return NULL;
}

void dotconfig_free(struct dotconfig *c)
{
	free(c->app_name);
	free(c->arch);
	strv_free(&c->plats);
	strv_free(&c->lines);
}
