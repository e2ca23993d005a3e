/*
 * source.h -- which content bundle a session shows, and whether its signature still checks
 * SPDX-License-Identifier: MIT
 *
 * The order (README, "The content bundle"): --content PATH, an operator's own
 * choice and needing no signature; else the update yibao --update installed
 * in [update] state_dir, while its signature verifies and it is not older
 * than the shipped bundle; else the bundle shipped with the program (trusted
 * by its place).
 */
#ifndef YIBAO_SOURCE_H
#define YIBAO_SOURCE_H

#include <stdbool.h>

#include "config.h"
#include "minisig.h"
#include "util.h"

struct bundle;

/*
 * The bundle this session shows (close with bundle_close), or NULL when there
 * is none; where it came from in *from (caller frees; NULL if none). content
 * is --content's bundle file or NULL. A refused update is said in d, in one
 * line. With later, a large update is opened at once and *check is its
 * signature check, still running: the caller waits for it
 * (minisig_verify_wait) before showing anything of the bundle, and closes
 * it if it fails. Otherwise *check is NULL. A bundle that another account
 * than root or this session's own could change, or larger than [update]
 * max_size_mib, is refused before it is read.
 */
struct bundle *source_open(const struct config *c, const char *content, bool later,
			   struct minisig_job **check, struct diags *d, char **from);

#endif
