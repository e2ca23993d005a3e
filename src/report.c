/*
 * report.c -- diagnostics out: stderr or syslog, sanitised
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "text.h"

static char *diag_line(const struct diag *g)
{
	char *file = text_sanitize(g->file, strlen(g->file), 0, NULL, NULL);
	char *msg = text_sanitize(g->msg, strlen(g->msg), 0, NULL, NULL);
	char *line = g->line > 0 ? xasprintf("%s:%d: %s", file, g->line, msg)
				 : xasprintf("%s: %s", file, msg);

	free(file);
	free(msg);
	return line;
}

void diags_print(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_line(&d->v[i]);

		fprintf(stderr, "%s\n", line);
		free(line);
	}
}

void diags_log(const struct diags *d)
{
	if (d->n == 0)
		return;
	openlog("yibao", LOG_PID | LOG_NDELAY, LOG_USER);
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_line(&d->v[i]);

		syslog(LOG_WARNING, "%s", line);
		free(line);
	}
	closelog();
}
