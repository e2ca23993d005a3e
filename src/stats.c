/*
 * stats.c -- opt-in session counters for a county's content work ([stats])
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "stats.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "util.h"

/* Largest stats file read back. */
#define STATS_MAX_FILE (1024 * 1024)

void stats_start(struct stats *s, const struct config *cfg)
{
	memset(s, 0, sizeof *s);
	s->on = cfg->stats && cfg->stats_file != NULL;
	if (!s->on)
		return;
	s->sessions = 1;
}

/* The slot of topic t (made when new; the last slot, "other", when full). */
static int topic_slot(struct stats *s, const char *t)
{
	for (int i = 0; i < s->ntopics; i++)
		if (strcmp(s->topic[i], t) == 0)
			return i;
	if (s->ntopics == STATS_MAX_TOPICS - 1) {
		snprintf(s->topic[s->ntopics], sizeof s->topic[0], "other");
		return s->ntopics++;
	}
	if (s->ntopics == STATS_MAX_TOPICS)
		return STATS_MAX_TOPICS - 1;
	snprintf(s->topic[s->ntopics], sizeof s->topic[0], "%s", t);
	return s->ntopics++;
}

/* The topic of a screen code: up to the first '.', letters and digits only. */
static void topic_of(const char *code, char *out, size_t size)
{
	size_t n = 0;

	for (; code != NULL && *code != '\0' && *code != '.' && n + 1 < size; code++)
		if ((*code >= '0' && *code <= '9') || (*code >= 'a' && *code <= 'z') ||
		    (*code >= 'A' && *code <= 'Z'))
			out[n++] = *code;
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "other");
}

void stats_screen(struct stats *s, const char *code)
{
	char t[8];

	if (!s->on)
		return;
	topic_of(code, t, sizeof t);
	s->screens[topic_slot(s, t)]++;
}

/* The counts of the file's text added to s (which then holds the totals). */
static void add_file(struct stats *s, const char *text)
{
	for (const char *p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		const char *sp = strchr(p, ' ');
		const char *nl = strchr(p, '\n');
		long v;

		if (*p == '#' || sp == NULL || (nl != NULL && sp > nl))
			continue;
		v = strtol(sp + 1, NULL, 10);
		if (v < 0)
			continue;
		if (strncmp(p, "yibao_sessions_started_total ", 29) == 0)
			s->sessions += v;
		else if (strncmp(p, "yibao_idle_wipes_total ", 23) == 0)
			s->idle_wipes += v;
		else if (strncmp(p, "yibao_searches_no_result_total ", 31) == 0)
			s->searches_empty += v;
		else if (strncmp(p, "yibao_screens_opened_total{topic=\"", 34) == 0) {
			char t[8];
			const char *q = p + 34, *end = strchr(q, '"');

			if (end == NULL || end > sp || (size_t)(end - q) >= sizeof t)
				continue;
			memcpy(t, q, (size_t)(end - q));
			t[end - q] = '\0';
			topic_of(t, t, sizeof t);
			s->screens[topic_slot(s, t)] += v;
		}
	}
}

static char *stats_text(const struct stats *s)
{
	struct strbuf sb = {0};

	sb_adds(&sb, "# HELP yibao_sessions_started_total Guide sessions started on this host.\n"
		     "# TYPE yibao_sessions_started_total counter\n");
	sb_printf(&sb, "yibao_sessions_started_total %ld\n", s->sessions);
	sb_adds(&sb, "# HELP yibao_idle_wipes_total Sessions wiped after the idle timeout (kiosk).\n"
		     "# TYPE yibao_idle_wipes_total counter\n");
	sb_printf(&sb, "yibao_idle_wipes_total %ld\n", s->idle_wipes);
	sb_adds(&sb, "# HELP yibao_screens_opened_total Screens opened, by top-level topic "
		     "(the first part of the screen code).\n"
		     "# TYPE yibao_screens_opened_total counter\n");
	for (int i = 0; i < s->ntopics; i++)
		sb_printf(&sb, "yibao_screens_opened_total{topic=\"%s\"} %ld\n", s->topic[i],
			  s->screens[i]);
	sb_adds(&sb, "# HELP yibao_searches_no_result_total Searches that found no screen.\n"
		     "# TYPE yibao_searches_no_result_total counter\n");
	sb_printf(&sb, "yibao_searches_no_result_total %ld\n", s->searches_empty);
	return sb_take(&sb);
}

int stats_flush(struct stats *s, const struct config *cfg, stats_write_fn write)
{
	char *lock, *old, *text, why[256];
	struct stats total;
	int fd, rc;

	if (!s->on)
		return -1;
	lock = xasprintf("%s.lock", cfg->stats_file);
	/* Read-only is enough for flock: any account running sessions can take it. */
	fd = open(lock, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	free(lock);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX) != 0) {
		close(fd);
		return -1;
	}
	total = *s;
	/* Not through a link: another session account could have made one. */
	old = util_read_regular(cfg->stats_file, STATS_MAX_FILE, NULL, true);
	if (old != NULL)
		add_file(&total, old);
	text = stats_text(&total);
	rc = write(cfg->stats_file, text, 0, why, sizeof why);
	free(text);
	free(old);
	close(fd); /* and the lock with it */
	if (rc == 0) {
		bool on = s->on;

		memset(s, 0, sizeof *s);
		s->on = on;
	}
	return rc;
}
