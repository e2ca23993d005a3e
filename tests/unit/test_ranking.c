/*
 * test_ranking.c -- search ranks: the screen a resident means comes first
 * SPDX-License-Identifier: MIT
 *
 * The shipped content, packed as a session opens it (a bundle in memory,
 * national profile), searched for every query of search-ranking.txt: at
 * least 90 % must put the expected screen first, and every one in the top
 * three. Prints each query's top three and the score.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "config.h"
#include "guide.h"
#include "pack.h"
#include "util.h"

#define RANKING_LIST "tests/unit/search-ranking.txt"

struct top {
	int n;
	char code[3][32];
};

static void on_hit(void *ctx, int idx, const char *code, const char *title, const char *text,
		   long at)
{
	struct top *t = ctx;

	(void)idx;
	(void)title;
	(void)text;
	(void)at;
	if (t->n < 3)
		snprintf(t->code[t->n++], sizeof t->code[0], "%s", code);
}

static void ranking(void **state)
{
	struct diags d = {0};
	struct config c;
	struct bundle *b;
	struct guide *g;
	size_t len;
	void *image;
	char err[200], line[256];
	FILE *f;
	int total = 0, first = 0, top3 = 0;

	(void)state;
	image = pack_memory("content", "config/regions", "national", &len, &d);
	assert_non_null(image);
	b = bundle_open_mem(image, len, err, sizeof err);
	assert_non_null(b);
	config_defaults(&c);
	g = guide_open(b, "national", "bundle", &d);
	assert_int_equal(d.n, 0);
	assert_non_null(g);
	f = fopen(RANKING_LIST, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		char *tab = strchr(line, '\t');
		struct top t = {0};
		int rank = 0;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || tab == NULL)
			continue;
		*tab = '\0';
		guide_search_some(g, line, 3, on_hit, &t);
		for (int i = 0; i < t.n && rank == 0; i++)
			if (strcmp(t.code[i], tab + 1) == 0)
				rank = i + 1;
		total++;
		first += rank == 1;
		top3 += rank >= 1;
		printf("%s %s -> %s: %s %s %s\n", rank == 1 ? "first" : rank > 0 ? "top3 "
										 : "MISS ",
		       line,
		       tab + 1, t.n > 0 ? t.code[0] : "-", t.n > 1 ? t.code[1] : "-",
		       t.n > 2 ? t.code[2] : "-");
	}
	fclose(f);
	printf("ranking: %d of %d first (%d %%), %d in the top three\n", first, total,
	       total > 0 ? first * 100 / total : 0, top3);
	assert_true(total >= 30);
	assert_true(first * 10 >= total * 9);
	assert_int_equal(top3, total);
	guide_free(g);
	config_clear(&c);
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
