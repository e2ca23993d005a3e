/*
 * bundle_bench.c -- CPU time of the bundle's hot paths, for make bench
 * SPDX-License-Identifier: MIT
 *
 *   bundle_bench verify FILE SIGFILE PUBKEY [RUNS]   minisig_verify_file
 *   bundle_bench search BUNDLE QUERY...   guide_search_some per query, as
 *                    the search screen calls it (50 shown), and guide_search (all)
 *
 * Prints one "NAME best_ms median_ms extra" line per measurement (best and
 * median of the runs, CPU time of this process, so a loaded machine inflates
 * it less than wall time). Not a test: nothing is asserted.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "config.h"
#include "content.h"
#include "guide.h"
#include "minisig.h"

#define RUNS 9

static double cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, double *v, int n, const char *extra)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	printf("%s %.2f %.2f %s\n", name, v[0], v[n / 2], extra);
}

static void hit(void *ctx, int idx, const char *code, const char *title, const char *text, long at)
{
	(void)idx;
	(void)code;
	(void)title;
	(void)text;
	(void)at;
	++*(int *)ctx;
}

int main(int argc, char **argv)
{
	double v[RUNS];
	char err[256];

	if (argc >= 5 && strcmp(argv[1], "verify") == 0) {
		for (int r = 0; r < RUNS; r++) {
			double t = cpu_ms();

			if (minisig_verify_file(argv[2], argv[3], argv[4], NULL, 0, err, sizeof err) != 0) {
				fprintf(stderr, "bundle_bench: %s\n", err);
				return 1;
			}
			v[r] = cpu_ms() - t;
		}
		report("verify", v, RUNS, "");
		return 0;
	}
	if (argc >= 4 && strcmp(argv[1], "search") == 0) {
		struct diags d = {0};
		struct bundle *b = bundle_open(argv[2], err, sizeof err);
		struct guide *g;

		if (b == NULL) {
			fprintf(stderr, "bundle_bench: %s\n", err);
			return 1;
		}
		g = guide_open(b, "national", argv[2], &d);
		for (int i = 3; i < argc; i++) {
			char name[128], extra[64];
			int hits = 0;

			for (int r = 0; r < RUNS; r++) {
				double t = cpu_ms();

				hits = 0;
				hits = guide_search_some(g, argv[i], 50, hit, &hits);
				v[r] = cpu_ms() - t;
			}
			snprintf(name, sizeof name, "search:%s", argv[i]);
			snprintf(extra, sizeof extra, "%d", hits);
			report(name, v, RUNS, extra);
			for (int r = 0; r < RUNS; r++) {
				double t = cpu_ms();

				hits = 0;
				guide_search(g, argv[i], hit, &hits);
				v[r] = cpu_ms() - t;
			}
			snprintf(name, sizeof name, "search_all:%s", argv[i]);
			snprintf(extra, sizeof extra, "%d", hits);
			report(name, v, RUNS, extra);
		}
		guide_free(g);
		diags_clear(&d);
		return 0;
	}
	fprintf(stderr, "usage: bundle_bench verify FILE SIG PUBKEY | search BUNDLE QUERY...\n");
	return 2;
}
