/*
 * fence.c -- the wizard's fenced blocks: ```question NAME [if ...]``` and
 * ```result [if ...]```, read out of markdown code fences
 * SPDX-License-Identifier: MIT
 */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void fence_question(const char *file, struct block *b, const char *rest, const char *body,
		    int line, struct diags *d)
{
	const char *p = rest;
	struct strbuf q = {0};
	size_t n, ocap = 0;
	char why[256];

	while (*p == ' ')
		p++;
	n = strcspn(p, " ");
	if (!rules_valid_name(p, n)) {
		diags_add(d, file, b->line,
			  "question needs a name of a-z, 0-9, _ (\"question NAME\")");
		b->name = xstrdup("?");
	} else {
		b->name = xstrndup(p, n);
	}
	p += n;
	while (*p == ' ')
		p++;
	if (strncmp(p, "if ", 3) == 0) {
		b->cond = cond_parse(p + 3, why, sizeof why);
		if (b->cond == NULL)
			diags_add(d, file, b->line, "bad condition: %s", why);
	} else if (*p != '\0') {
		diags_add(d, file, b->line, "expected \"if CONDITION\" after the name");
	}
	while (*body != '\0') {
		size_t len = strcspn(body, "\n");
		const char *colon;

		if (len > 2 && body[0] == '-' && body[1] == ' ') {
			const char *v = body + 2;

			colon = memchr(v, ':', len - 2);
			if (colon == NULL || !rules_valid_name(v, (size_t)(colon - v))) {
				diags_add(d, file, line,
					  "option must be \"- value: label\" (value of a-z, 0-9, _)");
			} else {
				const char *lab = colon + 1;

				while (*lab == ' ')
					lab++;
				for (size_t o = 0; o < b->nopts; o++)
					if (strlen(b->opts[o].value) == (size_t)(colon - v) &&
					    memcmp(b->opts[o].value, v, (size_t)(colon - v)) == 0)
						diags_add(d, file, line,
							  "duplicate option \"%s\"", b->opts[o].value);
				b->opts = xgrow(b->opts, &ocap, b->nopts + 1, sizeof *b->opts);
				b->opts[b->nopts].value = xstrndup(v, (size_t)(colon - v));
				b->opts[b->nopts].label =
					xstrndup(lab, (size_t)(body + len - lab));
				b->nopts++;
			}
		} else if (len > 0) {
			if (b->nopts > 0)
				diags_add(d, file, line,
					  "question text after the options");
			if (q.len > 0)
				sb_addc(&q, '\n');
			sb_add(&q, body, len);
		}
		body += len;
		if (*body == '\n')
			body++;
		line++;
	}
	if (b->nopts < 2)
		diags_add(d, file, b->line, "question \"%s\" needs at least two options",
			  b->name);
	if (q.len == 0)
		diags_add(d, file, b->line, "question \"%s\" has no text", b->name);
	b->r.len = q.len;
	b->r.text = sb_take(&q);
}

void fence_result(const char *file, struct block *b, const char *rest, struct diags *d)
{
	char why[256];

	while (*rest == ' ')
		rest++;
	/* "result ineligible": the person cannot join, so there is nothing to bring. */
	if (strncmp(rest, "ineligible", 10) == 0 && (rest[10] == ' ' || rest[10] == '\0')) {
		b->flags |= BF_INELIGIBLE;
		rest += 10;
		while (*rest == ' ')
			rest++;
	}
	if (strncmp(rest, "if ", 3) == 0) {
		b->cond = cond_parse(rest + 3, why, sizeof why);
		if (b->cond == NULL)
			diags_add(d, file, b->line, "bad condition: %s", why);
	} else if (*rest != '\0') {
		diags_add(d, file, b->line, "expected \"result [ineligible] [if CONDITION]\"");
	}
}
