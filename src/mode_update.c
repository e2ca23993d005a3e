/*
 * mode_update.c -- yibao --update: the host's fetch of a newer signed bundle
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <time.h>

#include "metrics.h"
#include "mode.h"
#include "report.h"
#include "update.h"

/*
 * --update: for the host (cron, the systemd timer), never a session: refused
 * under --kiosk and as a login shell. (Not for [guide] kiosk in the system
 * config: that is how a kiosk host is set up, and root's cron job reads it too.)
 */
int mode_update(struct run *r)
{
	char msg[512];
	int rc;

	if (r->o->kiosk || r->argv0[0] == '-') {
		fputs("yibao: --update is run by the host (cron, yibao-update.timer), not in a kiosk or login session\n",
		      stderr);
		return 2;
	}
	diags_print(&r->d);
	rc = (int)update_run(&r->cfg, msg, sizeof msg);
	fprintf(rc == UPDATE_INSTALLED || rc == UPDATE_CURRENT ? stdout : stderr, "yibao: %s\n", msg);
	/* Every run, good or bad, for node_exporter; its own failure changes no exit status. */
	if (metrics_update_write(&r->cfg, rc, time(NULL), msg, sizeof msg) < 0)
		fprintf(stderr, "yibao: metrics not written: %s\n", msg);
	return rc;
}
