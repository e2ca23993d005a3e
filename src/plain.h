/*
 * plain.h -- line mode: numbered choices on stdout, answers from stdin
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_PLAIN_H
#define YIBAO_PLAIN_H

#include <stdio.h>

#include "nav.h"

/*
 * Run the guide in line mode until q or end of input, reading lines from the
 * file descriptor in_fd (read(2) into buffers that are wiped, never stdio).
 * Output is plain UTF-8 lines with no escape sequences (screen readers,
 * ssh -T, dumb terminals). In kiosk mode a line not finished within
 * idle_timeout_s wipes the session (the next prompt says so), and the wipe and
 * the end push the screen away with empty lines -- plus a clear and E3 when
 * stdout is a terminal terminfo knows. Returns 0.
 */
int plain_run(struct app *a, int in_fd, FILE *out);

#endif
