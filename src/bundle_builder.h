/*
 * bundle_builder.h -- write a content bundle: files, region profiles and each region's screens in, one image out
 * SPDX-License-Identifier: MIT
 *
 * yibao --pack and --content DIR (src/pack.c) feed it; the layout is
 * bundle_format.h, read back by bundle.c.
 */
#ifndef YIBAO_BUNDLE_BUILDER_H
#define YIBAO_BUNDLE_BUILDER_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Writing a bundle (yibao --pack, --content DIR): add files, region profiles
 * and each region's screens, then take the image. Strings are copied. Files
 * are kept once by name (adding a name again is ignored).
 */
struct bundle_builder;
struct bundle_builder *bundle_builder_new(long long version, int policy_year,
					  const char *created, const char *valid_until,
					  const char *regions);
bool bundle_builder_has_file(const struct bundle_builder *bb, const char *name);
/* shown may be NULL (the file did not parse: nothing to search). */
void bundle_builder_file(struct bundle_builder *bb, const char *name, const char *text,
			 size_t len, const char *shown);
void bundle_builder_region(struct bundle_builder *bb, const char *name, const char *text,
			   size_t len);
/* Screen n of region (the next one): file must have been added. updated and source may be NULL. */
void bundle_builder_entry(struct bundle_builder *bb, const char *region, const char *file,
			  const char *id, const char *code, const char *title, int kind,
			  const char *updated, const char *source);
/*
 * The image (malloc'd; for bundle_open_mem or a file) and its size, or NULL
 * with a one-line reason in why (too large for the format). Frees bb.
 */
void *bundle_builder_finish(struct bundle_builder *bb, size_t *len, char *why, size_t whylen);

#endif
