/*
 * install.h -- yibao --install-update: root installs, from its own verified copy, what the unprivileged account fetched
 * SPDX-License-Identifier: MIT
 *
 * Run as root after yibao --update (which runs as the account that owns
 * [update] download_dir): the update that account fetched and verified there
 * is copied into root's private files in [update] state_dir, verified again
 * there, and installed for the sessions (statedir.h) when it is newer than the
 * installed one. Nothing here draws or touches the network.
 */
#ifndef YIBAO_INSTALL_H
#define YIBAO_INSTALL_H

#include <stddef.h>

#include "config.h"
#include "update.h"

/*
 * One install with the settings in cfg. One line (no newline, no control
 * characters) into why (whylen bytes, the caller's): a report or the reason.
 * Returns the result, which is the exit status: UPDATE_INSTALLED, UPDATE_CURRENT
 * (nothing newer downloaded; also when nothing was downloaded yet),
 * UPDATE_BADSIG, UPDATE_ROLLBACK, UPDATE_EXPIRED, UPDATE_TOO_BIG, UPDATE_ERROR
 * (no download_dir, state_dir not root's own, files).
 */
enum update_result install_run(const struct config *cfg, char *why, size_t whylen);

#endif
