/*
 * batch.c -- yibao --list, --print and --answer: the guide as text, without a terminal
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "export.h"
#include "screen.h"
#include "util.h"

/*
 * Codes in reading order: runs of digits by their value ("2.10" after "2.9"),
 * anything else byte by byte. Each step consumes at least one byte of both
 * codes, so any two strings compare in linear time (a damaged index's "?" too).
 */
static int compare_codes(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		bool da = *a >= '0' && *a <= '9', db = *b >= '0' && *b <= '9';

		if (da && db) {
			const char *ea, *eb;

			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			/* Without leading zeros, the longer run is the larger number. */
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

static int cmp_screens(const void *x, const void *y)
{
	const struct screen *a = *(struct screen *const *)x, *b = *(struct screen *const *)y;

	return compare_codes(a->code, b->code);
}

void batch_list(struct guide *g)
{
	const struct screen **v = xmalloc(g->nscreens * sizeof *v);

	for (size_t i = 0; i < g->nscreens; i++)
		v[i] = guide_head(g, (int)i);
	qsort(v, g->nscreens, sizeof *v, cmp_screens);
	for (size_t i = 0; i < g->nscreens; i++) {
		char *line = xasprintf("%s\t%s\t%s\t%s\n", v[i]->code, v[i]->id,
				       kind_name(v[i]->kind), v[i]->title);

		charset_write(stdout, line);
		free(line);
	}
	free(v);
}

/*
 * The question block named name (length n) of any wizard, or NULL; with
 * NULL, *names gets every question's name (space-separated, caller frees).
 */
static const struct block *answer_question(struct app *a, const char *name, size_t n,
					   struct strbuf *names)
{
	for (size_t s = 0; s < a->g->nscreens; s++) {
		const struct screen *sc = guide_get(a->g, (int)s);

		for (size_t b = 0; b < sc->nblocks; b++) {
			const struct block *bl = &sc->blocks[b];

			if (bl->type != BLK_QUESTION)
				continue;
			if (strncmp(bl->name, name, n) == 0 && bl->name[n] == '\0')
				return bl;
			sb_printf(names, "%s%s", names->len > 0 ? " " : "", bl->name);
		}
	}
	return NULL;
}

int batch_answers(struct app *a, char *const *answers, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *arg = answers[i], *eq = strchr(arg, '=');
		struct strbuf valid = {0};
		const struct block *bl =
			eq != NULL ? answer_question(a, arg, (size_t)(eq - arg), &valid) : NULL;
		bool known = false;

		if (bl != NULL) {
			sb_clear(&valid);
			for (size_t k = 0; k < bl->nopts && !known; k++) {
				known = strcmp(bl->opts[k].value, eq + 1) == 0;
				sb_printf(&valid, "%s%s", k > 0 ? " " : "", bl->opts[k].value);
			}
		} else if (eq == NULL) {
			answer_question(a, "", 0, &valid);
		}
		if (!known) {
			char *line = xasprintf("yibao: --answer %s: %s: %s\n", arg,
					       bl != NULL ? "no such option; the options are"
							  : "no such question (NAME=VALUE); the questions are",
					       valid.s != NULL ? valid.s : "none");

			charset_write(stderr, line);
			free(line);
			sb_clear(&valid);
			return -1;
		}
		sb_clear(&valid);
		{
			char *key = xstrndup(arg, (size_t)(eq - arg));

			answers_set(&a->answers, key, eq + 1);
			free(key);
		}
	}
	return 0;
}

int batch_answer_code(struct app *a, const char *code)
{
	char why[512];
	int rc = a->screens->answer_code_set(a, code, why, sizeof why);

	if (rc < 0) {
		char *line = xasprintf("yibao: --answer-code %s: %s\n", code, why);

		charset_write(stderr, line);
		free(line);
	}
	return rc;
}

int batch_print(struct app *a, const char *what, int width)
{
	int idx = guide_find_typed(a->g, what);
	struct strbuf sb = {0};

	if (strcmp(what, "slip") == 0) {
		a->screens->open_slip(a);
	} else if (idx < 0) {
		fprintf(stderr, "yibao: no screen \"%s\" (see yibao --list)\n", what);
		return 1;
	} else {
		nav_push(a, idx);
	}
	export_text(a, nav_top(a), width > 0 ? width : EXPORT_WIDTH, &sb);
	charset_write(stdout, sb.s);
	sb_clear(&sb);
	return 0;
}
