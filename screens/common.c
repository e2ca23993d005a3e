/*
 * common.c -- what the screen kinds share: source lines, following links
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/bundle.h"
#include "../src/refs.h"
#include "../src/dates.h"
#include "../src/util.h"

struct dates_today screens_today(struct app *a)
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

int screens_figures_year(struct app *a)
{
	const char *v = guide_value(a->g, "fee_year");
	int y = 0;

	if (v != NULL && strlen(v) == 4 && strspn(v, "0123456789") == 4)
		y = atoi(v);
	if (y == 0 && a->g != NULL && a->g->bundle != NULL)
		y = bundle_manifest(a->g->bundle)->policy_year;
	return y;
}

/* Where to confirm: the local office and the hotline of the profile. */
static char *confirm_where(struct app *a)
{
	const char *office = guide_value(a->g, "local_office");
	const char *hotline = guide_value(a->g, "hotline");

	return xasprintf("%s或拨打 %s", office != NULL ? office : "当地医保经办机构",
			 hotline != NULL ? hotline : "12393");
}

char *screens_year_notice(struct app *a)
{
	struct dates_today t = screens_today(a);
	int year = screens_figures_year(a);
	char today[32], *where, *line = NULL;

	if (year == 0)
		return NULL;
	dates_format(t.d, today, sizeof today);
	where = confirm_where(a);
	switch (dates_year_standing(&t, year)) {
	case DATES_YEAR_OVER:
		line = xasprintf("注意：这里是 %d 年的标准，现在交的、报的是以后年份的，可能不同，"
				 "请向%s 核实。",
				 year, where);
		break;
	case DATES_YEAR_FUTURE:
		line = xasprintf("注意：这里是 %d 年的标准，那一年还没有开始（今天是%s）；"
				 "现在适用的标准请向%s 核实。",
				 year, today, where);
		break;
	case DATES_YEAR_UNKNOWN:
		if (t.known)
			line = xasprintf("注意：本机日期（%s）看起来不对，看不出这些 %d 年的金额现在还适不适用；"
					 "请向%s 核实。",
					 today, year, where);
		else
			line = xasprintf("注意：读不到本机日期，看不出这些 %d 年的金额现在还适不适用；"
					 "请向%s 核实。",
					 year, where);
		break;
	case DATES_YEAR_CURRENT:
		break;
	}
	free(where);
	return line;
}

/* The profile's payment period, or false when it gives no dates. */
static bool profile_period(struct app *a, struct dates_period *p)
{
	return dates_period_parse(guide_value(a->g, "pay_start"),
				  guide_value(a->g, "pay_end"), p) == NULL;
}

static void period_text(const struct dates_period *p, char *buf, size_t size)
{
	char from[32], to[32];

	dates_format(p->start, from, sizeof from);
	dates_format(p->end, to, sizeof to);
	snprintf(buf, size, "%s%s至%s", p->start.y == 0 ? "每年" : "", from, to);
}

char *screens_period_standing(struct app *a)
{
	struct dates_period p;
	struct dates_pay_standing st;
	struct dates_today t = screens_today(a);
	const char *hedge = guide_value(a->g, "pay_hedge");
	const char *pay_for = guide_value(a->g, "pay_for");
	char today[32], period[80], from[32], to[32], *tail, *line, *year_note = NULL;

	if (!profile_period(a, &p))
		return NULL; /* no dates: nothing is invented */
	if (hedge == NULL)
		hedge = "";
	period_text(&p, period, sizeof period);
	dates_format(t.d, today, sizeof today);
	st = dates_pay_standing(&t, &p);
	if (st.state == DATES_PAY_UNKNOWN)
		return xasprintf("本机日期%s%s%s看起来不对，算不出缴费期还有几天。资料说缴费期%s是%s，"
				 "以当地公布为准。",
				 t.known ? "（" : "", t.known ? today : "", t.known ? "）" : "", hedge,
				 period);
	dates_format(st.from, from, sizeof from);
	dates_format(st.to, to, sizeof to);
	tail = xasprintf("资料说缴费期%s是%s，以当地公布为准。", hedge, period);
	if (pay_for != NULL && (strcmp(pay_for, "this") == 0 || strcmp(pay_for, "next") == 0))
		year_note = xasprintf("这时交的是 %d 年的费用。",
				      st.from.y + (strcmp(pay_for, "next") == 0 ? 1 : 0));
	switch (st.state) {
	case DATES_PAY_OPEN:
		if (st.days == 0)
			line = xasprintf("今天%s，是缴费期的最后一天。%s%s", today,
					 year_note != NULL ? year_note : "", tail);
		else
			line = xasprintf("今天%s，在缴费期内，还剩 %ld 天（%s截止）。%s%s", today, st.days,
					 to, year_note != NULL ? year_note : "", tail);
		break;
	case DATES_PAY_NOT_YET:
		line = xasprintf("今天%s，缴费期还没开始，还有 %ld 天（%s开始）。%s%s", today, st.days,
				 from, year_note != NULL ? year_note : "", tail);
		break;
	default:
		line = xasprintf("今天%s，%s缴费期已经结束 %ld 天了%s%s%s。资料说，错过缴费期可能影响待遇；"
				 "断缴超过 3 个月的，有的地方要等一段时间才能报销。%s",
				 today, st.yearly ? "今年的" : "", st.days, st.yearly ? "，下一次从" : "",
				 st.yearly ? from : "", st.yearly ? "开始" : "", tail);
		break;
	}
	free(tail);
	free(year_note);
	return line;
}

/* A number followed by 元 (or 万元) in text: "400 元", "18万元", "６７０元". */
static bool text_has_amount(const char *s, size_t len)
{
	static const char yuan[] = "\xE5\x85\x83"; /* 元 */
	static const char wan[] = "\xE4\xB8\x87";  /* 万 */

	for (size_t i = 0; i + 3 <= len; i++) {
		size_t j = i;

		if (memcmp(s + i, yuan, 3) != 0)
			continue;
		while (j > 0 && s[j - 1] == ' ')
			j--;
		if (j >= 3 && memcmp(s + j - 3, wan, 3) == 0)
			j -= 3;
		if (j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9')
			return true;
		/* Full-width digits: EF BC 90..99. */
		if (j >= 3 && (unsigned char)s[j - 3] == 0xEF && (unsigned char)s[j - 2] == 0xBC &&
		    (unsigned char)s[j - 1] >= 0x90 && (unsigned char)s[j - 1] <= 0x99)
			return true;
	}
	return false;
}

static bool blocks_have_amount(const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i].r.text != NULL && text_has_amount(b[i].r.text, b[i].r.len))
			return true;
		for (int c = 0; b[i].cells != NULL && c < b[i].nrows * b[i].ncols; c++)
			if (b[i].cells[c].text != NULL &&
			    text_has_amount(b[i].cells[c].text, b[i].cells[c].len))
				return true;
		if (blocks_have_amount(b[i].sub, b[i].nsub))
			return true;
	}
	return false;
}

bool screens_states_money(const struct screen *s)
{
	return s != NULL && (s->kind == KIND_CALCULATOR || blocks_have_amount(s->blocks, s->nblocks));
}

void screens_dated_lines(struct app *a, struct layout *l, bool money, bool period)
{
	char *line;

	if (money && (line = screens_year_notice(a)) != NULL) {
		layout_text(l, line, TA_STRONG, 0, 0);
		free(line);
	}
	if (period && (line = screens_period_standing(a)) != NULL) {
		layout_text(l, line, TA_STRONG, 0, 0);
		free(line);
	}
}

bool screens_tells_period(const struct screen *s)
{
	/* The period screen and the fees screen (the wizard's result and the slip say it themselves). */
	return s != NULL && s->id != NULL &&
	       (strcmp(s->id, "notice-period") == 0 || strcmp(s->id, "fees") == 0);
}

void screens_edition_lines(struct app *a, struct layout *l)
{
	const struct bundle_manifest *m;
	struct dates_today t = screens_today(a);
	struct date made, until;
	const char *hotline;
	char *line;

	if (a->g->bundle == NULL)
		return;
	m = bundle_manifest(a->g->bundle);
	/* The year is named: "今年" would be wrong once the year turns. */
	line = xasprintf("内容版本 %lld · %d 年的标准", m->version, m->policy_year);
	layout_text(l, line, 0, 0, LF_DIM);
	free(line);
	/*
	 * Stale: past valid-until, or older than warn_after_days, counted from
	 * the same today as every other dated line (screens_today: a test's fixed
	 * day holds here too). A clock that is no clock to count by says so in
	 * the year's line instead; an unreadable valid-until is stale.
	 */
	if (dates_parse(m->valid_until, &until) &&
	    (!t.plausible ||
	     (dates_days(t.d) <= dates_days(until) &&
	      (!dates_parse(m->created, &made) ||
	       dates_days(t.d) - dates_days(made) <= a->cfg->update_warn_after_days))))
		return;
	hotline = guide_value(a->g, "hotline");
	line = xasprintf("注意：这里的数字可能已经过时，请到窗口或拨打 %s 核实。",
			 hotline != NULL ? hotline : "12393");
	layout_text(l, line, TA_STRONG, 0, 0);
	free(line);
}

/* The home screen's edition, and the year notice for the figures it leads to. */
static void home_edition(struct app *a, struct layout *l)
{
	screens_edition_lines(a, l);
	screens_dated_lines(a, l, true, false);
}

/*
 * The first screen of a session whose text says "资料" explains the word under
 * its sources (and keeps explaining it when laid out again); others do not.
 */
static void say_sources(struct app *a, struct view *v)
{
	static const char word[] = "资料";
	size_t wn = sizeof word - 1;
	bool says = false;

	if (a->sources_said != 0 && a->sources_said != v->screen + 1)
		return;
	for (size_t i = 0; i < v->lay.n && !says; i++) {
		const struct dline *d = &v->lay.lines[i];

		for (size_t k = 0; k + wn <= d->len && !says; k++)
			says = memcmp(d->text + k, word, wn) == 0;
	}
	if (!says)
		return;
	a->sources_said = v->screen + 1;
	layout_text(&v->lay, REFS_SOURCES_EXPLAINED, 0, 0, LF_DIM);
}

void screens_source_lines(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	char *line;

	if (s == NULL)
		return;
	/* Pages and the wizard's result say it at their top; home and slip with the edition. */
	if (s->kind != KIND_PAGE && s->kind != KIND_WIZARD && v->screen != a->g->home &&
	    screens_states_money(s)) {
		layout_blank(&v->lay);
		screens_dated_lines(a, &v->lay, true, false);
	}
	if (s->updated == NULL && s->source == NULL) {
		if (v->screen == a->g->home) {
			layout_blank(&v->lay);
			home_edition(a, &v->lay);
		}
		return;
	}
	layout_blank(&v->lay);
	if (s->kind == KIND_MENU && s->updated != NULL) {
		/* A menu states no facts of its own: its date is enough (and cheap on a slow link). */
		line = xasprintf("更新：%s", s->updated);
		layout_text(&v->lay, line, 0, 0, LF_DIM);
		free(line);
		if (v->screen == a->g->home)
			home_edition(a, &v->lay);
		return;
	}
	line = xasprintf("%s%s%s%s", s->updated != NULL ? "更新：" : "",
			 s->updated != NULL ? s->updated : "",
			 s->updated != NULL && s->source != NULL ? "  来源：" : "",
			 s->source != NULL ? s->source : "");
	if (s->updated == NULL) {
		free(line);
		line = xasprintf("来源：%s", s->source);
	}
	layout_text(&v->lay, line, 0, 0, LF_DIM);
	free(line);
	say_sources(a, v);
	if (v->screen == a->g->home)
		home_edition(a, &v->lay);
}

const char **screens_link_codes(struct app *a, const struct screen *s, bool paper, size_t *n)
{
	const char **codes;

	*n = 0;
	if (!paper || s == NULL || s->nlinks == 0)
		return NULL;
	codes = xcalloc(s->nlinks, sizeof *codes);
	for (size_t i = 0; i < s->nlinks; i++) {
		const struct screen *h = s->links[i].screen >= 0 ? guide_head(a->g, s->links[i].screen) : NULL;

		codes[i] = h != NULL ? h->code : NULL;
	}
	*n = s->nlinks;
	return codes;
}

void screens_follow(struct app *a, const struct screen *s, int link)
{
	if (link < 0 || (size_t)link >= s->nlinks) {
		nav_message(a, true, "没有第 %d 个链接", link + 1);
		return;
	}
	if (s->links[link].screen < 0) {
		nav_message(a, true, "这个链接指向的页面不存在：%s", s->links[link].target);
		return;
	}
	nav_push(a, s->links[link].screen);
}
