/*
 * session.h -- one session's lifetime: its start, the signature wait and the fall-back, the idle wipe and what it forgets, its end
 * SPDX-License-Identifier: MIT
 *
 * The model (nav.c) holds a session's data and never acts on the world; what a
 * session does over its life -- count itself ([stats]), wait for a large
 * update's signature check and fall back to the shipped bundle when it fails,
 * forget a resident after idle_timeout_s (the model's data and the live
 * lookups' results), free the lookups at the end -- is done here, called by
 * the key loops (input.c, plain.c) and the session mode (mode_session.c).
 * Configuration is only read.
 */
#ifndef YIBAO_SESSION_H
#define YIBAO_SESSION_H

#include <stdbool.h>

#include "nav.h"

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
