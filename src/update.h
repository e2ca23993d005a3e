/*
 * update.h -- yibao --update: fetch, verify and install a newer signed content bundle
 * SPDX-License-Identifier: MIT
 *
 * Run by the host (cron, a systemd timer), never by a session. Fetches
 * [update] url and url.minisig over HTTPS with libcurl (loaded at run time,
 * status_curl.h), conditionally and resumably, into [update] state_dir, checks
 * the signature against [update] public_key and the manifest, and installs the
 * bundle atomically. Nothing here draws.
 *
 * Layout of state_dir (only this module writes it):
 *
 *   yibao.bundle          -> current/yibao.bundle          (symlinks, made once)
 *   yibao.bundle.minisig  -> current/yibao.bundle.minisig
 *   current               -> b.VERSION                     (swapped by one rename)
 *   b.VERSION/            the installed pair, never changed once complete
 *   yibao.bundle.part     a download in progress (resumed with Range)
 *   update.state          validators: ETag / Last-Modified of the installed
 *                         bundle and of the partial one
 *   update.lock           held (flock) while an update runs
 *
 * Both names resolve through the one "current" link, so the pair changes in a
 * single rename(2) and a crash at any moment leaves a bundle whose signature
 * verifies (the old pair or the new one).
 */
#ifndef YIBAO_UPDATE_H
#define YIBAO_UPDATE_H

#include <stddef.h>

#include "config.h"

/* Largest signature file accepted. */
#define UPDATE_MAX_SIG (16 * 1024)
/* Default for [update] timeout_s: a connection, or a transfer that stalls, gives up after it. */
#define UPDATE_TIMEOUT_S 60
/* A whole download gives up after this long, whatever its speed (the next run resumes). */
#define UPDATE_MAX_TIME_S (2 * 3600)

/* The exit status of yibao --update (documented in the man page and docs/publishing.md). */
enum update_result {
	UPDATE_INSTALLED = 0, /* a newer bundle was installed */
	UPDATE_ERROR = 1,     /* anything else: config, files, libcurl missing, busy */
	UPDATE_CURRENT = 3,   /* nothing newer: unchanged on the server, or the same version */
	UPDATE_NETWORK = 4,   /* no answer, TLS, HTTP error, refused redirect, cut off */
	UPDATE_BADSIG = 5,    /* signature (or the bundle it covers) does not verify */
	UPDATE_ROLLBACK = 6,  /* the server's version is older than the installed one */
	UPDATE_EXPIRED = 7,   /* the server's bundle is past its valid-until date */
	UPDATE_TOO_BIG = 8,   /* larger than [update] max_size_mib */
};

/*
 * Run one update with the settings in cfg. Writes one line (no newline, no
 * control characters) saying what happened into why (whylen bytes, owned by
 * the caller; the error convention's why buffer): for UPDATE_INSTALLED and
 * UPDATE_CURRENT a report, otherwise the reason. The installed bundle is untouched unless the result is
 * UPDATE_INSTALLED. Returns the result, which is the exit status.
 */
enum update_result update_run(const struct config *cfg, char *why, size_t whylen);

/*
 * The signature of the installed bundle open as fd (opened by path): the
 * .minisig beside the file fd really is (state_dir's names are links through
 * "current"), so a bundle and a signature are never taken from two different
 * installs even while --update switches. Caller frees.
 */
char *update_sig_path(int fd, const char *path);

#endif
