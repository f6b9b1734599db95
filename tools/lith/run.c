/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lith run: the image of one configured platform, started the way that platform wants:
 *   linuxu  the ELF itself, with the application's arguments;
 *   kvm     x86_64: tools/qemu-guest (the guest's exit status comes back through QEMU's
 *           isa-debug-exit device); arm64: qemu-system-aarch64 -machine virt. Volumes are
 *           virtio-9p shares whose mount tag is the volume's name;
 *   xen     an xl configuration (build/lith/<image>.xl.cfg), then `xl create -c` on a Xen
 *           host, or the Xen test host (tests/xenhost/run.sh) with --xenhost.
 * -D prints what would run instead of running it. The guest's exit status is lith's.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lith.h"

struct runctx {
	const struct tree *t;
	const struct kraft *k;
	const struct options *o;
	const char *app, *plat, *arch, *name;
	char *image;
};

/* Application arguments as one command-line string the boot library splits back:
 * blanks separate words, double quotes group, backslash escapes. */
static char *cmdline_args(const struct strv *args)
{
	struct strv words = { 0 };
	size_t i;
	char *s;

	for (i = 0; i < args->n; i++) {
		const char *a = args->v[i], *p;
		char *q, *o;

		if (*a && !strpbrk(a, " \t\n\"\\")) {
			strv_push(&words, a);
			continue;
		}
		q = o = xmalloc(2 * strlen(a) + 3);
		*o++ = '"';
		for (p = a; *p; p++) {
			if (*p == '"' || *p == '\\')
				*o++ = '\\';
			*o++ = *p;
		}
		*o = '"';
		strv_push(&words, q);
		free(q);
	}
	s = strv_join(&words, " ");
	strv_free(&words);
	return s;
}

static int check_volumes(const struct runctx *r)
{
	size_t i;
	int bad = 0;

	for (i = 0; r->k && i < r->k->nvols; i++) {
		const struct volume *v = &r->k->vols[i];

		if (!is_dir(v->path)) {
			fprintf(stderr, "%s:%d:%d: error: volume '%s': folder %s does not exist\n",
				r->k->path, v->line, v->col, v->name, v->path);
			bad = 1;
		}
	}
	return bad;
}

static int finish(const struct runctx *r, const struct strv *av)
{
	if (r->o->dry) {
		print_cmd(stdout, av);
		return 0;
	}
	return run_cmd(av);
}

/* The volume that becomes the root filesystem: the one named fs0, else the first. */
static const struct volume *root_volume(const struct kraft *k)
{
	size_t i;

	for (i = 0; k && i < k->nvols; i++)
		if (!strcmp(k->vols[i].name, "fs0"))
			return &k->vols[i];
	return k && k->nvols ? &k->vols[0] : NULL;
}

static int run_linuxu(const struct runctx *r, const struct dotconfig *c)
{
	const char *hostfs = dotconfig_get(c, "CONFIG_LIBVFS_ROOTFS_HOSTFS");
	const struct volume *root = root_volume(r->k);
	struct strv av = { 0 };
	size_t i;
	int rc;

	if (r->o->mem_mb)
		note("-M is ignored on linuxu: the heap is CONFIG_LINUXU_HEAP_MB");
	strv_push(&av, r->image);
	/* linuxu has no 9p: with hostfs, the root volume's folder is the root (lith.root=). */
	if (root && hostfs && !strcmp(hostfs, "y")) {
		strv_pushf(&av, "lith.root=%s", root->path);
		strv_push(&av, "--");
	} else if (root) {
		note("volumes are shared on linuxu only with CONFIG_LIBVFS_ROOTFS_HOSTFS=y");
	}
	for (i = 0; i < r->o->args.n; i++)
		strv_push(&av, r->o->args.v[i]);
	rc = finish(r, &av);
	strv_free(&av);
	return rc;
}

static int run_kvm(const struct runctx *r)
{
	struct strv av = { 0 };
	char *guest = xasprintf("%s/tools/qemu-guest", r->t->root), *args = NULL;
	size_t i, extra_at = 0;
	int rc;

	if (r->o->args.n) {
		char *a = cmdline_args(&r->o->args);

		args = xasprintf("-- %s", a);
		free(a);
	}
	if (!strcmp(r->arch, "arm64")) {
		/* tools/qemu-guest boots x86_64 images; arm64 runs on the virt machine. */
		strv_push(&av, "qemu-system-aarch64");
		strv_push(&av, "-machine");
		strv_push(&av, "virt");
		strv_push(&av, "-cpu");
		strv_push(&av, "max");
		strv_push(&av, "-m");
		strv_pushf(&av, "%d", r->o->mem_mb ? r->o->mem_mb : 128);
		strv_push(&av, "-kernel");
		strv_push(&av, r->image);
		strv_push(&av, "-nographic");
		strv_push(&av, "-no-reboot");
		if (args) {
			strv_push(&av, "-append");
			strv_push(&av, args);
		}
		for (i = 0; r->k && i < r->k->nvols; i++) {
			const struct volume *v = &r->k->vols[i];

			strv_push(&av, "-fsdev");
			strv_pushf(&av, "local,id=%s,path=%s,security_model=none", v->name,
				   v->path);
			strv_push(&av, "-device");
			strv_pushf(&av, "virtio-9p-device,fsdev=%s,mount_tag=%s", v->name, v->name);
		}
	} else {
		bool extra = false;

		if (!is_exec(guest)) {
			error("%s is missing: the KVM runner is part of the KVM platform", guest);
			free(guest);
			free(args);
			return 1;
		}
		strv_push(&av, guest);
		strv_push(&av, "-k");
		strv_push(&av, r->image);
		if (args) {
			strv_push(&av, "-a");
			strv_push(&av, args);
		}
		if (r->o->mem_mb) {
			strv_push(&av, "-m");
			strv_pushf(&av, "%d", r->o->mem_mb);
		}
		/* The volume named fs0 is qemu-guest's -e share; others go after --. */
		for (i = 0; r->k && i < r->k->nvols; i++) {
			if (!strcmp(r->k->vols[i].name, "fs0")) {
				strv_push(&av, "-e");
				strv_push(&av, r->k->vols[i].path);
			}
		}
		for (i = 0; r->k && i < r->k->nvols; i++) {
			const struct volume *v = &r->k->vols[i];

			if (!strcmp(v->name, "fs0"))
				continue;
			if (!extra) {
				extra_at = av.n;
				strv_push(&av, "--");
			}
			extra = true;
			strv_push(&av, "-fsdev");
			strv_pushf(&av, "local,id=%s,path=%s,security_model=none", v->name,
				   v->path);
			strv_push(&av, "-device");
			strv_pushf(&av, "virtio-9p-pci,fsdev=%s,mount_tag=%s", v->name, v->name);
		}
	}
	if (r->o->dry) {
		/* What lith runs, then (from qemu-guest -D) the QEMU command it becomes. */
		print_cmd(stdout, &av);
		if (strcmp(r->arch, "arm64")) {
			struct strv dv = { 0 };

			for (i = 0; i < av.n; i++) {
				if (extra_at && i == extra_at)
					strv_push(&dv, "-D");
				strv_push(&dv, av.v[i]);
			}
			if (!extra_at)
				strv_push(&dv, "-D");
			rc = run_cmd(&dv);
			strv_free(&dv);
		} else {
			rc = 0;
		}
	} else {
		rc = run_cmd(&av);
	}
	strv_free(&av);
	free(guest);
	free(args);
	return rc;
}

static char *xl_escape(const char *s)
{
	char *q = xmalloc(2 * strlen(s) + 1), *o = q;

	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	return q;
}

static char *xen_config(const struct runctx *r, const struct dotconfig *c)
{
	const char *mem = dotconfig_get(c, "CONFIG_XEN_MEMORY_MB");
	const char *cmd = dotconfig_get(c, "CONFIG_XEN_CMDLINE");
	const char *crash = dotconfig_get(c, "CONFIG_XEN_ON_CRASH");
	const char *pvh = dotconfig_get(c, "CONFIG_XEN_PVH");
	char *extra, *e, *name = xl_escape(r->name), *img = xl_escape(r->image), *s, *p9 = NULL;
	size_t i;

	/* .config strings are already in double quotes, escaped the same way. */
	extra = xstrdup(cmd && strlen(cmd) >= 2 ? cmd + 1 : "\"");
	extra[strlen(extra) - 1] = '\0';
	if (r->o->args.n) {
		char *a = cmdline_args(&r->o->args), *esc = xl_escape(a);
		bool dashes = !strcmp(extra, "--") || strstr(extra, " -- ") ||
			      !strncmp(extra, "-- ", 3) ||
			      (strlen(extra) >= 3 && !strcmp(extra + strlen(extra) - 3, " --"));

		if (dashes)
			e = xasprintf("%s %s", extra, esc);
		else
			e = xasprintf("%s%s-- %s", extra, *extra ? " " : "", esc);
		free(extra);
		extra = e;
		free(a);
		free(esc);
	}
	for (i = 0; r->k && i < r->k->nvols; i++) {
		const struct volume *v = &r->k->vols[i];
		char *path = xl_escape(v->path);

		s = xasprintf("%s%s\"tag=%s,security_model=none,path=%s\"", p9 ? p9 : "",
			      p9 ? ", " : "", v->name, path);
		free(p9);
		free(path);
		p9 = s;
	}
	s = xasprintf("# Written by 'lith run -p xen' from %s/.config%s%s.\n"
		      "# xl create -c <this file>; lith reads the guest's exit status from\n"
		      "# xenstore (data/lith/exit_status), then destroys the domain.\n"
		      "name = \"%s\"\n"
		      "type = \"%s\"\n"
		      "kernel = \"%s\"\n"
		      "memory = %d\n"
		      "vcpus = 1\n"
		      "on_poweroff = \"preserve\"\n"
		      "on_reboot = \"destroy\"\n"
		      "on_crash = %s\n"
		      "extra = \"%s\"\n"
		      "%s%s%s",
		      r->app, r->k ? " and " : "", r->k ? r->k->path : "", name,
		      pvh && !strcmp(pvh, "y") ? "pvh" : "pv", img,
		      r->o->mem_mb ? r->o->mem_mb : (mem ? atoi(mem) : 32),
		      crash ? crash : "\"destroy\"", extra, p9 ? "p9 = [ " : "", p9 ? p9 : "",
		      p9 ? " ]\n" : "");
	free(extra);
	free(name);
	free(img);
	free(p9);
	return s;
}

/* The first line of a command's output, or NULL. */
static void first_line(const char *line, void *arg)
{
	char **out = arg;

	if (!*out)
		*out = xstrdup(line);
}

static int xl_run(const struct runctx *r, const char *cfg)
{
	struct strv av = { 0 };
	char *domid = NULL, *status = NULL;
	int rc;

	strv_push(&av, "xl");
	strv_push(&av, "create");
	strv_push(&av, "-c");
	strv_push(&av, cfg);
	rc = run_cmd(&av);
	strv_free(&av);
	if (rc)
		return rc;
	strv_push(&av, "xl");
	strv_push(&av, "domid");
	strv_push(&av, r->name);
	if (run_lines(&av, first_line, &domid) || !domid) {
		strv_free(&av);
		free(domid);
		return 0; /* already gone: no status to read */
	}
	strv_free(&av);
	strv_push(&av, "xenstore-read");
	strv_pushf(&av, "/local/domain/%s/data/lith/exit_status", domid);
	rc = run_lines(&av, first_line, &status) || !status ? 0 : atoi(status) & 0xff;
	strv_free(&av);
	strv_push(&av, "xl");
	strv_push(&av, "destroy");
	strv_push(&av, r->name);
	run_cmd(&av);
	strv_free(&av);
	free(domid);
	free(status);
	return rc;
}

static int run_xen(const struct runctx *r, const struct dotconfig *c)
{
	char *dir = xasprintf("%s/build/lith", r->app), *cfg, *text;
	char *host = xasprintf("%s/tests/xenhost/run.sh", r->t->root);
	bool xl = in_path("xl");
	struct strv av = { 0 };
	size_t i;
	int rc = 0;

	cfg = xasprintf("%s/%s_xen-%s.xl.cfg", dir, r->name, r->arch);
	text = xen_config(r, c);
	if (mkdirs(dir) || write_file(cfg, text)) {
		rc = 1;
		goto out;
	}
	if (r->o->xenhost) {
		strv_push(&av, host);
		for (i = 0; r->k && i < r->k->nvols; i++) {
			strv_push(&av, "-f");
			strv_push(&av, r->k->vols[i].path);
		}
		strv_push(&av, r->image);
		strv_push(&av, cfg);
	} else {
		strv_push(&av, "xl");
		strv_push(&av, "create");
		strv_push(&av, "-c");
		strv_push(&av, cfg);
	}
	if (r->o->dry) {
		printf("# %s\n%s", cfg, text);
		print_cmd(stdout, &av);
		if (!xl && !r->o->xenhost)
			note("xl is not on this host: add --xenhost to boot on the Xen test host");
		goto out;
	}
	if (r->o->xenhost) {
		rc = run_cmd(&av);
	} else if (xl) {
		rc = xl_run(r, cfg);
	} else {
		error("xl is not on this host (not a Xen dom0). The xl configuration is %s.\n"
		      "  Boot it on the Xen test host (Xen 4.17 inside QEMU):\n"
		      "    lith run -p xen --xenhost\n"
		      "  or: %s %s %s",
		      cfg, host, r->image, cfg);
		rc = 1;
	}
out:
	strv_free(&av);
	free(text);
	free(cfg);
	free(dir);
	free(host);
	return rc;
}

int cmd_run(const struct tree *t, const struct kraft *k, const char *app, const struct options *o)
{
	struct runctx r = { .t = t, .k = k, .o = o, .app = app };
	struct dotconfig c;
	size_t i;
	int rc = 1;

	if (o->plat && !strv_has(&t->plats, o->plat)) {
		char *l = strv_join(&t->plats, ", ");

		error("unknown platform '%s' (-p; valid: %s)", o->plat, l);
		free(l);
		return 2;
	}
	if (o->arch && !strv_has(&t->archs, o->arch)) {
		char *l = strv_join(&t->archs, ", ");

		error("unknown architecture '%s' (-m; valid: %s)", o->arch, l);
		free(l);
		return 2;
	}
	if (dotconfig_load(app, t, &c)) {
		error("%s is not configured: run 'lith configure', then 'lith build' first", app);
		return 1;
	}
	r.name = c.app_name ? c.app_name : (k ? k->name : NULL);
	r.arch = c.arch;
	if (!r.name || !r.arch || !c.plats.n) {
		error("%s/.config names no image, architecture or platform: run 'lith configure'",
		      app);
		goto out;
	}
	if (o->arch && strcmp(o->arch, c.arch)) {
		error("the configuration is for %s, not %s: run 'lith configure -m %s' and "
		      "'lith build' first",
		      c.arch, o->arch, o->arch);
		goto out;
	}
	if (o->plat) {
		if (!strv_has(&c.plats, o->plat)) {
			error("platform %s is not configured: run 'lith configure -p %s' and "
			      "'lith build' first",
			      o->plat, o->plat);
			goto out;
		}
		r.plat = o->plat;
	}
	/* Without -p: the first target of kraft.yaml that is configured, else the first. */
	for (i = 0; !r.plat && k && i < k->ntargets; i++)
		if (strv_has(&c.plats, k->targets[i].plat) && !strcmp(k->targets[i].arch, c.arch))
			r.plat = k->targets[i].plat;
	if (!r.plat)
		r.plat = c.plats.v[0];
	r.image = xasprintf("%s/build/%s_%s-%s", app, r.name, r.plat, r.arch);
	if (!is_file(r.image)) {
		if (o->dry) {
			note("%s is not built yet: run 'lith build' first", r.image);
		} else {
			error("%s is not built yet: run 'lith build' first", r.image);
			goto out;
		}
	}
	if (!o->dry && check_volumes(&r))
		goto out;
	if (!strcmp(r.plat, "linuxu"))
		rc = run_linuxu(&r, &c);
	else if (!strcmp(r.plat, "kvm"))
		rc = run_kvm(&r);
	else if (!strcmp(r.plat, "xen"))
		rc = run_xen(&r, &c);
	else
		error("lith does not know how to run platform %s yet", r.plat);
out:
	free(r.image);
	dotconfig_free(&c);
	return rc;
}
