/*
 * charset.h -- which character set the terminal gets: UTF-8 or GB18030
 * SPDX-License-Identifier: MIT
 *
 * Text inside yibao is always UTF-8. Curses converts for the screen through the
 * locale; the plain-text paths (--print, --list, line mode) convert here.
 */
#ifndef YIBAO_CHARSET_H
#define YIBAO_CHARSET_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"

/*
 * Set LC_CTYPE for the configured charset: auto keeps a UTF-8 or GB18030 locale
 * and treats C/POSIX (usual under sshd) as UTF-8; utf-8 and gb18030 force one.
 * Returns false (and the locale stays UTF-8) when a forced one is not installed.
 */
bool charset_setup(enum charset cs);
/* True when output goes out as GB18030. */
bool charset_is_gb18030(void);
/* Write UTF-8 text to f in the output charset (unconvertible characters as '?'). */
void charset_write(FILE *f, const char *utf8);

/* Text read from the terminal (in the output charset) as sanitised UTF-8. Caller frees. */
char *charset_to_utf8(const char *s);

#endif
