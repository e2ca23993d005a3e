/*
 * session.c -- one session's lifetime: its start, the signature wait and the fall-back, the idle wipe and what it forgets, its end
 * SPDX-License-Identifier: MIT
 */
#include "session.h"

#include <malloc.h>
#include <string.h>

#include "guide.h"
#include "metrics.h"
#include "report.h"
#include "stats.h"
#include "status.h"
#include "util.h"

void session_start(struct app *a)
{
	free(a->start_region);
	a->start_region = xstrdup(a->cfg->profile.name);
	stats_start(&a->stats, a->cfg);
	stats_flush(&a->stats, a->cfg, metrics_write_file);
}

bool session_settle(struct app *a)
{
	char why[256], why2[256];
	struct config *cfg = a->cfg;
	struct guide *g = a->g;
	const struct screen_set *set = a->screens;
	struct stats counts = a->stats;
	bool line = a->line_mode;
	int rows = a->body_rows, cols = a->body_cols;
	char *start;

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
	start = a->start_region;
	a->start_region = NULL;
	app_clear(a);
	if (guide_fall_back(g, cfg, why2, sizeof why2) < 0)
		fatal("the installed content update was refused (%s), and %s", why, why2);
	app_init(a, cfg, g, set);
	a->line_mode = line;
	a->body_rows = rows;
	a->body_cols = cols;
	a->stats = counts;
	a->start_region = start;
	if (cfg->kiosk) {
		struct diags d = {0};

		diags_add(&d, "yibao", 0, "the installed content update was refused (%s); showing the content shipped with the program", why);
		diags_log(&d);
		diags_clear(&d);
	}
	g->fell_back = false;
	nav_message(a, true, "内容更新没有通过签名检查，已改用随程序安装的内容");
	return true;
}

/* Read profile name where the session's profiles come from (the bundle, or regions_dir). */
static int load_profile(struct config *cfg, const char *name, struct diags *d)
{
	if (cfg->profile_get != NULL)
		return config_load_region_from(cfg, name, cfg->profile_get, cfg->profile_ctx,
					       cfg->profile_names, "bundle", d);
	return config_load_region(cfg, name, d);
}

int session_switch_region(struct app *a, const char *name)
{
	struct config *cfg = a->cfg;
	struct guide *g = a->g;
	const struct screen_set *set = a->screens;
	struct stats counts = a->stats;
	struct status *st = a->status;
	char *start = a->start_region, *old = xstrdup(cfg->profile.name);
	bool line = a->line_mode;
	int rows = a->body_rows, cols = a->body_cols;
	long last = a->last_key_ms;
	struct diags d = {0};
	bool known = false;

	for (size_t i = 0; i < cfg->nregions; i++)
		known = known || strcmp(cfg->regions[i], name) == 0;
	if (!known || load_profile(cfg, name, &d) < 0 || guide_set_region(g, cfg->profile.name) < 0) {
		/* Back to what was there: the profile read again, the guide untouched. */
		diags_clear(&d);
		load_profile(cfg, old, &d);
		diags_clear(&d);
		free(old);
		nav_message(a, true, "本机的内容里没有这个地区：%s", name);
		return -1;
	}
	diags_clear(&d);
	free(old);
	/* Every view holds screens of the other region: the session starts over, nobody's answers kept. */
	session_forget(a);
	a->start_region = NULL;
	a->status = NULL;
	app_clear(a);
	app_init(a, cfg, g, set);
	a->line_mode = line;
	a->body_rows = rows;
	a->body_cols = cols;
	a->stats = counts;
	a->status = st;
	a->start_region = start;
	a->last_key_ms = last;
	nav_message(a, false, "已换到%s。上一位的回答已清除。", cfg->profile.title);
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
	if (a->start_region != NULL && strcmp(a->start_region, a->cfg->profile.name) != 0) {
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
