/*
 * test_layout.c -- unit tests for layout.c: lists, tables, link numbers, checklists, widths
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "content.h"
#include "guide.h"
#include "layout.h"
#include "text.h"
#include "util.h"

static const int widths[] = {20, 24, 33, 40, 41, 61, 78, 80, 100, 132};

static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	return strcmp(name, "hotline") == 0 ? "12393" : NULL;
}

static struct screen *parse(const char *body)
{
	struct diags d = {0};
	char *text = xasprintf("---\ncode: 9\nid: t\ntitle: t\nkind: page\n---\n%s", body);
	struct screen *s = content_parse("t.md", text, strlen(text), lookup, NULL, &d);
	size_t bad = 0;

	/* These bodies test layout, written with ASCII punctuation on purpose: the
	 * punctuation warning (tests/fixtures/punct) is not what is tested here. */
	for (size_t i = 0; i < d.n; i++) {
		if (strncmp(d.v[i].msg, "ASCII ", 6) == 0)
			continue;
		print_message("diag %d: %s\n", d.v[i].line, d.v[i].msg);
		bad++;
	}
	assert_non_null(s);
	assert_int_equal(bad, 0);
	diags_clear(&d);
	free(text);
	return s;
}

static void dump(const struct layout *l)
{
	for (size_t i = 0; i < l->n; i++)
		print_message("%3zu %2d|%*s%s|\n", i, l->lines[i].indent, l->lines[i].indent, "",
			      l->lines[i].text);
}

/* Display width of line i, its indent included. */
static int line_cols(const struct layout *l, size_t i)
{
	return l->lines[i].indent + text_width(l->lines[i].text, l->lines[i].len);
}

/* No line is wider than the layout, and every line's spans lie inside it. */
static void check_fits(const struct layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct dline *d = &l->lines[i];

		if (line_cols(l, i) > l->width) {
			dump(l);
			fail_msg("line %zu is %d columns, wider than %d", i, line_cols(l, i), l->width);
		}
		assert_int_equal(strlen(d->text), d->len);
		for (size_t s = 0; s < d->nspans; s++)
			assert_true(d->spans[s].off + d->spans[s].len <= d->len);
		if (d->flags & LF_RULE)
			assert_int_equal(d->len, 0);
	}
}

/* The text of s with every space and newline taken out. */
static char *squeeze(const char *s)
{
	char *r = xstrdup(s), *w = r;

	for (const char *p = s; *p != '\0'; p++)
		if (*p != ' ' && *p != '\n')
			*w++ = *p;
	*w = '\0';
	return r;
}

static void lists_keep_prefix_and_hang(void **state)
{
	struct screen *s = parse("- 第一项:城乡居民医保每年集中缴费,一般在每年九月到十二月,"
				 "错过了可能要等待一段时间才能报销 Alipay WeChat 12393\n"
				 "- 第二项\n"
				 "  - 子项:子项的文字也要折行,并且挂在自己的前缀下面,不能顶格\n"
				 "\n"
				 "1. 第一步:打开支付宝 Alipay,在顶部搜索“社保缴费”然后按提示做\n"
				 "2. 第二步\n");

	(void)state;
	for (int ascii = 0; ascii < 2; ascii++)
		for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
			struct layout l;
			size_t bi = 0;

			layout_init(&l, widths[wi], ascii != 0);
			layout_blocks(&l, s->blocks, s->nblocks, NULL);
			check_fits(&l);
			/* Walk the lines: each item starts with its prefix, later lines hang. */
			for (size_t i = 0; i < l.n; i++) {
				const struct block *b;
				const char *prefix;
				char num[16];
				int pw, indent;
				struct strbuf got = {0};
				char *want, *have;

				if (l.lines[i].len == 0)
					continue;
				assert_true(bi < s->nblocks);
				b = &s->blocks[bi++];
				indent = (b->level - 1) * 2;
				if (b->number > 0) {
					snprintf(num, sizeof num, "%d. ", b->number);
					prefix = num;
				} else if (ascii) {
					prefix = b->level == 1 ? "* " : "- ";
				} else {
					prefix = b->level == 1 ? "\xE2\x80\xA2 " : "\xE2\x97\xA6 ";
				}
				pw = text_swidth(prefix);
				assert_int_equal(l.lines[i].indent, indent);
				assert_memory_equal(l.lines[i].text, prefix, strlen(prefix));
				sb_adds(&got, l.lines[i].text + strlen(prefix));
				while (i + 1 < l.n && l.lines[i + 1].len > 0 &&
				       l.lines[i + 1].indent == indent && l.lines[i + 1].text[0] == ' ') {
					i++;
					/* Hanging: the prefix's width of blank, then text. */
					for (int k = 0; k < pw; k++)
						assert_int_equal(l.lines[i].text[k], ' ');
					assert_true(l.lines[i].text[pw] != ' ');
					sb_adds(&got, l.lines[i].text + pw);
				}
				/* Nothing lost or added but the spaces at the breaks. */
				want = squeeze(b->r.text);
				have = squeeze(got.s);
				assert_string_equal(have, want);
				free(want);
				free(have);
				sb_clear(&got);
			}
			assert_int_equal(bi, s->nblocks);
			/* Wide enough, the first item fits on one line; narrow, it wraps. */
			if (widths[wi] <= 40)
				assert_true(l.n > s->nblocks + 1);
			layout_clear(&l);
		}
	screen_free(s);
}

/* Display column of each "│" (or '|') in line i. */
static size_t bar_columns(const struct layout *l, size_t i, const char *bar, int *cols, size_t max)
{
	const char *t = l->lines[i].text;
	size_t n = 0, bl = strlen(bar);

	for (const char *p = t; *p != '\0' && n < max;) {
		if (strncmp(p, bar, bl) == 0) {
			cols[n++] = l->lines[i].indent + text_width(t, (size_t)(p - t));
			p += bl;
		} else {
			p++;
		}
	}
	return n;
}

static void tables_fit_and_align(void **state)
{
	struct screen *s = parse("| 项目 | 居民医保 | 职工医保 |\n"
				 "|---|---|---|\n"
				 "| 谁交钱 | 个人交,政府补助 | 单位和个人一起交 |\n"
				 "| 待遇 | 住院报销 50%-70%,门诊也能报 | 一般比居民医保高 |\n"
				 "| 热线 | 12393 | 12393 |\n");
	const struct block *t = &s->blocks[0];

	(void)state;
	assert_int_equal(t->type, BLK_TABLE);
	for (int ascii = 0; ascii < 2; ascii++)
		for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
			const char *bar = ascii ? "|" : "\xE2\x94\x82";
			const char *cross = ascii ? "+" : "\xE2\x94\xBC";
			struct layout l;
			int first[4], cols[4];
			size_t nfirst, nrule;

			layout_init(&l, widths[wi], ascii != 0);
			layout_blocks(&l, s->blocks, s->nblocks, NULL);
			check_fits(&l);
			/* Every row line has its bars at the same display columns. */
			nfirst = bar_columns(&l, 0, bar, first, 4);
			assert_int_equal(nfirst, 2);
			nrule = 0;
			for (size_t i = 0; i < l.n; i++) {
				size_t n;

				if (strstr(l.lines[i].text, cross) != NULL) {
					/* The rule under the header crosses at the bars. */
					nrule++;
					n = bar_columns(&l, i, cross, cols, 4);
				} else {
					n = bar_columns(&l, i, bar, cols, 4);
				}
				assert_int_equal(n, 2);
				assert_int_equal(cols[0], first[0]);
				assert_int_equal(cols[1], first[1]);
			}
			assert_int_equal(nrule, 1);
			/* The header is bold. */
			assert_int_equal(l.lines[0].nspans, 3);
			assert_int_equal(l.lines[0].spans[0].attr, TA_STRONG);
			if (widths[wi] >= 61) {
				/* Room for all: one line a row, columns as wide as their widest cell. */
				assert_int_equal(l.n, 5);
				assert_int_equal(first[0], text_swidth("谁交钱") + 1);
				assert_int_equal(first[1], first[0] + 3 + text_swidth("住院报销 50%-70%,门诊也能报"));
				assert_memory_equal(l.lines[0].text, "项目   ", strlen("项目   "));
			} else {
				/* Narrow: the wide cells wrap inside their column. */
				assert_true(l.n > 5);
			}
			layout_clear(&l);
		}
	screen_free(s);
}

static void number_links_appends_n(void **state)
{
	struct screen *s = parse("看 [缴费期](notice-period) 和 [材料](materials)。\n"
				 "\n"
				 "- [另一个 **粗** 链接](home) 后面\n"
				 "\n"
				 "| 去哪 | 链接 |\n"
				 "|---|---|\n"
				 "| 首页 | [回家](home) |\n");
	struct layout_opts o = {.number_links = true};
	struct layout l;

	(void)state;
	layout_init(&l, 80, false);
	layout_blocks(&l, s->blocks, s->nblocks, &o);
	check_fits(&l);
	assert_string_equal(l.lines[0].text, "看 缴费期[1] 和 材料[2]。");
	/* The number is bold, the link text keeps its attribute. */
	{
		const struct dline *d = &l.lines[0];
		bool num = false, link = false;

		for (size_t i = 0; i < d->nspans; i++) {
			if (d->spans[i].len == 3 && memcmp(d->text + d->spans[i].off, "[1]", 3) == 0 &&
			    d->spans[i].attr == TA_STRONG)
				num = true;
			if (d->spans[i].len == strlen("缴费期") &&
			    memcmp(d->text + d->spans[i].off, "缴费期", strlen("缴费期")) == 0 &&
			    (d->spans[i].attr & TA_LINK))
				link = true;
		}
		assert_true(num);
		assert_true(link);
	}
	/* One number after a link whose text is split by bold. */
	assert_string_equal(l.lines[2].text, "\xE2\x80\xA2 另一个 粗 链接[3] 后面");
	/* Links in a table are numbered too, or their digit could not be known. */
	assert_non_null(strstr(l.lines[l.n - 1].text, "回家[4]"));
	layout_clear(&l);

	/* Without the option (menus, --print of a menu) no numbers. */
	layout_init(&l, 80, false);
	layout_blocks(&l, s->blocks, s->nblocks, NULL);
	assert_string_equal(l.lines[0].text, "看 缴费期 和 材料。");
	assert_null(strstr(l.lines[l.n - 1].text, "["));
	layout_clear(&l);

	/* Down to the narrowest layout, numbers and all fit (the table too). */
	for (int w = 10; w <= 40; w++) {
		layout_init(&l, w, false);
		layout_blocks(&l, s->blocks, s->nblocks, &o);
		check_fits(&l);
		layout_clear(&l);
	}
	screen_free(s);
}

/*
 * A link's number stays with its text: no line starts with "[N]" (issue 12
 * item 13: "[4]。" alone at the start of a line), at any width.
 */
static void link_number_glued(void **state)
{
	struct screen *s = parse("先看一下这里的[某个很长的链接文字](home)。然后是[第二个链接](materials)，"
				 "最后[三](home)。\n");
	struct layout_opts o = {.number_links = true};

	(void)state;
	for (int w = 10; w <= 60; w++) {
		struct layout l;

		layout_init(&l, w, false);
		layout_blocks(&l, s->blocks, s->nblocks, &o);
		check_fits(&l);
		for (size_t i = 0; i < l.n; i++) {
			const char *t = l.lines[i].text;

			if (t[0] == '[' && t[1] >= '0' && t[1] <= '9') {
				dump(&l);
				fail_msg("width %d: line %zu starts with a link number", w, i);
			}
		}
		layout_clear(&l);
	}
	screen_free(s);
}

/*
 * The bottom line's hints at any width (issue 12 item 14: at 40 columns words
 * were cut and "?帮助 q退出" dropped): whole hints only, the least kept first.
 */
static void hints_fit_whole(void **state)
{
	const struct layout_hint h[] = {
		{"↑↓选择", 2, false},
		{"x/空格勾选", 2, false},
		{"p导出", 2, false},
		{"←返回", 1, true},
		{"g跳转", 0, false},
		{"/搜索", 0, false},
		{"?帮助", 3, false},
		{"q退出", 3, false},
	};
	const char *all = "↑↓选择 x/空格勾选 p导出  ←返回 g跳转 /搜索 ?帮助 q退出";
	char *t;

	(void)state;
	t = layout_fit_hints(h, 8, 80);
	assert_string_equal(t, all);
	free(t);
	t = layout_fit_hints(h, 8, text_swidth(all));
	assert_string_equal(t, all);
	free(t);
	/* One column short: the rightmost of the least kept goes. */
	t = layout_fit_hints(h, 8, text_swidth(all) - 1);
	assert_string_equal(t, "↑↓选择 x/空格勾选 p导出  ←返回 g跳转 ?帮助 q退出");
	free(t);
	/* 40 columns (39 drawn): the screen's keys and help and quit stay, whole. */
	t = layout_fit_hints(h, 8, 39);
	assert_string_equal(t, "↑↓选择 x/空格勾选 p导出  ?帮助 q退出");
	free(t);
	t = layout_fit_hints(h, 8, 20);
	assert_string_equal(t, "↑↓选择  ?帮助 q退出");
	free(t);
	t = layout_fit_hints(h, 8, 11);
	assert_string_equal(t, "?帮助 q退出");
	free(t);
	t = layout_fit_hints(h, 8, 7);
	assert_string_equal(t, "?帮助");
	free(t);
	t = layout_fit_hints(h, 8, 4);
	assert_string_equal(t, "");
	free(t);
	t = layout_fit_hints(h, 0, 40);
	assert_string_equal(t, "");
	free(t);
	/* Every width: never wider, and made only of whole hints. */
	for (int cols = 0; cols <= 60; cols++) {
		char *p, *save = NULL;

		t = layout_fit_hints(h, 8, cols);
		assert_true(text_swidth(t) <= cols);
		for (p = strtok_r(t, " ", &save); p != NULL; p = strtok_r(NULL, " ", &save)) {
			bool found = false;

			for (size_t i = 0; i < 8; i++)
				found = found || strcmp(p, h[i].text) == 0;
			if (!found)
				fail_msg("cols %d: \"%s\" is not a whole hint", cols, p);
		}
		free(t);
	}
}

static bool tick_even(void *ctx, size_t block)
{
	(void)ctx;
	return block % 2 == 0;
}

static void checklist_items(void **state)
{
	struct screen *s = parse("要带:\n"
				 "\n"
				 "- [ ] 身份证原件\n"
				 "- [x] 户口本 {if household=local}\n"
				 "- [ ] 居住证:外地户口要带居住证,没有的先去派出所办理 {if household=permit}\n"
				 "- [ ] 照片\n");
	struct layout_opts o = {.tasks_selectable = true};
	struct answers a = {0};
	struct layout l;

	(void)state;
	/* No answers: every task shows, each an item standing for its block. */
	layout_init(&l, 40, false);
	layout_blocks(&l, s->blocks, s->nblocks, &o);
	check_fits(&l);
	assert_int_equal(l.nitems, 4);
	for (size_t k = 0; k < l.nitems; k++) {
		char want[32];
		const struct dline *d = &l.lines[l.item_line[k]];

		assert_int_equal(l.item_ref[k], (int)k + 1);
		snprintf(want, sizeof want, "%zu. %s ", k + 1, k == 1 ? "[x]" : "[ ]");
		assert_memory_equal(d->text, want, strlen(want));
		assert_int_equal(d->item, (int)k);
	}
	/* The long one wraps and its lines stay with the item, hanging. */
	{
		size_t first = (size_t)l.item_line[2], last = (size_t)l.item_line[3];

		assert_true(last - first >= 2);
		for (size_t i = first; i < last; i++)
			assert_int_equal(l.lines[i].item, 2);
		assert_memory_equal(l.lines[first + 1].text, "       ", 7);
	}
	layout_clear(&l);

	/* With answers only the matching conditional tasks show; ticks from the callback. */
	answers_set(&a, "household", "permit");
	o.answers = &a;
	o.ticked = tick_even;
	layout_init(&l, 80, false);
	layout_blocks(&l, s->blocks, s->nblocks, &o);
	check_fits(&l);
	assert_int_equal(l.nitems, 3);
	assert_int_equal(l.item_ref[0], 1);
	assert_int_equal(l.item_ref[1], 3);
	assert_int_equal(l.item_ref[2], 4);
	assert_memory_equal(l.lines[l.item_line[0]].text, "1. [ ] 身份证原件", strlen("1. [ ] 身份证原件"));
	assert_memory_equal(l.lines[l.item_line[1]].text, "2. [ ] 居住证", strlen("2. [ ] 居住证"));
	assert_string_equal(l.lines[l.item_line[2]].text, "3. [x] 照片");
	layout_clear(&l);

	/* Not selectable (--print): boxes as written, no numbers, no items. */
	layout_init(&l, 80, true);
	layout_blocks(&l, s->blocks, s->nblocks, NULL);
	assert_int_equal(l.nitems, 0);
	assert_string_equal(l.lines[2].text, "[ ] 身份证原件");
	assert_string_equal(l.lines[3].text, "[x] 户口本");
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.lines[i].item, -1);
	layout_clear(&l);
	screen_free(s);

	/* A hidden first task: the list still has its blank line above it. */
	s = parse("要带:\n\n- [ ] 户口本 {if household=local}\n- [ ] 照片\n\n后文\n");
	o.ticked = NULL;
	layout_init(&l, 80, false);
	layout_blocks(&l, s->blocks, s->nblocks, &o);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.lines[0].text, "要带:");
	assert_int_equal(l.lines[1].len, 0);
	assert_string_equal(l.lines[2].text, "1. [ ] 照片");
	assert_int_equal(l.item_line[0], 2);
	assert_int_equal(l.lines[3].len, 0);
	assert_string_equal(l.lines[4].text, "后文");
	layout_clear(&l);
	answers_clear(&a);
	screen_free(s);
}

static void notes_rules_code(void **state)
{
	struct screen *s = parse("# 标题\n"
				 "\n"
				 "> 注意:这是提示,要和正文分开显示,而且很长很长很长很长很长很长很长。\n"
				 "\n"
				 "---\n"
				 "\n"
				 "```\n"
				 "code  keeps   spaces\n"
				 "```\n");
	struct layout l;

	(void)state;
	for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
		bool note = false, rule = false, code = false;

		layout_init(&l, widths[wi], false);
		layout_blocks(&l, s->blocks, s->nblocks, NULL);
		check_fits(&l);
		assert_true(l.lines[0].flags & LF_HEADING);
		assert_string_equal(l.lines[0].text, "标题");
		/* Never two blank lines in a row, never one first. */
		assert_true(l.lines[0].len > 0);
		for (size_t i = 0; i + 1 < l.n; i++)
			assert_false(l.lines[i].len == 0 && !(l.lines[i].flags & LF_RULE) &&
				     l.lines[i + 1].len == 0 && !(l.lines[i + 1].flags & LF_RULE));
		for (size_t i = 0; i < l.n; i++) {
			if (l.lines[i].flags & LF_NOTE) {
				/* Set in, where the bar is drawn. */
				assert_true(l.lines[i].indent >= 2);
				note = true;
			}
			rule |= (l.lines[i].flags & LF_RULE) != 0;
			if (strcmp(l.lines[i].text, "code  keeps   spaces") == 0) {
				assert_int_equal(l.lines[i].nspans, 1);
				assert_int_equal(l.lines[i].spans[0].attr, TA_CODE);
				code = true;
			}
		}
		assert_true(note);
		assert_true(rule);
		assert_true(code || widths[wi] < 24);
		layout_clear(&l);
	}
	screen_free(s);
}

/* Every shipped screen, at many widths: nothing wider than the width. */
static void shipped_content_fits(void **state)
{
	struct config c;
	struct regions rs;
	struct profile prof = {0};
	struct diags d = {0};
	struct guide *g;
	struct answers none = {0};

	(void)state;
	if (!util_is_dir("content") || !util_is_dir("config/regions"))
		skip();
	config_defaults(&c);
	regions_from_dir(&rs, c.regions_dir);
	regions_load(&prof, &rs, NULL, &d);
	g = guide_load("content", prof.name, regions_lookup, &prof);
	assert_true(g->nscreens > 10);
	for (size_t i = 0; i < g->nscreens; i++)
		for (int w = 30; w <= 130; w += 7)
			for (int mode = 0; mode < 2; mode++) {
				struct layout_opts o = {.number_links = mode == 0,
							.tasks_selectable = mode == 1,
							.answers = mode == 1 ? &none : NULL};
				struct layout l;

				layout_init(&l, w, mode == 1);
				layout_blocks(&l, g->screens[i]->blocks, g->screens[i]->nblocks, &o);
				for (size_t k = 0; k < l.n; k++)
					if (line_cols(&l, k) > w)
						fail_msg("%s at %d: line %zu is %d columns: %s",
							 g->screens[i]->file, w, k, line_cols(&l, k),
							 l.lines[k].text);
				layout_clear(&l);
			}
	guide_free(g);
	config_clear(&c);
	regions_profile_clear(&prof);
	regions_clear(&rs);
	diags_clear(&d);
}

/*
 * A paragraph of 40,000 links (789 KB, the size that froze the guide): the
 * links past CONTENT_MAX_LINKS are said once with their line and shown as
 * plain text; the layout holds every character, each link's text carries the
 * link attribute and its number. Time is measured by tests/bench/layout_bench.c,
 * not asserted here.
 */
static void large_paragraph(void **state)
{
	const int nl = 40000;
	struct strbuf sb = {0}, want = {0}, got = {0};
	struct diags d = {0};
	struct screen *s;
	struct layout l;
	struct layout_opts o = {.number_links = true};
	size_t linked = 0;

	(void)state;
	sb_adds(&sb, "---\ncode: 9\nid: t\ntitle: t\nkind: page\n---\n开头\n\n");
	for (int i = 0; i < nl; i++) {
		sb_printf(&sb, "[链接%d](home) ", i);
		if (i < CONTENT_MAX_LINKS)
			sb_printf(&want, "链接%d[%d]", i, i + 1);
		else
			sb_printf(&want, "链接%d", i);
	}
	sb_adds(&sb, "\n");
	s = content_parse("t.md", sb.s, sb.len, lookup, NULL, &d);
	assert_non_null(s);
	for (size_t i = 0; i < d.n; i++)
		print_message("diag %d: %s\n", d.v[i].line, d.v[i].msg);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 9);
	assert_non_null(strstr(d.v[0].msg, "more than 1000 links"));
	assert_int_equal(s->nlinks, CONTENT_MAX_LINKS);
	assert_int_equal(s->nblocks, 2);

	for (int w = 20; w <= 132; w += 56) {
		layout_init(&l, w, false);
		layout_blocks(&l, s->blocks, s->nblocks, &o);
		check_fits(&l);
		sb_clear(&got);
		linked = 0;
		for (size_t i = 2; i < l.n; i++) {
			sb_add(&got, l.lines[i].text, l.lines[i].len);
			for (size_t k = 0; k < l.lines[i].nspans; k++)
				if (l.lines[i].spans[k].attr & TA_LINK)
					linked++;
		}
		{
			char *a = squeeze(want.s), *b = squeeze(got.s);

			assert_string_equal(b, a);
			free(a);
			free(b);
		}
		/* Each kept link's text is a span (more where a line cuts one). */
		assert_true(linked >= (size_t)CONTENT_MAX_LINKS);
		assert_true(linked < (size_t)CONTENT_MAX_LINKS + l.n);
		layout_clear(&l);
	}
	screen_free(s);
	diags_clear(&d);
	sb_clear(&sb);
	sb_clear(&want);
	sb_clear(&got);
}

static void plain_text_and_reset(void **state)
{
	struct layout l;

	(void)state;
	layout_init(&l, 3, false);
	assert_int_equal(l.width, 10); /* never narrower than 10 */
	layout_blank(&l);
	assert_int_equal(l.n, 0); /* no blank line first */
	layout_text(&l, "第一行\n第二行 second line here", TA_EM, 2, LF_DIM);
	check_fits(&l);
	assert_string_equal(l.lines[0].text, "第一行");
	assert_int_equal(l.lines[0].indent, 2);
	assert_true(l.lines[0].flags & LF_DIM);
	assert_int_equal(l.lines[0].spans[0].attr, TA_EM);
	assert_string_equal(l.lines[1].text, "第二行");
	layout_blank(&l);
	layout_blank(&l);
	assert_int_equal(l.lines[l.n - 1].len, 0);
	assert_true(l.lines[l.n - 2].len > 0);
	assert_int_equal(layout_add_item(&l, 7), 0);
	assert_int_equal(l.item_ref[0], 7);
	assert_int_equal(l.item_line[0], (int)l.n);
	layout_reset(&l);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.nitems, 0);
	assert_int_equal(l.width, 10);
	layout_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lists_keep_prefix_and_hang),
		cmocka_unit_test(tables_fit_and_align),
		cmocka_unit_test(number_links_appends_n),
		cmocka_unit_test(link_number_glued),
		cmocka_unit_test(hints_fit_whole),
		cmocka_unit_test(checklist_items),
		cmocka_unit_test(notes_rules_code),
		cmocka_unit_test(shipped_content_fits),
		cmocka_unit_test(plain_text_and_reset),
		cmocka_unit_test(large_paragraph),
	};

	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
