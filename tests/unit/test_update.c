/*
 * test_update.c -- yibao --update: what needs no server (tests/suites/update.sh does the rest)
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#define TESTDIR_PREFIX "/tmp/yibao-update-"
#include "testdir.h"

#include "config.h"
#include "update.h"
#include "util.h"

static char *in_tmp(const char *name)
{
	return util_path_join(tmpdir, name);
}

static void touch(const char *name)
{
	char *p = in_tmp(name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	close(fd);
	free(p);
}

/* The signature is looked for beside the file really opened, through every link. */
static void sig_beside_the_file_opened(void **state)
{
	char *link = in_tmp("yibao.bundle"), *want = in_tmp("b.7/yibao.bundle.minisig");
	char *sig, *d = in_tmp("b.7"), *current = in_tmp("current");
	int fd;

	(void)state;
	assert_int_equal(mkdir(d, 0755), 0);
	touch("b.7/yibao.bundle");
	assert_int_equal(symlink("b.7", current), 0);
	assert_int_equal(symlink("current/yibao.bundle", link), 0);
	fd = open(link, O_RDONLY);
	assert_true(fd >= 0);
	/* Switched after the open: the pair must still be the one opened. */
	assert_int_equal(unlink(current), 0);
	sig = update_sig_path(fd, link);
	assert_string_equal(sig, want);
	free(sig);
	close(fd);
	free(link);
	free(want);
	free(d);
	free(current);
}

/* A plain file in state_dir: its own .minisig. */
static void sig_of_a_plain_file(void **state)
{
	char *p = in_tmp("yibao.bundle"), *want = in_tmp("yibao.bundle.minisig");
	char *sig;
	int fd;

	(void)state;
	touch("yibao.bundle");
	fd = open(p, O_RDONLY);
	assert_true(fd >= 0);
	sig = update_sig_path(fd, p);
	assert_string_equal(sig, want);
	free(sig);
	close(fd);
	free(p);
	free(want);
}

/* Nothing configured: exit 1 and one line, and nothing made on disk. */
static void not_configured(void **state)
{
	struct config c;
	char msg[256];
	char *dir = in_tmp("state");

	(void)state;
	config_defaults(&c);
	free(c.update_state_dir);
	c.update_state_dir = xstrdup(dir);
	assert_int_equal(update_run(&c, msg, sizeof msg), UPDATE_ERROR);
	assert_non_null(strstr(msg, "[update] url"));
	assert_null(strchr(msg, '\n'));
	c.update_url = xstrdup("https://127.0.0.1:1/yibao.bundle");
	assert_int_equal(update_run(&c, msg, sizeof msg), UPDATE_ERROR);
	assert_non_null(strstr(msg, "public_key"));
	free(c.update_url);
	c.update_url = xstrdup("http://example.invalid/yibao.bundle");
	assert_int_equal(update_run(&c, msg, sizeof msg), UPDATE_ERROR);
	assert_false(util_is_dir(dir));
	config_clear(&c);
	free(dir);
}

/* A state_dir that cannot be made: exit 1, the path and the reason in the line. */
static void state_dir_unusable(void **state)
{
	struct config c;
	char msg[256];
	char *dir = in_tmp("no/such/dir");

	(void)state;
	config_defaults(&c);
	free(c.update_state_dir);
	c.update_state_dir = xstrdup(dir);
	c.update_url = xstrdup("https://127.0.0.1:1/yibao.bundle");
	c.update_public_key = xstrdup("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3");
	assert_int_equal(update_run(&c, msg, sizeof msg), UPDATE_ERROR);
	assert_non_null(strstr(msg, dir));
	config_clear(&c);
	free(dir);
}

/* util_read_owned's "not owned" is its own errno: a real EACCES still reads as the system says. */
static void read_errors_distinct(void **state)
{
	(void)state;
	assert_string_equal(util_read_error(EACCES), strerror(EACCES));
	assert_string_not_equal(util_read_error(UTIL_ENOTOWN), strerror(EACCES));
	assert_int_not_equal(UTIL_ENOTOWN, UTIL_ENOTREG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_errors_distinct),
		cmocka_unit_test_setup_teardown(sig_beside_the_file_opened, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(sig_of_a_plain_file, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(not_configured, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(state_dir_unusable, make_dir, remove_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
