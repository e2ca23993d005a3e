/*
 * iniread.h -- INI files read whole and handed to inih line by line, NUL bytes and over-long lines said
 * SPDX-License-Identifier: MIT
 *
 * Private to the two readers of INI text: config.c (settings and drop-ins)
 * and regions.c (region profiles). It exposes inih's handler type.
 */
#ifndef YIBAO_INIREAD_H
#define YIBAO_INIREAD_H

#include <ini.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
 * Parse INI text buf (len bytes, named path in messages) with handler, line by
 * line; *line counts the lines read. A line with a NUL byte or longer than
 * inih's buffer is skipped with a FILE:LINE problem in d. Returns inih's result:
 * 0, or the line of the first line that is not INI.
 */
int iniread_text(const char *buf, size_t len, const char *path, ini_handler handler, void *user,
		 int *line, struct diags *d);
/*
 * iniread_text of the regular file path (read whole, at most max bytes; a FIFO or device is never waited on). -1 with errno set when it
 * cannot be read.
 */
int iniread_file(const char *path, size_t max, ini_handler handler, void *user, int *line,
		 struct diags *d);
/* Whether a file that could not be read (err) is worth a word: always when required. */
bool iniread_worth_saying(int err, bool required);

#endif
