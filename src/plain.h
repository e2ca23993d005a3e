/*
 * plain.h -- line mode: numbered choices on stdout, answers from stdin
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_PLAIN_H
#define YIBAO_PLAIN_H

#include <stdio.h>

#include "nav.h"

/*
 * Run the guide in line mode until q or end of input. Output is plain UTF-8
 * lines with no escape sequences (screen readers, ssh -T, dumb terminals).
 * Returns 0.
 */
int plain_run(struct app *a, FILE *in, FILE *out);

#endif
