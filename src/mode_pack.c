/*
 * mode_pack.c -- yibao --pack OUT: the content directory checked and packed into a bundle
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <sys/stat.h>

#include "mode.h"
#include "pack.h"
#include "report.h"

int mode_pack(struct run *r)
{
	const char *out = r->o->pack;
	struct stat st;

	if (pack_write(out, r->cfg.content_dir, r->cfg.regions_dir, &r->d) != 0) {
		diags_print(&r->d);
		fprintf(stderr, "yibao: %s not written\n", out);
		return 1;
	}
	diags_print(&r->d);
	fprintf(stderr, "yibao: packed %s and %s into %s\n", r->cfg.content_dir, r->cfg.regions_dir,
		out);
	pack_warn_year(r->cfg.content_dir, !r->cfg.kiosk);
	/* Hosts refuse a larger download unless they were told otherwise. */
	if (stat(out, &st) == 0 && st.st_size > (off_t)CONFIG_UPDATE_MAX_MIB << 20)
		fprintf(stderr,
			"yibao: warning: %s is %lld MiB; --update refuses more than "
			"%d MiB unless [update] max_size_mib is raised on every host\n",
			out, (long long)((st.st_size + (1 << 20) - 1) >> 20), CONFIG_UPDATE_MAX_MIB);
	return 0;
}
