/*
 * testdir.h -- a scratch directory for unit tests that need files
 * SPDX-License-Identifier: MIT
 *
 * Include once per test file: it defines tmpdir and the cmocka fixtures
 * make_dir / remove_dir. Set TESTDIR_PREFIX before including to name the
 * directory ("/tmp/yibao-NAME-XXXXXX").
 */
#ifndef YIBAO_TESTDIR_H
#define YIBAO_TESTDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TESTDIR_PREFIX
#define TESTDIR_PREFIX "/tmp/yibao-test-"
#endif

static char tmpdir[64];

/* Fixture: a fresh empty directory in tmpdir. */
static inline int make_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%sXXXXXX", TESTDIR_PREFIX);
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

/* Fixture: tmpdir and everything in it removed (a test may shell out; the guide never does). */
static inline int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
