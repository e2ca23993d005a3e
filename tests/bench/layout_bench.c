/*
 * layout_bench.c -- time content_parse and layout_blocks of one content file
 * SPDX-License-Identifier: MIT
 *
 *   make build/bench/layout_bench && build/bench/layout_bench FILE.md [WIDTH]
 *
 * Prints the parse and layout times (best of three) and the lines laid out.
 * A measurement, not a test: nothing is asserted.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "content.h"
#include "layout.h"
#include "text.h"
#include "report.h"
#include "util.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *no_values(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return NULL;
}

int main(int argc, char **argv)
{
	double best_parse = 1e9, best_layout = 1e9;
	size_t len, lines = 0;
	char *raw;
	int width = argc > 2 ? atoi(argv[2]) : 80;

	if (argc < 2) {
		fprintf(stderr, "usage: layout_bench FILE.md [WIDTH]\n");
		return 2;
	}
	text_init_locale();
	raw = util_read_file(argv[1], CONTENT_MAX_FILE, &len);
	if (raw == NULL) {
		perror(argv[1]);
		return 1;
	}
	for (int run = 0; run < 3; run++) {
		struct diags d = {0};
		struct layout l;
		struct layout_opts o = {.number_links = true};
		double t0 = now_s(), t1, t2;
		struct screen *s = content_parse(argv[1], raw, len, no_values, NULL, &d);

		t1 = now_s();
		if (s == NULL) {
			diags_print(&d);
			return 1;
		}
		layout_init(&l, width, false);
		layout_blocks(&l, s->blocks, s->nblocks, &o);
		t2 = now_s();
		lines = l.n;
		if (t1 - t0 < best_parse)
			best_parse = t1 - t0;
		if (t2 - t1 < best_layout)
			best_layout = t2 - t1;
		layout_clear(&l);
		screen_free(s);
		diags_clear(&d);
	}
	printf("%s: %zu bytes, parse %.3f s, layout %.3f s, %zu lines at width %d\n", argv[1],
	       len, best_parse, best_layout, lines, width);
	free(raw);
	return 0;
}
