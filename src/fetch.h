/*
 * fetch.h -- the receiving side of one HTTP GET: the headers kept, the body into a part file or memory
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_FETCH_H
#define YIBAO_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
 * One transfer: set fd, limit (and offset/total when resuming into fd, and
 * on_restart) before it starts, zero the rest; read the outcome after it;
 * fetch_clear when done.
 */
struct fetch {
	const struct curl_api *api;                                    /* libcurl (status_curl.h), and */
	void *easy;                                                    /* the transfer (a CURL *): the headers are asked of them */
	long code;                                                     /* from the latest status line */
	char *etag, *last_modified, *content_range, *content_encoding; /* kept when sane */
	bool started;                                                  /* the body of the latest response has begun */
	bool keep;                                                     /* ... and is the one wanted (200, or a 206 that fits) */
	int fd;                                                        /* the part file, or -1: the body goes to mem */
	struct strbuf mem;
	long long offset; /* bytes in the part before this transfer */
	long long total;  /* bytes kept so far, offset included */
	long long limit;
	bool too_big, bad_range, write_failed;
	int write_errno;
	/*
	 * A 200 into fd starts the part again; called then with the validators a
	 * resume of this body could use (NULL when it cannot be resumed).
	 */
	void (*on_restart)(void *ctx, const char *etag, const char *last_modified);
	void *ctx;
};

struct curl_api;

/*
 * CURLOPT_HEADERFUNCTION (ud: the struct fetch, its api and easy set): at the
 * end of each response's headers (a redirect's, an interim one's, the final
 * one's) libcurl is asked for the status and the headers kept (curl_easy_header)
 * and they go to fetch_response.
 */
size_t fetch_on_header(char *p, size_t size, size_t n, void *ud);
/*
 * A new response: its status code and headers (each NULL when absent; only
 * read) replace whatever the last one left. A validator or range that is not
 * printable ASCII of at most 160 bytes is not kept; an encoding that is not
 * becomes "unknown" (a body that cannot be resumed).
 */
void fetch_response(struct fetch *f, long code, const char *etag, const char *last_modified,
		    const char *content_range, const char *content_encoding);
/* CURLOPT_WRITEFUNCTION (ud: the struct fetch); 0 ends the transfer (see the flags). */
size_t fetch_on_body(char *p, size_t size, size_t n, void *ud);
/* Free what the transfer kept (headers, the body in memory). f may be NULL. */
void fetch_clear(struct fetch *f);
/*
 * Content-Range "bytes START-END/TOTAL" (or "bytes * /TOTAL": start -1) into
 * *start and *total; false when s is not one.
 */
bool fetch_content_range(const char *s, long long *start, long long *total);

#endif
