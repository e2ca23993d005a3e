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
 * fetch_free when done.
 */
struct fetch {
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

/* CURLOPT_HEADERFUNCTION (ud: the struct fetch). */
size_t fetch_on_header(char *p, size_t size, size_t n, void *ud);
/* CURLOPT_WRITEFUNCTION (ud: the struct fetch); 0 ends the transfer (see the flags). */
size_t fetch_on_body(char *p, size_t size, size_t n, void *ud);
/* Free what the transfer kept (headers, the body in memory). */
void fetch_free(struct fetch *f);
/*
 * Content-Range "bytes START-END/TOTAL" (or "bytes * /TOTAL": start -1) into
 * *start and *total; false when s is not one.
 */
bool fetch_content_range(const char *s, long long *start, long long *total);

#endif
