/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lith: from a kraft.yaml to a running unikernel.
 *   lith [-C APPDIR] [-f KRAFT.YAML] COMMAND [OPTIONS]
 * Commands: configure, menuconfig, build, clean, run, list (lith help).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lith.h"

static const char usage_text[] =
	"usage: lith [-C APPDIR] [-f KRAFT.YAML] COMMAND [OPTIONS]\n"
	"  configure [-p PLAT] [-m ARCH]   write .config from kraft.yaml (all targets of the\n"
	"                                  architecture, or platform PLAT only)\n"
	"  menuconfig                      edit .config in the menu\n"
	"  build [-j N] [-p PLAT] [-m ARCH] build every configured platform's image\n"
	"                                  (configures first when there is no .config)\n"
	"  clean [--all]                   remove build/ (--all: and .config)\n"
	"  run [-p PLAT] [-m ARCH] [-M MB] [-D] [--xenhost] [-- APP ARGS]\n"
	"                                  run the image; -D prints what would run; the\n"
	"                                  guest's exit status is lith's\n"
	"  list                            architectures, platforms and libraries\n"
	"APPDIR defaults to the current folder, KRAFT.YAML to APPDIR/kraft.yaml.\n";

static int usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

static const char *strip_name(const char *desc, const char *name)
{
	size_t n = strlen(name);

	if (!strncmp(desc, name, n) && desc[n] == ':' && desc[n + 1] == ' ')
		return desc + n + 2;
	return desc;
}

static void list_one(const char *title, const struct strv *names, const struct strv *descs)
{
	size_t i;

	printf("%s:\n", title);
	for (i = 0; i < names->n; i++)
		printf("  %-10s %s\n", names->v[i], strip_name(descs->v[i], names->v[i]));
}

static int cmd_list(const struct tree *t)
{
	list_one("Architectures (-m)", &t->archs, &t->arch_desc);
	list_one("Platforms (-p)", &t->plats, &t->plat_desc);
	list_one("Libraries (kraft.yaml 'libraries:')", &t->libs, &t->lib_desc);
	return 0;
}

enum {
	O_PLAT = 1,
	O_ARCH = 2,
	O_MEM = 4,
	O_DRY = 8,
	O_XENHOST = 16,
	O_JOBS = 32,
	O_ARGS = 64,
	O_ALL = 128
};

static int positive(const char *opt, const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*end || n <= 0 || n > 1 << 20) {
		error("%s needs a positive number, not '%s'", opt, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* Options of a command; allowed is a mask of O_*. */
static int parse_opts(int argc, char **argv, unsigned allowed, struct options *o, bool *all)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		unsigned kind = 0;

		if (!strcmp(a, "-p") || !strcmp(a, "--platform") || !strcmp(a, "--plat"))
			kind = O_PLAT;
		else if (!strcmp(a, "-m") || !strcmp(a, "--arch") || !strcmp(a, "--architecture"))
			kind = O_ARCH;
		else if (!strcmp(a, "-M") || !strcmp(a, "--memory"))
			kind = O_MEM;
		else if (!strcmp(a, "-D") || !strcmp(a, "--dry-run"))
			kind = O_DRY;
		else if (!strcmp(a, "--xenhost"))
			kind = O_XENHOST;
		else if (!strcmp(a, "-j") || !strcmp(a, "--jobs"))
			kind = O_JOBS;
		else if (!strcmp(a, "--"))
			kind = O_ARGS;
		else if (!strcmp(a, "--all") || !strcmp(a, "-a"))
			kind = O_ALL;
		if (!(kind & allowed)) {
			error("unknown option or argument '%s' (see 'lith help')", a);
			return -1;
		}
		if ((kind & (O_PLAT | O_ARCH | O_MEM | O_JOBS)) && !v) {
			error("%s needs a value", a);
			return -1;
		}
		switch (kind) {
		case O_PLAT:
			o->plat = v;
			i++;
			break;
		case O_ARCH:
			o->arch = strcmp(v, "aarch64") ? v : "arm64";
			i++;
			break;
		case O_MEM:
			if (positive(a, v, &o->mem_mb))
				return -1;
			i++;
			break;
		case O_JOBS:
			if (positive(a, v, &o->jobs))
				return -1;
			i++;
			break;
		case O_DRY:
			o->dry = true;
			break;
		case O_XENHOST:
			o->xenhost = true;
			break;
		case O_ALL:
			*all = true;
			break;
		case O_ARGS:
			for (i++; i < argc; i++)
				strv_push(&o->args, argv[i]);
			break;
		}
	}
	return 0;
}

/* A path as the user would type it: relative to the current folder when inside it. */
static char *display_path(char *p)
{
	char *cwd = getcwd(NULL, 0), *s = p;
	size_t n = cwd ? strlen(cwd) : 0;

	if (cwd && n > 1 && !strncmp(p, cwd, n) && p[n] == '/' && p[n + 1]) {
		s = xstrdup(p + n + 1);
		free(p);
	}
	free(cwd);
	return s;
}

static char *find_kraft(const char *app)
{
	char *p = xasprintf("%s/kraft.yaml", app);

	if (is_file(p))
		return display_path(p);
	free(p);
	p = xasprintf("%s/kraft.yml", app);
	if (is_file(p))
		return display_path(p);
	free(p);
	return NULL;
}

int main(int argc, char **argv)
{
	const char *appdir = ".", *kpath = NULL, *cmd;
	struct options o = { 0 };
	struct tree t = { 0 };
	struct kraft k;
	bool have_k = false, all = false;
	char *app = NULL, *kfile = NULL;
	unsigned allowed;
	int i = 1, rc = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			appdir = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			kpath = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else {
			error("unknown option '%s'", argv[i]);
			return usage();
		}
	}
	if (i >= argc)
		return usage();
	cmd = argv[i++];
	if (!strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(cmd, "configure"))
		allowed = O_PLAT | O_ARCH;
	else if (!strcmp(cmd, "build"))
		allowed = O_PLAT | O_ARCH | O_JOBS;
	else if (!strcmp(cmd, "run"))
		allowed = O_PLAT | O_ARCH | O_MEM | O_DRY | O_XENHOST | O_ARGS;
	else if (!strcmp(cmd, "clean"))
		allowed = O_ALL;
	else if (!strcmp(cmd, "menuconfig") || !strcmp(cmd, "list"))
		allowed = 0;
	else {
		error("unknown command '%s' (valid: configure, menuconfig, build, clean, run, list, "
		      "help)",
		      cmd);
		return 2;
	}
	if (parse_opts(argc - i, argv + i, allowed, &o, &all)) {
		strv_free(&o.args);
		return 2;
	}
	if (tree_load(&t))
		goto out;
	if (!strcmp(cmd, "list")) {
		rc = cmd_list(&t);
		goto out;
	}
	app = realpath(appdir, NULL);
	if (!app || !is_dir(app)) {
		error("%s: no such application folder", appdir);
		goto out;
	}
	kfile = kpath ? xstrdup(kpath) : find_kraft(app);
	if (kpath && !is_file(kpath)) {
		error("%s: no such file", kpath);
		goto out;
	}
	if (!kfile && !strcmp(cmd, "configure")) {
		error("no kraft.yaml in %s (give one with -f)", app);
		goto out;
	}
	if (kfile && strcmp(cmd, "clean") && strcmp(cmd, "menuconfig")) {
		if (kraft_load(kfile, &t, &k)) {
			kraft_free(&k);
			goto out;
		}
		have_k = true;
	}
	if (!strcmp(cmd, "configure"))
		rc = cmd_configure(&t, &k, app, &o);
	else if (!strcmp(cmd, "build"))
		rc = cmd_build(&t, have_k ? &k : NULL, app, &o);
	else if (!strcmp(cmd, "run"))
		rc = cmd_run(&t, have_k ? &k : NULL, app, &o);
	else if (!strcmp(cmd, "clean"))
		rc = make_target(&t, app, all ? "distclean" : "clean") ? 1 : 0;
	else
		rc = make_target(&t, app, "menuconfig") ? 1 : 0;
out:
	if (have_k)
		kraft_free(&k);
	tree_free(&t);
	free(app);
	free(kfile);
	strv_free(&o.args);
	return rc;
}
