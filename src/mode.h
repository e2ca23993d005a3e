/*
 * mode.h -- the command-line modes: main() parses, loads the config and calls one
 * SPDX-License-Identifier: MIT
 *
 * One function per mode, each in its own file (src/mode_NAME.c). main() owns
 * the struct run it passes down and frees everything in it afterwards; a mode
 * may fill its fields (a guide it opened) and leaves the freeing to main().
 */
#ifndef YIBAO_MODE_H
#define YIBAO_MODE_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle.h"
#include "config.h"
#include "guide.h"
#include "minisig.h"
#include "nav.h"
#include "regions.h"
#include "session.h"

/* The command line, as parse_args read it (pointers into argv). */
struct options {
	const char *config;
	const char *content;
	const char *region;
	const char *print;
	const char *pack;
	bool list, check, plain, kiosk, version;
	bool update;
	bool install;   /* --install-update */
	bool login;     /* started as a login shell: no argument or user setting read */
	char **answers; /* "key=value" from --answer, for --print slip */
	size_t nanswers;
	const char *answer_code; /* --answer-code: the answers from a help-desk code */
	int width;               /* --width: columns of --print; 0: EXPORT_WIDTH */
};

/* What main() has set up for a mode; main() frees every field afterwards. */
struct run {
	const struct options *o;
	const char *argv0;
	struct config cfg;
	struct diags d;
	struct session_content sc; /* the content shown, and its guide (session.h) */
};

/*
 * --update (src/mode_update.c): fetch, verify and install a newer bundle.
 * Returns the exit status (an enum update_result, or 2 when refused).
 */
int mode_update(struct run *r);
/*
 * --install-update (src/mode_install.c), as root: the update --update fetched
 * into [update] download_dir, copied, verified again and installed into
 * state_dir. Returns the exit status (as --update's, or 2 when refused).
 */
int mode_install(struct run *r);
/* --pack OUT (src/mode_pack.c): check and write the bundle. Returns 0, or 1 (nothing written). */
int mode_pack(struct run *r);
/*
 * --check (src/mode_check.c): config, region profile and every screen of
 * r->sc.b or the content directory; every problem on stderr. Returns 0 when
 * clean, 1 if not. May set r->sc.g (main frees it).
 */
int mode_check(struct run *r);
/* --list (src/mode_print.c): every screen of r->sc.g on stdout. Returns 0. */
int mode_list(struct run *r);
/*
 * --answer and --answer-code (src/mode_print.c): the answers given on the
 * command line into a. Returns 0, or -1 after saying why on stderr.
 */
int mode_preset(struct run *r, struct app *a);
/* --print WHAT (src/mode_print.c): one screen as text. Returns 0, or 1 (no such screen). */
int mode_print(struct run *r, struct app *a);
/*
 * The session (src/mode_session.c): curses on a usable terminal, the line
 * mode otherwise; a kiosk's screen is wiped at the end. Returns the exit status.
 */
int mode_session(struct run *r, struct app *a);

#endif
