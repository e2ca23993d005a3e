/*
 * iniread.c -- INI files read whole and handed to inih line by line, NUL bytes and over-long lines said
 * SPDX-License-Identifier: MIT
 */
#include "iniread.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Hands a file read whole to ini_parse_stream line by line, counting lines so
 * problems get a line. inih's own reader (fgets) cannot see a NUL byte: it took
 * one for the end of a long line and silently dropped the line after it.
 */
struct line_reader {
	const char *buf;
	size_t len, pos;
	int *line;
	const char *path;
	struct diags *d;
};

static char *read_line(char *out, int size, void *stream)
{
	struct line_reader *r = stream;
	const char *p = r->buf + r->pos, *nl;
	size_t n, take;

	if (r->pos >= r->len || size < 2)
		return NULL;
	nl = memchr(p, '\n', r->len - r->pos);
	n = nl != NULL ? (size_t)(nl - p) : r->len - r->pos;
	r->pos += n + (nl != NULL);
	(*r->line)++;
	out[0] = '\0';
	if (memchr(p, '\0', n) != NULL) {
		diags_add(r->d, r->path, *r->line, "NUL byte in the line; line ignored");
	} else if (n > (size_t)size - 1) {
		/*
		 * Longer than inih's buffer: it would keep the cut value and read the
		 * rest as a line of its own. Skip the whole line and say so instead.
		 */
		diags_add(r->d, r->path, *r->line, "line longer than %d bytes; ignored", size - 1);
	} else {
		take = n < (size_t)size - 1 && nl != NULL ? n + 1 : n;
		memcpy(out, p, take);
		out[take] = '\0';
	}
	return out;
}

/*
 * Parse the INI file path with handler: read whole (a regular file only, so a
 * FIFO or device is never waited on), then line by line. Returns inih's result
 * (0, or the line of the first bad line), or -1 with errno set when the file
 * cannot be read.
 */
int iniread_text(const char *buf, size_t len, const char *path, ini_handler handler,
		 void *user, int *line, struct diags *d)
{
	struct line_reader lr = {buf, len, 0, line, path, d};

	return ini_parse_stream(read_line, &lr, handler, user);
}

int iniread_file(const char *path, size_t max, ini_handler handler, void *user, int *line,
		 struct diags *d)
{
	size_t len;
	char *buf = util_read_regular(path, max, &len, false);
	int rc;

	if (buf == NULL)
		return -1;
	rc = iniread_text(buf, len, path, handler, user, line, d);
	free(buf);
	return rc;
}

/* A file that is there but cannot be used is worth a word even when optional. */
bool iniread_worth_saying(int err, bool required)
{
	return required || !(err == ENOENT || err == ENOTDIR || err == EACCES);
}
