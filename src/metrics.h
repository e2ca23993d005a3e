/*
 * metrics.h -- Prometheus textfiles for node_exporter's textfile collector
 * SPDX-License-Identifier: MIT
 *
 * What a county watches across its hosts: after every yibao --update, which
 * content each host shows and how its last update went ([update] metrics_file);
 * and, opt-in ([stats]), counts of what sessions did: never an answer, a query
 * text or an ID. Files are replaced whole (a temporary file in the same
 * directory, then rename), so a reader never sees half of one. Nothing here draws.
 */
#ifndef YIBAO_METRICS_H
#define YIBAO_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"

/* Flags of metrics_write_file. */
enum {
	METRICS_DURABLE = 1, /* fsync before the rename */
	METRICS_FOLLOW = 2   /* a symbolic link at path: replace the file it names */
};
/*
 * Replace the file at path with text atomically (a temporary file beside it,
 * rename; mode 0644). METRICS_DURABLE: fsync'ed first (a session's counters are
 * not: an fsync costs a session start several milliseconds). METRICS_FOLLOW: a
 * symbolic link at path is followed and the file it names replaced (the package
 * links node_exporter's directory to one the update service may write; never
 * for [stats], whose directory every session account writes). Returns 0, or -1
 * with a one-line reason in why.
 */
int metrics_write_file(const char *path, const char *text, unsigned flags, char *why,
		       size_t whylen);

/*
 * The update metrics after one --update run that ended with exit_code at now:
 * the bundle sessions now use (version, policy year, valid-until), the run's
 * time and status, and the time of the last successful run (this one when
 * exit_code is 0 or 3, else as the previous file said). Returns the text
 * (caller frees).
 */
char *metrics_update_text(const struct config *cfg, int exit_code, time_t now);

/*
 * metrics_update_text written to cfg->update_metrics_file. Returns 0 (also
 * when no file is configured), or -1 with a one-line reason in why.
 */
int metrics_update_write(const struct config *cfg, int exit_code, time_t now, char *why,
			 size_t whylen);

#endif
