/*
 * content.c -- one content file: front matter, placeholders, raw checks, markdown body
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "content.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "markdown.h"
#include "util.h"

/* Report bad bytes and control characters line by line, before sanitising. */
static void check_raw(const char *path, const char *text, size_t len, struct diags *d)
{
	size_t i = 0;
	int line = 1, last_bad = 0, last_ctl = 0;

	while (i < len) {
		size_t at = i;
		long cp = text_decode(text, len, &i);

		if (cp == '\n') {
			line++;
			continue;
		}
		if (cp < 0) {
			if (last_bad != line)
				diags_add(d, path, line, "invalid UTF-8 (byte 0x%02X)",
					  (unsigned char)text[at]);
			last_bad = line;
		} else if (cp == '\r' && i < len && text[i] == '\n') {
			continue;
		} else if (cp != '\t' && text_is_stripped((unsigned long)cp, true)) {
			if (last_ctl != line)
				diags_add(d, path, line, "control character U+%04lX", (unsigned long)cp);
			last_ctl = line;
		}
	}
}

/* Ideographs and the punctuation and forms only Chinese text uses. */
static bool is_cjk(long cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60) ||
	       (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2026 || cp == 0x2014 ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

static bool is_ascii_punct(long cp)
{
	return cp > 0 && cp < 0x80 && strchr(",:;?!()", (int)cp) != NULL;
}

/*
 * Warn about ASCII , : ; ? ! ( ) with Chinese on both sides ("报销,这里",
 * "因为:你", "补助:** 说明"): Chinese text takes the full-width forms. What the
 * reader does not see is looked through: emphasis marks and a link's
 * "](target)". text holds whole lines, the first numbered line_base.
 */
void content_check_punct(const char *path, const char *text, int line_base, struct diags *d)
{
	const char *p = text;
	int line = line_base;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n"), i = 0;
		long prev = 0, run = 0; /* last seen visible character; punctuation run */
		long run_first = 0, before = 0;

		while (i < n) {
			long cp;

			if (p[i] == ']' && i + 1 < n && p[i + 1] == '(') {
				const char *close = memchr(p + i, ')', n - i);

				if (close != NULL) {
					i = (size_t)(close - p) + 1;
					continue;
				}
			}
			if (p[i] == '*' || p[i] == '_' || p[i] == '`' || p[i] == '[') {
				i++;
				continue;
			}
			cp = text_decode(p, n, &i);
			if (cp == ' ' && run > 0)
				continue; /* "补助: 说明" is as ASCII as "补助:说明" */
			if (is_ascii_punct(cp)) {
				if (run++ == 0) {
					run_first = cp;
					before = prev;
				}
				continue;
			}
			if (run > 0 && is_cjk(before) && is_cjk(cp))
				diags_add(d, path, line,
					  "ASCII \"%c\" between Chinese characters: use the full-width form",
					  (int)run_first);
			run = 0;
			prev = cp;
		}
		p += n;
		if (*p == '\n')
			p++;
		line++;
	}
}

/* Count the cells of a table row "| a | b |" (escaped \| not counted). */
static int table_cells(const char *s, size_t n)
{
	int cells = 0;
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '|')
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	if (n > i && s[n - 1] == '|' && (n < 2 || s[n - 2] != '\\'))
		n--;
	cells = 1;
	for (; i < n; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == '|')
			cells++;
	}
	return cells;
}

static bool is_delim_row(const char *s, size_t n)
{
	bool dash = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = true;
		else if (s[i] != '|' && s[i] != ':' && s[i] != ' ')
			return false;
	}
	return dash;
}

/* md4c pads ragged tables silently; authors want to hear about them. */
static void check_tables(const char *path, const char *body, int line_base, struct diags *d)
{
	const char *p = body;
	int line = line_base, header = -1;
	bool in_fence = false, prev_pipe = false;
	const char *prev = NULL;
	size_t prevn = 0;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");
		const char *q = p;

		while (q < p + n && *q == ' ')
			q++;
		if (strncmp(q, "```", 3) == 0)
			in_fence = !in_fence;
		if (!in_fence && memchr(p, '|', n) != NULL && q < p + n) {
			if (header < 0 && is_delim_row(p, n) && prev_pipe) {
				header = table_cells(prev, prevn);
				if (table_cells(p, n) != header)
					diags_add(d, path, line,
						  "table: the line under the header has %d columns, the header %d",
						  table_cells(p, n), header);
			} else if (header >= 0 && table_cells(p, n) != header) {
				diags_add(d, path, line, "table row has %d cells, the header has %d",
					  table_cells(p, n), header);
			}
			prev_pipe = true;
		} else {
			header = -1;
			prev_pipe = false;
		}
		prev = p;
		prevn = n;
		p += n;
		if (*p == '\n')
			p++;
		line++;
	}
}

/* Replace {{name}} with the region's value; report unknown names. */
static char *fill_placeholders(const char *path, const char *body, int line_base,
			       content_lookup_fn lookup, void *ctx, struct diags *d)
{
	struct strbuf sb = {0};
	const char *p = body;
	int line = line_base;

	sb_add(&sb, "", 0);
	while (*p != '\0') {
		const char *open = strstr(p, "{{"), *close;

		if (open == NULL) {
			sb_adds(&sb, p);
			break;
		}
		for (const char *q = p; q < open; q++)
			if (*q == '\n')
				line++;
		sb_add(&sb, p, (size_t)(open - p));
		close = strstr(open + 2, "}}");
		if (close == NULL || memchr(open, '\n', (size_t)(close - open)) != NULL) {
			diags_add(d, path, line, "placeholder \"{{\" is not closed with \"}}\"");
			sb_add(&sb, open, 2);
			p = open + 2;
			continue;
		}
		{
			char *name = xstrndup(open + 2, (size_t)(close - open - 2));
			char *trim = name;
			const char *val;

			while (*trim == ' ')
				trim++;
			for (size_t n = strlen(trim); n > 0 && trim[n - 1] == ' '; n--)
				trim[n - 1] = '\0';
			val = lookup != NULL ? lookup(ctx, trim) : NULL;
			if (val == NULL) {
				diags_add(d, path, line, "unknown placeholder {{%s}}", trim);
				sb_add(&sb, open, (size_t)(close + 2 - open));
			} else {
				sb_adds(&sb, val);
			}
			free(name);
		}
		p = close + 2;
	}
	return sb_take(&sb);
}

char *content_fill(const char *text, content_lookup_fn lookup, void *ctx)
{
	struct diags ignore = {0};
	char *s = fill_placeholders("", text, 1, lookup, ctx, &ignore);

	diags_clear(&ignore);
	return s;
}

static bool valid_code(const char *s)
{
	bool digit = false;

	if (*s == '\0' || *s == '.')
		return false;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s != '.' || s[1] == '.' || s[1] == '\0')
			return false;
	}
	return digit;
}

const char *content_alias_next(const char **p, size_t *n)
{
	const char *start = *p, *comma = start, *end;

	if (*start == '\0')
		return NULL;
	/* "，" and "、" are both three bytes in UTF-8. */
	while (*comma != '\0' && *comma != ',' && strncmp(comma, "，", strlen("，")) != 0 &&
	       strncmp(comma, "、", strlen("、")) != 0)
		comma++;
	end = comma;
	*p = *comma == '\0' ? comma : comma + (*comma == ',' ? 1 : strlen("，"));
	while (start < end && *start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	*n = (size_t)(end - start);
	return start;
}

/* "aliases:": each one said, once, and short enough to be a word someone types. */
static void check_aliases(const char *list, const char *file, int line, struct diags *d)
{
	const char *p = list, *a, *b;
	size_t n, m;

	if (list == NULL || list[0] == '\0') {
		diags_add(d, file, line, "\"aliases:\" is empty: give words search should find the screen by, separated by \"、\" or \",\"");
		return;
	}
	while ((a = content_alias_next(&p, &n)) != NULL) {
		const char *q = list;

		if (n == 0) {
			diags_add(d, file, line, "an empty alias in \"aliases:\" (two commas in a row?)");
			continue;
		}
		if (n > CONTENT_ALIAS_MAX)
			diags_add(d, file, line, "alias \"%.*s\" is longer than %d bytes: aliases are words people type",
				  (int)n, a, CONTENT_ALIAS_MAX);
		while ((b = content_alias_next(&q, &m)) != NULL && b != a)
			if (m == n && strncmp(a, b, n) == 0) {
				diags_add(d, file, line, "alias \"%.*s\" is given twice", (int)n, a);
				break;
			}
	}
}

static bool valid_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* Read the front matter; returns the body offset, or -1 when it is unusable. */
static long parse_front(struct screen *s, const char *text, int *body_line, struct diags *d)
{
	const char *p = text;
	int line = 1;
	bool bad = false;
	struct {
		const char *key;
		char **dst;
	} fields[] = {
		{"code", &s->code},
		{"id", &s->id},
		{"title", &s->title},
		{"region", &s->region},
		{"updated", &s->updated},
		{"source", &s->source},
		{"aliases", &s->aliases},
	};
	char *kind = NULL;

	if (strncmp(p, "---\n", 4) != 0 && strcmp(p, "---") != 0) {
		diags_add(d, s->file, 1, "missing front matter: the file must start with a line \"---\"");
		return -1;
	}
	p += p[3] == '\n' ? 4 : 3; /* a file of just "---" has no newline to skip */
	for (;;) {
		size_t n = strcspn(p, "\n");
		const char *colon;
		bool known = false;

		line++;
		if (*p == '\0') {
			diags_add(d, s->file, line - 1, "front matter is not closed with \"---\"");
			free(kind);
			return -1;
		}
		if (n == 3 && strncmp(p, "---", 3) == 0) {
			p += n + (p[n] == '\n');
			break;
		}
		colon = memchr(p, ':', n);
		if (n == 0 || p[0] == '#') {
			/* blank or comment line */
		} else if (colon == NULL) {
			diags_add(d, s->file, line, "front matter line must be \"key: value\"");
		} else {
			size_t kn = (size_t)(colon - p);
			const char *v = colon + 1;
			size_t vn;

			while (kn > 0 && p[kn - 1] == ' ')
				kn--;
			while (*v == ' ')
				v++;
			vn = (size_t)(p + n - v);
			while (vn > 0 && v[vn - 1] == ' ')
				vn--;
			for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
				if (strlen(fields[i].key) != kn || strncmp(fields[i].key, p, kn) != 0)
					continue;
				known = true;
				if (*fields[i].dst != NULL)
					diags_add(d, s->file, line, "duplicate key \"%s\"", fields[i].key);
				free(*fields[i].dst);
				*fields[i].dst = xstrndup(v, vn);
			}
			if (kn == 4 && strncmp(p, "kind", 4) == 0) {
				known = true;
				free(kind);
				kind = xstrndup(v, vn);
				s->kind = KIND_COUNT;
				for (int k = 0; k < KIND_COUNT; k++)
					if (strcmp(kind, kind_name((enum kind)k)) == 0)
						s->kind = (enum kind)k;
				if (s->kind == KIND_COUNT) {
					diags_add(d, s->file, line,
						  "unknown kind \"%s\" (menu, page, checklist, wizard, calculator, status)",
						  kind);
					bad = true;
				}
			}
			if (!known)
				diags_add(d, s->file, line, "unknown front matter key \"%.*s\"",
					  (int)kn, p);
			if (known && kn == 4 && strncmp(p, "code", 4) == 0 && !valid_code(s->code)) {
				diags_add(d, s->file, line,
					  "code \"%s\" must be digits and dots, like 3.2", s->code);
				bad = true;
			}
			if (known && kn == 7 && strncmp(p, "aliases", 7) == 0)
				check_aliases(s->aliases, s->file, line, d);
			if (known && kn == 2 && strncmp(p, "id", 2) == 0 && !valid_id(s->id)) {
				diags_add(d, s->file, line,
					  "id \"%s\" must be lowercase letters, digits and -", s->id);
				bad = true;
			}
		}
		p += n + (p[n] == '\n');
	}
	if (s->code == NULL || s->id == NULL || s->title == NULL || kind == NULL) {
		diags_add(d, s->file, 1, "front matter needs code, id, title and kind%s%s%s%s",
			  s->code == NULL ? " (no code)" : "", s->id == NULL ? " (no id)" : "",
			  s->title == NULL ? " (no title)" : "", kind == NULL ? " (no kind)" : "");
		bad = true;
	}
	free(kind);
	*body_line = line + 1;
	return bad ? -1 : (long)(p - text);
}

static bool has_question(const struct screen *s)
{
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].type == BLK_QUESTION)
			return true;
	return false;
}

struct screen *content_parse(const char *path, const char *raw, size_t rawlen,
			     content_lookup_fn lookup, void *ctx, struct diags *d)
{
	struct screen *s = xcalloc(1, sizeof *s);
	struct text_report rep;
	size_t len;
	char *text, *body;
	long off;
	int body_line = 1;

	s->file = xstrdup(path);
	text = text_sanitize(raw, rawlen, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB, &len, &rep);
	/* The line-by-line report costs a second pass: only when there is something. */
	if (rep.invalid > 0 || rep.controls > 0)
		check_raw(path, raw, rawlen, d);
	off = parse_front(s, text, &body_line, d);
	if (off < 0) {
		free(text);
		screen_free(s);
		return NULL;
	}
	check_tables(path, text + off, body_line, d);
	body = fill_placeholders(path, text + off, body_line, lookup, ctx, d);
	{
		char *front = xstrndup(text, (size_t)off);

		content_check_punct(path, front, 1, d);
		free(front);
	}
	content_check_punct(path, body, body_line, d);
	markdown_parse(s, body, strlen(body), body_line, &s->blocks, &s->nblocks, d);
	if (s->kind == KIND_WIZARD && !has_question(s))
		diags_add(d, path, 1, "a wizard asks at least one question (```question NAME)");
	free(body);
	free(text);
	return s;
}

size_t content_menu_entries(const struct screen *s, struct menu_entry **out)
{
	struct menu_entry *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < s->nblocks; i++) {
		const struct block *b = &s->blocks[i];
		const struct span *sp;
		size_t rest;

		if (b->type != BLK_ITEM || b->r.nspans == 0)
			continue;
		sp = &b->r.spans[0];
		if (sp->link < 0 || sp->off != 0)
			continue;
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n].link = sp->link;
		v[n].label = b->r.text + sp->off;
		v[n].label_len = sp->len;
		rest = sp->off + sp->len;
		while (rest < b->r.len && b->r.text[rest] == ' ')
			rest++;
		v[n].desc = b->r.text + rest;
		v[n].desc_len = b->r.len - rest;
		n++;
	}
	*out = v;
	return n;
}
