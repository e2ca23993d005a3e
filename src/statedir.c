/*
 * statedir.c -- the installed bundles in [update] state_dir: each verified pair in a directory of its own, behind fixed links
 * SPDX-License-Identifier: MIT
 *
 * Why (update.c says it at length): the bundle and its signature are two
 * files and rename(2) replaces one name at a time, so each complete, verified
 * pair gets a directory of its own (b.VERSION, fsynced, never modified again),
 * the two names the guide opens are fixed symlinks through "current", and the
 * switch is the one rename of a new "current" link over the old one.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* symlinkat, readlinkat */
#endif
#include "statedir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "util.h"

#define BUNDLE_NAME BUNDLE_FILE
#define SIG_NAME BUNDLE_FILE BUNDLE_SIG_SUFFIX
#define CURRENT_NAME STATEDIR_CURRENT

/* Remove directory name in dirfd with the files in it (our b.VERSION: no subdirectories). */
static void remove_dir(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	int e = errno; /* a clean-up, never the reason reported */

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		unlinkat(dirfd, name, 0); /* not a directory: a stray file */
		errno = e;
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			unlinkat(fd, de->d_name, 0);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
	errno = e;
}

/* Make name (in dirfd) a symlink to target, by one rename. */
static int link_swap(int dirfd, const char *target, const char *name)
{
	char tmp[64];

	snprintf(tmp, sizeof tmp, "%s.tmp", name);
	unlinkat(dirfd, tmp, 0);
	if (symlinkat(target, dirfd, tmp) < 0 || renameat(dirfd, tmp, dirfd, name) < 0) {
		int e = errno; /* what failed (ENOSPC), not the clean-up's ENOENT */

		unlinkat(dirfd, tmp, 0);
		errno = e;
		return -1;
	}
	return fsync(dirfd);
}

/* Whether name in dirfd is already the symlink to target. */
static bool link_is(int dirfd, const char *name, const char *target)
{
	char buf[256];
	ssize_t n = readlinkat(dirfd, name, buf, sizeof buf - 1);

	if (n < 0)
		return false;
	buf[n] = '\0';
	return strcmp(buf, target) == 0;
}

/*
 * Make yibao.bundle and its signature the fixed links through "current".
 * Done before the switch, while they still name the old pair: when they are
 * plain files (put there by hand, or by an older yibao), both are first
 * hard-linked into a directory of their own and "current" pointed there, so
 * each step below replaces a name by one reaching the same bytes.
 */
static int ensure_links(int dirfd, void (*hook)(const char *stage), const char **what)
{
	struct stat st;
	bool plain = fstatat(dirfd, BUNDLE_NAME, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		     !S_ISLNK(st.st_mode);

	if (link_is(dirfd, BUNDLE_NAME, CURRENT_NAME "/" BUNDLE_NAME) &&
	    link_is(dirfd, SIG_NAME, CURRENT_NAME "/" SIG_NAME))
		return 0;
	if (plain) {
		const char *old = "b.previous";
		int fd;

		*what = old;
		remove_dir(dirfd, old);
		if (mkdirat(dirfd, old, 0755) < 0 ||
		    (fd = openat(dirfd, old, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
			return -1;
		if (linkat(dirfd, BUNDLE_NAME, fd, BUNDLE_NAME, 0) < 0 ||
		    (linkat(dirfd, SIG_NAME, fd, SIG_NAME, 0) < 0 && errno != ENOENT)) {
			int e = errno;

			close(fd);
			errno = e;
			return -1;
		}
		fsync(fd);
		close(fd);
		*what = CURRENT_NAME;
		if (link_swap(dirfd, old, CURRENT_NAME) < 0)
			return -1;
	}
	/* The signature first: a bundle without one is never used, so no window shows a mix. */
	*what = SIG_NAME;
	if (link_swap(dirfd, CURRENT_NAME "/" SIG_NAME, SIG_NAME) < 0)
		return -1;
	hook("links");
	*what = BUNDLE_NAME;
	if (link_swap(dirfd, CURRENT_NAME "/" BUNDLE_NAME, BUNDLE_NAME) < 0)
		return -1;
	return 0;
}

/*
 * Remove every b.* directory but new and previous, and stray temporary links.
 * The previous pair stays until the next install: a session that opened it
 * just before the switch still finds its signature beside it.
 */
static void remove_old(int dirfd, const char *new, const char *previous)
{
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	struct strbuf names = {0};

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	/* Collect first: removing while reading a directory may skip entries. */
	while ((de = readdir(d)) != NULL)
		if ((strncmp(de->d_name, "b.", 2) == 0 && strcmp(de->d_name, new) != 0 &&
		     strcmp(de->d_name, previous) != 0) ||
		    strcmp(de->d_name, CURRENT_NAME ".tmp") == 0)
			sb_add(&names, de->d_name, strlen(de->d_name) + 1);
	closedir(d);
	for (size_t i = 0; i < names.len; i += strlen(names.s + i) + 1)
		remove_dir(dirfd, names.s + i);
	sb_clear(&names);
}

int statedir_install(int dirfd, long long version, void (*hook)(const char *stage), char *what,
		     size_t whatlen)
{
	char name[40], previous[256];
	const char *failed = "";
	ssize_t n;
	int fd;

	snprintf(name, sizeof name, "b.%lld", version);
	if (ensure_links(dirfd, hook, &failed) < 0)
		goto fail;
	/* Left by a run that died before its switch: never the current one (older). */
	remove_dir(dirfd, name);
	failed = name;
	if (mkdirat(dirfd, name, 0755) < 0 ||
	    (fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		goto fail;
	if (renameat(dirfd, STATEDIR_PART, fd, BUNDLE_NAME) < 0 ||
	    renameat(dirfd, STATEDIR_SIG_PART, fd, SIG_NAME) < 0 || fsync(fd) < 0 ||
	    fsync(dirfd) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		goto fail;
	}
	close(fd);
	hook("staged");
	n = readlinkat(dirfd, CURRENT_NAME, previous, sizeof previous - 1);
	previous[n > 0 ? n : 0] = '\0';
	failed = CURRENT_NAME;
	if (link_swap(dirfd, name, CURRENT_NAME) < 0)
		goto fail;
	hook("switched");
	remove_old(dirfd, name, previous);
	return 0;
fail:
	snprintf(what, whatlen, "%s", failed);
	return -1;
}

/* The stamp's one line for the bundle st and its signature sig are. */
static void stamp_line(const struct stat *st, const struct stat *sig, char *buf, size_t len)
{
	snprintf(buf, len, "yibao-verified 2 %llu %llu %lld %lld.%09ld %llu %llu %lld %lld.%09ld\n",
		 (unsigned long long)st->st_dev, (unsigned long long)st->st_ino, (long long)st->st_size,
		 (long long)st->st_ctim.tv_sec, (long)st->st_ctim.tv_nsec, (unsigned long long)sig->st_dev,
		 (unsigned long long)sig->st_ino, (long long)sig->st_size, (long long)sig->st_ctim.tv_sec,
		 (long)sig->st_ctim.tv_nsec);
}

int statedir_stamp(int dirfd)
{
	char line[256], tmp[] = STATEDIR_VERIFIED ".tmp";
	struct stat st, sig;
	int out, e;
	size_t len;

	/* through the links, as sessions open them */
	if (fstatat(dirfd, BUNDLE_NAME, &st, 0) < 0 || fstatat(dirfd, SIG_NAME, &sig, 0) < 0)
		return -1;
	stamp_line(&st, &sig, line, sizeof line);
	len = strlen(line);
	unlinkat(dirfd, tmp, 0);
	out = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (out < 0)
		return -1;
	if (write(out, line, len) != (ssize_t)len || fsync(out) < 0 || close(out) < 0) {
		e = errno;
		unlinkat(dirfd, tmp, 0);
		errno = e;
		return -1;
	}
	if (renameat(dirfd, tmp, dirfd, STATEDIR_VERIFIED) < 0) {
		e = errno;
		unlinkat(dirfd, tmp, 0);
		errno = e;
		return -1;
	}
	return fsync(dirfd);
}

void statedir_unstamp(int dirfd)
{
	int e = errno; /* a clean-up, never the reason reported */

	unlinkat(dirfd, STATEDIR_VERIFIED, 0);
	errno = e;
}

bool statedir_stamped(const char *state_dir, int fd)
{
	char want[256], got[256];
	struct stat st, sig, sst;
	char *path;
	ssize_t n;
	int sfd;

	if (state_dir == NULL || fstat(fd, &st) < 0 || st.st_uid != 0)
		return false;
	path = util_path_join(state_dir, SIG_NAME);
	n = stat(path, &sig);
	free(path);
	if (n < 0 || sig.st_uid != 0)
		return false;
	path = util_path_join(state_dir, STATEDIR_VERIFIED);
	sfd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	free(path);
	if (sfd < 0)
		return false;
	n = -1;
	if (fstat(sfd, &sst) == 0 && S_ISREG(sst.st_mode) && sst.st_uid == 0 &&
	    (sst.st_mode & (S_IWGRP | S_IWOTH)) == 0)
		n = read(sfd, got, sizeof got - 1);
	close(sfd);
	if (n <= 0)
		return false;
	got[n] = '\0';
	stamp_line(&st, &sig, want, sizeof want);
	return strcmp(want, got) == 0;
}
