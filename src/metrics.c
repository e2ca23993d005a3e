/*
 * metrics.c -- Prometheus textfiles for node_exporter's textfile collector
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "metrics.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "minisig.h"
#include "source.h"
#include "util.h"

/* Largest metrics file read back (the previous run's). */
#define METRICS_MAX_FILE (1024 * 1024)

/* The file path names, through one symbolic link at most (a new string). */
static char *resolve(const char *path)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof target - 1);
	char *dir, *out;

	if (n <= 0)
		return xstrdup(path);
	target[n] = '\0';
	dir = util_dirname(path);
	out = util_path_join(dir, target);
	free(dir);
	return out;
}

int metrics_write_file(const char *path, const char *text, unsigned flags, char *why,
		       size_t whylen)
{
	char *real = (flags & METRICS_FOLLOW) != 0 ? resolve(path) : xstrdup(path);
	char *dir = util_dirname(real);
	const char *base = strrchr(real, '/') != NULL ? strrchr(real, '/') + 1 : real;
	/* A dot name not ending in .prom: the collector skips it while it is written. */
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	size_t len = strlen(text);
	int fd = mkstemp(tmp), rc = -1;

	if (fd < 0) {
		snprintf(why, whylen, "cannot write in %s: %s", dir, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0644) != 0 || util_write_all(fd, text, len) != 0 ||
	    ((flags & METRICS_DURABLE) != 0 && fsync(fd) != 0)) {
		snprintf(why, whylen, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, real) != 0) {
		snprintf(why, whylen, "cannot replace %s: %s", real, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(dir);
	free(real);
	return rc;
}

/* The value of metric name (a line "name VALUE") in text, or 0. */
static double metric_value(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; p != NULL && *p != '\0';) {
		if (strncmp(p, name, n) == 0 && p[n] == ' ')
			return strtod(p + n + 1, NULL);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return 0;
}

/* Seconds since the epoch of the end of day YYYY-MM-DD (UTC), or -1. */
static long long end_of_day(const char *ymd)
{
	int y, m, d;
	long long days;

	if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Days from civil (H. Hinnant): no timegm, no TZ. */
	y -= m <= 2;
	{
		long long era = (y >= 0 ? y : y - 399) / 400;
		long long yoe = y - era * 400;
		long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	return (days + 1) * 86400;
}

static void metric(struct strbuf *sb, const char *name, const char *type, const char *help,
		   double v)
{
	sb_printf(sb, "# HELP %s %s\n# TYPE %s %s\n%s %.15g\n", name, help, name, type, name, v);
}

char *metrics_update_text(const struct config *cfg, int exit_code, time_t now)
{
	struct strbuf sb = {0};
	struct diags d = {0};
	struct minisig_job *check = NULL;
	char *from = NULL, *old = NULL;
	struct bundle *b = source_open(cfg, NULL, false, &check, &d, &from);
	double last_ok = 0;
	bool ok = exit_code == 0 || exit_code == 3;

	if (cfg->update_metrics_file != NULL) {
		char *real = resolve(cfg->update_metrics_file);

		old = util_read_regular(real, METRICS_MAX_FILE, NULL, false);
		free(real);
	}
	if (old != NULL)
		last_ok = metric_value(old, "yibao_update_last_success_timestamp_seconds");
	if (ok)
		last_ok = (double)now;
	if (b != NULL) {
		const struct bundle_manifest *m = bundle_manifest(b);
		long long until = end_of_day(m->valid_until);

		metric(&sb, "yibao_bundle_version", "gauge",
		       "Content version of the bundle sessions show (only grows).", (double)m->version);
		metric(&sb, "yibao_bundle_policy_year", "gauge",
		       "The year the bundle's figures are for.", m->policy_year);
		metric(&sb, "yibao_bundle_valid_until_timestamp_seconds", "gauge",
		       "End of the bundle's valid-until day (UTC); after it screens say the figures may be out of date.",
		       (double)until);
		metric(&sb, "yibao_bundle_from_update", "gauge",
		       "1 when sessions show a bundle yibao --update installed, 0 for the shipped one.",
		       from != NULL && cfg->update_state_dir != NULL &&
				       strncmp(from, cfg->update_state_dir, strlen(cfg->update_state_dir)) == 0
			       ? 1
			       : 0);
	}
	metric(&sb, "yibao_bundle_usable", "gauge",
	       "1 when there is a bundle sessions can show, 0 when there is none.", b != NULL);
	metric(&sb, "yibao_update_last_run_timestamp_seconds", "gauge",
	       "When yibao --update last ran.", (double)now);
	metric(&sb, "yibao_update_last_success_timestamp_seconds", "gauge",
	       "When yibao --update last succeeded (installed, or nothing newer); 0: never.", last_ok);
	metric(&sb, "yibao_update_last_exit_code", "gauge",
	       "Exit status of the last yibao --update: 0 installed, 3 nothing newer, other values failed (man yibao).",
	       exit_code);
	bundle_close(b);
	free(from);
	free(old);
	diags_clear(&d);
	return sb_take(&sb);
}

int metrics_update_write(const struct config *cfg, int exit_code, time_t now, char *why,
			 size_t whylen)
{
	char *text;
	int rc;

	if (cfg->update_metrics_file == NULL)
		return 0;
	text = metrics_update_text(cfg, exit_code, now);
	rc = metrics_write_file(cfg->update_metrics_file, text, METRICS_DURABLE | METRICS_FOLLOW, why,
				whylen);
	free(text);
	return rc;
}
