/*
 * test_content.c -- unit tests for content.c and markdown.c: parsing one file, loading a guide
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "content.h"
#include "guide.h"
#include "rules.h"
#include "text.h"
#include "util.h"

/* The region values the tests know; ctx counts the calls so we see it is passed. */
static const char *lookup(void *ctx, const char *name)
{
	if (ctx != NULL)
		(*(int *)ctx)++;
	if (strcmp(name, "hotline") == 0)
		return "12393";
	if (strcmp(name, "region") == 0)
		return "福建省";
	return NULL;
}

static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("  diag %s:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].msg);
}

/* Is there a diagnostic for file (NULL: any) at line whose message holds msg? */
static bool has_diag(const struct diags *d, const char *file, int line, const char *msg)
{
	for (size_t i = 0; i < d->n; i++)
		if ((file == NULL || strcmp(d->v[i].file, file) == 0) && d->v[i].line == line &&
		    strstr(d->v[i].msg, msg) != NULL)
			return true;
	return false;
}

#define assert_diag(d, file, line, msg)                                                        \
	do {                                                                                   \
		if (!has_diag((d), (file), (line), (msg))) {                                   \
			print_diags(d);                                                        \
			fail_msg("no diagnostic %s:%d: \"%s\"", (file) ? (file) : "*", (line), \
				 (msg));                                                       \
		}                                                                              \
	} while (0)

#define assert_ndiags(d, want)                                                         \
	do {                                                                           \
		if ((d)->n != (size_t)(want)) {                                        \
			print_diags(d);                                                \
			fail_msg("%zu diagnostics, expected %d", (d)->n, (int)(want)); \
		}                                                                      \
	} while (0)

static struct screen *parse(const char *text, struct diags *d)
{
	return content_parse("t.md", text, strlen(text), lookup, NULL, d);
}

/* The rich text of a block as a NUL-terminated string (owned by the block). */
static const char *txt(const struct block *b)
{
	return b->r.text != NULL ? b->r.text : "";
}

#define FRONT(kind) "---\ncode: 3.4\nid: pay-alipay\ntitle: 支付宝缴费\nkind: " kind "\n---\n"

/* ---- content_parse: well-formed input ---- */

static void front_matter_keys(void **state)
{
	struct diags d = {0};
	struct screen *s = parse("---\n"
				 "code: 3.4\n"
				 "id:   pay-alipay  \n"
				 "# a comment line\n"
				 "\n"
				 "title: 支付宝缴费\n"
				 "kind: page\n"
				 "updated: 2025-03-01\n"
				 "source: 国家医保局通知(2025)\n"
				 "---\n"
				 "正文。\n",
				 &d);

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_string_equal(s->code, "3.4");
	assert_string_equal(s->id, "pay-alipay");
	assert_string_equal(s->title, "支付宝缴费");
	assert_int_equal(s->kind, KIND_PAGE);
	assert_string_equal(s->updated, "2025-03-01");
	assert_string_equal(s->source, "国家医保局通知(2025)");
	assert_null(s->region);
	assert_string_equal(s->file, "t.md");
	assert_int_equal(s->nblocks, 1);
	assert_int_equal(s->blocks[0].line, 11);
	screen_free(s);

	/* Every kind by name, and kind_name back. */
	for (int k = 0; k < KIND_COUNT; k++) {
		char buf[256];

		snprintf(buf, sizeof buf, "---\ncode: 1\nid: x\ntitle: t\nkind: %s\nregion: fujian\n---\n",
			 kind_name((enum kind)k));
		s = parse(buf, &d);
		assert_non_null(s);
		assert_int_equal(s->kind, k);
		assert_string_equal(s->region, "fujian");
		assert_int_equal(s->nblocks, 0);
		screen_free(s);
	}
	assert_null(kind_name(KIND_COUNT));
	/* The wizard among them asks no question: that is said (issue 19). */
	assert_ndiags(&d, 1);
	assert_non_null(strstr(d.v[0].msg, "a wizard asks at least one question"));
	diags_clear(&d);
	/* CRLF files parse the same. */
	s = parse("---\r\ncode: 1\r\nid: x\r\ntitle: t\r\nkind: page\r\n---\r\n正文\r\n", &d);
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_string_equal(s->title, "t");
	assert_string_equal(txt(&s->blocks[0]), "正文");
	assert_int_equal(s->blocks[0].line, 7);
	screen_free(s);
	diags_clear(&d);
}

static void headings_and_paragraphs(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("page") "# 标题\n"                    /* 7 */
					       "\n"                          /* 8 */
					       "第一段 **粗体** 和 *斜体*\n" /* 9 */
					       "第二行。\n"                  /* 10 */
					       "\n"                          /* 11 */
					       "## Sub heading\n"            /* 12 */
					       "Latin line\n"                /* 13 */
					       "joined with a space\n",      /* 14 */
				 &d);
	const struct block *b;

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_int_equal(s->nblocks, 4);
	b = s->blocks;
	assert_int_equal(b[0].type, BLK_HEADING);
	assert_int_equal(b[0].level, 1);
	assert_int_equal(b[0].line, 7);
	assert_string_equal(txt(&b[0]), "标题");

	assert_int_equal(b[1].type, BLK_PARA);
	assert_int_equal(b[1].line, 9);
	assert_int_equal(b[1].flags, 0);
	/* Chinese lines joined by a soft break get no space. */
	assert_string_equal(txt(&b[1]), "第一段 粗体 和 斜体第二行。");
	assert_int_equal(b[1].r.len, strlen(txt(&b[1])));
	assert_int_equal(b[1].r.nspans, 2);
	assert_int_equal(b[1].r.spans[0].off, strlen("第一段 "));
	assert_int_equal(b[1].r.spans[0].len, strlen("粗体"));
	assert_int_equal(b[1].r.spans[0].attr, TA_STRONG);
	assert_int_equal(b[1].r.spans[0].link, -1);
	assert_int_equal(b[1].r.spans[1].off, strlen("第一段 粗体 和 "));
	assert_int_equal(b[1].r.spans[1].attr, TA_EM);

	assert_int_equal(b[2].type, BLK_HEADING);
	assert_int_equal(b[2].level, 2);
	assert_int_equal(b[2].line, 12);
	assert_string_equal(txt(&b[2]), "Sub heading");

	assert_int_equal(b[3].type, BLK_PARA);
	assert_int_equal(b[3].line, 13);
	/* Latin lines keep a space. */
	assert_string_equal(txt(&b[3]), "Latin line joined with a space");
	screen_free(s);
	diags_clear(&d);
}

static void lists_bullets_and_numbers(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("page") "- 项目一\n"   /* 7 */
					       "- 项目二\n"   /* 8 */
					       "  - 子项\n"   /* 9 */
					       "\n"           /* 10 */
					       "para\n"       /* 11 */
					       "\n"           /* 12 */
					       "3. 第三步\n"  /* 13 */
					       "4. 第四步\n"  /* 14 */
					       "\n"           /* 15 */
					       "   续段\n"    /* 16 */
					       "5. 第五步\n", /* 17 */
				 &d);
	const struct block *b;

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	b = s->blocks;
	assert_int_equal(s->nblocks, 8);
	assert_int_equal(b[0].type, BLK_ITEM);
	assert_string_equal(txt(&b[0]), "项目一");
	assert_int_equal(b[0].level, 1);
	assert_int_equal(b[0].number, 0);
	assert_int_equal(b[0].line, 7);
	assert_int_equal(b[1].line, 8);
	assert_int_equal(b[2].type, BLK_ITEM);
	assert_string_equal(txt(&b[2]), "子项");
	assert_int_equal(b[2].level, 2);
	assert_int_equal(b[2].line, 9);
	assert_int_equal(b[3].type, BLK_PARA);
	assert_int_equal(b[3].line, 11);
	/* An ordered list keeps its start number and counts on. */
	assert_int_equal(b[4].type, BLK_ITEM);
	assert_string_equal(txt(&b[4]), "第三步");
	assert_int_equal(b[4].number, 3);
	assert_int_equal(b[4].line, 13);
	assert_int_equal(b[5].number, 4);
	assert_int_equal(b[5].line, 14);
	/* A further paragraph of an item. */
	assert_int_equal(b[6].type, BLK_PARA);
	assert_true(b[6].flags & BF_CONT);
	assert_int_equal(b[6].level, 1);
	assert_string_equal(txt(&b[6]), "续段");
	assert_int_equal(b[6].line, 16);
	assert_int_equal(b[7].number, 5);
	assert_int_equal(b[7].line, 17);
	screen_free(s);
	diags_clear(&d);
}

static void task_items_with_conditions(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("checklist") "- [ ] 身份证原件\n"                  /* 7 */
						    "- [x] 户口本 {if household=local}\n" /* 8 */
						    "- [ ] 居住证 {if household=permit,nopermit and employee!=yes}\n"
						    "- [X] **证明** 材料 {if group=student or group=newborn}\n",
				 &d);
	const struct block *b;
	struct answers a = {0};

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_int_equal(s->nblocks, 4);
	b = s->blocks;
	for (int i = 0; i < 4; i++) {
		assert_int_equal(b[i].type, BLK_ITEM);
		assert_true(b[i].flags & BF_TASK);
		assert_int_equal(b[i].line, 7 + i);
	}
	assert_false(b[0].flags & BF_CHECKED);
	assert_true(b[1].flags & BF_CHECKED);
	assert_false(b[2].flags & BF_CHECKED);
	assert_true(b[3].flags & BF_CHECKED);
	assert_null(b[0].cond);
	/* The condition is cut off the text, trailing space too. */
	assert_string_equal(txt(&b[0]), "身份证原件");
	assert_string_equal(txt(&b[1]), "户口本");
	assert_int_equal(b[1].r.len, strlen("户口本"));
	assert_string_equal(txt(&b[2]), "居住证");
	assert_string_equal(txt(&b[3]), "证明 材料");
	assert_int_equal(b[3].r.nspans, 1);
	assert_int_equal(b[3].r.spans[0].len, strlen("证明"));
	for (int i = 1; i < 4; i++)
		assert_non_null(b[i].cond);

	/* The conditions mean what they say. */
	answers_set(&a, "household", "local");
	answers_set(&a, "employee", "no");
	assert_true(cond_eval(b[1].cond, &a));
	assert_false(cond_eval(b[2].cond, &a));
	answers_set(&a, "household", "nopermit");
	assert_false(cond_eval(b[1].cond, &a));
	assert_true(cond_eval(b[2].cond, &a));
	answers_set(&a, "employee", "yes");
	assert_false(cond_eval(b[2].cond, &a));
	assert_false(cond_eval(b[3].cond, &a));
	answers_set(&a, "group", "newborn");
	assert_true(cond_eval(b[3].cond, &a));
	answers_clear(&a);
	/* With no answers every item shows. */
	assert_true(cond_eval_or_all(b[2].cond, &a));
	screen_free(s);
	diags_clear(&d);
}

static void tables(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("page") "比一比:\n"                             /* 7 */
					       "\n"                                    /* 8 */
					       "| 项目 | 居民医保 | 职工医保 |\n"      /* 9 */
					       "|---|:---:|---:|\n"                    /* 10 */
					       "| 谁交 | 个人 | 单位和个人 |\n"        /* 11 */
					       "| 详见 | [缴费](payment) | x\\|y |\n", /* 12 */
				 &d);
	const struct block *b;

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_int_equal(s->nblocks, 2);
	b = &s->blocks[1];
	assert_int_equal(b->type, BLK_TABLE);
	assert_int_equal(b->line, 9);
	assert_int_equal(b->nrows, 3);
	assert_int_equal(b->ncols, 3);
	assert_string_equal(b->cells[0].text, "项目");
	assert_string_equal(b->cells[2].text, "职工医保");
	assert_string_equal(b->cells[3].text, "谁交");
	assert_string_equal(b->cells[5].text, "单位和个人");
	assert_string_equal(b->cells[7].text, "缴费");
	assert_int_equal(b->cells[7].nspans, 1);
	assert_int_equal(b->cells[7].spans[0].link, 0);
	assert_true(b->cells[7].spans[0].attr & TA_LINK);
	assert_string_equal(b->cells[8].text, "x|y");
	assert_int_equal(s->nlinks, 1);
	assert_string_equal(s->links[0].target, "payment");
	assert_int_equal(s->links[0].line, 12);
	screen_free(s);
	diags_clear(&d);
}

static void block_quotes_are_notes(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("page") "正文\n"               /* 7 */
					       "\n"                   /* 8 */
					       "> 注意：这是提示。\n" /* 9 */
					       "> 第二行\n"           /* 10 */
					       ">\n"                  /* 11 */
					       "> - 列表\n"           /* 12 */
					       "\n"                   /* 13 */
					       "后文\n",              /* 14 */
				 &d);
	const struct block *b;

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	b = s->blocks;
	assert_int_equal(s->nblocks, 4);
	assert_int_equal(b[0].flags & BF_NOTE, 0);
	assert_int_equal(b[1].type, BLK_PARA);
	assert_true(b[1].flags & BF_NOTE);
	assert_int_equal(b[1].line, 9);
	assert_string_equal(txt(&b[1]), "注意：这是提示。第二行");
	assert_int_equal(b[2].type, BLK_ITEM);
	assert_true(b[2].flags & BF_NOTE);
	assert_int_equal(b[2].line, 12);
	assert_int_equal(b[3].flags & BF_NOTE, 0);
	assert_int_equal(b[3].line, 14);
	screen_free(s);
	diags_clear(&d);
}

static void links_and_lines(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("menu") "请选择:\n"                                /* 7 */
					       "\n"                                       /* 8 */
					       "- [谁能参保](eligibility) 回答几个问题\n" /* 9 */
					       "- [要带什么材料](materials)\n"            /* 10 */
					       "- 没有链接的项\n"                         /* 11 */
					       "\n"                                       /* 12 */
					       "看 [代码](3.2) 或\n"                      /* 13 */
					       "[另一个 **粗** 链接](home)。\n",          /* 14 */
				 &d);
	struct menu_entry *m;
	size_t n;

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_int_equal(s->nlinks, 4);
	assert_string_equal(s->links[0].target, "eligibility");
	assert_int_equal(s->links[0].line, 9);
	assert_string_equal(s->links[1].target, "materials");
	assert_int_equal(s->links[1].line, 10);
	assert_string_equal(s->links[2].target, "3.2");
	assert_int_equal(s->links[2].line, 13);
	assert_string_equal(s->links[3].target, "home");
	assert_int_equal(s->links[3].line, 14);
	for (size_t i = 0; i < s->nlinks; i++)
		assert_int_equal(s->links[i].screen, -1); /* resolved by guide_load */

	/* The link span covers its text, bold inside it still links. */
	{
		const struct block *p = &s->blocks[s->nblocks - 1];

		assert_string_equal(txt(p), "看 代码 或另一个 粗 链接。");
		assert_int_equal(p->r.nspans, 4);
		assert_int_equal(p->r.spans[0].link, 2);
		assert_int_equal(p->r.spans[0].attr, TA_LINK);
		assert_int_equal(p->r.spans[1].link, 3);
		assert_int_equal(p->r.spans[2].link, 3);
		assert_int_equal(p->r.spans[2].attr, TA_LINK | TA_STRONG);
		assert_int_equal(p->r.spans[3].link, 3);
	}

	/* The menu: items that start with a link, their description after it. */
	n = content_menu_entries(s, &m);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].link, 0);
	assert_memory_equal(m[0].label, "谁能参保", m[0].label_len);
	assert_int_equal(m[0].label_len, strlen("谁能参保"));
	assert_int_equal(m[0].desc_len, strlen("回答几个问题"));
	assert_memory_equal(m[0].desc, "回答几个问题", m[0].desc_len);
	assert_int_equal(m[1].link, 1);
	assert_int_equal(m[1].label_len, strlen("要带什么材料"));
	assert_int_equal(m[1].desc_len, 0);
	free(m);
	screen_free(s);
	diags_clear(&d);
}

static void placeholders_filled(void **state)
{
	struct diags d = {0};
	int calls = 0;
	const char *text = FRONT("page") "热线 {{hotline}},{{ region }}。\n"
					 "\n"
					 "- 打 **{{hotline}}**\n";
	struct screen *s = content_parse("t.md", text, strlen(text), lookup, &calls, &d);

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_int_equal(calls, 3);
	assert_string_equal(txt(&s->blocks[0]), "热线 12393,福建省。");
	assert_string_equal(txt(&s->blocks[1]), "打 12393");
	assert_int_equal(s->blocks[1].r.spans[0].len, 5);
	screen_free(s);
	diags_clear(&d);
}

static void wizard_blocks(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("wizard") "回答几个问题。\n"                          /* 7 */
						 "\n"                                        /* 8 */
						 "```question household\n"                   /* 9 */
						 "你的户口在哪里?\n"                         /* 10 */
						 "- local: 本地户口\n"                       /* 11 */
						 "- permit: 外地户口，有居住证\n"            /* 12 */
						 "```\n"                                     /* 13 */
						 "\n"                                        /* 14 */
						 "```question days if household=local\n"     /* 15 */
						 "孩子出生多少天了?\n"                       /* 16 */
						 "第二行\n"                                  /* 17 */
						 "- within90: 90 天以内\n"                   /* 18 */
						 "- over90: 超过 90 天\n"                    /* 19 */
						 "```\n"                                     /* 20 */
						 "\n"                                        /* 21 */
						 "```result if household=permit\n"           /* 22 */
						 "**可以参保。** 带上 [材料](materials)。\n" /* 23 */
						 "\n"                                        /* 24 */
						 "- 热线 {{hotline}}\n"                      /* 25 */
						 "```\n"                                     /* 26 */
						 "```result\n"                               /* 27 */
						 "总是显示。\n"                              /* 28 */
						 "```\n",
				 &d);
	const struct block *b;
	struct answers a = {0};

	(void)state;
	assert_non_null(s);
	assert_ndiags(&d, 0);
	assert_int_equal(s->nblocks, 5);
	b = s->blocks;
	assert_int_equal(b[0].type, BLK_PARA);

	assert_int_equal(b[1].type, BLK_QUESTION);
	assert_int_equal(b[1].line, 9);
	assert_string_equal(b[1].name, "household");
	assert_string_equal(txt(&b[1]), "你的户口在哪里?");
	assert_null(b[1].cond);
	assert_int_equal(b[1].nopts, 2);
	assert_string_equal(b[1].opts[0].value, "local");
	assert_string_equal(b[1].opts[0].label, "本地户口");
	assert_string_equal(b[1].opts[1].value, "permit");
	assert_string_equal(b[1].opts[1].label, "外地户口，有居住证");

	assert_int_equal(b[2].type, BLK_QUESTION);
	assert_int_equal(b[2].line, 15);
	assert_string_equal(b[2].name, "days");
	assert_string_equal(txt(&b[2]), "孩子出生多少天了?\n第二行");
	assert_non_null(b[2].cond);
	assert_int_equal(b[2].nopts, 2);
	assert_string_equal(b[2].opts[1].label, "超过 90 天");
	answers_set(&a, "household", "local");
	assert_true(cond_eval(b[2].cond, &a));

	assert_int_equal(b[3].type, BLK_RESULT);
	assert_int_equal(b[3].line, 22);
	assert_non_null(b[3].cond);
	assert_false(cond_eval(b[3].cond, &a));
	assert_int_equal(b[3].nsub, 2);
	assert_int_equal(b[3].sub[0].type, BLK_PARA);
	assert_int_equal(b[3].sub[0].line, 23);
	assert_string_equal(txt(&b[3].sub[0]), "可以参保。 带上 材料。");
	assert_int_equal(b[3].sub[1].type, BLK_ITEM);
	assert_int_equal(b[3].sub[1].line, 25);
	assert_string_equal(txt(&b[3].sub[1]), "热线 12393");
	/* The result's link is one of the screen's links, with its line. */
	assert_int_equal(s->nlinks, 1);
	assert_string_equal(s->links[0].target, "materials");
	assert_int_equal(s->links[0].line, 23);
	assert_int_equal(b[3].sub[0].r.spans[1].link, 0);

	assert_int_equal(b[4].type, BLK_RESULT);
	assert_int_equal(b[4].line, 27);
	assert_null(b[4].cond);
	assert_int_equal(b[4].nsub, 1);
	assert_string_equal(txt(&b[4].sub[0]), "总是显示。");
	answers_clear(&a);
	screen_free(s);
	diags_clear(&d);
}

/* ---- content_parse: malformed input ---- */

struct bad_case {
	const char *text;
	size_t len;   /* 0: strlen */
	bool skipped; /* content_parse returns NULL */
	int line;
	const char *msg;
};

static void check_bad(const struct bad_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct diags d = {0};
		size_t len = c[i].len != 0 ? c[i].len : strlen(c[i].text);
		struct screen *s = content_parse("bad.md", c[i].text, len, lookup, NULL, &d);

		print_message("case %zu: %s\n", i, c[i].msg);
		if (c[i].skipped)
			assert_null(s);
		else
			assert_non_null(s);
		assert_diag(&d, "bad.md", c[i].line, c[i].msg);
		screen_free(s);
		diags_clear(&d);
	}
}

static void bad_front_matter(void **state)
{
	static const struct bad_case cases[] = {
		{"# 没有 front matter\n", 0, true, 1, "missing front matter: the file must start with a line \"---\""},
		{"", 0, true, 1, "missing front matter"},
		{"\n---\ncode: 1\n", 0, true, 1, "missing front matter"},
		{"---\ncode: 1\nid: a\n", 0, true, 3, "front matter is not closed with \"---\""},
		{"---\nid: a\ntitle: t\nkind: page\n---\n", 0, true, 1,
		 "front matter needs code, id, title and kind (no code)"},
		{"---\ncode: 1\ntitle: t\nkind: page\n---\n", 0, true, 1, "needs code, id, title and kind (no id)"},
		{"---\ncode: 1\nid: a\nkind: page\n---\n", 0, true, 1, "needs code, id, title and kind (no title)"},
		{"---\ncode: 1\nid: a\ntitle: t\n---\n", 0, true, 1, "needs code, id, title and kind (no kind)"},
		{"---\n---\n", 0, true, 1, "(no code) (no id) (no title) (no kind)"},
		{"---\ncode: 3..2\nid: a\ntitle: t\nkind: page\n---\n", 0, true, 2,
		 "code \"3..2\" must be digits and dots, like 3.2"},
		{"---\ncode: 3.\nid: a\ntitle: t\nkind: page\n---\n", 0, true, 2, "code \"3.\" must be"},
		{"---\ncode: .3\nid: a\ntitle: t\nkind: page\n---\n", 0, true, 2, "code \".3\" must be"},
		{"---\ncode: a1\nid: a\ntitle: t\nkind: page\n---\n", 0, true, 2, "code \"a1\" must be"},
		{"---\ncode:\nid: a\ntitle: t\nkind: page\n---\n", 0, true, 2, "code \"\" must be"},
		{"---\ncode: 1\nid: Pay_Alipay\ntitle: t\nkind: page\n---\n", 0, true, 3,
		 "id \"Pay_Alipay\" must be lowercase letters, digits and -"},
		{"---\ncode: 1\nid: 缴费\ntitle: t\nkind: page\n---\n", 0, true, 3, "id \"缴费\" must be"},
		{"---\ncode: 1\nid: a\ntitle: t\nkind: form\n---\n", 0, true, 5,
		 "unknown kind \"form\" (menu, page, checklist, wizard, calculator, status)"},
		{"---\ncode: 1\nid: a\ntitle: t\nkind: Page\n---\n", 0, true, 5, "unknown kind \"Page\""},
		/* Not fatal: the screen is kept, the author told. */
		{"---\ncode: 1\nid: a\ntitle: t\nkind: page\nauthor: me\n---\n", 0, false, 6,
		 "unknown front matter key \"author\""},
		{"---\ncode: 1\nid: a\ntitle: t\nkind: page\nno colon here\n---\n", 0, false, 6,
		 "front matter line must be \"key: value\""},
		{"---\ncode: 1\ncode: 2\nid: a\ntitle: t\nkind: page\n---\n", 0, false, 3,
		 "duplicate key \"code\""},
	};

	(void)state;
	check_bad(cases, sizeof cases / sizeof cases[0]);
}

static void bad_body(void **state)
{
	static const struct bad_case cases[] = {
		/* Invalid UTF-8: the line of the bad byte, the byte named. */
		{FRONT("page") "好\n\n坏 \xFF 字节\n", 0, false, 9, "invalid UTF-8 (byte 0xFF)"},
		{FRONT("page") "ok\n\xC0\x80 overlong\n", 0, false, 8, "invalid UTF-8 (byte 0xC0)"},
		{FRONT("page") "ok\n\xED\xA0\x80 surrogate\n", 0, false, 8, "invalid UTF-8 (byte 0xED)"},
		{FRONT("page") "截断 \xE4\xB8", 0, false, 7, "invalid UTF-8 (byte 0xE4)"},
		{"---\ncode: 1\nid: a\ntitle: \xFE\nkind: page\n---\n", 0, false, 4, "invalid UTF-8 (byte 0xFE)"},
		/* Control characters, bidi overrides, zero-width: the line and the code point. */
		{FRONT("page") "ok\n响铃 \x07 here\n", 0, false, 8, "control character U+0007"},
		{FRONT("page") "\x1B[31mred\n", 0, false, 7, "control character U+001B"},
		{FRONT("page") "\n\nevil\xE2\x80\xAEgnp\n", 0, false, 9, "control character U+202E"},
		{FRONT("page") "a\xE2\x80\x8B"
			       "b\n",
		 0, false, 7, "control character U+200B"},
		{FRONT("page") "DEL\x7F\n", 0, false, 7, "control character U+007F"},
		{FRONT("page") "c1\xC2\x85\n", 0, false, 7, "control character U+0085"},
		{FRONT("page") "nul\0byte\n", sizeof(FRONT("page") "nul\0byte\n") - 1, false, 7,
		 "control character U+0000"},
		{FRONT("page") "lone\rcr\n", 0, false, 7, "control character U+000D"},
		/* Placeholders. */
		{FRONT("page") "ok {{hotline}}\n\n电话 {{nope}}\n", 0, false, 9, "unknown placeholder {{nope}}"},
		{FRONT("page") "电话 {{ hot line }}\n", 0, false, 7, "unknown placeholder {{hot line}}"},
		{FRONT("page") "x\n{{hotline\n}}\n", 0, false, 8, "placeholder \"{{\" is not closed with \"}}\""},
		/* Tables whose rows do not match the header. */
		{FRONT("page") "| a | b |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 |\n", 0, false, 10,
		 "table row has 3 cells, the header has 2"},
		{FRONT("page") "| a | b |\n|---|---|\n| 1 |\n", 0, false, 9, "table row has 1 cells, the header has 2"},
		{FRONT("page") "| a | b | c |\n|---|---|\n| 1 | 2 | 3 |\n", 0, false, 8,
		 "table: the line under the header has 2 columns, the header 3"},
		/* Web links. */
		{FRONT("page") "see\n[site](https://example.com)\n", 0, false, 8,
		 "link to a web address \"https://example.com\": links must name a screen id"},
		{FRONT("page") "[m](mailto:a@b.cn)\n", 0, false, 7, "link to a web address \"mailto:a@b.cn\""},
		{FRONT("page") "[w](www.nhsa.gov.cn)\n", 0, false, 7, "link to a web address \"www.nhsa.gov.cn\""},
		/* Conditions. */
		{FRONT("checklist") "- [ ] a\n- [ ] b {if household=}\n", 0, false, 8,
		 "bad condition: expected a value for \"household\""},
		{FRONT("checklist") "- [ ] b {if x=1 and}\n", 0, false, 7, "bad condition: expected a name"},
		{FRONT("checklist") "- [ ] b {if Household=x}\n", 0, false, 7, "bad condition: expected a name"},
		{FRONT("checklist") "- [ ] d {if x=1\n", 0, false, 7, "condition \"{if\" is not closed with \"}\""},
		{FRONT("wizard") "```question q if a==b\ntext\n- a: x\n- b: y\n```\n", 0, false, 7, "bad condition"},
		{FRONT("wizard") "x\n\n```result if\nbody\n```\n", 0, false, 9,
		 "expected \"result [ineligible] [if CONDITION]\""},
		/* Wizard questions. */
		{FRONT("wizard") "```question q\nText?\n- only: one\n```\n", 0, false, 7,
		 "question \"q\" needs at least two options"},
		{FRONT("wizard") "```question q\n- a: x\n- b: y\n```\n", 0, false, 7, "question \"q\" has no text"},
		{FRONT("wizard") "```question Bad\nt\n- a: x\n- b: y\n```\n", 0, false, 7,
		 "question needs a name of a-z, 0-9, _"},
		{FRONT("wizard") "```question q\nt\n- a: x\n- Bad: y\n- c: z\n```\n", 0, false, 10,
		 "option must be \"- value: label\""},
		{FRONT("wizard") "```question q\nt\n- a: x\n- a: y\n```\n", 0, false, 10, "duplicate option \"a\""},
		{FRONT("wizard") "```question q\nt\n- a: x\n- b: y\nlate\n```\n", 0, false, 11,
		 "question text after the options"},
		{FRONT("wizard") "```question q then\nt\n- a: x\n- b: y\n```\n", 0, false, 7,
		 "expected \"if CONDITION\" after the name"},
	};

	(void)state;
	check_bad(cases, sizeof cases / sizeof cases[0]);
}

/* Each problem is said once per line, and a file with several gets them all. */
static void bad_body_all_reported(void **state)
{
	struct diags d = {0};
	struct screen *s = parse(FRONT("page") "\xFF\xFF\xFF three bad bytes\n" /* 7 */
					       "\x07\x07 two bells\n"           /* 8 */
					       "{{nope}} {{nope2}}\n",          /* 9 */
				 &d);

	(void)state;
	assert_non_null(s);
	assert_diag(&d, "t.md", 7, "invalid UTF-8 (byte 0xFF)");
	assert_diag(&d, "t.md", 8, "control character U+0007");
	assert_diag(&d, "t.md", 9, "unknown placeholder {{nope}}");
	assert_diag(&d, "t.md", 9, "unknown placeholder {{nope2}}");
	assert_ndiags(&d, 4);
	/* What is kept is sanitised: U+FFFD for the bytes, no bells. */
	assert_string_equal(txt(&s->blocks[0]),
			    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD three bad bytes two bells {{nope}} {{nope2}}");
	screen_free(s);
	diags_clear(&d);
}

/* Emphasis nested deeper than the parser keeps: said once with its line, the text kept. */
static void deep_nesting(void **state)
{
	struct strbuf sb = {0};
	struct diags d = {0};
	struct screen *s;
	const int depth = 40;

	(void)state;
	sb_adds(&sb, FRONT("page") "前言\n\n");
	/* "*a _a *a ... a* a_ a*": each opener its own span, 40 deep (line 9). */
	for (int i = 0; i < depth; i++)
		sb_adds(&sb, i % 2 == 0 ? "*a " : "_a ");
	sb_adds(&sb, "深");
	for (int i = depth - 1; i >= 0; i--)
		sb_adds(&sb, i % 2 == 0 ? " a*" : " a_");
	sb_adds(&sb, "\n\n[后面](home) 的段落\n");
	s = content_parse("deep.md", sb.s, sb.len, lookup, NULL, &d);
	assert_non_null(s);
	assert_diag(&d, "deep.md", 9, "nested more than 32 deep");
	assert_ndiags(&d, 1);
	/* Every block is still there: the text of the deep one, the link after it. */
	assert_int_equal(s->nblocks, 3);
	assert_non_null(strstr(txt(&s->blocks[1]), "深"));
	assert_string_equal(txt(&s->blocks[2]), "后面 的段落");
	assert_int_equal(s->nlinks, 1);
	assert_int_equal(s->blocks[2].r.nspans, 1);
	assert_int_equal(s->blocks[2].r.spans[0].link, 0);
	for (size_t i = 0; i < s->blocks[1].r.nspans; i++)
		assert_int_equal(s->blocks[1].r.spans[i].link, -1);
	screen_free(s);
	diags_clear(&d);
	sb_clear(&sb);
}

/* ---- guide_load on a directory ---- */

#define TESTDIR_PREFIX "/tmp/yibao-content-"
#include "testdir.h"

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void drop(const char *name)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	unlink(path);
}

static char *path_of(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

#define HOME_MENU                                                  \
	"---\ncode: 0\nid: home\ntitle: 首页\nkind: menu\n---\n" \
	"- [缴费](pay) 怎么交钱\n"                           \
	"- [材料](2)\n"

static void put_good_guide(void)
{
	put("00-home.md", HOME_MENU);
	put("02-materials.md", "---\ncode: 2\nid: materials\ntitle: 材料\nkind: checklist\n---\n"
			       "- [ ] 身份证\n"
			       "- [ ] 居住证 {if household=permit}\n");
	put("03-pay.md", "---\ncode: 3\nid: pay\ntitle: 缴费\nkind: page\n---\n"
			 "回 [首页](home) 或看 [材料](materials)。热线 {{hotline}}\n");
	put("01-wizard.md", "---\ncode: 1\nid: wizard\ntitle: 问答\nkind: wizard\n---\n"
			    "```question household\n户口?\n- local: 本地\n- permit: 外地\n```\n");
	put("notes.txt", "not content: ignored\n");
	put(".hidden.md", "not even parsed\n");
}

static void load_good(void **state)
{
	struct guide *g;
	int home, pay, mat;

	(void)state;
	put_good_guide();
	/* The wizard is linked from the payment page so everything is reachable. */
	put("03-pay.md", "---\ncode: 3\nid: pay\ntitle: 缴费\nkind: page\n---\n"
			 "回 [首页](home) 或看 [材料](materials)，先答 [问答](1)。热线 {{hotline}}\n");
	g = guide_load(tmpdir, NULL, lookup, NULL);
	assert_ndiags(&g->diags, 0);
	assert_int_equal(g->nerrors, 0);
	assert_int_equal(g->nscreens, 4);
	home = guide_find(g, "home");
	assert_int_equal(g->home, home);
	assert_int_equal(guide_find(g, "0"), home);
	pay = guide_find(g, "pay");
	assert_true(pay >= 0);
	assert_int_equal(guide_find(g, "3"), pay);
	mat = guide_find(g, "materials");
	assert_int_equal(guide_find(g, "2"), mat);
	assert_int_equal(guide_find(g, "9.9"), -1);
	assert_int_equal(guide_find(g, "nope"), -1);
	/* Files are read in name order. */
	assert_string_equal(g->screens[0]->id, "home");
	assert_string_equal(g->screens[1]->id, "wizard");
	/* Links are resolved, by id or by code. */
	assert_int_equal(g->screens[home]->nlinks, 2);
	assert_int_equal(g->screens[home]->links[0].screen, pay);
	assert_int_equal(g->screens[home]->links[1].screen, mat);
	assert_int_equal(g->screens[pay]->links[0].screen, home);
	assert_int_equal(g->screens[pay]->links[2].screen, guide_find(g, "wizard"));
	{
		char *f = path_of("03-pay.md");

		assert_string_equal(g->screens[pay]->file, f);
		free(f);
	}
	guide_free(g);
}

static void load_problems(void **state)
{
	struct guide *g;
	char *dupid = path_of("04-dupid.md"), *dupcode = path_of("05-dupcode.md"),
	     *pay = path_of("03-pay.md"), *lonely = path_of("06-lonely.md"),
	     *mat = path_of("02-materials.md"), *broken = path_of("07-broken.md"),
	     *wiz = path_of("01-wizard.md");
	char *also = xasprintf("duplicate id \"pay\" (also in %s)", pay);
	char *also2 = xasprintf("duplicate code \"3\" (also in %s)", pay);

	(void)state;
	put_good_guide();
	put("04-dupid.md", "---\ncode: 4\nid: pay\ntitle: 重复\nkind: page\n---\n[home](home)\n");
	put("05-dupcode.md", "---\ncode: 3\nid: other\ntitle: 重复代码\nkind: page\n---\n[home](home)\n");
	put("06-lonely.md", "---\ncode: 6\nid: lonely\ntitle: 没人链接\nkind: page\n---\n孤单。\n");
	put("07-broken.md", "---\ncode: 7\nid: broken\ntitle: 坏\n---\n");
	put("02-materials.md", "---\ncode: 2\nid: materials\ntitle: 材料\nkind: checklist\n---\n"
			       "- [ ] 身份证 {if household=abroad}\n" /* 7 */
			       "- [ ] 居住证 {if nosuch=permit}\n"    /* 8 */
			       "\n"
			       "见 [不存在](nowhere) 和 [也没有](9.9)。\n"); /* 10 */
	g = guide_load(tmpdir, NULL, lookup, NULL);
	/* Duplicates and fatal front matter skip the file; the rest loads. */
	assert_int_equal(g->nscreens, 5);
	assert_int_equal(g->nerrors, 3);
	assert_diag(&g->diags, dupid, 1, also);
	assert_diag(&g->diags, dupcode, 1, also2);
	assert_diag(&g->diags, broken, 1, "(no kind)");
	assert_diag(&g->diags, mat, 10, "broken link: no screen \"nowhere\"");
	assert_diag(&g->diags, mat, 10, "broken link: no screen \"9.9\"");
	assert_diag(&g->diags, lonely, 1, "screen 6 (lonely) is not reachable from the home screen");
	/* Nothing links to the wizard in this guide. */
	assert_diag(&g->diags, wiz, 1, "screen 1 (wizard) is not reachable from the home screen");
	/* Conditions must name a wizard question and one of its options. */
	assert_diag(&g->diags, mat, 7, "question \"household\" has no option \"abroad\"");
	assert_diag(&g->diags, mat, 8, "condition names \"nosuch\", which no wizard question asks");
	assert_ndiags(&g->diags, 9);
	{
		int m = guide_find(g, "materials");

		assert_int_equal(g->screens[m]->links[0].screen, -1);
		assert_int_equal(g->screens[m]->links[1].screen, -1);
	}
	assert_int_equal(guide_find(g, "other"), -1);
	assert_int_equal(guide_find(g, "broken"), -1);
	guide_free(g);
	free(dupid);
	free(dupcode);
	free(pay);
	free(lonely);
	free(mat);
	free(broken);
	free(wiz);
	free(also);
	free(also2);
}

/* A file with region: fujian replaces the general one of the same id, only for fujian. */
static void load_region_override(void **state)
{
	static const char *const regions[] = {NULL, "fujian", "guangdong"};

	(void)state;
	put_good_guide();
	put("03-pay.md", "---\ncode: 3\nid: pay\ntitle: 缴费\nkind: page\n---\n"
			 "回 [首页](home) 或看 [材料](materials)，先答 [问答](1)。\n");
	/* Sorted after the general file ... */
	put("03-pay~fujian.md", "---\ncode: 3\nid: pay\ntitle: 福建缴费\nkind: page\nregion: fujian\n---\n"
				"福建的 [首页](home) 和 [问答](wizard)。\n");
	/* ... and before it: the region file wins either way. */
	put("02-materials-fujian.md",
	    "---\ncode: 2\nid: materials\ntitle: 福建材料\nkind: checklist\nregion: fujian\n---\n"
	    "- [ ] 社保卡\n");
	put("02-materials-guangdong.md",
	    "---\ncode: 2\nid: materials\ntitle: 广东材料\nkind: checklist\nregion: guangdong\n---\n"
	    "- [ ] 粤省事\n");
	for (size_t r = 0; r < sizeof regions / sizeof regions[0]; r++) {
		struct guide *g = guide_load(tmpdir, regions[r], lookup, NULL);
		int pay = guide_find(g, "pay"), mat = guide_find(g, "materials");
		bool fj = regions[r] != NULL && strcmp(regions[r], "fujian") == 0;
		bool gd = regions[r] != NULL && strcmp(regions[r], "guangdong") == 0;

		assert_ndiags(&g->diags, 0);
		assert_int_equal(g->nerrors, 0);
		assert_int_equal(g->nscreens, 4);
		assert_true(pay >= 0 && mat >= 0);
		assert_string_equal(g->screens[pay]->title, fj ? "福建缴费" : "缴费");
		assert_string_equal(g->screens[mat]->title, fj   ? "福建材料"
							    : gd ? "广东材料"
								 : "材料");
		if (fj) {
			assert_string_equal(g->screens[pay]->region, "fujian");
			assert_int_equal(guide_find(g, "3"), pay);
		} else if (regions[r] == NULL) {
			assert_null(g->screens[pay]->region);
			assert_null(g->screens[mat]->region);
		}
		/* Links into and out of the replacement resolve. */
		assert_int_equal(g->screens[pay]->links[0].screen, g->home);
		guide_free(g);
	}
	/* A region file whose code differs is told about, and still replaces, but the
	 * general file's code stays: staff read codes aloud in every region. */
	put("03-pay~fujian.md", "---\ncode: 3.9\nid: pay\ntitle: 福建缴费\nkind: page\nregion: fujian\n---\n"
				"[问答](wizard)\n");
	{
		struct guide *g = guide_load(tmpdir, "fujian", lookup, NULL);
		char *f = path_of("03-pay~fujian.md");

		assert_diag(&g->diags, f, 1, "region file has code 3.9, the general file");
		assert_string_equal(g->screens[guide_find(g, "pay")]->code, "3");
		assert_int_equal(guide_find(g, "3"), guide_find(g, "pay"));
		assert_int_equal(guide_find(g, "3.9"), -1);
		free(f);
		guide_free(g);
	}
}

/*
 * A FIFO, a symbolic link and a directory named like pages: each refused with
 * its file named, the rest of the guide loads. A page replaced by a FIFO after
 * the start is not waited on. Before the fix open() blocked on the FIFO for
 * ever: alarm() turns that into a failure.
 */
static void load_not_regular(void **state)
{
	struct guide *g;
	char *fifo = path_of("05-fifo.md"), *link = path_of("06-link.md");
	char *dir = path_of("07-dir.md"), *pay = path_of("03-pay.md");
	int home, p;

	(void)state;
	put_good_guide();
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("03-pay.md", link), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	alarm(10);
	g = guide_load(tmpdir, NULL, lookup, NULL);
	alarm(0);
	assert_diag(&g->diags, fifo, 0, "not a regular file");
	assert_diag(&g->diags, link, 0, "symbolic link");
	assert_diag(&g->diags, dir, 0, "not a regular file");
	assert_int_equal(g->nerrors, 3);
	assert_int_equal(g->nscreens, 4);
	home = guide_find(g, "home");
	p = guide_find(g, "pay");
	assert_true(home >= 0 && p >= 0);

	/* Content is read once: a FIFO put in a page's place later is never opened. */
	assert_int_equal(unlink(pay), 0);
	assert_int_equal(mkfifo(pay, 0600), 0);
	alarm(10);
	assert_non_null(guide_get(g, p));
	alarm(0);
	assert_true(g->screens[p]->nblocks > 0);
	assert_non_null(guide_get(g, home));
	assert_true(g->screens[home]->nblocks > 0);
	guide_free(g);
	free(fifo);
	free(link);
	free(dir);
	free(pay);
}

static void load_edge_cases(void **state)
{
	struct guide *g;
	char *dir = path_of("sub"), *file = path_of("sub/a.md");

	(void)state;
	g = guide_load(dir, NULL, lookup, NULL);
	assert_int_equal(g->nscreens, 0);
	assert_int_equal(g->home, -1);
	assert_diag(&g->diags, dir, 0, "cannot open content directory");
	guide_free(g);

	/* No home: the first screen stands in, and the author hears of it. */
	assert_int_equal(mkdir(dir, 0700), 0);
	put("sub/a.md", "---\ncode: 5\nid: solo\ntitle: 单独\nkind: page\n---\n正文\n");
	g = guide_load(dir, NULL, lookup, NULL);
	assert_int_equal(g->nscreens, 1);
	assert_int_equal(g->home, 0);
	assert_diag(&g->diags, file, 1, "no screen has id \"home\"");
	assert_ndiags(&g->diags, 1);
	guide_free(g);

	/* A directory with no .md files at all. */
	drop("sub/a.md");
	g = guide_load(dir, NULL, lookup, NULL);
	assert_int_equal(g->nscreens, 0);
	assert_int_equal(g->home, -1);
	assert_ndiags(&g->diags, 0);
	guide_free(g);
	free(dir);
	free(file);
	guide_free(NULL);
	screen_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(front_matter_keys),
		cmocka_unit_test(headings_and_paragraphs),
		cmocka_unit_test(lists_bullets_and_numbers),
		cmocka_unit_test(task_items_with_conditions),
		cmocka_unit_test(tables),
		cmocka_unit_test(block_quotes_are_notes),
		cmocka_unit_test(links_and_lines),
		cmocka_unit_test(placeholders_filled),
		cmocka_unit_test(wizard_blocks),
		cmocka_unit_test(bad_front_matter),
		cmocka_unit_test(bad_body),
		cmocka_unit_test(bad_body_all_reported),
		cmocka_unit_test(deep_nesting),
		/* Each guide_load test gets a fresh directory. */
		cmocka_unit_test_setup_teardown(load_good, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(load_problems, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(load_region_override, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(load_edge_cases, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(load_not_regular, make_dir, remove_dir),
	};

	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
