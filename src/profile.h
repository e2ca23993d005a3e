/*
 * profile.h -- region profiles checked as strictly as screens
 * SPDX-License-Identifier: MIT
 *
 * Owner: --check and --pack. Every key of a profile is known and typed: a
 * misspelt key, a non-number where a number belongs, a unit typed into a
 * figure, a percentage outside 0-100, a range whose low end is above its high
 * end, an impossible date or a payment period that ends before it starts is
 * reported with FILE:LINE. Nothing here draws or knows about curses.
 */
#ifndef YIBAO_PROFILE_H
#define YIBAO_PROFILE_H

#include "regions.h"
#include "util.h"

/*
 * Check region profile name (from rs) into d, each
 * problem once. The keys of [values] a profile may set are national.ini's.
 * Returns the number of problems added.
 */
size_t profile_check(const struct regions *rs, const char *name, struct diags *d);
/* profile_check for every profile rs has (national first). */
size_t profile_check_all(const struct regions *rs, struct diags *d);

#endif
