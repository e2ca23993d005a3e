/*
 * fake_status.c -- the lookup backend of the model tests: status.h without a network
 * SPDX-License-Identifier: MIT
 *
 * Linked into build/tests/model_run in place of src/status.c. A lookup is
 * "running" until the key loop's next status_perform, then completes with an
 * answer made from the ID (its 17th digit picks the state) and parsed by the
 * real status_parse, so what the status screen shows is what a server's
 * answer would make of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "util.h"

struct status {
	const struct config *cfg;
	bool running;
	enum status_kind kind;
	char masked[STATUS_ID_LEN + 1];
	int pick;
	bool have;
	struct status_result last;
};

struct status *status_new(const struct config *cfg)
{
	struct status *st = xcalloc(1, sizeof *st);

	st->cfg = cfg;
	return st;
}

void status_free(struct status *st)
{
	if (st == NULL)
		return;
	status_result_clear(&st->last);
	free(st);
}

bool status_configured(const struct config *cfg)
{
	return cfg->status_url != NULL && cfg->status_url[0] != '\0';
}

bool status_start(struct status *st, enum status_kind kind, const char *id)
{
	char *m;

	if (st->running)
		return false;
	st->running = true;
	st->kind = kind;
	st->pick = id[16] - '0';
	m = status_mask_id(id);
	snprintf(st->masked, sizeof st->masked, "%s", m != NULL ? m : "");
	free(m);
	return true;
}

void status_cancel(struct status *st)
{
	if (st == NULL || !st->running)
		return;
	st->running = false;
	status_result_clear(&st->last);
	st->last.kind = st->kind;
	st->last.err = SE_CANCELLED;
	st->have = true;
}

void status_wipe(struct status *st)
{
	if (st == NULL)
		return;
	st->running = false;
	st->have = false;
	status_result_clear(&st->last);
	memset(st->masked, 0, sizeof st->masked);
}

bool status_running(const struct status *st, enum status_kind *kind, const char **masked,
		    long *secs)
{
	if (st == NULL || !st->running)
		return false;
	*kind = st->kind;
	*masked = st->masked;
	*secs = 0;
	return true;
}

const struct status_result *status_last(const struct status *st)
{
	return st != NULL && st->have ? &st->last : NULL;
}

char *status_url_check(const char *url, bool allow_http, bool *http)
{
	(void)allow_http;
	*http = false;
	return xasprintf("%s/v1/lookup", url);
}

int status_keep_s(const struct status *st)
{
	return st->cfg->cache_s;
}

size_t status_pollfds(struct status *st, struct pollfd *p, size_t max)
{
	(void)st;
	(void)p;
	(void)max;
	return 0;
}

int status_timeout_ms(struct status *st)
{
	return st != NULL && st->running ? 0 : -1;
}

/* The running lookup ends: an answer as a server would send it, through the real parser. */
bool status_perform(struct status *st, const struct pollfd *p, size_t n)
{
	const char *const *states;
	size_t nstates;
	char *body;

	(void)p;
	(void)n;
	if (st == NULL || !st->running)
		return false;
	st->running = false;
	states = status_states(st->kind, &nstates);
	body = xasprintf("{\"kind\": \"%s\", \"state\": \"%s\", \"detail\": \"模型测试的记录\", "
			 "\"updated\": \"2025-03-01\"}",
			 status_kind_name(st->kind), states[(size_t)st->pick % nstates]);
	status_result_clear(&st->last);
	status_parse(st->kind, 200, "application/json", body, strlen(body), &st->last);
	memcpy(st->last.masked_id, st->masked, sizeof st->last.masked_id);
	st->have = true;
	free(body);
	return true;
}
