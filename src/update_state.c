/*
 * update_state.c -- update.state: the validators --update remembers between runs
 * SPDX-License-Identifier: MIT
 */
#include "update_state.h"

#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

void update_state_clear(struct update_state *m)
{
	if (m == NULL)
		return;
	free(m->url);
	free(m->etag);
	free(m->last_modified);
	free(m->part_etag);
	free(m->part_last_modified);
	memset(m, 0, sizeof *m);
}

void update_state_set(char **dst, const char *v)
{
	free(*dst);
	*dst = v != NULL && v[0] != '\0' ? xstrdup(v) : NULL;
}

static int on_meta(void *user, const char *section, const char *name, const char *value)
{
	struct update_state *m = user;

	if (section[0] != '\0')
		return 1;
	if (strcmp(name, "url") == 0)
		update_state_set(&m->url, value);
	else if (strcmp(name, "etag") == 0)
		update_state_set(&m->etag, value);
	else if (strcmp(name, "last_modified") == 0)
		update_state_set(&m->last_modified, value);
	else if (strcmp(name, "part_etag") == 0)
		update_state_set(&m->part_etag, value);
	else if (strcmp(name, "part_last_modified") == 0)
		update_state_set(&m->part_last_modified, value);
	return 1;
}

void update_state_read(int dirfd, struct update_state *m)
{
	int fd = openat(dirfd, UPDATE_STATE_FILE, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;

	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	ini_parse_file(f, on_meta, m);
	fclose(f);
}

int update_state_write(int dirfd, const struct update_state *m)
{
	struct strbuf sb = {0};
	int fd, rc = -1;

	sb_adds(&sb, "; yibao --update: validators of the installed and the partial bundle\n");
	if (m->url != NULL)
		sb_printf(&sb, "url = %s\n", m->url);
	if (m->etag != NULL)
		sb_printf(&sb, "etag = %s\n", m->etag);
	if (m->last_modified != NULL)
		sb_printf(&sb, "last_modified = %s\n", m->last_modified);
	if (m->part_etag != NULL)
		sb_printf(&sb, "part_etag = %s\n", m->part_etag);
	if (m->part_last_modified != NULL)
		sb_printf(&sb, "part_last_modified = %s\n", m->part_last_modified);
	/* Made anew: a leftover of another user (root by hand) must not stop us. */
	unlinkat(dirfd, UPDATE_STATE_FILE ".tmp", 0);
	fd = openat(dirfd, UPDATE_STATE_FILE ".tmp",
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd >= 0) {
		if (util_write_all(fd, sb.s, sb.len) == 0 && fsync(fd) == 0 && close(fd) == 0)
			rc = renameat(dirfd, UPDATE_STATE_FILE ".tmp", dirfd, UPDATE_STATE_FILE);
		else
			close(fd);
	}
	if (rc == 0)
		fsync(dirfd);
	sb_clear(&sb);
	return rc;
}
