/*
 * test_minisig.c -- minisign signatures made by the real minisign tool, verified here
 * SPDX-License-Identifier: MIT
 *
 * Two throw-away key pairs are made with "minisign -G -W" in the test's own
 * directory (the project never holds a secret key); files are signed with
 * minisign -S (prehashed "ED") and minisign -S -l (legacy "Ed").
 *
 * libsodium is loaded by each check and unloaded after it (src/minisig.c):
 * the test binary does not link it, so /proc/self/maps shows whether a check
 * left it behind. Built with -DYIBAO_TEST_HOOKS (mk/sodium.mk), minisig.c
 * loads the library named by YIBAO_TEST_LIBSODIUM instead, to see a load fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "minisig.h"
#include "util.h"

#define TESTDIR_PREFIX "/tmp/yibao-minisig-"
#include "testdir.h"

static char key1[128], key2[128];

static char *path(const char *name)
{
	return util_path_join(tmpdir, name);
}

static void put(const char *name, const char *text, size_t len)
{
	char *p = path(name);
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	free(p);
}

/* Run a shell command in tmpdir (the test shells out to minisign; the guide never does). */
static int sh(const char *script)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "cd '%s' && %s", tmpdir, script);
	return system(cmd);
}

/* The public key string: the second line of the .pub file. */
static void read_pub(const char *name, char *out, size_t outlen)
{
	char *p = path(name);
	size_t len;
	char *t = util_read_file(p, 4096, &len), *nl;

	assert_non_null(t);
	nl = strchr(t, '\n');
	assert_non_null(nl);
	snprintf(out, outlen, "%.*s", (int)strcspn(nl + 1, "\r\n"), nl + 1);
	free(t);
	free(p);
}

static int setup(void **state)
{
	static const char data[] = "bundle bytes \x01\x02 and 中文\n";

	if (make_dir(state) != 0)
		return -1;
	if (sh("minisign -G -W -p k1.pub -s k1.key >/dev/null 2>&1 && "
	       "minisign -G -W -p k2.pub -s k2.key >/dev/null 2>&1") != 0)
		return -1;
	put("data", data, sizeof data - 1);
	if (sh("minisign -S -s k1.key -m data -t 'version:7 policy_year:2025' >/dev/null && "
	       "cp data legacy && minisign -S -l -s k1.key -m legacy >/dev/null && "
	       "cp data by2 && minisign -S -s k2.key -m by2 >/dev/null") != 0)
		return -1;
	read_pub("k1.pub", key1, sizeof key1);
	read_pub("k2.pub", key2, sizeof key2);
	/* Large enough that two checks of it in threads overlap. */
	if (sh("head -c 16777216 /dev/zero > big && "
	       "minisign -S -s k1.key -m big >/dev/null") != 0)
		return -1;
	return 0;
}

/* Whether libsodium is mapped into this process now. */
static bool sodium_mapped(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	bool found = false;

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL)
		if (strstr(line, "/libsodium.so") != NULL)
			found = true;
	fclose(f);
	return found;
}

static char *slurp(const char *name, size_t *len)
{
	char *p = path(name);
	char *t = util_read_file(p, 1 << 20, len);

	assert_non_null(t);
	free(p);
	return t;
}

static int verify_mem(const char *dataname, const char *signame, const char *keys, char *tc,
		      char *err)
{
	size_t dlen, slen;
	char *d = slurp(dataname, &dlen), *s = slurp(signame, &slen);
	int rc = minisig_verify((const unsigned char *)d, dlen, s, slen, keys, tc, 256, err, 256);

	free(d);
	free(s);
	return rc;
}

static int verify_file(const char *dataname, const char *signame, const char *keys, char *tc,
		       char *err)
{
	char *d = path(dataname), *s = path(signame);
	int rc = minisig_verify_file(d, s, keys, tc, 256, err, 256);

	free(d);
	free(s);
	return rc;
}

static void test_good(void **state)
{
	char tc[256], err[256] = "";

	(void)state;
	assert_int_equal(verify_mem("data", "data.minisig", key1, tc, err), 0);
	assert_string_equal(tc, "version:7 policy_year:2025");
	assert_int_equal(verify_file("data", "data.minisig", key1, tc, err), 0);
	assert_string_equal(tc, "version:7 policy_year:2025");
	/* tc may be NULL */
	assert_int_equal(minisig_verify_file("/nonexistent", "/nonexistent", key1, NULL, 0, NULL, 0), -1);
}

/* yibao --update installs the pair behind symbolic links (update.h): followed. */
static void test_through_links(void **state)
{
	char tc[256], err[256] = "";
	char *s = path("data.minisig"), *ls = path("link.minisig");
	char *d = path("data"), *ld = path("link");

	(void)state;
	unlink(ls);
	unlink(ld);
	assert_int_equal(symlink(s, ls), 0);
	assert_int_equal(symlink(d, ld), 0);
	assert_int_equal(verify_file("link", "link.minisig", key1, tc, err), 0);
	assert_string_equal(tc, "version:7 policy_year:2025");
	free(s);
	free(ls);
	free(d);
	free(ld);
}

static void test_byte_changed(void **state)
{
	char tc[256], err[256] = "";
	size_t len;
	char *d = slurp("data", &len);

	(void)state;
	d[3] ^= 1;
	put("changed", d, len);
	free(d);
	assert_int_equal(verify_mem("changed", "data.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "does not match"));
	assert_string_equal(tc, "");
	err[0] = '\0';
	assert_int_equal(verify_file("changed", "data.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "does not match"));
}

/* The check in a thread of its own, over an open file (closed before the wait). */
static int verify_thread(const char *dataname, const char *signame, const char *keys, char *err)
{
	char *d = path(dataname), *s = path(signame);
	int fd = open(d, O_RDONLY);
	struct minisig_job *j;

	assert_true(fd >= 0);
	j = minisig_verify_start(fd, s, keys);
	close(fd);
	free(d);
	free(s);
	assert_non_null(j);
	return minisig_verify_wait(j, err, 256);
}

static void test_thread(void **state)
{
	char err[256] = "";

	(void)state;
	assert_int_equal(verify_thread("data", "data.minisig", key1, err), 0);
	assert_int_equal(verify_thread("changed", "data.minisig", key1, err), -1);
	assert_non_null(strstr(err, "does not match"));
	err[0] = '\0';
	assert_int_equal(verify_thread("data", "nonexistent.minisig", key1, err), -1);
	assert_non_null(strstr(err, "cannot read signature"));
}

/* After every kind of check, libsodium is no longer mapped. */
static void test_unloaded(void **state)
{
	char tc[256], err[256] = "";

	(void)state;
	/* Else the checks below could not fail: the binary must not link it (Makefile). */
	assert_false(sodium_mapped());
	assert_int_equal(verify_mem("data", "data.minisig", key1, tc, err), 0);
	assert_false(sodium_mapped());
	assert_int_equal(verify_mem("changed", "data.minisig", key1, tc, err), -1);
	assert_false(sodium_mapped());
	assert_int_equal(verify_file("data", "data.minisig", key1, tc, err), 0);
	assert_false(sodium_mapped());
	assert_int_equal(verify_file("data", "data.minisig", "notbase64!", tc, err), -1);
	assert_false(sodium_mapped());
	assert_int_equal(verify_thread("data", "data.minisig", key1, err), 0);
	assert_false(sodium_mapped());
	assert_int_equal(minisig_pubkeys_check(key1, err, sizeof err), 0);
	assert_false(sodium_mapped());
}

/* Checks in flight at once share the library; the last one done unloads it. */
static void test_overlapping(void **state)
{
	char *d = path("big"), *s = path("big.minisig");
	int fd = open(d, O_RDONLY);
	struct minisig_job *j1, *j2;
	char tc[256], err1[256] = "", err2[256] = "", err[256] = "";

	(void)state;
	assert_true(fd >= 0);
	j1 = minisig_verify_start(fd, s, key1);
	j2 = minisig_verify_start(fd, s, key1);
	close(fd);
	assert_non_null(j1);
	assert_non_null(j2);
	/* One more, here, while both threads hash. */
	assert_int_equal(verify_mem("data", "data.minisig", key1, tc, err), 0);
	assert_int_equal(minisig_verify_wait(j1, err1, sizeof err1), 0);
	assert_int_equal(minisig_verify_wait(j2, err2, sizeof err2), 0);
	assert_false(sodium_mapped());
	free(d);
	free(s);
}

#ifdef YIBAO_TEST_HOOKS
/* No libsodium: every check fails with the reason in one line, nothing crashes. */
static void test_load_fails(void **state)
{
	char tc[256], err[256];

	(void)state;
	setenv("YIBAO_TEST_LIBSODIUM", "libyibao-no-such-sodium.so.0", 1);
	err[0] = '\0';
	assert_int_equal(verify_mem("data", "data.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "cannot load libsodium"));
	assert_non_null(strstr(err, "libyibao-no-such-sodium.so.0"));
	assert_null(strchr(err, '\n'));
	assert_string_equal(tc, "");
	err[0] = '\0';
	assert_int_equal(verify_file("data", "data.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "cannot load libsodium"));
	err[0] = '\0';
	assert_int_equal(verify_thread("data", "data.minisig", key1, err), -1);
	assert_non_null(strstr(err, "cannot load libsodium"));
	err[0] = '\0';
	assert_int_equal(minisig_pubkeys_check(key1, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot load libsodium"));
	/* A library that loads but is not libsodium: unloaded again. */
	setenv("YIBAO_TEST_LIBSODIUM", "libm.so.6", 1);
	err[0] = '\0';
	assert_int_equal(verify_file("data", "data.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "libm.so.6 has no sodium_init"));
	assert_null(strchr(err, '\n'));
	unsetenv("YIBAO_TEST_LIBSODIUM");
	assert_false(sodium_mapped());
	/* And the real one again. */
	assert_int_equal(verify_file("data", "data.minisig", key1, tc, err), 0);
	assert_false(sodium_mapped());
}
#endif

static void test_comment_changed(void **state)
{
	char tc[256], err[256] = "";
	size_t len;
	char *s = slurp("data.minisig", &len);
	char *v = strstr(s, "version:7");

	(void)state;
	assert_non_null(v);
	v[8] = '9';
	put("forged.minisig", s, len);
	free(s);
	assert_int_equal(verify_mem("data", "forged.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "trusted comment"));
}

static void test_unknown_key(void **state)
{
	char tc[256], err[256] = "";

	(void)state;
	assert_int_equal(verify_mem("by2", "by2.minisig", key1, tc, err), -1);
	assert_non_null(strstr(err, "unknown key"));
	assert_int_equal(verify_file("data", "data.minisig", key2, tc, err), -1);
	assert_non_null(strstr(err, "unknown key"));
	assert_int_equal(verify_file("data", "data.minisig", "", tc, err), -1);
	assert_non_null(strstr(err, "no public key"));
	assert_int_equal(verify_file("data", "data.minisig", "notbase64!", tc, err), -1);
	assert_non_null(strstr(err, "is not a minisign public key"));
}

static void test_second_key(void **state)
{
	char keys[300], tc[256], err[256] = "";

	(void)state;
	snprintf(keys, sizeof keys, "  %s\t %s ", key1, key2);
	assert_int_equal(verify_mem("by2", "by2.minisig", keys, tc, err), 0);
	assert_int_equal(verify_file("by2", "by2.minisig", keys, tc, err), 0);
	assert_int_equal(verify_file("data", "data.minisig", keys, tc, err), 0);
}

static void test_legacy(void **state)
{
	char tc[256], err[256] = "";
	size_t len;
	char *s = slurp("legacy.minisig", &len);

	(void)state;
	assert_non_null(strstr(s, "\nRW")); /* "Ed": really the legacy format */
	free(s);
	assert_int_equal(verify_mem("legacy", "legacy.minisig", key1, tc, err), 0);
	assert_non_null(strstr(tc, "file:legacy"));
	assert_int_equal(verify_file("legacy", "legacy.minisig", key1, tc, err), 0);
	assert_int_equal(verify_file("by2", "legacy.minisig", key1, tc, err), 0); /* same bytes */
	assert_int_equal(verify_file("changed", "legacy.minisig", key1, tc, err), -1);
}

static void test_garbage(void **state)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"untrusted comment: x\n",
		"untrusted comment: x\nRUQ=\ntrusted comment: t\nAAAA\n",
		"untrusted comment: x\n!!!!\ntrusted comment: t\nAAAA\n",
		"untrusted comment: x\nRUQmoiPQKoJeL8RRm1Fk2AYiaZkhHotY4+vvRd0Vpej/AblA1Zxsvwx8slcro54/"
		"w3dDw9/hg6sABRXvForMxwkNuyg9zmEctA8=\n",
		"untrusted comment: x\nRUQmoiPQKoJeL8RRm1Fk2AYiaZkhHotY4+vvRd0Vpej/AblA1Zxsvwx8slcro54/"
		"w3dDw9/hg6sABRXvForMxwkNuyg9zmEctA8=\ntrusted comment: t\nnope\n",
		"untrusted comment: x\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrLzAxMjM0NTY3\n"
		"trusted comment: t\nAAAA\n",
	};
	char err[256];
	size_t dlen;
	char *d = slurp("data", &dlen);

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err[0] = '\0';
		assert_int_equal(minisig_verify((unsigned char *)d, dlen, bad[i], strlen(bad[i]),
						key1, NULL, 0, err, sizeof err),
				 -1);
		assert_true(err[0] != '\0');
		assert_null(strchr(err, '\n'));
	}
	/* A NUL inside the signature text, and a NULL signature. */
	assert_int_equal(minisig_verify((unsigned char *)d, dlen, "untrusted comment: \0", 20, key1,
					NULL, 0, err, sizeof err),
			 -1);
	assert_int_equal(minisig_verify((unsigned char *)d, dlen, NULL, 0, key1, NULL, 0, NULL, 0), -1);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_through_links),
		cmocka_unit_test(test_byte_changed),
		cmocka_unit_test(test_thread),
		cmocka_unit_test(test_comment_changed),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_second_key),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_unloaded),
		cmocka_unit_test(test_overlapping),
#ifdef YIBAO_TEST_HOOKS
		cmocka_unit_test(test_load_fails),
#endif
	};

	return cmocka_run_group_tests(tests, setup, remove_dir);
}
