/*
 * layout.c -- lay blocks out as display lines for a given width
 * SPDX-License-Identifier: MIT
 */
#include "layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

void layout_init(struct layout *l, int width, bool ascii)
{
	memset(l, 0, sizeof *l);
	l->width = width < 10 ? 10 : width;
	l->ascii = ascii;
}

void layout_reset(struct layout *l)
{
	/* A line may hold a person's answer code or masked ID: wiped, not just freed. */
	for (size_t i = 0; i < l->n; i++) {
		if (l->lines[i].text != NULL)
			util_wipe(l->lines[i].text, l->lines[i].tcap);
		free(l->lines[i].text);
		free(l->lines[i].spans);
	}
	l->n = 0;
	l->nitems = 0;
}

void layout_clear(struct layout *l)
{
	if (l == NULL)
		return;
	layout_reset(l);
	free(l->lines);
	free(l->item_line);
	free(l->item_ref);
	memset(l, 0, sizeof *l);
}

static struct dline *add_line(struct layout *l, int indent, unsigned flags, int item)
{
	struct dline *d;

	l->lines = xgrow(l->lines, &l->cap, l->n + 1, sizeof *l->lines);
	d = &l->lines[l->n++];
	memset(d, 0, sizeof *d);
	d->indent = indent;
	d->flags = flags;
	d->item = item;
	d->text = xgrow(NULL, &d->tcap, 1, 1);
	d->text[0] = '\0';
	return d;
}

/* Append n bytes to a line; both arrays grow by doubling, so a line costs linear time. */
static void line_append(struct dline *d, const char *s, size_t n, unsigned attr)
{
	if (d->len + n + 1 > d->tcap) {
		/* Grown by hand, so that the old bytes are wiped (realloc would leave them). */
		size_t cap = d->tcap;
		char *t = xgrow(NULL, &cap, d->len + n + 1, 1);

		if (d->text != NULL) {
			memcpy(t, d->text, d->len);
			util_wipe(d->text, d->tcap);
			free(d->text);
		}
		d->text = t;
		d->tcap = cap;
	}
	memcpy(d->text + d->len, s, n);
	if (attr != 0 && n > 0) {
		d->spans = xgrow(d->spans, &d->scap, d->nspans + 1, sizeof *d->spans);
		d->spans[d->nspans].off = d->len;
		d->spans[d->nspans].len = n;
		d->spans[d->nspans].attr = attr;
		d->nspans++;
	}
	d->len += n;
	d->text[d->len] = '\0';
}

int layout_add_item(struct layout *l, int ref)
{
	size_t cap2 = l->icap;

	l->item_line = xgrow(l->item_line, &l->icap, l->nitems + 1, sizeof *l->item_line);
	l->item_ref = xgrow(l->item_ref, &cap2, l->nitems + 1, sizeof *l->item_ref);
	l->item_line[l->nitems] = (int)l->n;
	l->item_ref[l->nitems] = ref;
	return (int)l->nitems++;
}

void layout_blank(struct layout *l)
{
	if (l->n > 0 && l->lines[l->n - 1].len == 0 && !(l->lines[l->n - 1].flags & LF_RULE))
		return; /* never two blank lines in a row */
	if (l->n == 0)
		return;
	add_line(l, 0, 0, -1);
}

void layout_text(struct layout *l, const char *s, unsigned attr, int indent, unsigned flags)
{
	/* A rich text owns its bytes: a copy, not a cast away of const. */
	char *copy = xstrdup(s);
	struct rich r = {copy, strlen(copy), NULL, 0};
	struct span sp = {0, r.len, attr, -1};

	if (attr != 0) {
		r.spans = &sp;
		r.nspans = 1;
	}
	layout_rich(l, &r, NULL, indent, flags, -1, NULL);
	util_wipe(copy, r.len);
	free(copy);
}

/* The code o gives link k, or NULL. */
static const char *link_code(const struct layout_opts *o, int k)
{
	return o != NULL && o->link_codes != NULL && k >= 0 && (size_t)k < o->nlink_codes
		       ? o->link_codes[k]
		       : NULL;
}

/* Does o append anything after links? */
static bool marks_links(const struct layout_opts *o)
{
	return o != NULL && (o->number_links || o->link_codes != NULL);
}

/*
 * Rich text with "（code）" and "[N]" appended after each link, as o asks.
 * Where each mark starts goes to *glue (a new array, caller frees; *nglue
 * entries): no line may start there, so a mark never wraps away from its
 * link's text.
 */
static void expand_links(const struct rich *in, const struct layout_opts *o, struct rich *out,
			 size_t **glue, size_t *nglue)
{
	struct strbuf sb = {0};
	size_t pos = 0, cap = 0, gcap = 0;

	memset(out, 0, sizeof *out);
	*glue = NULL;
	*nglue = 0;
	sb_add(&sb, "", 0);
	for (size_t i = 0; i < in->nspans; i++) {
		const struct span *sp = &in->spans[i];
		bool last_of_link = sp->link >= 0 &&
				    (i + 1 == in->nspans || in->spans[i + 1].link != sp->link ||
				     in->spans[i + 1].off != sp->off + sp->len);
		const char *code = last_of_link ? link_code(o, sp->link) : NULL;

		sb_add(&sb, in->text + pos, sp->off - pos);
		out->spans = xgrow(out->spans, &cap, out->nspans + 3, sizeof *out->spans);
		out->spans[out->nspans] = *sp;
		out->spans[out->nspans++].off = sb.len;
		sb_add(&sb, in->text + sp->off, sp->len);
		pos = sp->off + sp->len;
		if (code != NULL) {
			size_t start = sb.len;

			*glue = xgrow(*glue, &gcap, *nglue + 1, sizeof **glue);
			(*glue)[(*nglue)++] = sb.len;
			sb_printf(&sb, "（%s）", code);
			out->spans[out->nspans].off = start;
			out->spans[out->nspans].len = sb.len - start;
			out->spans[out->nspans].attr = 0;
			out->spans[out->nspans].link = sp->link;
			out->nspans++;
		}
		if (last_of_link && o->number_links) {
			char num[16];
			int k = snprintf(num, sizeof num, "[%d]", sp->link + 1);

			out->spans[out->nspans].off = sb.len;
			out->spans[out->nspans].len = (size_t)k;
			out->spans[out->nspans].attr = TA_STRONG;
			out->spans[out->nspans].link = sp->link;
			out->nspans++;
			*glue = xgrow(*glue, &gcap, *nglue + 1, sizeof **glue);
			(*glue)[(*nglue)++] = sb.len;
			sb_add(&sb, num, (size_t)k);
		}
	}
	sb_add(&sb, in->text + pos, in->len - pos);
	out->len = sb.len;
	out->text = sb_take(&sb);
}

void layout_rich(struct layout *l, const struct rich *r, const char *prefix, int indent,
		 unsigned flags, int item, const struct layout_opts *o)
{
	struct rich ex;
	const struct rich *src = r;
	struct text_line *tl;
	size_t nl, sp = 0; /* sp: first span that may reach the text still to copy */
	size_t *glue = NULL, nglue = 0;
	int pw = prefix != NULL ? text_swidth(prefix) : 0;
	int avail = l->width - indent - pw;

	if (marks_links(o) && r->nspans > 0) {
		expand_links(r, o, &ex, &glue, &nglue);
		src = &ex;
	}
	if (avail < 4)
		avail = 4;
	nl = text_wrap_glued(src->text, src->len, avail, glue, nglue, &tl);
	free(glue);
	for (size_t i = 0; i < nl; i++) {
		struct dline *d = add_line(l, indent, flags, item);
		size_t a = tl[i].off, b = tl[i].off + tl[i].len;

		if (pw > 0) {
			if (i == 0)
				line_append(d, prefix, strlen(prefix), 0);
			else
				for (int k = 0; k < pw; k++)
					line_append(d, " ", 1, 0);
		}
		/*
		 * Copy the line, cutting the spans that overlap it. Spans are in text
		 * order and do not overlap (markdown.c makes them so), and lines come
		 * in text order: one cursor walks both, so the whole text costs time
		 * linear in its length plus its spans.
		 */
		for (size_t p = a; p < b;) {
			unsigned attr = 0;
			size_t end = b;

			while (sp < src->nspans && src->spans[sp].off + src->spans[sp].len <= p)
				sp++;
			if (sp < src->nspans && src->spans[sp].off <= p) {
				attr = src->spans[sp].attr;
				if (src->spans[sp].off + src->spans[sp].len < end)
					end = src->spans[sp].off + src->spans[sp].len;
			} else if (sp < src->nspans && src->spans[sp].off < end) {
				end = src->spans[sp].off;
			}
			line_append(d, src->text + p, end - p, attr);
			p = end;
		}
	}
	free(tl);
	if (src == &ex) {
		util_wipe(ex.text, ex.len);
		free(ex.text);
		free(ex.spans);
	}
}

static const char *bullet(const struct layout *l, int level)
{
	if (l->ascii)
		return level <= 1 ? "* " : "- ";
	return level <= 1 ? "\xE2\x80\xA2 " : "\xE2\x97\xA6 "; /* • ◦ */
}

/* Lay out a table: natural column widths, shrunk to fit, cells wrapped. */
static void layout_table(struct layout *l, const struct block *b, unsigned flags, int indent,
			 const struct layout_opts *o)
{
	int nc = b->ncols, avail, total = 0;
	int *w;
	size_t ncells, *nglue;
	size_t **glue; /* per cell: where its link numbers start */
	struct rich *cells;
	const char *vbar = l->ascii ? "|" : "\xE2\x94\x82";  /* │ */
	const char *hbar = l->ascii ? "-" : "\xE2\x94\x80";  /* ─ */
	const char *cross = l->ascii ? "+" : "\xE2\x94\xBC"; /* ┼ */

	if (nc <= 0 || b->nrows <= 0)
		return;
	w = xcalloc((size_t)nc, sizeof *w);
	ncells = (size_t)b->nrows * (size_t)nc;
	/* The cells as shown: with "[N]" after links, like the rest of the page. */
	cells = xcalloc(ncells, sizeof *cells);
	glue = xcalloc(ncells, sizeof *glue);
	nglue = xcalloc(ncells, sizeof *nglue);
	for (size_t i = 0; i < ncells; i++) {
		if (marks_links(o) && b->cells[i].nspans > 0)
			expand_links(&b->cells[i], o, &cells[i], &glue[i], &nglue[i]);
		else
			cells[i] = b->cells[i];
	}
	for (int r = 0; r < b->nrows; r++)
		for (int c = 0; c < nc; c++) {
			const struct rich *cell = &cells[r * nc + c];
			int cw = cell->text != NULL ? text_width(cell->text, cell->len) : 0;

			if (cw > w[c])
				w[c] = cw;
		}
	avail = l->width - indent - 3 * (nc - 1) - 1;
	for (int c = 0; c < nc; c++) {
		if (w[c] < 2)
			w[c] = 2;
		total += w[c];
	}
	while (total > avail) {
		int wide = 0;

		for (int c = 1; c < nc; c++)
			if (w[c] > w[wide])
				wide = c;
		if (w[wide] <= 2) /* two columns hold any character */
			break;
		w[wide]--;
		total--;
	}
	for (int r = 0; r < b->nrows; r++) {
		struct text_line **tl = xcalloc((size_t)nc, sizeof *tl);
		size_t *nl = xcalloc((size_t)nc, sizeof *nl), rows = 1;

		for (int c = 0; c < nc; c++) {
			const struct rich *cell = &cells[r * nc + c];

			nl[c] = text_wrap_glued(cell->text != NULL ? cell->text : "", cell->len, w[c],
						glue[r * nc + c], nglue[r * nc + c], &tl[c]);
			if (nl[c] > rows)
				rows = nl[c];
		}
		for (size_t k = 0; k < rows; k++) {
			struct dline *d = add_line(l, indent, flags, -1);

			for (int c = 0; c < nc; c++) {
				const struct rich *cell = &cells[r * nc + c];
				int used = 0;

				if (c > 0) {
					line_append(d, " ", 1, 0);
					line_append(d, vbar, strlen(vbar), 0);
					line_append(d, " ", 1, 0);
				}
				if (k < nl[c] && cell->text != NULL) {
					line_append(d, cell->text + tl[c][k].off, tl[c][k].len,
						    r == 0 ? TA_STRONG : 0);
					used = tl[c][k].width;
				}
				if (c + 1 < nc)
					for (; used < w[c]; used++)
						line_append(d, " ", 1, 0);
			}
		}
		for (int c = 0; c < nc; c++)
			free(tl[c]);
		free(tl);
		free(nl);
		if (r == 0 && b->nrows > 1) {
			struct dline *d = add_line(l, indent, flags, -1);

			for (int c = 0; c < nc; c++) {
				if (c > 0) {
					line_append(d, hbar, strlen(hbar), 0);
					line_append(d, cross, strlen(cross), 0);
					line_append(d, hbar, strlen(hbar), 0);
				}
				for (int k = 0; k < w[c]; k++)
					line_append(d, hbar, strlen(hbar), 0);
			}
		}
	}
	for (size_t i = 0; i < ncells; i++) {
		if (cells[i].text != b->cells[i].text) {
			free(cells[i].text);
			free(cells[i].spans);
		}
		free(glue[i]);
	}
	free(glue);
	free(nglue);
	free(cells);
	free(w);
}

void layout_blocks(struct layout *l, const struct block *b, size_t n, const struct layout_opts *o)
{
	bool in_list = false; /* the last block shown was a list item or part of one */

	for (size_t i = 0; i < n; i++) {
		const struct block *bl = &b[i];
		bool list_before = in_list;
		unsigned flags = (bl->flags & BF_NOTE) ? LF_NOTE : 0;
		/* A note is set in by two columns, where the renderer draws its bar. */
		int note = (bl->flags & BF_NOTE) ? 2 : 0;
		int indent = (bl->level > 1 ? (bl->level - 1) * 2 : 0) + note;
		char prefix[32];

		in_list = false;
		switch (bl->type) {
		case BLK_HEADING:
			layout_blank(l);
			{
				struct rich r = bl->r;
				struct span sp = {0, r.len, TA_STRONG, -1};

				if (r.nspans == 0) {
					r.spans = &sp;
					r.nspans = 1;
				}
				layout_rich(l, &r, NULL, note, flags | LF_HEADING, -1, o);
			}
			break;
		case BLK_PARA:
			if (bl->flags & BF_CONT) {
				in_list = true;
				layout_rich(l, &bl->r, NULL, bl->level * 2 + 1 + note, flags, -1, o);
				break;
			}
			layout_blank(l);
			layout_rich(l, &bl->r, NULL, note, flags, -1, o);
			break;
		case BLK_ITEM: {
			int item = -1;

			if ((bl->flags & BF_TASK) && o != NULL && o->answers != NULL &&
			    !cond_eval_or_all(bl->cond, o->answers)) {
				in_list = list_before; /* hidden: as if it were not there */
				break;
			}
			/* The blank before a list, ahead of the item so it is not part of it. */
			if (!list_before)
				layout_blank(l);
			in_list = true;
			if (bl->flags & BF_TASK) {
				bool on = (o != NULL && o->ticked != NULL) ? o->ticked(o->ctx, i)
									   : (bl->flags & BF_CHECKED) != 0;
				const char *mark = o != NULL && o->marks != NULL ? o->marks[on]
						   : on                          ? "[x]"
										 : "[ ]";

				if (o != NULL && o->tasks_selectable) {
					/* Room left of it for the selection's marker cell. */
					indent += 2;
					item = layout_add_item(l, (int)i);
					snprintf(prefix, sizeof prefix, "%d. %s ", item + 1, mark);
				} else {
					snprintf(prefix, sizeof prefix, "%s ", mark);
				}
			} else if (bl->number > 0) {
				snprintf(prefix, sizeof prefix, "%d. ", bl->number);
			} else {
				snprintf(prefix, sizeof prefix, "%s", bullet(l, bl->level));
			}
			layout_rich(l, &bl->r, prefix, indent, flags, item, o);
			break;
		}
		case BLK_TABLE:
			layout_blank(l);
			layout_table(l, bl, flags, note, o);
			break;
		case BLK_RULE:
			layout_blank(l);
			add_line(l, 0, LF_RULE, -1);
			break;
		case BLK_CODE:
			layout_blank(l);
			layout_text(l, bl->r.text, TA_CODE, 2 + note, flags);
			break;
		case BLK_QUESTION:
		case BLK_RESULT:
			/* Laid out by the wizard screen. */
			break;
		}
	}
}

/* The hints marked in show, joined as layout_fit_hints says; its width in *w. */
static char *join_hints(const struct layout_hint *h, size_t n, const bool *show, int *w)
{
	struct strbuf sb = {0};
	bool gap = false, first = true;

	sb_add(&sb, "", 0);
	for (size_t i = 0; i < n; i++) {
		gap = gap || h[i].group;
		if (!show[i])
			continue;
		if (!first)
			sb_adds(&sb, gap ? "  " : " ");
		sb_adds(&sb, h[i].text);
		first = false;
		gap = false;
	}
	*w = text_width(sb.s, sb.len);
	return sb_take(&sb);
}

char *layout_fit_hints(const struct layout_hint *h, size_t n, int cols)
{
	bool *show = xcalloc(n > 0 ? n : 1, sizeof *show);
	char *line;
	int w;

	for (size_t i = 0; i < n; i++)
		show[i] = true;
	for (;;) {
		size_t drop = n;

		line = join_hints(h, n, show, &w);
		if (w <= cols)
			break;
		for (size_t i = n; i-- > 0;)
			if (show[i] && (drop == n || h[i].keep < h[drop].keep))
				drop = i;
		if (drop == n)
			break; /* nothing left to drop: "" does not fit either */
		free(line);
		show[drop] = false;
	}
	free(show);
	return line;
}
