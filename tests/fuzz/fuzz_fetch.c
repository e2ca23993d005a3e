/*
 * fuzz_fetch.c -- libFuzzer harness for yibao --update's response handling (src/fetch.c)
 * SPDX-License-Identifier: MIT
 *
 * libcurl parses the status line and the headers (curl_easy_header); what the
 * update keeps of them and does with the body is fetch.c's: fetch_response
 * (status code, validators, range, encoding) and fetch_on_body, fed here as
 * libcurl would feed them. Input: byte 0 = mode (bit 0: into a part file that
 * already holds some bytes, a resume; bit 1: the first response is a redirect),
 * bytes 1-2 = the status code (100-599), then ETag, Last-Modified,
 * Content-Range and Content-Encoding, one a line (an empty line: no header),
 * then the body, delivered in pieces of 1 to 16 bytes (the piece sizes come
 * from the body's own bytes).
 *
 * Beyond memory safety: what is kept of a header is printable ASCII of at most
 * 160 bytes; a body is kept only for a 200, or for a 206 whose range starts
 * where the part ends; never more than the limit is kept, and exactly what
 * was kept is in the part (or in memory); a restart offers only a strong
 * validator of an identity body for resuming.
 */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "../../src/fetch.h"

#define LIMIT 64
#define PART_BYTES 10

static int restarts;
static bool restart_bad;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

static void on_restart(void *ctx, const char *etag, const char *last_modified)
{
	const struct fetch *f = ctx;
	bool identity = f->content_encoding == NULL || strcasecmp(f->content_encoding, "identity") == 0;

	restarts++;
	if ((etag != NULL && (strncmp(etag, "W/", 2) == 0 || !identity)) ||
	    (last_modified != NULL && !identity))
		restart_bad = true;
}

static void check_kept(const char *v, const char *what)
{
	size_t n;

	if (v == NULL)
		return;
	n = strlen(v);
	if (n == 0 || n > 160)
		fuzz_fail(what);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7E)
			fuzz_fail(what);
}

/* The next line of the input as a header value (NULL for an empty line). */
static char *next_value(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = nl != NULL ? (size_t)(nl - *p) : (size_t)(end - *p);
	char *v = n > 0 ? strndup((const char *)*p, n) : NULL;

	*p += n + (nl != NULL ? 1 : 0);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 3, *end = data + size;
	struct fetch f = {.fd = -1, .limit = LIMIT};
	char *h[4];
	long code;
	bool resume, redirect, ended = false;
	long long start, total;
	struct stat st;

	if (size < 3)
		return 0;
	resume = data[0] & 1;
	redirect = data[0] & 2;
	code = 100 + ((data[1] << 8) | data[2]) % 500;
	for (int i = 0; i < 4; i++)
		h[i] = next_value(&p, end);
	if (resume) {
		f.fd = memfd_create("fuzz-part", 0);
		if (f.fd < 0 || write(f.fd, "0123456789", PART_BYTES) != PART_BYTES)
			fuzz_fail("memfd");
		f.offset = f.total = PART_BYTES;
	}
	f.on_restart = on_restart;
	f.ctx = &f;
	restarts = 0;
	restart_bad = false;
	if (redirect)
		fetch_response(&f, 302, "\"old\"", NULL, NULL, NULL);
	fetch_response(&f, code, h[0], h[1], h[2], h[3]);
	if (f.code != code)
		fuzz_fail("the status code is not the latest response's");
	check_kept(f.etag, "ETag kept unclean");
	check_kept(f.last_modified, "Last-Modified kept unclean");
	check_kept(f.content_range, "Content-Range kept unclean");
	check_kept(f.content_encoding, "Content-Encoding kept unclean");
	while (p < end && !ended) {
		size_t piece = (size_t)(*p % 16) + 1;

		if (piece > (size_t)(end - p))
			piece = (size_t)(end - p);
		char buf[16];

		memcpy(buf, p, piece); /* libcurl's buffer is writable */
		if (fetch_on_body(buf, 1, piece, &f) != piece)
			ended = true;
		p += piece;
	}
	if (f.total > f.limit)
		fuzz_fail("more than the limit kept");
	if (f.keep) {
		if (code == 206) {
			if (!fetch_content_range(f.content_range, &start, &total) || start != PART_BYTES ||
			    !resume)
				fuzz_fail("a 206 kept whose range does not start where the part ends");
		} else if (code != 200) {
			fuzz_fail("a body kept that is neither 200 nor 206");
		}
	}
	if (f.started && f.keep && !ended && !f.too_big && f.fd < 0 &&
	    (long long)f.mem.len != f.total)
		fuzz_fail("the body in memory is not what was counted");
	if (f.fd >= 0) {
		if (fstat(f.fd, &st) != 0 || st.st_size != f.total)
			fuzz_fail("the part does not hold what was counted");
		close(f.fd);
	}
	if (restart_bad)
		fuzz_fail("a weak or encoded validator offered for resuming");
	if (restarts > 1)
		fuzz_fail("one body restarted twice");
	for (int i = 0; i < 4; i++)
		free(h[i]);
	fetch_clear(&f);
	return 0;
}
