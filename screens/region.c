/*
 * region.c -- the region chooser: every region of the open bundle, one to switch to
 * SPDX-License-Identifier: MIT
 *
 * A help desk takes callers from several places: the running session switches
 * to another region's profile (session_switch_region) instead of being started
 * again with --region, which a kiosk or a login shell cannot do. Opened by its
 * key (d), line mode's "d", or an answer code of another region, which is then
 * opened once the session has switched.
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/session.h"
#include "../src/util.h"

struct region_pick {
	char *code; /* an answer code to open after switching, or NULL; wiped */
	char *want; /* the region that code is of, or NULL */
};

static void pick_layout(struct app *a, struct view *v)
{
	struct region_pick *r = v->state;
	const struct regions *rs = &a->g->regions;

	if (r->code != NULL) {
		char *t = regions_title(rs, r->want);
		char *line = xasprintf("这是%s的答案码。选%s，换过去并打开它的结果；不换就返回。",
				       t != NULL ? t : r->want, t != NULL ? t : r->want);

		layout_text(&v->lay, line, TA_STRONG, 0, 0);
		free(line);
		free(t);
	} else {
		layout_text(&v->lay, "选一个地区，本机就按那里的标准和办法讲。", 0, 0, 0);
	}
	layout_text(&v->lay, "换地区时，上一位的回答、勾选和查询结果都会清除。", 0, 0, LF_DIM);
	layout_blank(&v->lay);
	for (size_t i = 0; i < rs->n; i++) {
		char *t = regions_title(rs, rs->names[i]);
		char num[32], *line;
		int item = layout_add_item(&v->lay, (int)i);
		bool here = strcmp(rs->names[i], a->g->profile.name) == 0;

		snprintf(num, sizeof num, "%zu. ", i + 1);
		line = xasprintf("%s（%s）%s", t != NULL ? t : rs->names[i], rs->names[i],
				 here ? "  现在用的" : "");
		{
			struct rich rl = {line, strlen(line), NULL, 0};
			struct span sp = {0, strlen(t != NULL ? t : rs->names[i]), TA_STRONG, -1};

			rl.spans = &sp;
			rl.nspans = 1;
			layout_rich(&v->lay, &rl, num, 2, 0, item, NULL);
		}
		free(line);
		free(t);
	}
}

/* Switch to region i; then open the waiting answer code, if any. */
static int choose(struct app *a, struct view *v, int i)
{
	struct region_pick *r = v->state;
	const struct regions *rs = &a->g->regions;
	char *name, *code;
	char why[256];

	if (i < 0 || (size_t)i >= rs->n) {
		nav_message(a, true, "没有第 %d 个地区", i + 1);
		return KR_HANDLED;
	}
	if (strcmp(rs->names[i], a->g->profile.name) == 0 && r->code == NULL) {
		nav_message(a, false, "现在用的就是%s。", a->g->profile.title);
		return KR_POP;
	}
	/* The switch closes every view, this one too: take what is needed first. */
	name = xstrdup(rs->names[i]);
	code = r->code != NULL ? xstrdup(r->code) : NULL;
	if (strcmp(name, a->g->profile.name) == 0 || session_switch_region(a, name) == 0) {
		if (code != NULL && a->screens->answer_code_set(a, code, why, sizeof why) == 0)
			nav_message(a, false, "已换到%s，并按答案码打开了结果。", guide_value(a->g, "region"));
		else if (code != NULL)
			nav_message(a, true, "已换到%s；答案码没有打开：%s", guide_value(a->g, "region"), why);
	}
	if (code != NULL)
		util_wipe(code, strlen(code));
	free(code);
	free(name);
	return KR_HANDLED;
}

static int pick_key(struct app *a, struct view *v, enum action act, int ch)
{
	if (act == ACT_DIGIT)
		return choose(a, v, ch - 1);
	if (act == ACT_OPEN && v->sel >= 0)
		return choose(a, v, v->lay.item_ref[v->sel]);
	return KR_UNHANDLED;
}

static void pick_free(struct view *v)
{
	struct region_pick *r = v->state;

	if (r == NULL)
		return;
	if (r->code != NULL)
		util_wipe(r->code, strlen(r->code));
	free(r->code);
	free(r->want);
	free(r);
	v->state = NULL;
}

static const struct keybind pick_keys[] = {
	{ACT_UP, {0}, "选上一个地区", "选择", 0},
	{ACT_DOWN, {0}, "选下一个地区", "选择", 0},
	{ACT_OPEN, {0}, "换到所选地区", "换过去", 0},
	{ACT_DIGIT, {0}, "换到第 N 个地区", NULL, 0},
};

static const struct kind_ops pick_ops = {
	.name = "regions",
	.layout = pick_layout,
	.key = pick_key,
	.free = pick_free,
	.keys = pick_keys,
	.nkeys = ARRAY_LEN(pick_keys),
};

void screens_open_regions(struct app *a, const char *region, const char *code)
{
	struct region_pick *r = xcalloc(1, sizeof *r);
	struct view *v;
	int sel = 0;

	for (size_t i = 0; i < a->g->regions.n; i++)
		if (strcmp(a->g->regions.names[i], region != NULL ? region : a->g->profile.name) == 0)
			sel = (int)i;
	r->code = code != NULL ? xstrdup(code) : NULL;
	r->want = region != NULL ? xstrdup(region) : NULL;
	v = nav_push_view(a, &pick_ops, "d", "选择地区");
	v->state = r;
	nav_select(a, v, sel, false);
}
