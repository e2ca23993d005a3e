/*
 * fetch.c -- the receiving side of one HTTP GET: the headers kept, the body into a part file or memory
 * SPDX-License-Identifier: MIT
 *
 * libcurl's header and write callbacks for yibao --update (update.c sets the
 * request up and maps the outcome). Only the final response counts: a new
 * status line (a redirect, an interim answer) forgets what came before. A
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

static bool header_is(const char *p, size_t len, const char *name, const char **value,
		      size_t *vlen)
{
	size_t n = strlen(name);

	if (len <= n || strncasecmp(p, name, n) != 0 || p[n] != ':')
		return false;
	*value = p + n + 1;
	*vlen = len - n - 1;
	return true;
}

size_t fetch_on_header(char *p, size_t size, size_t n, void *ud)
{
	struct fetch *f = ud;
	size_t len = size * n;
	const char *v;
	size_t vlen;

	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		/* A new response (after a redirect or an interim one): forget the last. */
		const char *sp = memchr(p, ' ', len);

		reset_headers(f);
		if (sp != NULL && (size_t)(sp - p) + 4 <= len)
			f->code = strtol(sp + 1, NULL, 10);
	} else if (header_is(p, len, "ETag", &v, &vlen)) {
		free(f->etag);
		f->etag = header_value(v, vlen);
	} else if (header_is(p, len, "Last-Modified", &v, &vlen)) {
		free(f->last_modified);
		f->last_modified = header_value(v, vlen);
	} else if (header_is(p, len, "Content-Range", &v, &vlen)) {
		free(f->content_range);
		f->content_range = header_value(v, vlen);
	} else if (header_is(p, len, "Content-Encoding", &v, &vlen)) {
		free(f->content_encoding);
		f->content_encoding = header_value(v, vlen);
		if (f->content_encoding == NULL)
			f->content_encoding = xstrdup("unknown");
	}
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

void fetch_free(struct fetch *f)
{
	reset_headers(f);
	sb_free(&f->mem);
}
