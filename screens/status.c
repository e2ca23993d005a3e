/*
 * status.c -- the status screen kind: four live lookups, their progress and results
 * SPDX-License-Identifier: MIT
 *
 * The lookup runs in src/status.c, driven by the key loop; this file asks for
 * the ID number (echoed masked), starts and cancels lookups, and lays out what
 * status_running / status_last say. A lookup goes on when the user leaves this
 * screen: its result waits (cache_s seconds) and the bottom line says it came.
 * Esc here while a lookup runs cancels it; a second Esc leaves. Line mode
 * (--plain) offers the lookup only when its input is a terminal, whose echo it
 * can turn off while the ID number is typed.
 */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include "screens.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/status.h"
#include "../src/refs.h"
#include "../src/util.h"

/* More than the prompt ever takes (input.c stops at 256 bytes). */
#define INPUT_ROOM 512

struct status_screen {
	enum status_kind asking; /* the lookup the open prompt is for */
};

static const struct {
	const char *label, *desc;
} items[STATUS_KIND_COUNT] = {
	[STATUS_ENROLLMENT] = {"查参保", "有没有参保成功，是否被暂停"},
	[STATUS_PAYMENT] = {"查交费", "今年的医保费交上了没有"},
	[STATUS_CARD] = {"查医保卡", "在制作中、可以领取、已邮寄还是已领取"},
	[STATUS_CLAIM] = {"查报销", "报销申请办到哪一步了"},
};

static void status_init(struct app *a, struct view *v)
{
	(void)a;
	v->state = xcalloc(1, sizeof(struct status_screen));
}

static void status_free_view(struct view *v)
{
	free(v->state);
	v->state = NULL;
}

/* "N. label  desc" as selectable item ref. */
static void item_line(struct layout *l, int n, const char *label, const char *desc)
{
	struct strbuf sb = {0};
	struct span sp[2];
	struct rich r;

	sb_printf(&sb, "%d. ", n + 1);
	sp[0].off = sb.len;
	sp[0].len = strlen(label);
	sp[0].attr = TA_STRONG;
	sp[0].link = -1;
	sb_adds(&sb, label);
	sb_adds(&sb, "  ");
	sp[1].off = sb.len;
	sp[1].len = strlen(desc);
	sp[1].attr = 0;
	sp[1].link = -1;
	sb_adds(&sb, desc);
	r.text = sb.s;
	r.len = sb.len;
	r.spans = sp;
	r.nspans = 2;
	layout_rich(l, &r, NULL, 2, 0, layout_add_item(l, n), NULL);
	sb_clear(&sb);
}

/* "label: value" at indent 2, skipped when value is NULL. */
static void field(struct layout *l, const char *label, const char *value, unsigned flags)
{
	char *line;

	if (value == NULL)
		return;
	line = xasprintf("%s：%s", label, value[0] != '\0' ? value : "（无）");
	layout_text(l, line, 0, 2, flags);
	free(line);
}

/* " NNNNN": the profile's hotline after a space, or "" when it has none. */
static const char *hotline_sp(struct app *a, char *buf, size_t size)
{
	const char *h = guide_hotline(a->g);

	snprintf(buf, size, "%s%s", h != NULL ? " " : "", h != NULL ? h : "");
	return buf;
}

static void lay_record(struct app *a, struct layout *l, const struct status_result *r)
{
	char *line, hot[64];

	if (r->state == STATUS_STATE_UNKNOWN) {
		line = xasprintf("状态：状态未知（查询服务答复“%s”）。这不能当作已经办好；请到医保服务窗口"
				 "或拨打医保服务热线%s核实。",
				 r->state_raw != NULL ? r->state_raw : "", hotline_sp(a, hot, sizeof hot));
		layout_text(l, line, TA_STRONG, 2, LF_WARN);
	} else {
		line = xasprintf("状态：%s", status_state_label(r->kind, r->state));
		layout_text(l, line, TA_STRONG, 2, status_state_good(r->kind, r->state) ? 0 : LF_WARN);
	}
	free(line);
	field(l, "说明", r->detail, 0);
	field(l, "领取地点", r->pickup_location, 0);
	if (r->year > 0) {
		line = xasprintf("%ld", r->year);
		field(l, "年度", line, 0);
		free(line);
	}
	if (r->amount_fen >= 0) {
		line = xasprintf("%lld.%02lld 元", r->amount_fen / 100, r->amount_fen % 100);
		field(l, "金额", line, 0);
		free(line);
	}
	field(l, "报销单号", r->claim_id, 0);
	field(l, "信息更新日期", r->updated, LF_DIM);
}

/* Progress or the latest result. */
static void lay_lookup(struct app *a, struct view *v)
{
	struct layout *l = &v->lay;
	const struct status_result *r = status_last(a->status);
	enum status_kind kind;
	const char *masked;
	long secs;
	char *line;

	if (status_running(a->status, &kind, &masked, &secs)) {
		static const char *const dots[] = {"", ".", "..", "..."};

		line = xasprintf("正在查询%s（身份证 %s）%s 已用 %ld 秒。按 Esc 取消。",
				 status_kind_label(kind), masked, dots[secs % 4], secs);
		layout_text(l, line, TA_STRONG, 0, LF_NOTE);
		util_wipe(line, strlen(line)); /* it names the masked ID */
		free(line);
		return;
	}
	if (r == NULL) {
		layout_text(l, "选一项，按回车或 s，再输入18位身份证号。号码只用于这次查询，不会保存。", 0,
			    0, LF_DIM);
		return;
	}
	line = xasprintf("%s%s（身份证 %s）",
			 r->err != SE_NONE                  ? "查询没有结果："
			 : r->state == STATUS_STATE_UNKNOWN ? "查询结果不明："
							    : "查询结果：",
			 status_kind_label(r->kind), r->masked_id);
	layout_text(l, line, TA_STRONG, 0, 0);
	util_wipe(line, strlen(line));
	free(line);
	if (r->err == SE_NONE) {
		lay_record(a, l, r);
	} else {
		layout_text(l, status_err_message(r->err), 0, 2,
			    r->err == SE_CANCELLED || r->err == SE_NO_RECORD ? 0 : LF_WARN);
		if (r->err != SE_CANCELLED && guide_hotline(a->g) != NULL) {
			line = xasprintf("医保服务热线：%s", guide_hotline(a->g));
			layout_text(l, line, 0, 2, 0);
			free(line);
		}
		if (r->err_detail != NULL && r->err_detail[0] != '\0') {
			line = xasprintf("（技术信息：%s）", r->err_detail);
			layout_text(l, line, 0, 2, LF_DIM);
			free(line);
		}
	}
	if (status_keep_s(a->status) > 0)
		line = xasprintf("结果只留在内存里，%d 秒后自动清除。", status_keep_s(a->status));
	else
		line = xstrdup("结果只留在内存里，不保存。");
	layout_text(l, line, 0, 0, LF_DIM);
	free(line);
}

static void status_layout(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);

	if (!status_configured(a->cfg)) {
		layout_text(&v->lay, "这台机器没有开通在线查询。可以用下面说的办法查。", TA_STRONG, 0,
			    LF_NOTE);
		layout_blank(&v->lay);
	} else {
		for (int k = 0; k < STATUS_KIND_COUNT; k++)
			item_line(&v->lay, k, items[k].label, items[k].desc);
		layout_blank(&v->lay);
		lay_lookup(a, v);
		layout_blank(&v->lay);
	}
	if (s != NULL)
		layout_blocks(&v->lay, s->blocks, s->nblocks, NULL);
	screens_source_lines(a, v);
}

/* Open the ID prompt for a lookup of kind. */
static void ask(struct app *a, struct view *v, enum status_kind kind)
{
	struct status_screen *ss = v->state;
	enum status_kind running;
	const char *masked;
	long secs;
	char *label;

	if (!status_configured(a->cfg)) {
		char hot[64];

		nav_message(a, false, "这台机器没有开通在线查询。可以到医保服务窗口查，或拨打医保服务热线%s。",
			    hotline_sp(a, hot, sizeof hot));
		return;
	}
	if (a->line_mode && !isatty(STDIN_FILENO)) {
		/* Line mode can hide typing only on a terminal of its own. */
		nav_message(a, true, "输入不是终端，不能在线查询（身份证号会被显示出来）。请用全屏模式。");
		return;
	}
	if (status_running(a->status, &running, &masked, &secs)) {
		nav_message(a, false, "正在查询，请等结果，或按 Esc 取消。");
		return;
	}
	ss->asking = kind;
	nav_select(a, v, (int)kind, false);
	label = xasprintf(a->line_mode ? "%s：输入18位身份证号，再按回车（只按回车是取消）："
				       : "%s：输入18位身份证号（Esc 取消）",
			  items[kind].label);
	nav_prompt(a, PROMPT_VIEW, label);
	a->prompt_secret = true;
	/* Room for any input now, so no growing realloc leaves part of the number behind. */
	a->input.s = xgrow(a->input.s, &a->input.cap, INPUT_ROOM, 1);
	free(label);
}

static int status_key(struct app *a, struct view *v, enum action act, int ch)
{
	enum status_kind kind;
	const char *masked;
	long secs;
	bool running = status_running(a->status, &kind, &masked, &secs);

	switch (act) {
	case ACT_DIGIT:
		if (!status_configured(a->cfg))
			return KR_UNHANDLED;
		if (ch < 1 || ch > STATUS_KIND_COUNT) {
			nav_message(a, true, "没有第 %d 项", ch);
			return KR_HANDLED;
		}
		ask(a, v, (enum status_kind)(ch - 1));
		return KR_HANDLED;
	case ACT_OPEN:
	case ACT_LOOKUP:
		if (v->sel >= 0 && v->sel < STATUS_KIND_COUNT)
			ask(a, v, (enum status_kind)v->sel);
		else
			ask(a, v, STATUS_ENROLLMENT);
		return KR_HANDLED;
	case ACT_BACK:
		if (!running)
			return KR_UNHANDLED;
		status_cancel(a->status);
		return KR_RELAYOUT;
	case ACT_EXPORT:
		if (!running && status_last(a->status) == NULL)
			return KR_UNHANDLED;
		nav_message(a, false, "查询结果不导出，以免个人信息留在文件里。");
		return KR_HANDLED;
	default:
		return KR_UNHANDLED;
	}
}

static int status_submit(struct app *a, struct view *v, const char *text)
{
	struct status_screen *ss = v->state;
	char id[STATUS_ID_LEN + 2];
	size_t n = 0, chars = 0;
	int r = KR_HANDLED;

	/* The prompt's own buffer held the number too. */
	util_wipe(a->input.s, a->input.cap);
	a->input.len = 0;
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (((unsigned char)*p & 0xC0) != 0x80)
			chars++;
		if (n < sizeof id - 1)
			id[n++] = *p;
	}
	id[n] = '\0';
	if (chars != STATUS_ID_LEN) {
		nav_message(a, true, "身份证号应该是18位，刚才输入了 %zu 位。按 s 重新输入。", chars);
	} else {
		switch (status_id_check(id)) {
		case STATUS_ID_LENGTH:
		case STATUS_ID_CHARS:
			nav_message(a, true, "身份证号只能是数字，最后一位可以是 X。按 s 重新输入。");
			break;
		case STATUS_ID_CHECKSUM:
			nav_message(a, true, "这个身份证号的校验位不对，可能输错了一位。按 s 重新输入。");
			break;
		case STATUS_ID_OK:
			if (a->status == NULL)
				a->status = status_new(a->cfg);
			if (!status_start(a->status, ss->asking, id))
				nav_message(a, false, "正在查询，请等结果，或按 Esc 取消。");
			r = KR_RELAYOUT;
			break;
		}
	}
	util_wipe(id, sizeof id);
	return r;
}

void screens_status_open(struct app *a, int kind)
{
	int idx = guide_find(a->g, refs_id(REF_STATUS));
	struct view *v;

	if (!status_configured(a->cfg)) {
		char hot[64];

		nav_message(a, false, "这台机器没有开通在线查询。可以到医保服务窗口查，或拨打医保服务热线%s。",
			    hotline_sp(a, hot, sizeof hot));
		return;
	}
	if (idx < 0 || guide_head(a->g, idx)->kind != KIND_STATUS) {
		nav_message(a, true, "找不到查询页面（id status）。");
		return;
	}
	nav_push(a, idx);
	v = nav_top(a);
	if (kind >= 0 && kind < STATUS_KIND_COUNT)
		ask(a, v, (enum status_kind)kind);
}

void screens_status_changed(struct app *a)
{
	struct view *top = nav_top(a);
	enum status_kind kind;
	const char *masked;
	long secs;
	int idx;

	for (size_t i = 0; i < a->depth; i++)
		if (a->stack[i].ops == &status_ops)
			a->stack[i].stale = true;
	if (top == NULL || top->ops == &status_ops || status_last(a->status) == NULL ||
	    status_running(a->status, &kind, &masked, &secs))
		return;
	idx = guide_find(a->g, refs_id(REF_STATUS));
	if (idx >= 0)
		nav_message(a, false, "查询有结果了：按 g 输入 %s 回车查看。", guide_head(a->g, idx)->code);
}

static const struct keybind status_keys[] = {
	{ACT_UP, {0}, "选上一项", "选择", 0},
	{ACT_DOWN, {0}, "选下一项", "选择", 0},
	{ACT_OPEN, {0}, "查询所选项（要输入身份证号）", "查询", 0},
	{ACT_DIGIT, {0}, "查询第 N 项", NULL, 0},
	{ACT_BACK, {0}, "返回上一页；查询进行中时取消查询", "返回/取消", 0},
	{ACT_LOOKUP, {0}, "查询所选项", NULL, 0},
	{ACT_EXPORT, {0}, "导出本页（查询结果不导出）", NULL, 0},
};

/* Without a lookup service there is nothing to start: only the common keys apply. */
static const struct keybind *status_keys_for(const struct app *a, const struct view *v, size_t *n)
{
	(void)v;
	*n = status_configured(a->cfg) ? ARRAY_LEN(status_keys) : 0;
	return status_keys;
}

const struct kind_ops status_ops = {
	.name = "status",
	.init = status_init,
	.layout = status_layout,
	.key = status_key,
	.submit = status_submit,
	.free = status_free_view,
	.keys_for = status_keys_for,
};
