/*
 * session.h -- one session's lifetime: which content it shows, its day, its start, the signature wait and the fall-back, the region switch, the idle wipe and what it forgets, its end
 * SPDX-License-Identifier: MIT
 *
 * The model (nav.c) holds a session's data and never acts on the world; what a
 * session does over its life -- count itself ([stats]), wait for a large
 * update's signature check and fall back to the shipped bundle when it fails,
 * forget a resident after idle_timeout_s (the model's data and the live
 * lookups' results), free the lookups at the end -- is done here, called by
 * the key loops (input.c, plain.c) and the session mode (mode_session.c).
 * Before all that, which content a run shows and why (session_open: a
 * content directory, --content, the signed update or the shipped bundle, as
 * source.c orders them; the region resolved against it) and its guide
 * (session_guide: the answer code's region, an early signature wait when
 * there are problems to say, the fall-back) are chosen here too, for the
 * session and for --check, --list and --print alike. Configuration is only
 * read (struct app holds it const).
 */
#ifndef YIBAO_SESSION_H
#define YIBAO_SESSION_H

#include <stdbool.h>

#include "dates.h"
#include "nav.h"
#include "regions.h"

struct bundle;
struct minisig_job;

/* Which content a run shows, and why: what session_open chose. */
struct session_content {
	bool dir_mode;             /* a content directory, packed in memory (no bundle file) */
	struct bundle *b;          /* the bundle opened, until the guide takes it */
	struct minisig_job *check; /* its signature check, still running, or NULL */
	char *from;                /* the bundle's path (NULL: packed in memory, or none) */
	struct regions regions;    /* the region profiles of the content */
	char *region;              /* the region shown: one regions has, or national */
	struct guide *g;           /* the guide, once session_guide opened it */
};

/* What the command line asks of session_open and session_guide. */
struct session_ask {
	const char *content;     /* --content PATH (a directory or a bundle file), or NULL */
	const char *region;      /* --region, or NULL: the configured one */
	const char *answer_code; /* --answer-code: show the region it was made in, unless --region */
	bool check;              /* --check: a content directory is checked, not the shipped bundle */
	bool later;              /* a session's terminal: a large update is checked meanwhile */
	bool strict_region;      /* a --region the content does not have is an error */
};

/*
 * Choose and open the content of a run into sc: a content directory (packed
 * in memory by session_guide), or the bundle source_open picks (its
 * signature check maybe still running: sc->check); then the region, resolved
 * against the content's profiles (national when the one asked for is not
 * there, said in d). Returns 0, or -1 when ask->strict_region and the region
 * asked for does not exist (said in d). Empty sc with session_content_clear.
 */
int session_open(struct session_content *sc, const struct config *cfg, const struct session_ask *ask,
		 struct diags *d);
/*
 * The guide of sc (sc->g, taking sc->b): the content directory packed, the
 * region of ask->answer_code when no --region was given, the references the
 * code needs checked. When there are problems to say before the screen
 * starts, a signature check still running is waited for first, so that what
 * is said is said of a verified bundle (or of the fall-back). Problems go to
 * d and sc->g->diags. Returns 0, or -1 with one line in why when there is
 * nothing to show (no content, or a refused update and no fall-back).
 */
int session_guide(struct session_content *sc, const struct config *cfg, const struct session_ask *ask,
		  struct diags *d, char *why, size_t whylen);
/* Free what sc holds, a running signature check waited for (sc may be NULL). */
void session_content_clear(struct session_content *sc);

/*
 * The day a session counts from: the clock (or YIBAO_TODAY, for tests, but
 * never in kiosk mode, where nothing the user controls is read), not
 * plausible when set back before the bundle was made.
 */
struct dates_today session_today(const struct app *a);
/* A session begins on a (app_init done): counted when [stats] is on. */
void session_start(struct app *a);
/*
 * Before the first screen is shown: what start-up freed goes back to the
 * system, and the signature check of a bundle still running is waited for
 * (guide_check_later; the caller shows NAV_WAITING meanwhile). When it failed,
 * the session starts over on the bundle shipped with the program, with a
 * one-line message saying so (and the system log told, in kiosk mode), and
 * true is returned. No content left: fatal(). False when nothing changed.
 */
bool session_settle(struct app *a);
/*
 * Switch the running session to region name of the open bundle: its profile
 * read, the guide shown for it, every view closed (home shown) and the last
 * person forgotten (session_forget: their answers were another region's).
 * Returns 0 (said on the bottom line), or -1 with nothing changed and a
 * message saying why (no such region in the bundle).
 */
int session_switch_region(struct app *a, const char *name);
/* Forget this person: the model's data (app_forget) and every lookup result. */
void session_forget(struct app *a);
/*
 * Kiosk: idle_timeout_s passed since the last key (at now_ms, util_now_ms's
 * clock), and a key came since the last wipe (after it there is nothing to forget).
 */
bool session_idle_due(const struct app *a, long now_ms);
/*
 * The kiosk idle wipe: counted, the person forgotten (session_forget), home
 * shown from its top with a message saying so; the idle time counts again from
 * now_ms. What the terminal shows is the caller's to wipe.
 */
void session_idle_wipe(struct app *a, long now_ms);
/* The session ends: its counts written, the lookups freed, the model freed (app_clear). */
void session_end(struct app *a);

#endif
