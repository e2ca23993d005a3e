/*
 * session.c -- one session's lifetime: which content it shows, its day, its start, the signature wait and the fall-back, the region switch, the idle wipe and what it forgets, its end
 * SPDX-License-Identifier: MIT
 */
#include "session.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "codebook.h"
#include "dates.h"
#include "guide.h"
#include "metrics.h"
#include "minisig.h"
#include "pack.h"
#include "report.h"
#include "source.h"
#include "stats.h"
#include "status.h"
#include "text.h"
#include "util.h"

/* The content's name in messages. */
static const char *content_name(const struct session_content *sc, const struct config *cfg)
{
	if (sc->dir_mode)
		return cfg->content_dir;
	return sc->from != NULL ? sc->from : "bundle";
}

int session_open(struct session_content *sc, const struct config *cfg, const struct session_ask *ask,
		 struct diags *d)
{
	const char *want = ask->region != NULL ? ask->region : cfg->region;
	const char *found;

	memset(sc, 0, sizeof *sc);
	sc->dir_mode = ask->content != NULL ? util_is_dir(ask->content)
					    : util_is_dir(cfg->content_dir) &&
						      (ask->check || cfg->bundle == NULL || !util_is_file(cfg->bundle));
	if (!sc->dir_mode)
		sc->b = source_open(cfg, ask->content, ask->later, &sc->check, d, &sc->from);
	if (sc->b != NULL)
		regions_from_bundle(&sc->regions, sc->b, content_name(sc, cfg));
	else /* a directory, or no bundle at all (--check still checks the profiles) */
		regions_from_dir(&sc->regions, cfg->regions_dir);
	found = regions_find(&sc->regions, want != NULL ? want : "national");
	sc->region = xstrdup(found != NULL ? found : "national");
	if (found != NULL || want == NULL || strcmp(want, "national") == 0 ||
	    (!sc->dir_mode && sc->b == NULL))
		return 0;
	regions_unknown(&sc->regions, want, d);
	if (ask->region != NULL && ask->strict_region)
		return -1;
	diags_add(d, "yibao", 0, "region \"%s\": using national", want);
	return 0;
}

int session_guide(struct session_content *sc, const struct config *cfg, const struct session_ask *ask,
		  struct diags *d, char *why, size_t whylen)
{
	util_say(why, whylen, "%s", "");
	if (sc->dir_mode) {
		size_t len;
		void *image = pack_memory(cfg->content_dir, cfg->regions_dir, sc->region, &len, d);
		char err[256];

		if (image != NULL && (sc->b = bundle_open_mem(image, len, err, sizeof err)) == NULL)
			diags_add(d, cfg->content_dir, 0, "%s", err);
	}
	if (sc->b == NULL) {
		const char *w = sc->dir_mode           ? cfg->content_dir
				: ask->content != NULL ? ask->content
				: cfg->bundle != NULL  ? cfg->bundle
						       : "no bundle configured";
		char *what = text_sanitize(w, strlen(w), 0, NULL, NULL);

		util_say(why, whylen, "no usable content (%s)", what);
		free(what);
		return -1;
	}
	sc->g = guide_open(sc->b, sc->region, sc->dir_mode ? cfg->regions_dir : content_name(sc, cfg), d);
	sc->b = NULL;
	if (sc->check != NULL) {
		guide_check_later(sc->g, sc->check,
				  cfg->bundle != NULL && util_is_file(cfg->bundle) ? xstrdup(cfg->bundle)
										   : NULL);
		sc->check = NULL;
	}
	if (ask->answer_code != NULL && ask->region == NULL) {
		/* A code carries its region: show what the caller saw. */
		char *made_in = codebook_region(&sc->g->regions, sc->g->profile.name, sc->g, ask->answer_code);

		if (made_in != NULL && strcmp(made_in, sc->g->profile.name) != 0)
			guide_set_region(sc->g, made_in);
		free(made_in);
	}
	guide_check_refs(sc->g, content_name(sc, cfg), d);
	/* What is said of the bundle is said of a verified one (or of the fall-back). */
	if (guide_check_pending(sc->g) && (d->n > 0 || sc->g->diags.n > 0)) {
		char refused[256], none[256];

		if (guide_check_wait(sc->g, refused, sizeof refused) < 0) {
			diags_clear(d);
			if (guide_fall_back(sc->g, none, sizeof none) < 0) {
				util_say(why, whylen, "the installed content update was refused (%s), and %s", refused, none);
				return -1;
			}
			diags_add(d, "yibao", 0,
				  "the installed content update was refused (%s); showing the content "
				  "shipped with the program",
				  refused);
			guide_check_refs(sc->g, sc->g->fallback, d);
		}
	}
	if (sc->g->nscreens == 0) {
		util_say(why, whylen, "no usable content in %s",
			 sc->dir_mode || sc->from != NULL ? content_name(sc, cfg) : "the bundle");
		return -1;
	}
	return 0;
}

void session_content_clear(struct session_content *sc)
{
	if (sc == NULL)
		return;
	if (sc->check != NULL) {
		char why[256];

		minisig_verify_wait(sc->check, why, sizeof why);
	}
	free(sc->from);
	free(sc->region);
	regions_clear(&sc->regions);
	bundle_close(sc->b);
	guide_free(sc->g);
	memset(sc, 0, sizeof *sc);
}

struct dates_today session_today(const struct app *a)
{
	/* YIBAO_TODAY is for tests; a kiosk reads nothing the user controls. */
	struct dates_today t = dates_today(!a->cfg->kiosk);
	struct date made;

	/*
	 * A clock set back before the bundle was made is no clock to count days by
	 * (a test's YIBAO_TODAY is believed: the bundle it packs is made today).
	 */
	if (t.plausible && !t.overridden && a->g != NULL && a->g->bundle != NULL &&
	    dates_parse(bundle_manifest(a->g->bundle)->created, &made) &&
	    dates_days(t.d) < dates_days(made))
		t.plausible = false;
	return t;
}

void session_start(struct app *a)
{
	free(a->start_region);
	a->start_region = xstrdup(a->g->profile.name);
	stats_start(&a->stats, a->cfg);
	stats_flush(&a->stats, a->cfg, metrics_write_file);
}

/*
 * What a session keeps when it starts over on its guide (every view held
 * screens that are going): the terminal's (line mode, size), the session's
 * (its counts, the region it started in, the lookups, the idle clock), never
 * a resident's (the model's data goes with app_clear).
 */
struct kept {
	const struct config *cfg;
	struct guide *g;
	const struct screen_set *set;
	struct stats counts;
	struct status *status;
	char *start_region;
	bool line_mode;
	int rows, cols;
	long last_key_ms;
};

/* Empty a's model, keeping in k what the session carries across. */
static void start_over_begin(struct app *a, struct kept *k)
{
	k->cfg = a->cfg;
	k->g = a->g;
	k->set = a->screens;
	k->counts = a->stats;
	k->status = a->status;
	k->start_region = a->start_region;
	k->line_mode = a->line_mode;
	k->rows = a->body_rows;
	k->cols = a->body_cols;
	k->last_key_ms = a->last_key_ms;
	a->status = NULL;
	a->start_region = NULL;
	app_clear(a);
}

/* A fresh model on k's guide (home shown), with what k kept. */
static void start_over_end(struct app *a, const struct kept *k)
{
	app_init(a, k->cfg, k->g, k->set);
	a->line_mode = k->line_mode;
	a->body_rows = k->rows;
	a->body_cols = k->cols;
	a->stats = k->counts;
	a->status = k->status;
	a->start_region = k->start_region;
	a->last_key_ms = k->last_key_ms;
}

bool session_settle(struct app *a)
{
	char why[256], why2[256];
	struct guide *g = a->g;
	struct kept k;

	/* What start-up freed (terminfo, the first layout) goes back to the system. */
	malloc_trim(0);
	util_trim_stack();
	if (g->fell_back && !guide_check_pending(g)) {
		/* Refused before the session began (main.c said why on stderr or to syslog). */
		g->fell_back = false;
		nav_message(a, true, "内容更新没有通过签名检查，已改用随程序安装的内容");
		return true;
	}
	if (!guide_check_pending(g) || guide_check_wait(g, why, sizeof why) == 0)
		return false;
	/* Every view holds screens of the refused bundle: the session starts over. */
	status_free(a->status);
	a->status = NULL;
	start_over_begin(a, &k);
	if (guide_fall_back(g, why2, sizeof why2) < 0)
		fatal("the installed content update was refused (%s), and %s", why, why2);
	start_over_end(a, &k);
	if (a->cfg->kiosk) {
		struct diags d = {0};

		diags_add(&d, "yibao", 0, "the installed content update was refused (%s); showing the content shipped with the program", why);
		diags_log(&d);
		diags_clear(&d);
	}
	g->fell_back = false;
	nav_message(a, true, "内容更新没有通过签名检查，已改用随程序安装的内容");
	return true;
}

int session_switch_region(struct app *a, const char *name)
{
	struct kept k;

	/* The guide reads the region's profile with it, or stays as it was. */
	if (guide_set_region(a->g, name) < 0) {
		nav_message(a, true, "本机的内容里没有这个地区：%s", name);
		return -1;
	}
	/* Every view holds screens of the other region: the session starts over, nobody's answers kept. */
	session_forget(a);
	start_over_begin(a, &k);
	start_over_end(a, &k);
	nav_message(a, false, "已换到%s。上一位的回答已清除。", a->g->profile.title);
	return 0;
}

void session_forget(struct app *a)
{
	app_forget(a);
	status_wipe(a->status);
}

bool session_idle_due(const struct app *a, long now_ms)
{
	return a->cfg->kiosk && !a->idle_wiped &&
	       now_ms - a->last_key_ms >= a->cfg->idle_timeout_s * 1000L;
}

void session_idle_wipe(struct app *a, long now_ms)
{
	struct view *home;

	a->stats.idle_wipes++;
	stats_flush(&a->stats, a->cfg, metrics_write_file);
	session_forget(a);
	/* The next person finds the region this terminal is set up for. */
	if (a->start_region != NULL && strcmp(a->start_region, a->g->profile.name) != 0) {
		char *start = xstrdup(a->start_region);

		session_switch_region(a, start);
		free(start);
	}
	nav_home(a);
	/* The next person starts where the first did: not even the last selection is left. */
	if ((home = nav_top(a)) != NULL) {
		nav_select(a, home, home->lay.nitems > 0 ? 0 : -1, false);
		nav_scroll_to(a, home, 0, false);
		home->stale = true;
	}
	a->idle_wiped = true;
	nav_message(a, false, "%s",
		    a->line_mode ? "已清除上一位的操作。输入 ? 再按回车，听全部命令。"
				 : "已清除上一位的操作。按 ? 看帮助。");
	a->last_key_ms = now_ms;
}

void session_end(struct app *a)
{
	stats_flush(&a->stats, a->cfg, metrics_write_file);
	status_free(a->status);
	a->status = NULL;
	app_clear(a);
}
