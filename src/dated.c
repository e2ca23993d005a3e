/*
 * dated.c -- the dated lines: the figures' year, the payment period and the edition against today
 * SPDX-License-Identifier: MIT
 */
#include "dated.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "util.h"

int dated_figures_year(const struct guide *g)
{
	const char *v = guide_value(g, "fee_year");
	int y = 0;

	if (v != NULL && strlen(v) == 4 && strspn(v, "0123456789") == 4)
		y = atoi(v);
	if (y == 0 && g != NULL && g->bundle != NULL)
		y = bundle_manifest(g->bundle)->policy_year;
	return y;
}

/* Where to confirm: the local office and the hotline of the profile. */
static char *confirm_where(const struct guide *g)
{
	const char *office = guide_value(g, "local_office");
	const char *hotline = guide_value(g, "hotline");

	return xasprintf("%s或拨打 %s", office != NULL ? office : "当地医保经办机构",
			 hotline != NULL ? hotline : "12393");
}

char *dated_year_notice(const struct guide *g, const struct dates_today *t)
{
	int year = dated_figures_year(g);
	char today[32], *where, *line = NULL;

	if (year == 0)
		return NULL;
	dates_format(t->d, today, sizeof today);
	where = confirm_where(g);
	switch (dates_year_standing(t, year)) {
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
		if (t->known)
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
static bool profile_period(const struct guide *g, struct dates_period *p)
{
	return dates_period_parse(guide_value(g, "pay_start"), guide_value(g, "pay_end"), p,
				  NULL, 0) == 0;
}

static void period_text(const struct dates_period *p, char *buf, size_t size)
{
	char from[32], to[32];

	dates_format(p->start, from, sizeof from);
	dates_format(p->end, to, sizeof to);
	snprintf(buf, size, "%s%s至%s", p->start.y == 0 ? "每年" : "", from, to);
}

char *dated_period_standing(const struct guide *g, const struct dates_today *t)
{
	struct dates_period p;
	struct dates_pay_standing st;
	const char *hedge = guide_value(g, "pay_hedge");
	const char *pay_for = guide_value(g, "pay_for");
	char today[32], period[80], from[32], to[32], *tail, *line, *year_note = NULL;

	if (!profile_period(g, &p))
		return NULL; /* no dates: nothing is invented */
	if (hedge == NULL)
		hedge = "";
	period_text(&p, period, sizeof period);
	dates_format(t->d, today, sizeof today);
	st = dates_pay_standing(t, &p);
	if (st.state == DATES_PAY_UNKNOWN)
		return xasprintf("本机日期%s%s%s看起来不对，算不出缴费期还有几天。资料说缴费期%s是%s，"
				 "以当地公布为准。",
				 t->known ? "（" : "", t->known ? today : "", t->known ? "）" : "",
				 hedge, period);
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

bool dated_states_money(const struct screen *s)
{
	return s != NULL && (s->kind == KIND_CALCULATOR || blocks_have_amount(s->blocks, s->nblocks));
}

void dated_lines(struct layout *l, const struct guide *g, const struct dates_today *t, bool money,
		 bool period)
{
	char *line;

	if (money && (line = dated_year_notice(g, t)) != NULL) {
		layout_text(l, line, TA_STRONG, 0, 0);
		free(line);
	}
	if (period && (line = dated_period_standing(g, t)) != NULL) {
		layout_text(l, line, TA_STRONG, 0, 0);
		free(line);
	}
}

void dated_edition_lines(struct layout *l, const struct config *cfg, const struct guide *g,
			 const struct dates_today *t)
{
	const struct bundle_manifest *m;
	struct date made, until;
	const char *hotline;
	char *line;

	if (g->bundle == NULL)
		return;
	m = bundle_manifest(g->bundle);
	/* The year is named: "今年" would be wrong once the year turns. */
	line = xasprintf("内容版本 %lld · %d 年的标准", m->version, m->policy_year);
	layout_text(l, line, 0, 0, LF_DIM);
	free(line);
	/*
	 * Stale: past valid-until, or older than warn_after_days, counted from
	 * the same today as every other dated line (a test's fixed day holds
	 * here too). A clock that is no clock to count by says so in the year's
	 * line instead; an unreadable valid-until is stale.
	 */
	if (dates_parse(m->valid_until, &until) &&
	    (!t->plausible ||
	     (dates_days(t->d) <= dates_days(until) &&
	      (!dates_parse(m->created, &made) ||
	       dates_days(t->d) - dates_days(made) <= cfg->update_warn_after_days))))
		return;
	hotline = guide_value(g, "hotline");
	line = xasprintf("注意：这里的数字可能已经过时，请到窗口或拨打 %s 核实。",
			 hotline != NULL ? hotline : "12393");
	layout_text(l, line, TA_STRONG, 0, 0);
	free(line);
}
