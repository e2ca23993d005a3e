/*
 * fetch.c -- the receiving side of one HTTP GET: the headers kept, the body into a part file or memory
 * SPDX-License-Identifier: MIT
 *
 * libcurl's header and write callbacks for yibao --update (update.c sets the
 * request up and maps the outcome). libcurl parses the status line and the
 * headers (curl_easy_header); what is kept of them is decided here
 * (fetch_response: pure, fuzzed by tests/fuzz/fuzz_fetch.c). Only the final
 * response counts: each new one (a redirect, an interim answer) forgets what
 * came before. A
 * resumed body must start exactly where the part ends; a body past the limit
 * ends the transfer before it is written.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include "fetch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "status_curl.h"

/* Longest validator (ETag, Last-Modified) kept; a longer one is not used. */
#define VALIDATOR_MAX 160

/* A header value worth keeping: printable ASCII, not too long. Caller frees. */
static char *header_value(const char *p, size_t len)
{
	while (len > 0 && (p[0] == ' ' || p[0] == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && strchr(" \t\r\n", p[len - 1]) != NULL)
		len--;
	if (len == 0 || len > VALIDATOR_MAX)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7E || p[i] == ';' ||
		    p[i] == '#')
			return NULL;
	return xstrndup(p, len);
}

static void reset_headers(struct fetch *f)
{
	free(f->etag);
	free(f->last_modified);
	free(f->content_range);
	free(f->content_encoding);
	f->etag = f->last_modified = f->content_range = f->content_encoding = NULL;
	f->code = 0;
	f->started = false;
	f->keep = false;
}

void fetch_response(struct fetch *f, long code, const char *etag, const char *last_modified,
		    const char *content_range, const char *content_encoding)
{
	reset_headers(f);
	f->code = code;
	if (etag != NULL)
		f->etag = header_value(etag, strlen(etag));
	if (last_modified != NULL)
		f->last_modified = header_value(last_modified, strlen(last_modified));
	if (content_range != NULL)
		f->content_range = header_value(content_range, strlen(content_range));
	if (content_encoding != NULL) {
		f->content_encoding = header_value(content_encoding, strlen(content_encoding));
		if (f->content_encoding == NULL)
			f->content_encoding = xstrdup("unknown");
	}
}

/* The last of the current response's headers called name (libcurl keeps them), or NULL. */
static const char *header(const struct fetch *f, const char *name)
{
	struct curl_header *h;

	if (f->api->easy_header(f->easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	if (h->amount > 1 &&
	    f->api->easy_header(f->easy, name, h->amount - 1, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

size_t fetch_on_header(char *p, size_t size, size_t n, void *ud)
{
	struct fetch *f = ud;
	size_t len = size * n;
	long code = 0;

	/* The blank line that ends a response's headers: libcurl has parsed them all. */
	if (len > 2 || (len == 2 && p[0] != '\r') || (len == 1 && p[0] != '\n') || len == 0)
		return len;
	if (f->api->easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK)
		code = 0;
	fetch_response(f, code, header(f, "ETag"), header(f, "Last-Modified"),
		       header(f, "Content-Range"), header(f, "Content-Encoding"));
	return len;
}

bool fetch_content_range(const char *s, long long *start, long long *total)
{
	char *end;

	if (s == NULL || strncasecmp(s, "bytes ", 6) != 0)
		return false;
	s += 6;
	if (s[0] == '*' && s[1] == '/') {
		*start = -1;
		s += 2;
	} else {
		*start = strtoll(s, &end, 10);
		if (end == s || *end != '-')
			return false;
		s = end + 1;
		strtoll(s, &end, 10);
		if (end == s || *end != '/')
			return false;
		s = end + 1;
	}
	*total = strtoll(s, &end, 10);
	return end != s && *end == '\0';
}

static bool identity_encoding(const struct fetch *f)
{
	return f->content_encoding == NULL || strcasecmp(f->content_encoding, "identity") == 0;
}

/*
 * The body of the final response begins: decide whether it is wanted, and for
 * a fresh download into the part, remember how to resume it.
 */
static bool begin_body(struct fetch *f)
{
	long long start, total;

	if (f->fd < 0) {
		f->keep = f->code == 200;
		return true;
	}
	if (f->code == 206) {
		if (!fetch_content_range(f->content_range, &start, &total) || start != f->offset) {
			f->bad_range = true;
			return false;
		}
		f->keep = true;
		return true;
	}
	if (f->code != 200)
		return true;
	/* The whole bundle: start the part again. */
	if (ftruncate(f->fd, 0) < 0 || lseek(f->fd, 0, SEEK_SET) < 0) {
		f->write_failed = true;
		f->write_errno = errno;
		return false;
	}
	f->offset = f->total = 0;
	f->keep = true;
	/*
	 * A resume asks for bytes of the representation stored, so only an
	 * uncompressed one with a strong validator can be resumed.
	 */
	if (f->on_restart != NULL)
		f->on_restart(f->ctx,
			      identity_encoding(f) && f->etag != NULL && strncmp(f->etag, "W/", 2) != 0
				      ? f->etag
				      : NULL,
			      identity_encoding(f) ? f->last_modified : NULL);
	return true;
}

size_t fetch_on_body(char *p, size_t size, size_t n, void *ud)
{
	struct fetch *f = ud;
	size_t len = size * n;

	if (!f->started) {
		f->started = true;
		if (!begin_body(f))
			return 0; /* curl ends the transfer with CURLE_WRITE_ERROR */
	}
	if (!f->keep)
		return len; /* the body of a redirect or an error page */
	if ((long long)len > f->limit - f->total) {
		f->too_big = true;
		return 0;
	}
	if (f->fd >= 0) {
		if (util_write_all(f->fd, p, len) < 0) {
			f->write_failed = true;
			f->write_errno = errno;
			return 0;
		}
	} else {
		sb_add(&f->mem, p, len);
	}
	f->total += (long long)len;
	return len;
}

void fetch_clear(struct fetch *f)
{
	if (f == NULL)
		return;
	reset_headers(f);
	sb_clear(&f->mem);
}
