/*
 * status.c -- the status lookup client: libcurl multi, loaded at run time, driven by the key loop
 * SPDX-License-Identifier: MIT
 *
 * Why dlopen: linking libcurl (and through it OpenSSL, GSSAPI, LDAP, ...) costs
 * several MiB of RSS in every SSH session before anyone looks anything up. The
 * library is loaded on the first lookup through a table of the few functions
 * used, and never unloaded: OpenSSL's exit handlers must stay mapped.
 *
 * One transfer at a time. The ID number passes through buffers this module
 * owns and wipes: the caller's (wiped there), norm[] in status_start, post[]
 * (the JSON body, handed to curl through CURLOPT_READFUNCTION rather than
 * POSTFIELDS) and id[] (to mask an echo of the number), both wiped when the
 * transfer ends, and the received body (grown with sb_add_secret, wiped). What
 * libcurl copies (its request and receive buffers) it allocates through the
 * functions given to curl_global_init_mem (status_curl.c), which wipe every block before
 * freeing it; the easy handle is cleaned up after each lookup and the multi
 * handle at each wipe, so those buffers are freed (wiped) then. OpenSSL keeps
 * the last decrypted record in its read buffer: SSL_OP_CLEANSE_PLAINTEXT makes
 * it wipe that. HTTP/1.1 only, so no HTTP/2 library holds a copy either.
 * Results are kept under a keyed hash of kind and ID, never the ID itself.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* explicit_bzero, getrandom */
#endif
#include "status.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "status_curl.h"
#include "text.h"
#include "util.h"

/* Answers kept at once (each for cache_s seconds). */
#define STATUS_CACHE 8
/* Largest token file read. */
#define TOKEN_MAX 4096

struct entry {
	bool used;
	bool reusable;  /* an answer from the service that may answer a repeat lookup */
	uint64_t key;   /* keyed hash of kind and ID number */
	long expire_ms; /* -1: kept until replaced */
	struct status_result r;
};

struct status {
	const struct config *cfg;
	const struct curl_api *api; /* NULL until the first lookup */
	uint64_t hkey[2];
	struct entry cache[STATUS_CACHE];
	int last; /* entry of the latest lookup, or -1 */
	bool global;
	CURLM *multi;
	/* The running transfer (easy != NULL). */
	CURL *easy;
	struct curl_slist *headers;
	enum status_kind kind;
	uint64_t key;
	char masked[STATUS_ID_LEN + 1];
	char id[STATUS_ID_LEN + 1]; /* the number looked up, until the transfer ends */
	char post[128];             /* the JSON body: holds the ID number until the transfer ends */
	size_t post_len, post_sent;
	char *url;
	struct strbuf body;
	bool too_big;
	char errbuf[CURL_ERROR_SIZE];
	long started_ms, shown_secs;
	long timer_ms; /* when curl wants a timeout action; -1 for none */
	struct sock {
		curl_socket_t fd;
		short events;
	} socks[STATUS_MAX_FDS];
	size_t nsocks;
};

static void new_hash_key(struct status *st)
{
	if (getrandom(st->hkey, sizeof st->hkey, GRND_NONBLOCK) != (ssize_t)sizeof st->hkey) {
		st->hkey[0] = (uint64_t)util_now_ms() * 0x9E3779B97F4A7C15ULL;
		st->hkey[1] = (uint64_t)(uintptr_t)st ^ (uint64_t)getpid();
	}
}

bool status_configured(const struct config *cfg)
{
	return cfg->status_url != NULL && cfg->status_url[0] != '\0';
}

struct status *status_new(const struct config *cfg)
{
	struct status *st = xcalloc(1, sizeof *st);

	st->cfg = cfg;
	st->last = -1;
	st->timer_ms = -1;
	new_hash_key(st);
	return st;
}

static void entry_clear(struct entry *e)
{
	status_result_clear(&e->r);
	util_wipe(e, sizeof *e);
}

/* Keep r (taken over) as the latest result. */
static void store(struct status *st, struct status_result *r, uint64_t key, bool reusable)
{
	long now = util_now_ms();
	int slot = -1;

	for (int i = 0; i < STATUS_CACHE && slot < 0; i++)
		if (!st->cache[i].used)
			slot = i;
	/* All in use: replace the one that expires first. */
	if (slot < 0) {
		slot = 0;
		for (int i = 1; i < STATUS_CACHE; i++)
			if (st->cache[i].expire_ms < st->cache[slot].expire_ms)
				slot = i;
	}
	entry_clear(&st->cache[slot]);
	st->cache[slot].used = true;
	st->cache[slot].reusable = reusable && st->cfg->cache_s > 0;
	st->cache[slot].key = key;
	st->cache[slot].expire_ms = st->cfg->cache_s > 0 ? now + st->cfg->cache_s * 1000L : -1;
	st->cache[slot].r = *r;
	util_wipe(r, sizeof *r);
	st->last = slot;
}

/* A failure found before anything was sent. */
static void store_error(struct status *st, enum status_err err, const char *detail)
{
	struct status_result r = {0};

	r.kind = st->kind;
	r.err = err;
	r.state = STATUS_STATE_UNKNOWN;
	r.err_detail = detail != NULL ? text_sanitize(detail, strlen(detail), 0, NULL, NULL) : NULL;
	memcpy(r.masked_id, st->masked, sizeof r.masked_id);
	store(st, &r, 0, false);
}

static void end_transfer(struct status *st)
{
	if (st->easy != NULL) {
		st->api->multi_remove_handle(st->multi, st->easy);
		st->api->easy_cleanup(st->easy);
		st->easy = NULL;
	}
	explicit_bzero(st->post, sizeof st->post);
	explicit_bzero(st->id, sizeof st->id);
	st->post_len = st->post_sent = 0;
	for (struct curl_slist *l = st->headers; l != NULL; l = l->next)
		explicit_bzero(l->data, strlen(l->data));
	if (st->headers != NULL)
		st->api->slist_free_all(st->headers);
	st->headers = NULL;
	sb_wipe(&st->body);
	free(st->url);
	st->url = NULL;
	st->too_big = false;
	explicit_bzero(st->errbuf, sizeof st->errbuf);
	st->nsocks = 0;
	st->timer_ms = -1;
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	struct status *st = ud;
	size_t len = size * n;

	if (st->body.len + len > STATUS_MAX_BODY) {
		st->too_big = true;
		return 0; /* curl ends the transfer with CURLE_WRITE_ERROR */
	}
	sb_add_secret(&st->body, p, len);
	/* curl's buffer is wiped when freed (wipe_free); this copy is ours. */
	return len;
}

/* curl asks for the request body: from post[], which stays ours to wipe. */
static size_t on_read(char *buf, size_t size, size_t n, void *ud)
{
	struct status *st = ud;
	size_t room = size * n, left = st->post_len - st->post_sent;
	size_t k = room < left ? room : left;

	memcpy(buf, st->post + st->post_sent, k);
	st->post_sent += k;
	return k;
}

static int on_socket(CURL *e, curl_socket_t fd, int what, void *ud, void *sockp)
{
	struct status *st = ud;
	size_t i = 0;

	(void)e;
	(void)sockp;
	while (i < st->nsocks && st->socks[i].fd != fd)
		i++;
	if (what == CURL_POLL_REMOVE) {
		if (i < st->nsocks)
			st->socks[i] = st->socks[--st->nsocks];
		return 0;
	}
	if (i == st->nsocks) {
		if (st->nsocks == STATUS_MAX_FDS)
			return -1;
		st->nsocks++;
	}
	st->socks[i].fd = fd;
	st->socks[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
				      ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	return 0;
}

static int on_timer(CURLM *m, long ms, void *ud)
{
	struct status *st = ud;

	(void)m;
	st->timer_ms = ms < 0 ? -1 : util_now_ms() + ms;
	return 0;
}

/* Is part of the parsed url u there at all (even empty, as in "http://:@host/")? */
static bool url_has(const struct curl_api *api, CURLU *u, CURLUPart part)
{
	char *v = NULL;
	bool has = api->url_get(u, part, &v, 0) == CURLUE_OK;

	api->free(v);
	return has;
}

char *status_url_check(const char *url, bool allow_http, bool *http)
{
	const struct curl_api *api = status_curl_load();
	CURLU *u;
	char *scheme = NULL, *host = NULL, *path = NULL, *full = NULL, *out = NULL;
	bool ok;

	*http = false;
	if (api == NULL || url == NULL)
		return NULL;
	/* No parser quirks to argue about: no blanks, controls or backslashes at all. */
	for (const char *p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7F || *p == '\\')
			return NULL;
	if ((u = api->url()) == NULL)
		return NULL;
	/* The checks below read the parts as libcurl will use them to connect. */
	ok = api->url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	     api->url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	     api->url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	     api->url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK;
	/* A user name or password is sent to the host as a Basic auth header. */
	ok = ok && !url_has(api, u, CURLUPART_USER) && !url_has(api, u, CURLUPART_PASSWORD) &&
	     !url_has(api, u, CURLUPART_OPTIONS) && !url_has(api, u, CURLUPART_QUERY) &&
	     !url_has(api, u, CURLUPART_FRAGMENT);
	if (ok && strcmp(scheme, "https") == 0) {
		ok = true;
	} else if (ok && strcmp(scheme, "http") == 0) {
		ok = allow_http && strcmp(host, "127.0.0.1") == 0;
		*http = ok;
	} else {
		ok = false;
	}
	if (ok) {
		size_t n = strlen(path);
		char *p;

		while (n > 0 && path[n - 1] == '/')
			n--;
		p = xasprintf("%.*s/v1/lookup", (int)n, path);
		ok = api->url_set(u, CURLUPART_PATH, p, 0) == CURLUE_OK &&
		     api->url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK;
		free(p);
	}
	if (ok)
		out = xstrdup(full);
	else
		*http = false;
	api->free(scheme);
	api->free(host);
	api->free(path);
	api->free(full);
	api->url_cleanup(u);
	return out;
}

/* The Authorization header from token_file, read now; NULL (and *bad) when unusable. */
static char *auth_header(const char *path, bool *bad)
{
	char buf[TOKEN_MAX + 1];
	ssize_t n = -1, r;
	size_t len = 0, start = 0;
	/* O_NONBLOCK and fstat: a FIFO or device in its place must not freeze the key loop. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat sb;
	char *h = NULL;

	*bad = true;
	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
		close(fd);
		fd = -1;
	}
	if (fd >= 0) {
		while (len < TOKEN_MAX && (r = read(fd, buf + len, TOKEN_MAX - len)) > 0)
			len += (size_t)r;
		n = (len < TOKEN_MAX && read(fd, buf + len, 1) == 0) ? (ssize_t)len : -1;
		close(fd);
	}
	if (n >= 0) {
		while (len > 0 && strchr(" \t\r\n", buf[len - 1]) != NULL)
			len--;
		while (start < len && strchr(" \t\r\n", buf[start]) != NULL)
			start++;
		*bad = start == len;
		for (size_t i = start; i < len; i++)
			if (buf[i] < 0x21 || buf[i] > 0x7E)
				*bad = true;
		if (!*bad)
			h = xasprintf("Authorization: Bearer %.*s", (int)(len - start),
				      buf + start);
	}
	explicit_bzero(buf, sizeof buf);
	return h;
}

/* Set every option; false when this libcurl refuses one (too old): nothing is sent. */
static bool set_options(struct status *st, bool http)
{
	const struct config *c = st->cfg;
	CURL *e = st->easy;
	CURLcode (*set)(CURL *, CURLoption, ...) = st->api->easy_setopt;
	struct curl_rules r = {.url = st->url,
			       .http = http,
			       .ca_file = c->ca_file,
			       .proxy = c->proxy,
			       .agent = "yibao",
			       .headers = st->headers,
			       .errbuf = st->errbuf,
			       .cleanse = true};
	bool ok = status_curl_rules(st->api, e, &r);

	ok &= set(e, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK;
	ok &= set(e, CURLOPT_MAXREDIRS, 0L) == CURLE_OK;
	ok &= set(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms) == CURLE_OK;
	ok &= set(e, CURLOPT_TIMEOUT_MS, c->timeout_ms) == CURLE_OK;
	ok &= set(e, CURLOPT_LOW_SPEED_LIMIT, 16L) == CURLE_OK;
	ok &= set(e, CURLOPT_LOW_SPEED_TIME, 10L) == CURLE_OK;
	ok &= set(e, CURLOPT_MAXFILESIZE, (long)STATUS_MAX_BODY) == CURLE_OK;
	ok &= set(e, CURLOPT_VERBOSE, 0L) == CURLE_OK;
	ok &= set(e, CURLOPT_FORBID_REUSE, 1L) == CURLE_OK;
	ok &= set(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1) == CURLE_OK;
	ok &= set(e, CURLOPT_POST, 1L) == CURLE_OK;
	ok &= set(e, CURLOPT_READFUNCTION, on_read) == CURLE_OK;
	ok &= set(e, CURLOPT_READDATA, st) == CURLE_OK;
	ok &= set(e, CURLOPT_POSTFIELDSIZE, (long)st->post_len) == CURLE_OK;
	ok &= set(e, CURLOPT_WRITEFUNCTION, on_data) == CURLE_OK;
	ok &= set(e, CURLOPT_WRITEDATA, st) == CURLE_OK;
	return ok;
}

static bool ensure_multi(struct status *st)
{
	if (!st->global) {
		/* CURLOPT_NOSIGNAL leaves SIGPIPE to us: a peer that hangs up must not kill us. */
		signal(SIGPIPE, SIG_IGN);
		if (status_curl_init_wiping(st->api) != CURLE_OK)
			return false;
		st->global = true;
	}
	if (st->multi != NULL)
		return true;
	st->multi = st->api->multi_init();
	if (st->multi == NULL)
		return false;
	st->api->multi_setopt(st->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	st->api->multi_setopt(st->multi, CURLMOPT_SOCKETDATA, st);
	st->api->multi_setopt(st->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	st->api->multi_setopt(st->multi, CURLMOPT_TIMERDATA, st);
	return true;
}

/* Start the transfer for the normalised id; on a failure before sending, store it. */
static void begin(struct status *st, const char *id)
{
	bool http, bad_token = false;
	char *auth = NULL;

	if ((st->api = status_curl_load()) == NULL || !ensure_multi(st)) {
		store_error(st, SE_NO_LIBCURL, NULL);
		return;
	}
	/* OpenSSL reads ca_file inside the key loop: anything but a regular file could block it. */
	if ((st->url = status_url_check(st->cfg->status_url, st->cfg->allow_loopback_http,
					&http)) == NULL ||
	    (st->cfg->ca_file != NULL && st->cfg->ca_file[0] != '\0' &&
	     !util_is_file(st->cfg->ca_file))) {
		end_transfer(st);
		store_error(st, SE_CONFIG, NULL);
		return;
	}
	if (st->cfg->token_file != NULL && st->cfg->token_file[0] != '\0' &&
	    (auth = auth_header(st->cfg->token_file, &bad_token)) == NULL) {
		end_transfer(st);
		store_error(st, SE_TOKEN, NULL);
		return;
	}
	snprintf(st->post, sizeof st->post, "{\"id_number\": \"%s\", \"kind\": \"%s\"}", id,
		 status_kind_name(st->kind));
	st->post_len = strlen(st->post);
	st->post_sent = 0;
	snprintf(st->id, sizeof st->id, "%s", id);
	st->headers = st->api->slist_append(NULL, "Content-Type: application/json");
	st->headers = st->api->slist_append(st->headers, "Accept: application/json");
	st->headers = st->api->slist_append(st->headers, "Expect:");
	if (auth != NULL) {
		st->headers = st->api->slist_append(st->headers, auth);
		explicit_bzero(auth, strlen(auth));
		free(auth);
	}
	st->easy = st->api->easy_init();
	if (st->headers == NULL || st->easy == NULL || !set_options(st, http) ||
	    st->api->multi_add_handle(st->multi, st->easy) != CURLM_OK) {
		end_transfer(st);
		store_error(st, SE_NO_LIBCURL, "libcurl 7.85 or newer is needed");
		return;
	}
	st->started_ms = util_now_ms();
	st->shown_secs = 0;
}

/* Drop the latest result unless it is a cached answer that may serve again. */
static void drop_last(struct status *st)
{
	if (st->last >= 0 && !st->cache[st->last].reusable)
		entry_clear(&st->cache[st->last]);
	st->last = -1;
}

bool status_start(struct status *st, enum status_kind kind, const char *id)
{
	char norm[STATUS_ID_LEN + 1];
	long now = util_now_ms();
	char *m;

	if (st->easy != NULL || (unsigned)kind >= STATUS_KIND_COUNT ||
	    status_id_check(id) != STATUS_ID_OK)
		return false;
	memcpy(norm, id, sizeof norm);
	if (norm[17] == 'x')
		norm[17] = 'X';
	st->kind = kind;
	st->key = status_id_key(st->hkey, kind, norm);
	m = status_mask_id(norm);
	snprintf(st->masked, sizeof st->masked, "%s", m);
	explicit_bzero(m, strlen(m));
	free(m);
	drop_last(st);
	for (int i = 0; i < STATUS_CACHE; i++) {
		struct entry *e = &st->cache[i];

		if (e->used && e->reusable && e->key == st->key && e->r.kind == kind &&
		    (e->expire_ms < 0 || now < e->expire_ms)) {
			st->last = i;
			explicit_bzero(norm, sizeof norm);
			return true;
		}
	}
	begin(st, norm);
	explicit_bzero(norm, sizeof norm);
	return true;
}

static enum status_err map_error(CURLcode rc, bool too_big)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return SE_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
		return SE_CONNECT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return SE_DNS;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_USE_SSL_FAILED:
		return SE_TLS;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return SE_CONFIG;
	case CURLE_FILESIZE_EXCEEDED:
		return SE_TOO_BIG;
	case CURLE_WRITE_ERROR:
		return too_big ? SE_TOO_BIG : SE_NETWORK;
	case CURLE_TOO_MANY_REDIRECTS:
		return SE_REDIRECT;
	default:
		return SE_NETWORK;
	}
}

/* Replace each copy of id (X in either case) in s by masked, in place (same length). */
static void mask_echo(char *s, const char *id, const char *masked)
{
	size_t n = strlen(id);

	if (s == NULL || n == 0)
		return;
	for (; *s != '\0'; s++)
		if (strncasecmp(s, id, n) == 0)
			memcpy(s, masked, n);
}

/* The transfer ended with rc: turn it into a result and keep it. */
static void finish(struct status *st, CURLcode rc)
{
	struct status_result r = {0};
	long code = 0;
	char *ct = NULL;

	st->api->easy_getinfo(st->easy, CURLINFO_RESPONSE_CODE, &code);
	st->api->easy_getinfo(st->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (rc == CURLE_OK) {
		status_parse(st->kind, code, ct, st->body.s != NULL ? st->body.s : "", st->body.len,
			     &r);
	} else {
		const char *why = st->errbuf[0] != '\0' ? st->errbuf : st->api->easy_strerror(rc);

		r.kind = st->kind;
		r.state = STATUS_STATE_UNKNOWN;
		r.http_code = code;
		r.err = map_error(rc, st->too_big);
		r.err_detail = text_sanitize(why, strlen(why), 0, NULL, NULL);
	}
	memcpy(r.masked_id, st->masked, sizeof r.masked_id);
	/* A service that writes the number into its text must not put it on the screen. */
	if (strlen(st->masked) == strlen(st->id)) {
		char *const strs[] = {r.state_raw, r.detail, r.updated, r.pickup_location, r.claim_id,
				      r.err_detail};

		for (size_t i = 0; i < ARRAY_LEN(strs); i++)
			mask_echo(strs[i], st->id, st->masked);
	}
	end_transfer(st);
	store(st, &r, st->key, r.err == SE_NONE || r.err == SE_NO_RECORD);
}

void status_cancel(struct status *st)
{
	if (st == NULL || st->easy == NULL)
		return;
	end_transfer(st);
	store_error(st, SE_CANCELLED, NULL);
}

void status_wipe(struct status *st)
{
	if (st == NULL)
		return;
	end_transfer(st);
	for (int i = 0; i < STATUS_CACHE; i++)
		entry_clear(&st->cache[i]);
	st->last = -1;
	explicit_bzero(st->masked, sizeof st->masked);
	new_hash_key(st);
	/* The multi handle's caches go too: the next person starts with a fresh one. */
	if (st->multi != NULL) {
		st->api->multi_cleanup(st->multi);
		st->multi = NULL;
	}
}

void status_free(struct status *st)
{
	if (st == NULL)
		return;
	status_wipe(st);
	if (st->multi != NULL)
		st->api->multi_cleanup(st->multi);
	if (st->global)
		st->api->global_cleanup();
	util_wipe(st, sizeof *st);
	free(st);
}

bool status_running(const struct status *st, enum status_kind *kind, const char **masked,
		    long *secs)
{
	if (st == NULL || st->easy == NULL)
		return false;
	*kind = st->kind;
	*masked = st->masked;
	*secs = (util_now_ms() - st->started_ms) / 1000;
	return true;
}

const struct status_result *status_last(const struct status *st)
{
	return st != NULL && st->last >= 0 ? &st->cache[st->last].r : NULL;
}

int status_keep_s(const struct status *st)
{
	return st->cfg->cache_s;
}

size_t status_pollfds(struct status *st, struct pollfd *p, size_t max)
{
	size_t n = 0;

	if (st == NULL || st->easy == NULL)
		return 0;
	for (size_t i = 0; i < st->nsocks && n < max; i++) {
		if (st->socks[i].events == 0)
			continue;
		p[n].fd = st->socks[i].fd;
		p[n].events = st->socks[i].events;
		p[n].revents = 0;
		n++;
	}
	return n;
}

static long min_wait(long a, long b)
{
	if (b < 0)
		b = 0;
	return a < 0 || b < a ? b : a;
}

int status_timeout_ms(struct status *st)
{
	long now = util_now_ms(), t = -1;

	if (st == NULL)
		return -1;
	if (st->easy != NULL) {
		if (st->timer_ms >= 0)
			t = min_wait(t, st->timer_ms - now);
		t = min_wait(t, 1000 - (now - st->started_ms) % 1000);
	}
	for (int i = 0; i < STATUS_CACHE; i++)
		if (st->cache[i].used && st->cache[i].expire_ms >= 0)
			t = min_wait(t, st->cache[i].expire_ms - now);
	return t > INT_MAX ? INT_MAX : (int)t;
}

/* Collect finished transfers; true when one ended. */
static bool reap(struct status *st)
{
	CURLMsg *msg;
	int left;
	bool done = false;

	while (st->easy != NULL && (msg = st->api->multi_info_read(st->multi, &left)) != NULL) {
		if (msg->msg == CURLMSG_DONE && msg->easy_handle == st->easy) {
			finish(st, msg->data.result);
			done = true;
		}
	}
	return done;
}

bool status_perform(struct status *st, const struct pollfd *p, size_t n)
{
	bool changed = false;
	int running = 0;
	long now;

	if (st == NULL)
		return false;
	for (size_t i = 0; i < n && st->easy != NULL; i++) {
		int ev = 0;
		size_t k = 0;

		if (p[i].revents == 0)
			continue;
		while (k < st->nsocks && st->socks[k].fd != p[i].fd)
			k++;
		if (k == st->nsocks)
			continue; /* curl let go of it meanwhile */
		if (p[i].revents & (POLLIN | POLLHUP))
			ev |= CURL_CSELECT_IN;
		if (p[i].revents & POLLOUT)
			ev |= CURL_CSELECT_OUT;
		if (p[i].revents & (POLLERR | POLLNVAL))
			ev |= CURL_CSELECT_ERR;
		st->api->multi_socket_action(st->multi, p[i].fd, ev, &running);
	}
	if (st->easy != NULL && st->timer_ms >= 0 && util_now_ms() >= st->timer_ms) {
		st->timer_ms = -1;
		st->api->multi_socket_action(st->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	}
	if (st->easy != NULL)
		changed |= reap(st);
	now = util_now_ms();
	if (st->easy != NULL && (now - st->started_ms) / 1000 != st->shown_secs) {
		st->shown_secs = (now - st->started_ms) / 1000;
		changed = true;
	}
	for (int i = 0; i < STATUS_CACHE; i++) {
		struct entry *e = &st->cache[i];

		if (e->used && e->expire_ms >= 0 && now >= e->expire_ms) {
			if (i == st->last) {
				st->last = -1;
				changed = true;
			}
			entry_clear(e);
		}
	}
	return changed;
}
