/*
 * screen.c -- the content types' names and destructors
 * SPDX-License-Identifier: MIT
 */
#include "screen.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[KIND_COUNT] = {
	[KIND_MENU] = "menu",
	[KIND_PAGE] = "page",
	[KIND_CHECKLIST] = "checklist",
	[KIND_WIZARD] = "wizard",
	[KIND_CALCULATOR] = "calculator",
	[KIND_STATUS] = "status",
};

const char *kind_name(enum kind k)
{
	return (unsigned)k < KIND_COUNT ? kind_names[k] : NULL;
}

void rich_clear(struct rich *r)
{
	if (r == NULL)
		return;
	free(r->text);
	free(r->spans);
	memset(r, 0, sizeof *r);
}

void blocks_free(struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		rich_clear(&b[i].r);
		cond_free(b[i].cond);
		for (int c = 0; c < b[i].nrows * b[i].ncols; c++)
			rich_clear(&b[i].cells[c]);
		free(b[i].cells);
		free(b[i].name);
		for (size_t o = 0; o < b[i].nopts; o++) {
			free(b[i].opts[o].value);
			free(b[i].opts[o].label);
		}
		free(b[i].opts);
		blocks_free(b[i].sub, b[i].nsub);
	}
	free(b);
}

void screen_free(struct screen *s)
{
	if (s == NULL)
		return;
	free(s->code);
	free(s->id);
	free(s->title);
	free(s->region);
	free(s->updated);
	free(s->source);
	free(s->aliases);
	free(s->file);
	blocks_free(s->blocks, s->nblocks);
	for (size_t i = 0; i < s->nlinks; i++)
		free(s->links[i].target);
	free(s->links);
	free(s);
}
