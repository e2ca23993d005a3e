/*
 * stats.h -- opt-in session counters for a county's content work ([stats])
 * SPDX-License-Identifier: MIT
 *
 * Off unless [stats] enabled = true and file is set. A session counts in
 * memory: that it started, its idle wipes, the screens opened per top-level
 * topic (the first part of a screen's code), the searches that found nothing.
 * Counts only: never an answer, a query text, an ID or a time. They are added to
 * [stats] file, a Prometheus textfile, under a lock (file.lock beside it) and the
 * file replaced whole, when the session starts, at each idle wipe and at its
 * end. A file that cannot be written costs the session nothing and is not said
 * (a resident's screen is no place for it).
 */
#ifndef YIBAO_STATS_H
#define YIBAO_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

/* Distinct top-level topics counted (more are counted as topic "other"). */
#define STATS_MAX_TOPICS 32

struct stats {
	bool on;
	long sessions, idle_wipes, searches_empty;
	long screens[STATS_MAX_TOPICS];
	char topic[STATS_MAX_TOPICS][8]; /* "3", from screen code "3.4"; [a-zA-Z0-9] only */
	int ntopics;
};

/* A session starts: counting on when cfg says so, the start counted (session_start writes it). */
void stats_start(struct stats *s, const struct config *cfg);
/* A screen with this code was opened (nothing when off). */
void stats_screen(struct stats *s, const char *code);
/*
 * Writes text as the whole new file at path (flags: metrics.h's; 0 here); 0, or -1
 * with why. (metrics_write_file: the session passes it, so counting needs no file module.)
 */
typedef int (*stats_write_fn)(const char *path, const char *text, unsigned flags, char *why,
			      size_t whylen);
/*
 * Add what s counted to cfg->stats_file (read, add, replace whole with write,
 * under the lock) and zero the counts. Returns 0, or -1 when off or it could not.
 */
int stats_flush(struct stats *s, const struct config *cfg, stats_write_fn write);

#endif
