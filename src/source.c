/*
 * source.c -- which content bundle a session shows, and whether its signature still checks
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "update.h"

/*
 * A bundle this large (bytes) is verified in a thread while the first screen
 * is drawn (minisig_verify_start), when the session has a first screen to
 * draw; a smaller one verifies before it opens (2 MiB hash in under 5 ms:
 * make bench), so nothing unverified is read where checking is cheap.
 */
#define VERIFY_LATER_MIN (2L * 1024 * 1024)

/*
 * The updated bundle in state_dir, when its signature (kept beside it) verifies
 * against [update] public_key and it opens. The file is opened once and read
 * through that descriptor, so what was verified is what is shown. NULL when
 * there is none (quietly) or it was refused (*why says why). With later, a
 * large bundle is opened at once and *check is its signature check, still
 * running (the caller waits for it before showing more than the first screen).
 */
static struct bundle *open_installed(const struct config *c, bool later,
				     struct minisig_job **check, char **path, char *why,
				     size_t whylen)
{
	char *sig, *fdpath;
	struct bundle *b = NULL;
	struct stat st;
	int fd;

	*path = NULL;
	*check = NULL;
	why[0] = '\0';
	if (c->update_state_dir == NULL)
		return NULL;
	*path = util_path_join(c->update_state_dir, BUNDLE_FILE);
	/* Links through yibao --update's "current" (update.h): followed. */
	fd = open(*path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno != ENOENT)
			snprintf(why, whylen, "%s", strerror(errno));
		return NULL;
	}
	sig = update_sig_path(fd, *path);
	fdpath = xasprintf("/proc/self/fd/%d", fd);
	if (!util_is_file(fdpath))
		snprintf(why, whylen, "not a regular file");
	else if (c->update_public_key == NULL)
		snprintf(why, whylen, "no [update] public_key to check its signature with");
	else if (later && fstat(fd, &st) == 0 && st.st_size > VERIFY_LATER_MIN &&
		 (*check = minisig_verify_start(fd, sig, c->update_public_key)) != NULL) {
		if ((b = bundle_open(fdpath, why, whylen)) == NULL) {
			char ignore[256];

			minisig_verify_wait(*check, ignore, sizeof ignore);
			*check = NULL;
		}
	} else if (minisig_verify_file(fdpath, sig, c->update_public_key, NULL, 0, why, whylen) == 0)
		b = bundle_open(fdpath, why, whylen);
	close(fd); /* the mapping (and the check) keep the same file by themselves */
	free(fdpath);
	free(sig);
	return b;
}

struct bundle *source_open(const struct config *c, const char *content, bool later,
			   struct minisig_job **check, struct diags *d, char **from)
{
	char why[256];
	char *installed;
	struct bundle *b, *shipped = NULL;

	*check = NULL;
	if (content != NULL) {
		*from = xstrdup(content);
		if (!util_is_file(content)) { /* a FIFO or a device could block or never end */
			diags_add(d, content, 0, "not a bundle file or a content directory");
			return NULL;
		}
		b = bundle_open(content, why, sizeof why);
		if (b == NULL)
			diags_add(d, "yibao", 0, "%s", why);
		return b;
	}
	b = open_installed(c, later, check, &installed, why, sizeof why);
	if (c->bundle != NULL && util_is_file(c->bundle)) {
		char why2[256];

		shipped = bundle_open(c->bundle, why2, sizeof why2);
		if (shipped == NULL)
			diags_add(d, "yibao", 0, "%s", why2);
	}
	if (b == NULL && why[0] != '\0')
		diags_add(d, "yibao", 0,
			  "the installed content update %s was refused (%s); showing the content "
			  "shipped with the program",
			  installed, why);
	if (b != NULL && shipped != NULL &&
	    bundle_manifest(shipped)->version > bundle_manifest(b)->version) {
		bundle_close(b); /* the package brought newer content than the last update */
		b = NULL;
		if (*check != NULL) {
			minisig_verify_wait(*check, why, sizeof why);
			*check = NULL;
		}
	}
	if (b != NULL) {
		bundle_close(shipped);
		*from = installed;
		return b;
	}
	free(installed);
	*from = shipped != NULL ? xstrdup(c->bundle) : NULL;
	return shipped;
}
