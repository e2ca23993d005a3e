/*
 * statedir.h -- the installed bundles in [update] state_dir: each verified pair in a directory of its own, behind fixed links
 * SPDX-License-Identifier: MIT
 *
 * In state_dir: yibao.bundle and yibao.bundle.minisig, symlinks through
 * "current" to b.VERSION/ (the pair installed last) -- the names the guide
 * opens; b.VERSION of the previous pair, kept until the next install; and
 * yibao --update's downloads, STATEDIR_PART and STATEDIR_SIG_PART.
 */
#ifndef YIBAO_STATEDIR_H
#define YIBAO_STATEDIR_H

#include <stddef.h>

#define STATEDIR_CURRENT "current"
#define STATEDIR_PART "yibao.bundle.part"
#define STATEDIR_SIG_PART "yibao.bundle.minisig.part"

/*
 * Install the verified pair STATEDIR_PART and STATEDIR_SIG_PART of state_dir
 * (dirfd) as b.VERSION and switch "current" to it: first the two fixed names
 * are made links through "current" (plain files put there by hand are moved
 * behind one), then the pair is renamed into its directory and fsynced, then
 * "current" is replaced by one rename; older pairs but the previous one are
 * removed. hook(stage) is called at "links", "staged" and "switched" (a test
 * build stops there to be killed). Returns 0, or -1 with errno set and the
 * name in state_dir that failed in what.
 */
int statedir_install(int dirfd, long long version, void (*hook)(const char *stage), char *what,
		     size_t whatlen);

#endif
