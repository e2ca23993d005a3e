/*
 * markdown.c -- md4c callbacks that turn a markdown body into yibao blocks
 * SPDX-License-Identifier: MIT
 *
 * md4c hands us text as pointers into the source buffer, so each block's file
 * line is recovered from where its first text lies. Wizard questions and results
 * are fenced code blocks whose info string says "question ..." or "result ...".
 */
#include "markdown.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define MAX_LISTS 16
/* Spans (emphasis, links, code) nested deeper than this keep the attributes of level 32. */
#define MAX_ATTRS 32

struct mdstate {
	struct screen *s;
	const char *src;
	size_t srclen;
	int line_base;
	struct diags *d;
	size_t *line_starts; /* byte offset of each source line */
	size_t nlines;

	struct block *v;
	size_t n, cap;
	int last_line;

	int quote;
	struct {
		bool ordered;
		unsigned next;
	} lists[MAX_LISTS];
	int nlist;

	/* The rich text being collected. */
	bool collecting;
	enum block_type ctype;
	int cline;
	struct strbuf text;
	struct span *spans;
	size_t nspans, scap;
	bool soft_break;
	unsigned attrs[MAX_ATTRS];
	int links[MAX_ATTRS];
	int nattr;       /* spans open; may exceed MAX_ATTRS, only that many are kept */
	bool deep_said;  /* the nesting limit was reported for this body */
	bool links_said; /* CONTENT_MAX_LINKS was reported */

	/* The list item whose text comes next. */
	bool li_open;
	bool li_has_text;
	int li_level, li_number, li_line;
	int hlevel;
	unsigned li_flags;

	/* Table being read. */
	bool in_table;
	int tcols, trows;
	int tline; /* line of the header row */
	struct rich *cells;
	size_t ccap;
	int col;

	/* Fenced code block being read. */
	bool in_code;
	char *code_info;
	int code_line;
	struct strbuf code;
};

static int line_of(struct mdstate *st, const char *p)
{
	size_t off, lo = 0, hi;

	if (p < st->src || p > st->src + st->srclen)
		return st->last_line;
	off = (size_t)(p - st->src);
	hi = st->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (st->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	st->last_line = st->line_base + (int)lo;
	return st->last_line;
}

static struct block *new_block(struct mdstate *st, enum block_type t, int line)
{
	struct block *b;

	st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof *st->v);
	b = &st->v[st->n++];
	memset(b, 0, sizeof *b);
	b->type = t;
	b->line = line > 0 ? line : st->last_line;
	if (st->quote > 0)
		b->flags |= BF_NOTE;
	return b;
}

static void begin_text(struct mdstate *st, enum block_type t, int line)
{
	st->collecting = true;
	st->ctype = t;
	st->cline = line;
	sb_clear(&st->text);
	sb_add(&st->text, "", 0);
	st->spans = NULL;
	st->nspans = st->scap = 0;
	st->soft_break = false;
}

static struct rich take_rich(struct mdstate *st)
{
	struct rich r;

	/* Trailing spaces and hard breaks carry no meaning at the end of a block. */
	while (st->text.len > 0 &&
	       (st->text.s[st->text.len - 1] == ' ' || st->text.s[st->text.len - 1] == '\n'))
		st->text.s[--st->text.len] = '\0';
	for (size_t i = 0; i < st->nspans; i++) {
		struct span *sp = &st->spans[i];

		if (sp->off > st->text.len)
			sp->off = st->text.len;
		if (sp->off + sp->len > st->text.len)
			sp->len = st->text.len - sp->off;
	}
	r.len = st->text.len;
	r.text = sb_take(&st->text);
	r.spans = st->spans;
	r.nspans = st->nspans;
	st->spans = NULL;
	st->nspans = st->scap = 0;
	st->collecting = false;
	return r;
}

/* A checklist item may end with "{if CONDITION}". */
static void take_item_condition(struct mdstate *st, struct block *b)
{
	char *open = NULL, *p = b->r.text, why[256];
	size_t end = b->r.len;

	while ((p = strstr(p, "{if ")) != NULL)
		open = p++;
	if (open == NULL)
		return;
	while (end > 0 && b->r.text[end - 1] == ' ')
		end--;
	if (end == 0 || b->r.text[end - 1] != '}') {
		diags_add(st->d, st->s->file, b->line, "condition \"{if\" is not closed with \"}\"");
		return;
	}
	b->r.text[end - 1] = '\0';
	b->cond = cond_parse(open + 4, why, sizeof why);
	if (b->cond == NULL)
		diags_add(st->d, st->s->file, b->line, "bad condition: %s", why);
	*open = '\0';
	b->r.len = (size_t)(open - b->r.text);
	while (b->r.len > 0 && b->r.text[b->r.len - 1] == ' ')
		b->r.text[--b->r.len] = '\0';
	for (size_t i = 0; i < b->r.nspans; i++) {
		struct span *sp = &b->r.spans[i];

		if (sp->off > b->r.len)
			sp->off = b->r.len;
		if (sp->off + sp->len > b->r.len)
			sp->len = b->r.len - sp->off;
	}
}

static void flush_text(struct mdstate *st)
{
	struct block *b;

	if (!st->collecting)
		return;
	if (st->ctype == BLK_ITEM && st->li_open && !st->li_has_text) {
		b = new_block(st, BLK_ITEM, st->li_line > 0 ? st->li_line : st->cline);
		b->level = st->li_level;
		b->number = st->li_number;
		b->flags |= st->li_flags;
		b->r = take_rich(st);
		st->li_has_text = true;
		if (b->flags & BF_TASK)
			take_item_condition(st, b);
		return;
	}
	b = new_block(st, st->ctype == BLK_ITEM ? BLK_PARA : st->ctype, st->cline);
	if (st->ctype == BLK_ITEM || (st->nlist > 0 && st->ctype == BLK_PARA)) {
		b->flags |= BF_CONT;
		b->level = st->nlist;
	}
	b->r = take_rich(st);
	if (st->ctype == BLK_HEADING)
		b->level = st->hlevel;
}

/* The attributes and link of the innermost span kept (none: 0 and -1). */
static void top_span(const struct mdstate *st, unsigned *attr, int *link)
{
	int k = st->nattr < MAX_ATTRS ? st->nattr : MAX_ATTRS;

	*attr = k > 0 ? st->attrs[k - 1] : 0;
	*link = k > 0 ? st->links[k - 1] : -1;
}

static void add_span_text(struct mdstate *st, const char *t, size_t n)
{
	unsigned attr;
	int link;
	struct span *last = st->nspans > 0 ? &st->spans[st->nspans - 1] : NULL;

	top_span(st, &attr, &link);
	if (n == 0)
		return;
	if (last != NULL && last->attr == attr && last->link == link &&
	    last->off + last->len == st->text.len) {
		last->len += n;
	} else if (attr != 0 || link >= 0) {
		st->spans = xgrow(st->spans, &st->scap, st->nspans + 1, sizeof *st->spans);
		st->spans[st->nspans].off = st->text.len;
		st->spans[st->nspans].len = n;
		st->spans[st->nspans].attr = attr;
		st->spans[st->nspans].link = link;
		st->nspans++;
	}
	sb_add(&st->text, t, n);
}

static bool is_wide_at_end(const struct strbuf *sb)
{
	size_t i;
	long cp;

	if (sb->len == 0)
		return false;
	i = sb->len - 1;
	while (i > 0 && ((unsigned char)sb->s[i] & 0xC0) == 0x80)
		i--;
	{
		size_t j = i;

		cp = text_decode(sb->s, sb->len, &j);
	}
	return cp > 0 && text_cpwidth((unsigned long)cp) == 2;
}

static void add_text(struct mdstate *st, const char *t, size_t n)
{
	if (!st->collecting)
		begin_text(st, st->li_open && !st->li_has_text ? BLK_ITEM : BLK_PARA,
			   line_of(st, t));
	else if (st->text.len == 0 && st->nspans == 0)
		st->cline = line_of(st, t); /* block opened before its first text was seen */
	if (st->soft_break) {
		size_t j = 0;
		long next = n > 0 ? text_decode(t, n, &j) : -1;

		/* Chinese lines joined by a soft break get no space between them. */
		if (!is_wide_at_end(&st->text) &&
		    !(next > 0 && text_cpwidth((unsigned long)next) == 2) && st->text.len > 0)
			add_span_text(st, " ", 1);
		st->soft_break = false;
	}
	add_span_text(st, t, n);
}

static void decode_entity(struct mdstate *st, const char *t, size_t n)
{
	static const struct {
		const char *name, *utf8;
	} ents[] = {
		{"&amp;", "&"},
		{"&lt;", "<"},
		{"&gt;", ">"},
		{"&quot;", "\""},
		{"&apos;", "'"},
		{"&nbsp;", " "},
		{"&mdash;", "\xE2\x80\x94"},
	};
	char buf[4];

	for (size_t i = 0; i < ARRAY_LEN(ents); i++)
		if (strlen(ents[i].name) == n && memcmp(ents[i].name, t, n) == 0) {
			add_text(st, ents[i].utf8, strlen(ents[i].utf8));
			return;
		}
	if (n > 3 && t[1] == '#') {
		unsigned long cp = (t[2] == 'x' || t[2] == 'X') ? strtoul(t + 3, NULL, 16)
								: strtoul(t + 2, NULL, 10);

		if (cp >= 0x20 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
		    !text_is_stripped(cp, false) && text_cpwidth(cp) >= 0) {
			add_text(st, buf, (size_t)text_encode(cp, buf));
			return;
		}
	}
	add_text(st, t, n);
}

static char *attr_string(const MD_ATTRIBUTE *a)
{
	return xstrndup(a->text != NULL ? a->text : "", a->size);
}

static int add_link(struct mdstate *st, const MD_ATTRIBUTE *href)
{
	struct screen *s = st->s;
	char *target = attr_string(href);
	int line = href->text != NULL ? line_of(st, href->text) : st->last_line;
	size_t cap = s->nlinks;

	if (s->nlinks >= CONTENT_MAX_LINKS) {
		/* Past the bound a link is plain text: one screen stays quick to lay out and use. */
		if (s->nlinks == CONTENT_MAX_LINKS && !st->links_said)
			diags_add(st->d, s->file, line,
				  "more than %d links on one screen; the rest are shown as plain "
				  "text (split the screen)",
				  CONTENT_MAX_LINKS);
		st->links_said = true;
		free(target);
		return -1;
	}
	if (strstr(target, "://") != NULL || strncmp(target, "mailto:", 7) == 0 ||
	    strncmp(target, "www.", 4) == 0)
		diags_add(st->d, s->file, line,
			  "link to a web address \"%s\": links must name a screen id", target);
	s->links = xgrow(s->links, &cap, s->nlinks + 1, sizeof *s->links);
	s->links[s->nlinks].target = target;
	s->links[s->nlinks].line = line;
	s->links[s->nlinks].screen = -1;
	return (int)s->nlinks++;
}

static void finish_code(struct mdstate *st)
{
	const char *info = st->code_info != NULL ? st->code_info : "";

	const char *code = st->code.s != NULL ? st->code.s : "";
	bool question = strncmp(info, "question", 8) == 0 && (info[8] == ' ' || info[8] == '\0');
	bool result = strncmp(info, "result", 6) == 0 && (info[6] == ' ' || info[6] == '\0');

	if (question || result) {
		/* Problems with the block as a whole point at its fence line. */
		struct block *b = new_block(st, question ? BLK_QUESTION : BLK_RESULT,
					    st->code_line - 1);

		b->flags &= ~(unsigned)BF_NOTE;
		if (question) {
			fence_question(st->s->file, b, info + 8, code, st->code_line, st->d);
		} else {
			fence_result(st->s->file, b, info + 6, st->d);
			/* The result's body is markdown like any other, its links the screen's. */
			markdown_parse(st->s, code, st->code.len, st->code_line, &b->sub, &b->nsub,
				       st->d);
		}
	} else {
		struct block *b = new_block(st, BLK_CODE, st->code_line);

		while (st->code.len > 0 && st->code.s[st->code.len - 1] == '\n')
			st->code.s[--st->code.len] = '\0';
		b->r.len = st->code.len;
		b->r.text = sb_take(&st->code);
	}
	sb_clear(&st->code);
	free(st->code_info);
	st->code_info = NULL;
	st->in_code = false;
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct mdstate *st = ud;

	switch (type) {
	case MD_BLOCK_QUOTE:
		flush_text(st);
		st->quote++;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		flush_text(st);
		if (st->nlist < MAX_LISTS) {
			st->lists[st->nlist].ordered = type == MD_BLOCK_OL;
			st->lists[st->nlist].next =
				type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		}
		st->nlist++;
		break;
	case MD_BLOCK_LI: {
		MD_BLOCK_LI_DETAIL *li = detail;
		int k = (st->nlist < MAX_LISTS ? st->nlist : MAX_LISTS) - 1;

		flush_text(st);
		st->li_open = true;
		st->li_has_text = false;
		st->li_level = st->nlist;
		st->li_number = (k >= 0 && st->lists[k].ordered) ? (int)st->lists[k].next++ : 0;
		st->li_flags = 0;
		st->li_line = 0;
		if (li->is_task) {
			st->li_flags = BF_TASK;
			if (li->task_mark == 'x' || li->task_mark == 'X')
				st->li_flags |= BF_CHECKED;
			st->li_line = line_of(st, st->src + li->task_mark_offset);
		}
		break;
	}
	case MD_BLOCK_HR:
		flush_text(st);
		new_block(st, BLK_RULE, st->last_line);
		break;
	case MD_BLOCK_H:
		flush_text(st);
		begin_text(st, BLK_HEADING, st->last_line);
		st->hlevel = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		break;
	case MD_BLOCK_CODE: {
		MD_BLOCK_CODE_DETAIL *cd = detail;

		flush_text(st);
		st->in_code = true;
		st->code_info = attr_string(&cd->info);
		st->code_line = cd->info.text != NULL ? line_of(st, cd->info.text) + 1 : 0;
		sb_clear(&st->code);
		break;
	}
	case MD_BLOCK_P:
		if (st->li_open && !st->li_has_text && !st->collecting)
			begin_text(st, BLK_ITEM, st->last_line);
		else if (!st->collecting)
			begin_text(st, BLK_PARA, st->last_line);
		break;
	case MD_BLOCK_TABLE:
		flush_text(st);
		st->in_table = true;
		st->tcols = (int)((MD_BLOCK_TABLE_DETAIL *)detail)->col_count;
		st->trows = 0;
		st->cells = NULL;
		st->ccap = 0;
		break;
	case MD_BLOCK_TR:
		st->trows++;
		st->col = 0;
		st->cells = xgrow(st->cells, &st->ccap, (size_t)(st->trows * st->tcols),
				  sizeof *st->cells);
		memset(st->cells + (st->trows - 1) * st->tcols, 0,
		       (size_t)st->tcols * sizeof *st->cells);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		begin_text(st, BLK_PARA, st->last_line);
		break;
	default:
		break;
	}
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct mdstate *st = ud;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
		flush_text(st);
		st->quote--;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		flush_text(st);
		st->nlist--;
		break;
	case MD_BLOCK_LI:
		if (st->collecting || !st->li_has_text) {
			if (!st->collecting)
				begin_text(st, BLK_ITEM, st->li_line);
			flush_text(st);
		}
		st->li_open = false;
		break;
	case MD_BLOCK_H:
	case MD_BLOCK_P:
		if (!st->in_table)
			flush_text(st);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (st->trows == 1 && st->col == 0)
			st->tline = st->cline;
		if (st->col < st->tcols && st->trows > 0) {
			struct rich r = take_rich(st);

			st->cells[(st->trows - 1) * st->tcols + st->col] = r;
		} else {
			struct rich r = take_rich(st);

			rich_clear(&r);
		}
		st->col++;
		break;
	case MD_BLOCK_TABLE: {
		struct block *b = new_block(st, BLK_TABLE, st->tline);

		b->nrows = st->trows;
		b->ncols = st->tcols;
		b->cells = st->cells;
		st->cells = NULL;
		st->in_table = false;
		break;
	}
	case MD_BLOCK_CODE:
		finish_code(st);
		break;
	default:
		break;
	}
	return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct mdstate *st = ud;
	unsigned attr;
	int link;

	top_span(st, &attr, &link);
	if (st->nattr >= MAX_ATTRS) {
		/* Past the limit nothing is kept: the text shows as the level-32 span. */
		if (!st->deep_said)
			diags_add(st->d, st->s->file, st->last_line,
				  "emphasis and links nested more than %d deep; the deeper ones "
				  "are shown plain",
				  MAX_ATTRS);
		st->deep_said = true;
		if (type == MD_SPAN_A) /* keep link numbers in step with the file */
			add_link(st, &((MD_SPAN_A_DETAIL *)detail)->href);
		st->nattr++;
		return 0;
	}
	switch (type) {
	case MD_SPAN_STRONG:
		attr |= TA_STRONG;
		break;
	case MD_SPAN_EM:
		attr |= TA_EM;
		break;
	case MD_SPAN_CODE:
		attr |= TA_CODE;
		break;
	case MD_SPAN_A:
		link = add_link(st, &((MD_SPAN_A_DETAIL *)detail)->href);
		if (link >= 0)
			attr |= TA_LINK;
		break;
	default:
		break;
	}
	st->attrs[st->nattr] = attr;
	st->links[st->nattr] = link;
	st->nattr++;
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct mdstate *st = ud;

	(void)type;
	(void)detail;
	if (st->nattr > 0)
		st->nattr--;
	return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *ud)
{
	struct mdstate *st = ud;

	if (st->in_code) {
		if (st->code.len == 0 && st->code_line == 0)
			st->code_line = line_of(st, t);
		sb_add(&st->code, t, n);
		return 0;
	}
	switch (type) {
	case MD_TEXT_SOFTBR:
		if (!st->collecting)
			begin_text(st, BLK_PARA, st->last_line);
		st->soft_break = true;
		break;
	case MD_TEXT_BR:
		add_text(st, "\n", 1);
		break;
	case MD_TEXT_ENTITY:
		decode_entity(st, t, n);
		break;
	case MD_TEXT_NULLCHAR:
		add_text(st, "\xEF\xBF\xBD", 3);
		break;
	default:
		add_text(st, t, n);
		break;
	}
	return 0;
}

void markdown_parse(struct screen *s, const char *body, size_t len, int line_base,
		    struct block **out, size_t *nout, struct diags *d)
{
	struct mdstate st;
	MD_PARSER parser;
	size_t lcap = 0;

	memset(&st, 0, sizeof st);
	st.s = s;
	st.src = body;
	st.srclen = len;
	st.line_base = line_base;
	st.last_line = line_base;
	st.d = d;
	st.line_starts = xgrow(NULL, &lcap, 1, sizeof *st.line_starts);
	st.line_starts[st.nlines++] = 0;
	for (size_t i = 0; i < len; i++)
		if (body[i] == '\n') {
			st.line_starts = xgrow(st.line_starts, &lcap, st.nlines + 1,
					       sizeof *st.line_starts);
			st.line_starts[st.nlines++] = i + 1;
		}
	memset(&parser, 0, sizeof parser);
	parser.abi_version = 0;
	parser.flags = MD_FLAG_TABLES | MD_FLAG_TASKLISTS | MD_FLAG_NOHTML |
		       MD_FLAG_STRIKETHROUGH;
	parser.enter_block = on_enter_block;
	parser.leave_block = on_leave_block;
	parser.enter_span = on_enter_span;
	parser.leave_span = on_leave_span;
	parser.text = on_text;
	if (md_parse(body, (MD_SIZE)len, &parser, &st) != 0)
		diags_add(d, s->file, line_base, "markdown could not be parsed");
	flush_text(&st);
	if (st.in_code)
		finish_code(&st);
	sb_clear(&st.text);
	sb_clear(&st.code);
	free(st.spans);
	free(st.code_info);
	if (st.cells != NULL) {
		for (int c = 0; c < st.trows * st.tcols; c++)
			rich_clear(&st.cells[c]);
		free(st.cells);
	}
	free(st.line_starts);
	*out = st.v;
	*nout = st.n;
}
