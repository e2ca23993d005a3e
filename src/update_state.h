/*
 * update_state.h -- update.state: the validators --update remembers between runs
 * SPDX-License-Identifier: MIT
 *
 * A small INI file in state_dir beside the installed bundle: the URL it came
 * from, and the ETag and Last-Modified of the installed bundle (for a
 * conditional request) and of a partial download (to resume it). Only
 * update.c reads and writes it; a damaged or missing one costs a full
 * download, never a wrong install (every bundle is verified whatever this says).
 */
#ifndef YIBAO_UPDATE_STATE_H
#define YIBAO_UPDATE_STATE_H

/* The file's name in state_dir. */
#define UPDATE_STATE_FILE "update.state"

/* What update.state remembers between runs. Every field may be NULL. */
struct update_state {
	char *url;
	char *etag, *last_modified;           /* of the installed bundle */
	char *part_etag, *part_last_modified; /* of yibao.bundle.part, when resumable */
};

/* Set field *dst to a copy of v; NULL for NULL or "". */
void update_state_set(char **dst, const char *v);
/* Free every field of m and empty it (m may be NULL). */
void update_state_clear(struct update_state *m);
/* Read update.state of directory dirfd over m, when there is one (a damaged line is skipped). */
void update_state_read(int dirfd, struct update_state *m);
/* Write m as update.state in dirfd (a .tmp, fsync, rename, fsync of the directory). 0 or -1 (errno). */
int update_state_write(int dirfd, const struct update_state *m);

#endif
