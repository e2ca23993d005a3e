/*
 * mode_session.c -- the interactive session: curses on a usable terminal, line mode otherwise
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "mode.h"
#include "plain.h"
#include "render.h"
#include "session.h"
#include "term.h"
#include "text.h"
#include "util.h"

static bool want_plain(const struct options *o)
{
	const char *term = getenv("TERM");

	if (o->plain || term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0 ||
	    !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		return true;
	if (!term_usable(term)) {
		char *name = text_sanitize(term, strlen(term), 0, NULL, NULL);

		fprintf(stderr, "yibao: terminal type \"%.40s\" is unknown here; using line mode\n",
			name);
		free(name);
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

/* The same in kiosk mode, where nothing of the screen may stay behind. */
static void restore_wipe_terminal(void)
{
	render_stop(true);
	term_restore();
}

int mode_session(struct run *r, struct app *a)
{
	bool kiosk = r->cfg.kiosk;
	int rc;

	session_start(a);
	if (want_plain(r->o))
		return plain_run(a, STDIN_FILENO, stdout);
	term_save();
	util_set_fatal_hook(kiosk ? restore_wipe_terminal : restore_terminal);
	if (render_start(a) < 0) {
		rc = plain_run(a, STDIN_FILENO, stdout);
	} else {
		rc = input_run(a);
		/* Kiosk: the next person finds nothing, not even scrollback. */
		if (kiosk)
			session_forget(a);
		render_stop(kiosk);
	}
	term_restore();
	return rc; /* main ends the session (session_end): the counts are written then */
}
