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

#include <stdbool.h>
#include <stddef.h>

#define STATEDIR_CURRENT "current"
#define STATEDIR_PART "yibao.bundle.part"
#define STATEDIR_SIG_PART "yibao.bundle.minisig.part"
#define STATEDIR_VERIFIED "verified"

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

/*
 * Root's word that it verified the installed bundle (yibao --install-update,
 * apt's model, or --update run by root): STATEDIR_VERIFIED in state_dir
 * (dirfd) names the very files its yibao.bundle and its signature are --
 * device, inode, size, and the change time no account can set -- written whole (a temporary file
 * renamed over it). Returns 0, or -1 with errno set. statedir_unstamp removes
 * it (before anything is installed, so a failed install leaves no stamp).
 */
int statedir_stamp(int dirfd);
void statedir_unstamp(int dirfd);
/*
 * Whether bundle fd (and the signature in state_dir) are the files root
 * stamped there as verified: the bundle, its signature and the stamp belong to
 * root, no other account may write the stamp, and every field still matches (a byte written since, even by
 * root, changes the change time). A session may then skip its own hash: only
 * root could have changed the file, and root verified these very bytes.
 */
bool statedir_stamped(const char *state_dir, int fd);

#endif
