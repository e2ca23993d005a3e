/*
 * pack.h -- check a content directory for every region and pack it into a bundle
 * SPDX-License-Identifier: MIT
 *
 * The authors' side of the bundle (bundle.h is the reader): content/NAME.md,
 * content/bundle.ini and the region profiles in, one bundle file out.
 */
#ifndef YIBAO_PACK_H
#define YIBAO_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* content/bundle.ini's [bundle] section. */
struct pack_meta {
	long long version;    /* content version, > 0, only grows */
	int policy_year;      /* the year the figures are for */
	int valid_days;       /* valid-until = 31 December of policy_year + valid_days */
	char valid_until[11]; /* or this YYYY-MM-DD as given; "" when not given */
};

/*
 * The bundle's valid-until date of pm (YYYY-MM-DD) into out: pm's valid_until
 * when given, else valid_days counted from the end of the policy year (never
 * from the day it is packed: a bundle of last year's figures packed today is
 * not valid for another year).
 */
void pack_valid_until(const struct pack_meta *pm, char out[11]);
/*
 * After a pack: a warning on stderr when today (local time; YIBAO_TODAY when
 * allow_override) is past the end of content_dir's policy year, or past its
 * valid-until date: the bundle's screens will say so from the first day.
 */
void pack_warn_year(const char *content_dir, bool allow_override);

/*
 * Read dir/bundle.ini into pm. Problems go to d as FILE:LINE. When the file
 * does not exist: required reports it; otherwise pm gets the defaults
 * (version 1, this year, 400 days after it) silently (an author's preview). Returns 0
 * when pm is usable.
 */
int pack_meta_read(const char *dir, bool required, struct pack_meta *pm, struct diags *d);

/*
 * yibao --pack: the whole check -- content_dir for every region profile of
 * regions_dir (each profile's [reimburse] figures too) and bundle.ini
 * (required) -- made while writing the bundle to a temporary file beside out;
 * only when nothing was found is it synced and renamed over out (atomic). A
 * problem found for several regions is reported once. Returns 0, or -1 with
 * the problems (or the write error) in d; out is then untouched.
 */
int pack_write(const char *out, const char *content_dir, const char *regions_dir,
	       struct diags *d);

/*
 * Pack content_dir with region's profile (and every profile's text) into a
 * bundle in memory, whatever problems there are (they go to d; files with
 * fatal problems are left out): --content DIR. Returns the bundle's image
 * (allocated with malloc, for bundle_open_mem) and its size in *len, or NULL.
 */
void *pack_memory(const char *content_dir, const char *regions_dir, const char *region,
		  size_t *len, struct diags *d);

#endif
