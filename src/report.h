/*
 * report.h -- diagnostics out: to stderr, or to syslog where stderr is a
 * resident's screen; file names and messages sanitised like any other text
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_REPORT_H
#define YIBAO_REPORT_H

#include "util.h"

/*
 * Print "FILE:LINE: message" lines to stderr, one a diagnostic, with control
 * characters removed from file names and messages alike (text_sanitize).
 */
void diags_print(const struct diags *d);
/*
 * The same lines to syslog (facility user, priority warning, ident "yibao"),
 * for kiosk mode, where stderr is the resident's screen. Nothing when there
 * is no syslog daemon.
 */
void diags_log(const struct diags *d);

#endif
