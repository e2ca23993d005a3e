/*
 * main.c -- yibao: command line, configuration layering, and the choice of mode
 * SPDX-License-Identifier: MIT
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "charset.h"
#include "config.h"
#include "mode.h"
#include "nav.h"
#include "render.h"
#include "report.h"
#include "session.h"
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

static void usage(FILE *f)
{
	fputs("usage: yibao [OPTIONS]\n"
	      "      --config FILE   config file (no short form: a login shell gets -c)\n"
	      "      --content PATH  content: a bundle file, or a directory packed in memory\n"
	      "                      (the operator's choice: no signature needed)\n"
	      "      --region NAME   region profile from config/regions/NAME.ini\n"
	      "      --list          print every screen: code, id, kind, title; exit\n"
	      "      --print WHAT    render one screen (code or id) as plain text; exit\n"
	      "                      (WHAT = slip: the take-away slip for the --answer given)\n"
	      "      --width N       columns of --print (20-400; default 80)\n"
	      "      --answer K=V    an eligibility answer for --print slip (repeatable)\n"
	      "      --answer-code CODE  the eligibility answers of an answer code (its region\n"
	      "                      too, unless --region is given)\n"
	      "      --check         validate config and all content; exit 0 when clean, 1 if not\n"
	      "      --update        fetch, verify, install a newer signed bundle ([update]);\n"
	      "                      exit 0 installed, 3 up to date, 4 network, 5 bad\n"
	      "                      signature, 6 older, 7 expired, 8 too big, 1 other\n"
	      "      --install-update  as root: install what --update fetched into [update]\n"
	      "                      download_dir, verified again, into state_dir (same exits)\n"
	      "      --pack OUT      check the content directory for every region profile and,\n"
	      "                      when clean, write the bundle OUT; exit 0, or 1 (nothing written)\n"
	      "      --plain         line mode without curses\n"
	      "      --kiosk         shared-terminal mode: no export, idle timeout, nothing kept\n"
	      "  -V, --version       print version and the content bundle's version; exit\n"
	      "  -h, --help          print usage; exit\n",
	      f);
}

static int parse_args(int argc, char **argv, struct options *o)
{
	enum {
		O_CONFIG = 256,
		O_CONTENT,
		O_REGION,
		O_LIST,
		O_PRINT,
		O_CHECK,
		O_PLAIN,
		O_KIOSK,
		O_ANSWER,
		O_ANSWER_CODE,
		O_PACK,
		O_UPDATE,
		O_INSTALL,
		O_WIDTH
	};
	static const struct option longopts[] = {
		{"config", required_argument, NULL, O_CONFIG},
		{"content", required_argument, NULL, O_CONTENT},
		{"region", required_argument, NULL, O_REGION},
		{"list", no_argument, NULL, O_LIST},
		{"print", required_argument, NULL, O_PRINT},
		{"check", no_argument, NULL, O_CHECK},
		{"plain", no_argument, NULL, O_PLAIN},
		{"kiosk", no_argument, NULL, O_KIOSK},
		{"answer", required_argument, NULL, O_ANSWER},
		{"answer-code", required_argument, NULL, O_ANSWER_CODE},
		{"pack", required_argument, NULL, O_PACK},
		{"update", no_argument, NULL, O_UPDATE},
		{"install-update", no_argument, NULL, O_INSTALL},
		{"width", required_argument, NULL, O_WIDTH},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":Vh", longopts, NULL)) != -1) {
		switch (c) {
		case O_CONFIG:
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
		case O_UPDATE:
			o->update = true;
			break;
		case O_INSTALL:
			o->install = true;
			break;
		case O_ANSWER:
			o->answers = xrealloc(o->answers, (o->nanswers + 1) * sizeof *o->answers);
			o->answers[o->nanswers++] = optarg;
			break;
		case O_ANSWER_CODE:
			o->answer_code = optarg;
			break;
		case O_PACK:
			o->pack = optarg;
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
			o->version = true;
			break;
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

/* True when the words of cmd (split at blanks) include word. */
static bool has_word(const char *cmd, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = cmd; *p != '\0';) {
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/*
 * Started as a login shell: argv[0] begins with '-' (login, sshd without a
 * command), or the first argument is "-c" (sshd runs "SHELL -c COMMAND" for a
 * client's command and for a ForceCommand; su, scp and rsync do the same).
 * The command is the client's words, not options: none of it is used, but a
 * "--kiosk" word (a ForceCommand "/usr/bin/yibao --kiosk") turns kiosk on,
 * which only takes freedom away from whoever typed it.
 */
static bool login_shell(int argc, char **argv, bool *kiosk)
{
	*kiosk = false;
	if (argc < 1 || argv[0] == NULL)
		return true;
	if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
		*kiosk = argc >= 3 && has_word(argv[2], "--kiosk");
		return true;
	}
	return argv[0][0] == '-';
}

/*
 * A file (or directory) that only its owner can change, and the owner is root
 * or whoever runs us: something a configuration may be taken from.
 */
static bool owner_only(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && (st.st_uid == 0 || st.st_uid == geteuid()) &&
	       (st.st_mode & S_IWOTH) == 0;
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

/*
 * Built-in defaults, then the system file (/etc, or a source tree's: the
 * config/yibao.ini beside the binary, when no one else can change it), the
 * user's, then --config or $YIBAO_CONFIG; each followed by its drop-ins, the
 * *.ini files of FILE.d. Once the system file (or a drop-in of it) or --kiosk says kiosk, or
 * when started as a login shell, nothing the user controls is read: no user file
 * or drop-in, no $YIBAO_CONFIG, and no later file can switch kiosk off. A bad
 * value for a guarding setting in the system's files (and in --config's, given
 * by a ForceCommand to a locked session) fails closed: kiosk, the safe value.
 */
static void load_config(struct config *c, const struct options *o, struct diags *d)
{
	char *dir = exe_dir();
	char *tree_conf = dir != NULL ? util_path_join(dir, "config") : NULL;
	char *tree_ini = dir != NULL ? util_path_join(dir, "config/yibao.ini") : NULL;
	char *tree_content = dir != NULL ? util_path_join(dir, "content") : NULL;
	bool locked, sys_kiosk;

	config_defaults(c);
	free(c->content_dir);
	free(c->regions_dir);
	c->content_dir = xstrdup(YIBAO_DATADIR "/content");
	c->regions_dir = xstrdup(YIBAO_DATADIR "/regions");
	c->bundle = xstrdup(YIBAO_DATADIR "/" BUNDLE_FILE);
	if (tree_ini != NULL && util_is_file(tree_ini) && util_is_dir(tree_content) &&
	    owner_only(dir) && owner_only(tree_conf) && owner_only(tree_ini))
		config_load_file(c, tree_ini, CONFIG_REQUIRED | CONFIG_SYSTEM, d);
	else
		config_load_file(c, YIBAO_SYSCONFDIR "/yibao.ini", CONFIG_SYSTEM, d);
	sys_kiosk = c->kiosk;
	locked = o->login || o->kiosk || sys_kiosk;
	if (!locked) {
		const char *xdg = getenv("XDG_CONFIG_HOME");
		const char *home = getenv("HOME");
		const char *env = getenv("YIBAO_CONFIG");
		char *user = NULL;

		if (xdg != NULL && xdg[0] == '/')
			user = xasprintf("%s/yibao/yibao.ini", xdg);
		else if (home != NULL && home[0] == '/')
			user = xasprintf("%s/.config/yibao/yibao.ini", home);
		if (user != NULL)
			config_load(c, user, false, d);
		free(user);
		if (o->config == NULL && env != NULL && env[0] != '\0')
			config_load(c, env, true, d);
	}
	/* Given by whoever wrote the command line (an sshd ForceCommand): read. */
	if (o->config != NULL)
		config_load_file(c, o->config, CONFIG_REQUIRED | (locked ? CONFIG_SYSTEM : 0), d);
	if ((c->bundle == NULL || !util_is_file(c->bundle)) && dir != NULL) {
		/* Installed somewhere else than configured (a DESTDIR, a moved tree):
		 * look beside the binary, in ../share/yibao. */
		char *share = util_path_join(dir, "../share/yibao");
		char *shipped = util_path_join(share, BUNDLE_FILE);

		if (util_is_file(shipped)) {
			free(c->bundle);
			c->bundle = shipped;
			shipped = NULL;
		}
		free(shipped);
		free(share);
	}
	if (o->content != NULL) {
		free(c->content_dir);
		c->content_dir = xstrdup(o->content);
	}
	if (o->kiosk || sys_kiosk)
		c->kiosk = true;
	free(dir);
	free(tree_conf);
	free(tree_ini);
	free(tree_content);
}

/*
 * Problems found in config or content: on stderr, except in kiosk mode, where
 * stderr is the resident's screen: there they go to syslog (--check always
 * prints: it is run by whoever maintains the content).
 */
static void report(const struct diags *d, const struct options *o, const struct config *c)
{
	if (c->kiosk && !o->check)
		diags_log(d);
	else
		diags_print(d);
}

static void print_version(const struct bundle *b, const char *from)
{
	printf("yibao %s\n%s; built with %s\n", YIBAO_VERSION, render_version(), YIBAO_LIBVERSIONS);
	if (b != NULL) {
		const struct bundle_manifest *m = bundle_manifest(b);

		printf("content: version %lld, policy year %d, created %s, valid until %s (%s)\n",
		       m->version, m->policy_year, m->created, m->valid_until,
		       from != NULL ? from : "packed in memory");
	} else {
		printf("content: no bundle found\n");
	}
}

/*
 * The guide a session, --list or --print shows (session_guide), and the
 * problems said once before the screen starts (the rest still works).
 * Returns 0, or 1 when there is nothing to show.
 */
static int open_guide(struct run *r, const struct session_ask *ask)
{
	const struct options *o = r->o;
	const struct config *cfg = &r->cfg;
	char why[512];
	int rc = session_guide(&r->sc, cfg, ask, &r->d, why, sizeof why);

	if (rc < 0 && cfg->kiosk)
		diags_add(&r->d, "yibao", 0, "%s", why);
	report(&r->d, o, cfg);
	if (r->sc.g != NULL)
		report(&r->sc.g->diags, o, cfg);
	if (rc == 0)
		return 0;
	if (cfg->kiosk)
		fputs("yibao: no usable content (see the system log)\n", stderr);
	else
		fprintf(stderr, "yibao: %s\n", why);
	return 1;
}

/* Everything a mode left in r, freed; a signature check still running is waited for. */
static void run_clear(struct run *r)
{
	session_content_clear(&r->sc);
	diags_clear(&r->d);
	config_clear(&r->cfg);
}

/* The modes that show the content: --version, --check, --list, --print, the session. */
static int run_content(struct run *r)
{
	const struct options *o = r->o;
	/* A session's terminal starts while a large update is checked (nothing drawn of it). */
	struct session_ask ask = {
		.content = o->content,
		.region = o->region,
		.answer_code = o->answer_code,
		.check = o->check,
		.later = o->print == NULL && !o->list && !o->check && !o->version && o->nanswers == 0 &&
			 o->answer_code == NULL,
		.strict_region = !o->check && !o->version,
	};
	struct app a;
	int rc;

	if (session_open(&r->sc, &r->cfg, &ask, &r->d) < 0) {
		diags_print(&r->d);
		return 2;
	}
	if (o->version) {
		print_version(r->sc.dir_mode ? NULL : r->sc.b, r->sc.from);
		return 0;
	}
	if (term_needs_ascii(getenv("TERM")))
		r->cfg.ascii_borders = true;
	if (!charset_setup(r->cfg.charset))
		diags_add(&r->d, "yibao", 0, "charset gb18030: no GB18030 locale installed; using UTF-8");
	if (o->check)
		return mode_check(r);
	if (open_guide(r, &ask) != 0)
		return 1;
	if (o->list)
		return mode_list(r);
	malloc_trim(0);
	app_init(&a, &r->cfg, r->sc.g, &screens_set);
	if (mode_preset(r, &a) < 0)
		rc = 2;
	else if (o->print != NULL)
		rc = mode_print(r, &a);
	else
		rc = mode_session(r, &a);
	session_end(&a);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct run r = {0};
	int rc;

	/* One malloc arena: a second thread (the signature check) adds none of its own. */
	mallopt(M_ARENA_MAX, 1);
	if (login_shell(argc, argv, &o.kiosk))
		o.login = true;
	else if (parse_args(argc, argv, &o) < 0)
		return 2;
	r.o = &o;
	r.argv0 = argv[0];
	term_harden(o.kiosk);
	if (o.login)
		term_drop_env();
	text_init_locale();
	load_config(&r.cfg, &o, &r.d);
	/* Kiosk from the system config: hardened before anything reads the terminal. */
	if (r.cfg.kiosk && !o.kiosk)
		term_harden(true);
	if (o.update)
		rc = mode_update(&r);
	else if (o.install)
		rc = mode_install(&r);
	else if (o.pack != NULL)
		rc = mode_pack(&r);
	else
		rc = run_content(&r);
	run_clear(&r);
	free(o.answers);
	return rc;
}
