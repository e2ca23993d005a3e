/*
 * calculator.c -- the calculator screen kind: a bill, a hospital level, a group
 * SPDX-License-Identifier: MIT
 *
 * Owner: the calculator screen. The sums are done by src/calc.c in whole fen;
 * this file only lays out the form (three items) and the result, with a bar
 * of reimbursed against self-paid. The figures are the region profile's
 * [reimburse] section; whatever it leaves empty is said to be unknown.
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/calc.h"
#include "../src/util.h"

/* Columns of the reimbursed / self-paid bar at most. */
#define BAR_COLS 40

enum {
	ITEM_BILL,
	ITEM_LEVEL,
	ITEM_GROUP,
	ITEM_COUNT
};

static const char *const level_names[CALC_LEVELS] = {"一级医院", "二级医院", "三级医院"};
static const char *const group_names[CALC_GROUPS] = {"学生儿童", "其他居民", "职工医保"};
/* The profile key saying whose figure a group's rates are. */
static const char *const scope_keys[CALC_GROUPS] = {"student_scope", "other_scope", "employee_scope"};

struct calculator {
	struct calc_profile prof;
	char bad[CALC_WHY_MAX]; /* profile keys that could not be read, or "" */
	long long bill;         /* fen */
	bool has_bill;
	int level; /* 1..CALC_LEVELS */
	int group; /* enum calc_group, or -1: not chosen yet (asked, never assumed) */
};

/*
 * [reimburse] key's condition against the wizard's answers: 1 true, 0 false,
 * -1 when the answers do not tell (a name in it is unanswered, or no condition).
 */
static int answers_say(struct app *a, const char *key)
{
	const char *s = kv_get(&a->g->profile.reimburse, key);
	struct cond *cd = s != NULL ? cond_parse(s, NULL, 0) : NULL;
	bool known = cd != NULL;
	int r = -1;

	for (size_t i = 0; known && i < cd->nclauses; i++)
		for (size_t t = 0; known && t < cd->clauses[i].nterms; t++)
			known = answers_get(&a->answers, cd->clauses[i].terms[t].name) != NULL;
	if (known)
		r = cond_eval(cd, &a->answers) ? 1 : 0;
	cond_free(cd);
	return r;
}

/* The group from the wizard's answers (employee_if, then student_if), or -1: ask. */
static int start_group(struct app *a)
{
	int employee = answers_say(a, "employee_if"), student = answers_say(a, "student_if");

	if (employee == 1)
		return CALC_EMPLOYEE;
	if (student < 0 || (employee < 0 && kv_get(&a->g->profile.reimburse, "employee_if") != NULL))
		return -1;
	return student == 1 ? CALC_STUDENT : CALC_OTHER;
}

static void calculator_init(struct app *a, struct view *v)
{
	struct calculator *c = xcalloc(1, sizeof *c);

	calc_profile_read(&c->prof, &a->g->profile.reimburse, c->bad, sizeof c->bad);
	c->level = 1;
	c->group = start_group(a);
	v->state = c;
}

/* One form item: "N. label：value", the value bold, a dim note after it. */
static void lay_item(struct view *v, int n, const char *label, const char *value,
		     const char *note)
{
	struct strbuf sb = {0};
	struct span sp[2] = {{0, 0, TA_STRONG, -1}, {0, 0, 0, -1}};
	struct rich r;
	char prefix[16];

	snprintf(prefix, sizeof prefix, "%d. ", n + 1);
	sb_adds(&sb, label);
	sb_adds(&sb, "：");
	sp[0].off = sb.len;
	sb_adds(&sb, value);
	sp[0].len = sb.len - sp[0].off;
	sb_adds(&sb, "  ");
	sb_adds(&sb, note);
	r.text = sb.s;
	r.len = sb.len;
	r.spans = sp;
	r.nspans = 1;
	layout_rich(&v->lay, &r, prefix, 2, 0, layout_add_item(&v->lay, n), NULL);
	sb_clear(&sb);
}

/* A result line "label：text", indented; attr TA_STRONG for the sums that matter. */
static void lay_row(struct view *v, const char *label, const char *text, unsigned attr,
		    unsigned flags)
{
	char *line = xasprintf("%s：%s", label, text);

	layout_text(&v->lay, line, attr, 2, flags);
	free(line);
}

/* "12,345.60 元", or "约 a–b 元" when the two ends differ. */
static char *money(long long lo, long long hi)
{
	char x[CALC_FMT_LEN], y[CALC_FMT_LEN];

	calc_format_fen(lo, x, sizeof x);
	if (lo == hi)
		return xasprintf("%s 元", x);
	calc_format_fen(hi, y, sizeof y);
	return xasprintf("约 %s–%s 元", x, y);
}

/* Cells of width cols that part takes of whole, rounded half up. */
static int cells(long long part, long long whole, int cols)
{
	if (whole <= 0)
		return 0;
	return (int)((part * cols * 2 + whole) / (whole * 2));
}

static void lay_bar(struct app *a, struct view *v, const struct calc_result *r)
{
	bool ascii = a->cfg->ascii_borders;
	const char *full = ascii ? "#" : "\xE2\x96\x88";  /* █ */
	const char *maybe = ascii ? "+" : "\xE2\x96\x92"; /* ▒ */
	const char *self = ascii ? "." : "\xE2\x96\x91";  /* ░ */
	int cols = v->lay.width - 4 < BAR_COLS ? v->lay.width - 4 : BAR_COLS;
	int lo = cells(r->reimbursed[0], r->bill, cols), hi = cells(r->reimbursed[1], r->bill, cols);
	struct strbuf sb = {0};
	char *legend;

	sb_adds(&sb, ascii ? "[" : "");
	for (int i = 0; i < cols; i++)
		sb_adds(&sb, i < lo   ? full
			     : i < hi ? maybe
				      : self);
	sb_adds(&sb, ascii ? "]" : "");
	layout_text(&v->lay, sb.s, 0, 2, 0);
	sb_clear(&sb);
	if (hi > lo || r->reimbursed[1] > r->reimbursed[0])
		legend = xasprintf("%s 医保报销  %s 比例取高时也由医保报销  %s 自己付", full, maybe, self);
	else
		legend = xasprintf("%s 医保报销  %s 自己付", full, self);
	/* Not dim: a dim line has its own colour, and a swatch must be the bar's. */
	layout_text(&v->lay, legend, 0, 2, 0);
	free(legend);
}

static void lay_result(struct app *a, struct view *v, const struct calculator *c)
{
	struct calc_result r;
	char x[CALC_FMT_LEN], y[CALC_FMT_LEN], *t;
	const char *office = guide_value(a->g, "local_office"), *scope;

	if (office == NULL)
		office = "当地医保经办机构";
	layout_blank(&v->lay);
	layout_text(&v->lay, "计算结果", TA_STRONG, 0, LF_HEADING);
	if (!c->has_bill) {
		layout_text(&v->lay,
			    a->line_mode ? "先输入 1，再按回车，填写住院费用（元）。"
					 : "先选第 1 项，按 Enter 输入住院费用（元）。",
			    0, 2, LF_DIM);
		return;
	}
	if (c->group < 0) {
		layout_text(&v->lay,
			    a->line_mode ? "再输入 3 选人群：学生儿童、其他居民，还是参加职工医保的人。"
					 : "再选第 3 项，按 Enter 选人群：学生儿童、其他居民，还是参加职工医保的人。",
			    0, 2, LF_DIM);
		return;
	}
	if (!calc_compute(&c->prof, c->bill, c->level, c->group, &r)) {
		t = xasprintf("没有“%s · %s”的报销比例：资料没有给出，算不了。请问%s。",
			      level_names[c->level - 1], group_names[c->group], office);
		layout_text(&v->lay, t, 0, 2, LF_WARN);
		free(t);
		return;
	}
	calc_format_rate(r.rate.low, x, sizeof x);
	calc_format_rate(r.rate.high, y, sizeof y);
	if (r.rate.low == r.rate.high)
		t = xasprintf("%s · %s %s%%", level_names[c->level - 1], group_names[c->group], x);
	else
		t = xasprintf("%s · %s %s%%–%s%%（只有范围，按两头各算一次）",
			      level_names[c->level - 1], group_names[c->group], x, y);
	lay_row(v, "报销比例", t, 0, 0);
	free(t);
	/* Whose figure it is: never "本地区" for another region's example. */
	scope = kv_get(&a->g->profile.reimburse, scope_keys[c->group]);
	lay_row(v, "比例出处",
		scope != NULL && scope[0] != '\0' ? scope : "地区设置没有写明这个比例是哪里的数字", 0, 0);
	if (c->prof.deductible.known) {
		calc_format_fen(c->prof.deductible.fen, x, sizeof x);
		t = xasprintf("%s 元，这部分费用自己付", x);
		lay_row(v, "起付线", t, 0, 0);
		free(t);
	} else {
		lay_row(v, "起付线",
			"没有数据，这里没有扣；实际一般要先自己付到起付线，医保报销会少这一块", 0, 0);
	}
	if (c->group != CALC_EMPLOYEE && c->prof.bill_limit[c->group].known) {
		/* The source gives rates up to the limit and says nothing of the rest. */
		const char *ls = kv_get(&a->g->profile.reimburse, "limit_scope");

		calc_format_fen(c->prof.bill_limit[c->group].fen, x, sizeof x);
		calc_format_fen(r.bill - r.eligible, y, sizeof y);
		if (r.limited)
			t = xasprintf("资料只给了 %s 元以内的比例。超出的 %s 元怎么报，资料没有写，"
				      "这里没有算进医保报销，请问%s%s%s",
				      x, y, office, ls != NULL && ls[0] != '\0' ? "。" : "",
				      ls != NULL ? ls : "");
		else
			t = xasprintf("资料给的比例只管 %s 元以内的费用%s%s", x,
				      ls != NULL && ls[0] != '\0' ? "。" : "", ls != NULL ? ls : "");
		lay_row(v, "报销范围", t, 0, 0);
		free(t);
	}
	calc_format_fen(r.above, x, sizeof x);
	t = xasprintf("%s 元", x);
	lay_row(v, "按比例报销的部分", t, 0, 0);
	free(t);
	t = money(r.reimbursed[0], r.reimbursed[1]);
	lay_row(v, "医保报销（最多）", t, TA_STRONG, 0);
	free(t);
	t = money(r.self_paid[1], r.self_paid[0]);
	lay_row(v, "自己付（至少）", t, TA_STRONG, 0);
	free(t);
	if (!c->prof.cap.known) {
		lay_row(v, "封顶线", "没有数据，没有按封顶计算", 0, LF_DIM);
	} else {
		calc_format_fen(c->prof.cap.fen, x, sizeof x);
		t = xasprintf("%s 元（一年里医保最多报这么多）%s", x,
			      r.capped[0]   ? "，已按封顶线封顶"
			      : r.capped[1] ? "，比例取高时会封顶"
					    : "");
		lay_row(v, "封顶线", t, 0, 0);
		free(t);
	}
	/* The bar says again, in cells, what the rows say: line mode (read aloud) skips it. */
	if (!a->line_mode) {
		layout_blank(&v->lay);
		lay_bar(a, v, &r);
	}
	layout_blank(&v->lay);
	/* What every estimate leaves out: the result above is the most it can be. */
	layout_text(&v->lay, "这个估算没有算进去的（医保的一般做法，资料里没有写）：", TA_STRONG,
		    0, 0);
	layout_text(&v->lay, "• 医保目录以外的药品、检查和材料（自费），医保不报；", 0, 2, 0);
	layout_text(&v->lay, "• 乙类药品和项目，一般要先自己付一部分（乙类先行自付），再按比例报；",
		    0, 2, 0);
	layout_text(&v->lay,
		    c->prof.deductible.known ? "• 起付线已经扣了；门诊、慢病等另有规定的，不在这里。"
					     : "• 起付线：没有数据，没有扣。",
		    0, 2, 0);
	layout_text(&v->lay,
		    "所以实际医保报销一般比上面少，自己付的比上面多。以出院结算为准，"
		    "问清楚可以找当地医保经办机构。",
		    0, 2, 0);
	layout_blank(&v->lay);
	layout_text(&v->lay,
		    "算法：医保报销 = 按比例报销的部分 × 报销比例，四舍五入到分（不到半分舍去，"
		    "半分及以上进一分），再不超过封顶线；自己付 = 住院费用 − 医保报销。",
		    0, 0, LF_DIM);
}

static void calculator_layout(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	struct calculator *c = v->state;
	char num[CALC_FMT_LEN], amount[CALC_FMT_LEN + 8];

	layout_blocks(&v->lay, s->blocks, s->nblocks, NULL);
	layout_blank(&v->lay);
	if (c->has_bill) {
		calc_format_fen(c->bill, num, sizeof num);
		snprintf(amount, sizeof amount, "%s 元", num);
	} else {
		snprintf(amount, sizeof amount, "（还没填）");
	}
	lay_item(v, ITEM_BILL, "住院费用", amount, a->line_mode ? "输入 1 填写" : "按 Enter 输入");
	lay_item(v, ITEM_LEVEL, "医院等级", level_names[c->level - 1],
		 a->line_mode ? "输入 2 换成下一级：一级、二级、三级" : "按 Enter 换：一级/二级/三级");
	lay_item(v, ITEM_GROUP, "人群", c->group >= 0 ? group_names[c->group] : "（还没选）",
		 a->line_mode ? "输入 3 换：学生儿童、其他居民、职工医保"
			      : "按 Enter 换：学生儿童/其他居民/职工医保");
	lay_result(a, v, c);
	if (c->bad[0] != '\0') {
		char *t = xasprintf("地区设置里这些值看不懂，按没有数据处理：%s", c->bad);

		layout_blank(&v->lay);
		layout_text(&v->lay, t, 0, 0, LF_WARN);
		free(t);
	}
	screens_source_lines(a, v);
}

/* Act on form item n: the bill opens the prompt, the others cycle. */
static int activate(struct app *a, struct view *v, int n)
{
	struct calculator *c = v->state;

	/* A digit may change a field off screen: show it. */
	nav_reveal(a, v, n);
	switch (n) {
	case ITEM_BILL:
		nav_prompt(a, PROMPT_VIEW, "住院费用（元）：");
		return KR_HANDLED;
	case ITEM_LEVEL:
		c->level = c->level % CALC_LEVELS + 1;
		return KR_RELAYOUT;
	case ITEM_GROUP:
		c->group = (c->group + 1) % CALC_GROUPS; /* -1 (not chosen) becomes the first */
		return KR_RELAYOUT;
	default:
		return KR_HANDLED;
	}
}

static int calculator_key(struct app *a, struct view *v, enum action act, int ch)
{
	/* Keys typed ahead can come before the last change was drawn. */
	nav_layout(a, v, v->lay.width);
	switch (act) {
	case ACT_DIGIT:
		if (ch < 1 || ch > ITEM_COUNT) {
			nav_message(a, true, "没有第 %d 项", ch);
			return KR_HANDLED;
		}
		return activate(a, v, ch - 1);
	case ACT_OPEN:
		return v->sel >= 0 ? activate(a, v, v->sel) : KR_HANDLED;
	default:
		return KR_UNHANDLED;
	}
}

static int calculator_submit(struct app *a, struct view *v, const char *text)
{
	struct calculator *c = v->state;
	long long fen;
	enum calc_err e = calc_parse_bill(text, &fen);

	if (e != CALC_OK) {
		nav_message(a, true, "%s", calc_strerror(e));
		return KR_HANDLED;
	}
	c->bill = fen;
	c->has_bill = true;
	return KR_RELAYOUT;
}

static void calculator_free(struct view *v)
{
	free(v->state);
	v->state = NULL;
}

static const struct keybind calculator_keys[] = {
	{ACT_UP, {0}, "选上一项", "选择", 0},
	{ACT_DOWN, {0}, "选下一项", "选择", 0},
	{ACT_OPEN, {0}, "所选项：输入住院费用，或切换医院等级、人群", "输入/切换", 0},
	{ACT_DIGIT, {0}, "第 N 项：1 输入费用，2 切换医院等级，3 选人群", "选项", 0},
};

/* The calculator kind: intro, a form of three items, the result (see the file comment). */
const struct kind_ops calculator_ops = {
	.name = "calculator",
	.init = calculator_init,
	.layout = calculator_layout,
	.key = calculator_key,
	.submit = calculator_submit,
	.free = calculator_free,
	.keys = calculator_keys,
	.nkeys = ARRAY_LEN(calculator_keys),
};
