/*
 * status.h -- live status lookups over HTTPS (libcurl multi, loaded at run time)
 * SPDX-License-Identifier: MIT
 *
 * The client half (status_parse.h is the pure half it builds on): it
 * dlopen()s libcurl on the first lookup, runs one transfer at a time on a curl
 * multi handle and is driven from the one key loop through status_pollfds /
 * status_timeout_ms / status_perform. Nothing here draws or
 * includes curses; results are written into struct status for the screens.
 */
#ifndef YIBAO_STATUS_H
#define YIBAO_STATUS_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "status_parse.h"

/* Sockets one lookup may need at once (happy eyeballs: two). */
#define STATUS_MAX_FDS 8

struct status;

/*
 * A client for cfg's [status] section. cfg is borrowed and must outlive the
 * client. Loads nothing yet. Free with status_free.
 */
struct status *status_new(const struct config *cfg);
/* Cancel any lookup, wipe every result, release libcurl's state. st may be NULL. */
void status_free(struct status *st);
/* True when cfg sets a status url. */
bool status_configured(const struct config *cfg);

/*
 * Start a lookup of kind for id (checked with status_id_check first; only read:
 * the caller wipes its own copy). A cached answer younger than cache_s, or a
 * failure that needs no network (no libcurl, bad url or token), completes at
 * once. Returns false when a lookup is already running (nothing changes).
 */
bool status_start(struct status *st, enum status_kind kind, const char *id);
/* Cancel the running lookup (its result becomes SE_CANCELLED). No-op when idle. */
void status_cancel(struct status *st);
/* Cancel, and wipe every result and cached answer (kiosk: next person). st may be NULL. */
void status_wipe(struct status *st);

/*
 * The running lookup: its kind, masked ID (owned by st, valid until it ends)
 * and whole seconds since it began. False when idle (then nothing is set).
 */
bool status_running(const struct status *st, enum status_kind *kind, const char **masked,
		    long *secs);
/* The outcome of the latest lookup while it is kept, or NULL. Owned by st. */
const struct status_result *status_last(const struct status *st);
/*
 * Check a configured status url with libcurl's URL parser (libcurl is loaded
 * on the first call): https to any host, or http only to 127.0.0.1 (as parsed)
 * when allow_http; no user name, password, query or fragment; no blank,
 * control character or backslash. Returns the lookup address (the url's path
 * with "/v1/lookup" appended, as libcurl writes it back; caller frees), or NULL
 * when the url is refused or libcurl is missing. *http: the address is plain http.
 */
char *status_url_check(const char *url, bool allow_http, bool *http);
/* Seconds results are kept (cache_s). */
int status_keep_s(const struct status *st);

/*
 * For the key loop: fill at most max pollfds with the sockets the lookup waits
 * on; returns the count. st may be NULL (0).
 */
size_t status_pollfds(struct status *st, struct pollfd *p, size_t max);
/*
 * Milliseconds until status_perform must run even with no socket ready (the
 * transfer's timer, the progress second, a result's expiry); -1 for never.
 */
int status_timeout_ms(struct status *st);
/*
 * Drive the transfer with the pollfds as poll() returned them (n may be 0 on a
 * timeout). Returns true when something shown changed: a result arrived or
 * expired, or another second of progress passed. st may be NULL (false).
 */
bool status_perform(struct status *st, const struct pollfd *p, size_t n);

#endif
