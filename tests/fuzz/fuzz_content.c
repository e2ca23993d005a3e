/*
 * fuzz_content.c -- libFuzzer harness for content_parse: front matter, markdown (md4c),
 * wizard questions and results, checklist conditions, {{placeholders}}; then the layout
 * SPDX-License-Identifier: MIT
 *
 * The input is one content/NAME.md file. Beyond memory safety and leaks it checks
 * what the screens rely on: a parsed screen has code, id, title and a kind; all
 * its text is valid UTF-8 with spans and links in range; diagnostics are valid
 * UTF-8 (they are shown to authors); laying the blocks out at a few widths keeps
 * every line valid UTF-8.
 */
#include <string.h>

#include "fuzz.h"
#include "../../src/content.h"
#include "../../src/layout.h"
#include "../../src/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

/* A region profile in miniature; one value holds markdown, one braces. */
static const char *lookup(void *ctx, const char *name)
{
	static const char *const values[][2] = {
		{"region", "全国通用"},
		{"hotline", "12393"},
		{"local_office", "当地医保经办机构"},
		{"fee_year", "400"},
		{"fee_ordinary", "400 元"},
		{"pay_period", "每年 9 月至 12 月"},
		{"local_app", "**国家医保服务平台** App"},
		{"wait_max_months", "3"},
		{"odd", "{{odd}} [链接](home) `x`"},
	};

	(void)ctx;
	for (size_t i = 0; i < ARRAY_LEN(values); i++)
		if (strcmp(values[i][0], name) == 0)
			return values[i][1];
	return NULL;
}

static void check_rich(const struct rich *r, size_t nlinks)
{
	if (r->text == NULL) {
		if (r->len != 0 || r->nspans != 0)
			fuzz_fail("content: rich without text has a length or spans");
		return;
	}
	if (strlen(r->text) != r->len)
		fuzz_fail("content: rich length is not the text length");
	if (!fuzz_utf8_ok(r->text, r->len))
		fuzz_fail("content: text is not valid UTF-8");
	for (size_t i = 0; i < r->nspans; i++) {
		const struct span *sp = &r->spans[i];

		if (sp->off > r->len || sp->len > r->len - sp->off)
			fuzz_fail("content: span out of range");
		if (i > 0 && sp->off < r->spans[i - 1].off + r->spans[i - 1].len)
			fuzz_fail("content: spans overlap");
		if (sp->link >= 0 && (size_t)sp->link >= nlinks)
			fuzz_fail("content: span links to a missing link");
	}
}

static void check_blocks(const struct block *b, size_t n, size_t nlinks)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i].line < 1)
			fuzz_fail("content: block without a line");
		check_rich(&b[i].r, nlinks);
		for (int c = 0; c < b[i].nrows * b[i].ncols; c++)
			check_rich(&b[i].cells[c], nlinks);
		if (b[i].type == BLK_QUESTION) {
			if (b[i].name == NULL)
				fuzz_fail("content: question without a name");
			for (size_t o = 0; o < b[i].nopts; o++)
				if (!fuzz_utf8_ok(b[i].opts[o].label, strlen(b[i].opts[o].label)))
					fuzz_fail("content: option label is not valid UTF-8");
		}
		check_blocks(b[i].sub, b[i].nsub, nlinks);
	}
}

static void check_layout(const struct layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct dline *d = &l->lines[i];

		if (strlen(d->text) != d->len || !fuzz_utf8_ok(d->text, d->len))
			fuzz_fail("layout: line is not valid UTF-8 of its length");
		for (size_t k = 0; k < d->nspans; k++)
			if (d->spans[k].off > d->len || d->spans[k].len > d->len - d->spans[k].off)
				fuzz_fail("layout: span out of range");
	}
	for (size_t k = 0; k < l->nitems; k++)
		if (l->item_line[k] < 0 || (size_t)l->item_line[k] > l->n)
			fuzz_fail("layout: item line out of range");
}

static bool ticked(void *ctx, size_t block)
{
	(void)ctx;
	return (block & 1) != 0;
}

static void lay_out(const struct screen *s, int width, bool ascii, const struct layout_opts *o)
{
	struct layout l;

	layout_init(&l, width, ascii);
	layout_blocks(&l, s->blocks, s->nblocks, o);
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].type == BLK_RESULT)
			layout_blocks(&l, s->blocks[i].sub, s->blocks[i].nsub, o);
	check_layout(&l);
	layout_clear(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = {0};
	struct screen *s = content_parse("fuzz.md", (const char *)data, size, lookup, NULL, &d);

	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line < 0 || !fuzz_utf8_ok(d.v[i].msg, strlen(d.v[i].msg)))
			fuzz_fail("content: diagnostic has a bad line or is not valid UTF-8");
	if (s != NULL) {
		struct menu_entry *me = NULL;
		size_t nme;
		struct answers a = {0};
		struct layout_opts plain = {0}, rich = {.number_links = true, .answers = &a, .tasks_selectable = true, .ticked = ticked};

		if (s->code == NULL || s->id == NULL || s->title == NULL || s->kind >= KIND_COUNT)
			fuzz_fail("content: parsed screen lacks code, id, title or kind");
		check_blocks(s->blocks, s->nblocks, s->nlinks);
		nme = content_menu_entries(s, &me);
		for (size_t i = 0; i < nme; i++)
			if (me[i].link < 0 || (size_t)me[i].link >= s->nlinks)
				fuzz_fail("content: menu entry with a bad link");
		free(me);

		answers_set(&a, "employee", "no");
		answers_set(&a, "household", "local");
		lay_out(s, 80, false, &plain);
		lay_out(s, 23, true, &rich);
		lay_out(s, 1, false, NULL);
		answers_clear(&a);
	}
	screen_free(s);
	diags_clear(&d);
	return 0;
}
