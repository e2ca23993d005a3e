/*
 * mode_install.c -- yibao --install-update: root installs the update yibao --update fetched
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "install.h"
#include "mode.h"
#include "report.h"

/*
 * --install-update: for the host (yibao-update.service's ExecStartPost=+, as
 * root), never a session: refused under --kiosk and as a login shell.
 */
int mode_install(struct run *r)
{
	char msg[512];
	int rc;

	if (r->o->kiosk || r->argv0[0] == '-') {
		fputs("yibao: --install-update is run by the host (yibao-update.service), not in a kiosk or login session\n",
		      stderr);
		return 2;
	}
	diags_print(&r->d);
	rc = (int)install_run(&r->cfg, msg, sizeof msg);
	fprintf(rc == UPDATE_INSTALLED || rc == UPDATE_CURRENT ? stdout : stderr, "yibao: %s\n", msg);
	return rc;
}
