/*
 * main.c -- yibao: command line, configuration layering, and the choice of mode
 * SPDX-License-Identifier: MIT
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calc.h"
#include "charset.h"
#include "config.h"
#include "content.h"
#include "export.h"
#include "input.h"
#include "nav.h"
#include "plain.h"
#include "render.h"
#include "../screens/screens.h"
#include "term.h"
#include "text.h"
#include "util.h"

#ifndef YIBAO_VERSION
#define YIBAO_VERSION "0.1.0"
#endif
#ifndef YIBAO_LIBVERSIONS
#define YIBAO_LIBVERSIONS "unknown library versions"
#endif
#ifndef YIBAO_DATADIR
#define YIBAO_DATADIR "/usr/local/share/yibao"
#endif
#ifndef YIBAO_SYSCONFDIR
#define YIBAO_SYSCONFDIR "/etc/yibao"
#endif

struct options {
	const char *config;
	const char *content;
	const char *region;
	const char *print;
	bool list, check, plain, kiosk;
	char **answers; /* "key=value" from --answer, for --print slip */
	size_t nanswers;
	const char *answer_code; /* --answer-code: the answers from a help-desk code */
	int width;               /* --width: columns of --print; 0: EXPORT_WIDTH */
};

static void usage(FILE *f)
{
	fputs("usage: yibao [OPTIONS]\n"
	      "  -c, --config FILE   config file\n"
	      "      --content DIR   content directory (overrides config)\n"
	      "      --region NAME   region profile from config/regions/NAME.ini\n"
	      "      --list          print every screen: code, id, kind, title; exit\n"
	      "      --print WHAT    render one screen (code or id) as plain text; exit\n"
	      "                      (WHAT = slip: the take-away slip for the --answer given)\n"
	      "      --width N       columns of --print (20-400; default 80)\n"
	      "      --answer K=V    an eligibility answer for --print slip (repeatable)\n"
	      "      --answer-code CODE  the eligibility answers of an answer code (its region\n"
	      "                      too, unless --region is given)\n"
	      "      --check         validate config and all content; exit 0 when clean, 1 if not\n"
	      "      --plain         line mode without curses\n"
	      "      --kiosk         shared-terminal mode: no export, idle timeout, nothing kept\n"
	      "  -V, --version       print version; exit\n"
	      "  -h, --help          print usage; exit\n",
	      f);
}

static int parse_args(int argc, char **argv, struct options *o)
{
	enum { O_CONTENT = 256, O_REGION, O_LIST, O_PRINT, O_CHECK, O_PLAIN, O_KIOSK, O_ANSWER,
	       O_ANSWER_CODE, O_WIDTH };
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"content", required_argument, NULL, O_CONTENT},
		{"region", required_argument, NULL, O_REGION},
		{"list", no_argument, NULL, O_LIST},
		{"print", required_argument, NULL, O_PRINT},
		{"check", no_argument, NULL, O_CHECK},
		{"plain", no_argument, NULL, O_PLAIN},
		{"kiosk", no_argument, NULL, O_KIOSK},
		{"answer", required_argument, NULL, O_ANSWER},
		{"answer-code", required_argument, NULL, O_ANSWER_CODE},
		{"width", required_argument, NULL, O_WIDTH},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->config = optarg;
			break;
		case O_CONTENT:
			o->content = optarg;
			break;
		case O_REGION:
			o->region = optarg;
			break;
		case O_LIST:
			o->list = true;
			break;
		case O_PRINT:
			o->print = optarg;
			break;
		case O_CHECK:
			o->check = true;
			break;
		case O_PLAIN:
			o->plain = true;
			break;
		case O_KIOSK:
			o->kiosk = true;
			break;
		case O_ANSWER:
			o->answers = xrealloc(o->answers, (o->nanswers + 1) * sizeof *o->answers);
			o->answers[o->nanswers++] = optarg;
			break;
		case O_ANSWER_CODE:
			o->answer_code = optarg;
			break;
		case O_WIDTH: {
			char *end;
			long w = strtol(optarg, &end, 10);

			if (end == optarg || *end != '\0' || w < 20 || w > 400) {
				fprintf(stderr, "yibao: --width %.20s: a number of columns from 20 to 400\n",
					optarg);
				return -1;
			}
			o->width = (int)w;
			break;
		}
		case 'V':
			printf("yibao %s\n%s; built with %s\n", YIBAO_VERSION, render_version(),
			       YIBAO_LIBVERSIONS);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			fprintf(stderr, "yibao: option %s needs a value (see yibao --help)\n",
				argv[optind - 1]);
			return -1;
		default:
			fprintf(stderr, "yibao: unknown option %s (see yibao --help)\n",
				argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "yibao: unexpected argument \"%s\" (see yibao --help)\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* The directory this binary lives in, for finding a source tree's files. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return util_dirname(buf);
}

/* Built-in defaults, then /etc (or the source tree's) file, the user's, then -c. */
static void load_config(struct config *c, const struct options *o, struct diags *d)
{
	char *dir = exe_dir();
	char *tree_ini = dir != NULL ? util_path_join(dir, "config/yibao.ini") : NULL;
	char *tree_content = dir != NULL ? util_path_join(dir, "content") : NULL;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *env = getenv("YIBAO_CONFIG");
	char *user = NULL;

	config_defaults(c);
	free(c->content_dir);
	free(c->regions_dir);
	c->content_dir = xstrdup(YIBAO_DATADIR "/content");
	c->regions_dir = xstrdup(YIBAO_DATADIR "/regions");
	if (tree_ini != NULL && util_is_file(tree_ini) && util_is_dir(tree_content))
		config_load(c, tree_ini, true, d);
	else
		config_load(c, YIBAO_SYSCONFDIR "/yibao.ini", false, d);
	if (xdg != NULL && xdg[0] == '/')
		user = xasprintf("%s/yibao/yibao.ini", xdg);
	else if (home != NULL && home[0] == '/')
		user = xasprintf("%s/.config/yibao/yibao.ini", home);
	if (user != NULL && !o->kiosk)
		config_load(c, user, false, d);
	if (o->config != NULL)
		config_load(c, o->config, true, d);
	else if (env != NULL && env[0] != '\0')
		config_load(c, env, true, d);
	if (!util_is_dir(c->content_dir) && dir != NULL) {
		/* Installed somewhere else than configured (a DESTDIR, a moved tree):
		 * look beside the binary, in ../share/yibao. */
		char *share = util_path_join(dir, "../share/yibao");
		char *content = util_path_join(share, "content");

		if (util_is_dir(content)) {
			free(c->content_dir);
			free(c->regions_dir);
			c->content_dir = content;
			c->regions_dir = util_path_join(share, "regions");
			content = NULL;
		}
		free(content);
		free(share);
	}
	if (o->content != NULL) {
		free(c->content_dir);
		c->content_dir = xstrdup(o->content);
	}
	if (o->kiosk)
		c->kiosk = true;
	free(user);
	free(dir);
	free(tree_ini);
	free(tree_content);
}

static int compare_codes(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);

		if (x != y)
			return x < y ? -1 : 1;
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
		if (*ea == '\0' || *eb == '\0')
			return (*ea == '\0') - (*eb == '\0') ? ((*ea == '\0') ? -1 : 1) : 0;
	}
	return (*a != '\0') - (*b != '\0');
}

static int cmp_screens(const void *x, const void *y)
{
	const struct screen *a = *(struct screen *const *)x, *b = *(struct screen *const *)y;

	return compare_codes(a->code, b->code);
}

static void list_screens(const struct guide *g)
{
	struct screen **v = xmalloc(g->nscreens * sizeof *v);

	memcpy(v, g->screens, g->nscreens * sizeof *v);
	qsort(v, g->nscreens, sizeof *v, cmp_screens);
	for (size_t i = 0; i < g->nscreens; i++) {
		char *line = xasprintf("%s\t%s\t%s\t%s\n", v[i]->code, v[i]->id,
				       kind_name(v[i]->kind), v[i]->title);

		charset_write(stdout, line);
		free(line);
	}
	free(v);
}

/* --answer K=V: K must be a wizard question and V one of its options. */
static int set_answers(struct app *a, const struct options *o)
{
	for (size_t i = 0; i < o->nanswers; i++) {
		const char *eq = strchr(o->answers[i], '=');
		bool known = false;

		for (size_t s = 0; eq != NULL && s < a->g->nscreens && !known; s++) {
			const struct screen *sc = content_get(a->g, (int)s);

			for (size_t b = 0; b < sc->nblocks && !known; b++) {
				const struct block *bl = &sc->blocks[b];

				if (bl->type != BLK_QUESTION ||
				    strncmp(bl->name, o->answers[i], (size_t)(eq - o->answers[i])) != 0 ||
				    bl->name[eq - o->answers[i]] != '\0')
					continue;
				for (size_t k = 0; k < bl->nopts && !known; k++)
					known = strcmp(bl->opts[k].value, eq + 1) == 0;
			}
		}
		if (!known) {
			fprintf(stderr, "yibao: --answer %s: no such question and option (see the wizard)\n",
				o->answers[i]);
			return -1;
		}
		{
			char *key = xstrndup(o->answers[i], (size_t)(eq - o->answers[i]));

			answers_set(&a->answers, key, eq + 1);
			free(key);
		}
	}
	return 0;
}

/* --answer-code CODE: the answers of a help-desk code, or why not on stderr. */
static int set_answer_code(struct app *a, const char *code)
{
	char *msg = NULL;
	int rc = screens_answer_code_set(a, code, &msg);

	if (rc < 0) {
		char *line = xasprintf("yibao: --answer-code %s: %s\n", code, msg);

		charset_write(stderr, line);
		free(line);
	}
	free(msg);
	return rc;
}

static int print_screen(struct app *a, const char *what, int width)
{
	int idx = content_find(a->g, what);
	struct strbuf sb = {0};

	if (strcmp(what, "slip") == 0) {
		screens_open_slip(a);
	} else if (idx < 0) {
		fprintf(stderr, "yibao: no screen \"%s\" (see yibao --list)\n", what);
		return 1;
	} else {
		nav_push(a, idx);
	}
	export_text(a, nav_top(a), width > 0 ? width : EXPORT_WIDTH, &sb);
	charset_write(stdout, sb.s);
	sb_free(&sb);
	return 0;
}

static bool want_plain(const struct options *o)
{
	const char *term = getenv("TERM");

	if (o->plain || term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0 ||
	    !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		return true;
	if (!term_usable(term)) {
		fprintf(stderr, "yibao: terminal type \"%.40s\" is unknown here; using line mode\n",
			term);
		return true;
	}
	return false;
}

/* The fatal hook: put the terminal back before the last words. */
static void restore_terminal(void)
{
	render_stop(false);
	term_restore();
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct config cfg;
	struct diags d = {0};
	struct guide *g;
	struct app a;
	int rc = 0;

	if (parse_args(argc, argv, &o) < 0)
		return 2;
	term_harden(o.kiosk);
	text_init_locale();
	load_config(&cfg, &o, &d);
	if (config_load_region(&cfg, o.region != NULL ? o.region : cfg.region, &d) < 0 &&
	    o.region != NULL && !o.check) {
		diags_print(&d);
		diags_free(&d);
		config_free(&cfg);
		return 2;
	}
	if (term_needs_ascii(getenv("TERM")))
		cfg.ascii_borders = true;
	if (!charset_setup(cfg.charset))
		diags_add(&d, "yibao", 0, "charset gb18030: no GB18030 locale installed; using UTF-8");
	g = content_load(cfg.content_dir, cfg.profile.name, config_lookup, &cfg);
	if (o.answer_code != NULL && o.region == NULL) {
		/* A code carries its region: show what the caller saw. */
		char *r = screens_answer_code_region(&cfg, g, o.answer_code);

		if (r != NULL && config_load_region(&cfg, r, &d) == 0) {
			content_free(g);
			g = content_load(cfg.content_dir, cfg.profile.name, config_lookup, &cfg);
		}
		free(r);
	}
	if (o.check) {
		struct calc_profile cp;
		char *bad = NULL;

		calc_profile_read(&cp, &cfg.profile.reimburse, &bad);
		if (bad != NULL) {
			char *f = xasprintf("%s/%s.ini", cfg.regions_dir, cfg.profile.name);

			diags_add(&d, f, 0, "[reimburse]: cannot read %s (a percent like 65, a range like 50-70, or yuan)",
				  bad);
			free(f);
			free(bad);
		}
		screens_answer_code_check(&cfg, g, &d);
		diags_print(&d);
		diags_print(&g->diags);
		rc = (d.n > 0 || g->diags.n > 0) ? 1 : 0;
		goto out;
	}
	/* Problems are said once, before the screen starts; the rest still works. */
	diags_print(&d);
	diags_print(&g->diags);
	if (g->nscreens == 0) {
		fprintf(stderr, "yibao: no usable content in %s\n", cfg.content_dir);
		rc = 1;
		goto out;
	}
	if (o.list) {
		list_screens(g);
		goto out;
	}
	/* Checked: from here on a session holds only the screens it opens. */
	content_unload(g);
	malloc_trim(0);
	app_init(&a, &cfg, g);
	if (o.nanswers > 0 && set_answers(&a, &o) < 0) {
		rc = 2;
	} else if (o.answer_code != NULL && set_answer_code(&a, o.answer_code) < 0) {
		rc = 2;
	} else if (o.print != NULL) {
		rc = print_screen(&a, o.print, o.width);
	} else if (want_plain(&o)) {
		rc = plain_run(&a, stdin, stdout);
	} else {
		if (cfg.kiosk && !o.kiosk)
			term_harden(true);
		term_save();
		util_set_fatal_hook(restore_terminal);
		if (render_start(&a) < 0) {
			rc = plain_run(&a, stdin, stdout);
		} else {
			rc = input_run(&a);
			/* Kiosk: the next person finds nothing, not even scrollback. */
			if (cfg.kiosk)
				app_wipe_session(&a);
			render_stop(cfg.kiosk);
		}
		term_restore();
	}
	app_free(&a);
out:
	free(o.answers);
	content_free(g);
	diags_free(&d);
	config_free(&cfg);
	return rc;
}
