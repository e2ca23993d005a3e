/*
 * test_config.c -- unit tests for config.c: defaults, layered INI files, region profiles
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "regions.h"
#include "text.h"
#include "util.h"

#define TESTDIR_PREFIX "/tmp/yibao-config-"
#include "testdir.h"

/* The region profile a test loaded (as a session's guide holds one). */
static struct profile prof;

/* Region profile name from c's regions_dir into prof, as a guide reads its own. */
static int load_region(const struct config *c, const char *name, struct diags *d)
{
	struct regions rs;
	int r;

	regions_from_dir(&rs, c->regions_dir);
	r = regions_load(&prof, &rs, name, d);
	regions_clear(&rs);
	return r;
}

/* Write text to tmpdir/name; returns the path (caller frees). */
static char *put(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("  diag %s:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].msg);
}

/* Diagnostic i is exactly FILE:LINE: msg. */
static void expect_diag(const struct diags *d, size_t i, const char *file, int line,
			const char *msg)
{
	if (i >= d->n) {
		print_diags(d);
		fail_msg("no diagnostic %zu (want %s:%d: %s)", i, file, line, msg);
	}
	assert_string_equal(d->v[i].file, file);
	assert_int_equal(d->v[i].line, line);
	assert_string_equal(d->v[i].msg, msg);
}

static void expect_ndiags(const struct diags *d, size_t n)
{
	if (d->n != n) {
		print_diags(d);
		fail_msg("%zu diagnostics, expected %zu", d->n, n);
	}
}

static void check_defaults(const struct config *c)
{
	assert_string_equal(c->content_dir, "content");
	assert_string_equal(c->regions_dir, "config/regions");
	assert_string_equal(c->region, "national");
	assert_false(c->kiosk);
	assert_int_equal(c->idle_timeout_s, 300);
	assert_null(c->export_dir);
	assert_int_equal(c->color, CFG_COLOR_AUTO);
	assert_false(c->ascii_borders);
	assert_false(c->mouse);
	assert_false(c->marker);
	assert_int_equal(c->charset, CHARSET_AUTO);
	assert_null(c->status_url);
	assert_null(c->token_file);
	assert_int_equal(c->connect_timeout_ms, 5000);
	assert_int_equal(c->timeout_ms, 15000);
	assert_null(c->ca_file);
	assert_int_equal(c->cache_s, 300);
	assert_false(c->allow_loopback_http);
	assert_null(c->proxy);
	assert_null(c->update_url);
	assert_null(c->update_public_key);
	assert_null(c->update_ca_file);
	assert_string_equal(c->update_state_dir, "/var/lib/yibao");
	assert_int_equal(c->update_warn_after_days, 400);
	assert_int_equal(c->update_timeout_s, 60);
	assert_int_equal(c->update_max_mib, 64);
}

static void defaults(void **state)
{
	struct config c;

	(void)state;
	config_defaults(&c);
	check_defaults(&c);
	config_clear(&c);
	regions_profile_clear(&prof);
	/* config_clear leaves a struct that can be freed again. */
	config_clear(&c);
	regions_profile_clear(&prof);
}

static void file_overrides_some_keys(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("a.ini", "; comment\n"
				  "[guide]\n"
				  "kiosk = yes\n"
				  "idle_timeout_s = 60\n"
				  "region = fujian\n"
				  "\n"
				  "[display]\n"
				  "color = NEVER\n"
				  "ascii_borders = on\n"
				  "mouse = 1\n"
				  "marker = True\n"
				  "charset = GB18030\n"
				  "[status]\n"
				  "url = https://example.invalid/yibao ; inline comment\n"
				  "timeout_ms = 600000\n"
				  "cache_s = 0\n"
				  "allow_loopback_http = false\n"
				  "proxy = http://proxy.invalid:3128\n");

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 0);
	assert_true(c.kiosk);
	assert_int_equal(c.idle_timeout_s, 60);
	assert_string_equal(c.region, "fujian");
	assert_int_equal(c.color, CFG_COLOR_NEVER);
	assert_true(c.ascii_borders);
	assert_true(c.mouse);
	assert_true(c.marker);
	assert_int_equal(c.charset, CHARSET_GB18030);
	assert_string_equal(c.status_url, "https://example.invalid/yibao");
	assert_int_equal(c.timeout_ms, 600000);
	assert_int_equal(c.cache_s, 0);
	assert_false(c.allow_loopback_http);
	assert_string_equal(c.proxy, "http://proxy.invalid:3128");
	/* What the file does not set keeps its default. */
	assert_string_equal(c.content_dir, "content");
	assert_int_equal(c.connect_timeout_ms, 5000);
	assert_null(c.export_dir);
	config_clear(&c);
	regions_profile_clear(&prof);
	free(path);
}

/* [update] max_size_mib: a county with many variants raises the download limit. */
static void update_max_size(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("max.ini", "[update]\n"            /* 1 */
				    "max_size_mib = 0\n"    /* 2 */
				    "max_size_mib = 4097\n" /* 3 */
				    "max_size_mib = 64k\n"  /* 4 */
				    "max_size_mib = 256\n");

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 3);
	expect_diag(&d, 0, path, 2,
		    "[update] max_size_mib: \"0\" is not a number from 1 to 4096; default kept");
	expect_diag(&d, 1, path, 3,
		    "[update] max_size_mib: \"4097\" is not a number from 1 to 4096; default kept");
	expect_diag(&d, 2, path, 4,
		    "[update] max_size_mib: \"64k\" is not a number from 1 to 4096; default kept");
	assert_int_equal(c.update_max_mib, 256);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(path);
}

static void bad_values_keep_default(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("bad.ini", "[guide]\n"                        /* 1 */
				    "kiosk = maybe\n"                  /* 2 */
				    "idle_timeout_s = 0\n"             /* 3 */
				    "idle_timeout_s = 86401\n"         /* 4 */
				    "idle_timeout_s = 1e3\n"           /* 5 */
				    "[display]\n"                      /* 6 */
				    "color = purple\n"                 /* 7 */
				    "charset = latin1\n"               /* 8 */
				    "mouse =\n"                        /* 9 */
				    "[status]\n"                       /* 10 */
				    "cache_s = 99999999999999999999\n" /* 11 */
				    "timeout_ms = -1\n"                /* 12 */
				    "connect_timeout_ms = 99\n"        /* 13 */
				    "timeout_ms = 2000\n");            /* 14: a good one after bad ones */

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 10);
	expect_diag(&d, 0, path, 2, "[guide] kiosk: \"maybe\" is not true or false; default kept");
	expect_diag(&d, 1, path, 3,
		    "[guide] idle_timeout_s: \"0\" is not a number from 1 to 86400; default kept");
	expect_diag(&d, 2, path, 4,
		    "[guide] idle_timeout_s: \"86401\" is not a number from 1 to 86400; default kept");
	expect_diag(&d, 3, path, 5,
		    "[guide] idle_timeout_s: \"1e3\" is not a number from 1 to 86400; default kept");
	expect_diag(&d, 4, path, 7,
		    "[display] color: \"purple\" is not one of auto|always|never; default kept");
	expect_diag(&d, 5, path, 8,
		    "[display] charset: \"latin1\" is not one of auto|utf-8|gb18030; default kept");
	expect_diag(&d, 6, path, 9, "[display] mouse: \"\" is not true or false; default kept");
	expect_diag(&d, 7, path, 11,
		    "[status] cache_s: \"99999999999999999999\" is not a number from 0 to 86400; default kept");
	expect_diag(&d, 8, path, 12,
		    "[status] timeout_ms: \"-1\" is not a number from 100 to 600000; default kept");
	expect_diag(&d, 9, path, 13,
		    "[status] connect_timeout_ms: \"99\" is not a number from 100 to 600000; default kept");
	assert_false(c.kiosk);
	assert_int_equal(c.idle_timeout_s, 300);
	assert_int_equal(c.color, CFG_COLOR_AUTO);
	assert_int_equal(c.charset, CHARSET_AUTO);
	assert_false(c.mouse);
	assert_int_equal(c.cache_s, 300);
	assert_int_equal(c.connect_timeout_ms, 5000);
	assert_int_equal(c.timeout_ms, 2000);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(path);
}

static void unknown_section_and_key(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("unknown.ini", "[guide]\n"             /* 1 */
					"colour = red\n"        /* 2 */
					"\n"                    /* 3 */
					"[nosuch]\n"            /* 4 */
					"a = b\n"               /* 5 */
					"[display]\n"           /* 6 */
					"ascii_borders = yes\n" /* 7 */
					"this is not ini\n"     /* 8 */
					"[Guide]\n"             /* 9 */
					"kiosk = yes\n");       /* 10 */

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 4);
	expect_diag(&d, 0, path, 2, "unknown key \"colour\" in [guide]");
	expect_diag(&d, 1, path, 5, "unknown section [nosuch]");
	/* Section names are case-sensitive. */
	expect_diag(&d, 2, path, 10, "unknown section [Guide]");
	/* inih reports the first line it could not read at all. */
	expect_diag(&d, 3, path, 8, "not an INI line (\"key = value\" or \"[section]\")");
	/* The good lines around the bad ones still count. */
	assert_true(c.ascii_borders);
	assert_false(c.kiosk);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(path);
}

static void long_line_reported(void **state)
{
	struct config c;
	struct diags d = {0};
	struct strbuf sb = {0};
	char *path;

	(void)state;
	sb_adds(&sb, "[status]\nurl = https://example.invalid/");
	for (int i = 0; i < 300; i++)
		sb_addc(&sb, 'a');
	sb_adds(&sb, "\nproxy = http://p.invalid:8080\n");
	path = put("long.ini", sb.s);
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	/* Not cut and half-read as a second line: skipped whole, with its line. */
	expect_ndiags(&d, 1);
	expect_diag(&d, 0, path, 2, "line longer than 199 bytes; ignored");
	assert_null(c.status_url);
	assert_string_equal(c.proxy, "http://p.invalid:8080");
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	sb_clear(&sb);
	free(path);
}

/* Write len bytes (NULs allowed) to tmpdir/name; returns the path (caller frees). */
static char *put_bytes(const char *name, const char *bytes, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/*
 * A NUL byte in a line: that line is refused with its number, and the next line
 * is read as it stands. (fgets took the NUL for the end of a long line and
 * silently skipped the line after it.)
 */
static void nul_byte_reported(void **state)
{
	static const char ini[] = "[status]\n"                      /* 1 */
				  "url = https://a.invalid/\0zzz\n" /* 2 */
				  "proxy = http://p.invalid:8080\n" /* 3 */
				  "cache_s = 7\n";                  /* 4 */
	static const char region[] = "[values]\n"                   /* 1 */
				     "hotline = 1\0 2\n"            /* 2 */
				     "fee_year = 2031\n";           /* 3 */
	struct config c;
	struct diags d = {0};
	char *path = put_bytes("nul.ini", ini, sizeof ini - 1), *reg, *nat;

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 1);
	expect_diag(&d, 0, path, 2, "NUL byte in the line; line ignored");
	assert_null(c.status_url);
	assert_non_null(c.proxy);
	assert_string_equal(c.proxy, "http://p.invalid:8080");
	assert_int_equal(c.cache_s, 7);
	diags_clear(&d);

	/* The same in a region profile. */
	assert_int_equal(mkdir(reg = xasprintf("%s/r", tmpdir), 0700), 0);
	nat = put_bytes("r/national.ini", region, sizeof region - 1);
	free(c.regions_dir);
	c.regions_dir = reg;
	assert_int_equal(load_region(&c, NULL, &d), 0);
	expect_ndiags(&d, 1);
	expect_diag(&d, 0, nat, 2, "NUL byte in the line; line ignored");
	assert_null(kv_get(&prof.values, "hotline"));
	assert_string_equal(kv_get(&prof.values, "fee_year"), "2031");
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(path);
	free(nat);
}

/* A config file that is a FIFO is refused at once, never waited on (alarm: the old hang). */
static void fifo_config_refused(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = xasprintf("%s/fifo.ini", tmpdir);

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	config_defaults(&c);
	alarm(10);
	assert_int_equal(config_load(&c, path, true, &d), -1);
	alarm(0);
	expect_ndiags(&d, 1);
	assert_string_equal(d.v[0].file, path);
	assert_non_null(strstr(d.v[0].msg, "not a regular file"));
	check_defaults(&c);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(path);
}

/*
 * 100,000 keys in a region's [values] (24 s before: kv_set scanned the list
 * for each key). Every key is found with its last value; the time is printed,
 * not asserted.
 */
static void many_region_values(void **state)
{
	const int n = 100000;
	struct strbuf sb = {0};
	struct config c;
	struct diags d = {0};
	struct timespec t0, t1;
	char *reg = xasprintf("%s/many", tmpdir), *nat;

	(void)state;
	sb_adds(&sb, "[region]\ntitle = 多\n[values]\n");
	for (int i = 0; i < n; i++)
		sb_printf(&sb, "key_%d = value %d\n", i, i);
	sb_adds(&sb, "key_7 = again\n");
	assert_int_equal(mkdir(reg, 0700), 0);
	nat = put_bytes("many/national.ini", sb.s, sb.len);
	config_defaults(&c);
	free(c.regions_dir);
	c.regions_dir = reg;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(load_region(&c, NULL, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("# %d region values loaded in %.3f s\n", n,
		      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	expect_ndiags(&d, 0);
	assert_int_equal(prof.values.n, n);
	for (int i = 0; i < n; i += 997) {
		char key[32], want[32];

		snprintf(key, sizeof key, "key_%d", i);
		snprintf(want, sizeof want, "value %d", i);
		assert_string_equal(kv_get(&prof.values, key), i == 7 ? "again" : want);
	}
	assert_string_equal(kv_get(&prof.values, "key_7"), "again");
	assert_string_equal(kv_get(&prof.values, "key_99999"), "value 99999");
	assert_null(kv_get(&prof.values, "key_100000"));
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	sb_clear(&sb);
	free(nat);
}

static void relative_paths_from_file_dir(void **state)
{
	struct config c;
	struct diags d = {0};
	char *sub = xasprintf("%s/etc", tmpdir);
	char *path, *want;

	(void)state;
	assert_int_equal(mkdir(sub, 0700), 0);
	path = put("etc/yibao.ini", "[guide]\n"
				    "content_dir = ../content\n"
				    "regions_dir = regions\n"
				    "export_dir = /var/tmp/out\n"
				    "[status]\n"
				    "token_file = secret/token\n"
				    "ca_file = \n");
	config_defaults(&c);
	c.ca_file = xstrdup("/etc/ssl/ca.pem");
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 0);
	want = xasprintf("%s/../content", sub);
	assert_string_equal(c.content_dir, want);
	free(want);
	want = xasprintf("%s/regions", sub);
	assert_string_equal(c.regions_dir, want);
	free(want);
	want = xasprintf("%s/secret/token", sub);
	assert_string_equal(c.token_file, want);
	free(want);
	/* Absolute paths stay as they are; an empty one unsets. */
	assert_string_equal(c.export_dir, "/var/tmp/out");
	assert_null(c.ca_file);
	config_clear(&c);
	regions_profile_clear(&prof);
	free(path);
	free(sub);
}

static void two_files_layered(void **state)
{
	struct config c;
	struct diags d = {0};
	char *sys = put("system.ini", "[guide]\nkiosk = true\nidle_timeout_s = 120\nregion = hubei\n"
				      "[display]\ncolor = always\n");
	char *user = put("user.ini", "[guide]\nidle_timeout_s = 30\nregion = yunnan\n"
				     "[display]\ncolor = rainbow\n");
	char *none = xasprintf("%s/missing.ini", tmpdir);

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, sys, true, &d), 0);
	assert_int_equal(config_load(&c, user, true, &d), 0);
	/* A missing optional file is quietly skipped; a required one is reported. */
	assert_int_equal(config_load(&c, none, false, &d), -1);
	expect_ndiags(&d, 1);
	assert_int_equal(config_load(&c, none, true, &d), -1);
	expect_ndiags(&d, 2);
	expect_diag(&d, 0, user, 5,
		    "[display] color: \"rainbow\" is not one of auto|always|never; default kept");
	expect_diag(&d, 1, none, 0, "cannot open config file: No such file or directory");
	/* The later file wins where it says something ... */
	assert_int_equal(c.idle_timeout_s, 30);
	assert_string_equal(c.region, "yunnan");
	/* ... the earlier one where it does not, or where the later value is bad. */
	assert_true(c.kiosk);
	assert_int_equal(c.color, CFG_COLOR_ALWAYS);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(sys);
	free(user);
	free(none);
}

/* A regions directory with national.ini and fujian.ini. */
static char *put_regions(void)
{
	char *dir = xasprintf("%s/regions", tmpdir);
	char *p;

	assert_int_equal(mkdir(dir, 0700), 0);
	p = put("regions/national.ini", "; national\n"
					"[region]\n"
					"title = 全国通用\n"
					"[values]\n"
					"hotline = 12393\n"
					"local_app = 当地政务APP\n"
					"fee_year = 2025\n"
					"[reimburse]\n"
					"student_level1 = 50-70\n"
					"deductible =             ; 起付线\n"
					"cap =\n");
	free(p);
	p = put("regions/fujian.ini", "[region]\n"
				      "title = 福建省\n"
				      "[values]\n"
				      "local_app = “闽政通”APP\n"
				      "[reimburse]\n"
				      "student_level1 = 65\n"
				      "cap = 200000\n");
	free(p);
	return dir;
}

static void region_profiles_layered(void **state)
{
	struct config c;
	struct diags d = {0};

	(void)state;
	config_defaults(&c);
	free(c.regions_dir);
	c.regions_dir = put_regions();

	/* national alone (NULL means national). */
	assert_int_equal(load_region(&c, NULL, &d), 0);
	expect_ndiags(&d, 0);
	assert_string_equal(prof.name, "national");
	assert_string_equal(prof.title, "全国通用");
	assert_string_equal(kv_get(&prof.values, "local_app"), "当地政务APP");
	assert_string_equal(kv_get(&prof.reimburse, "student_level1"), "50-70");
	assert_string_equal(kv_get(&prof.reimburse, "deductible"), "");
	assert_string_equal(kv_get(&prof.reimburse, "cap"), "");

	/* fujian over national: its own values, national's for the rest. */
	assert_int_equal(load_region(&c, "fujian", &d), 0);
	expect_ndiags(&d, 0);
	assert_string_equal(prof.name, "fujian");
	assert_string_equal(prof.title, "福建省");
	assert_string_equal(kv_get(&prof.values, "local_app"), "“闽政通”APP");
	assert_string_equal(kv_get(&prof.values, "hotline"), "12393");
	assert_string_equal(kv_get(&prof.values, "fee_year"), "2025");
	assert_string_equal(kv_get(&prof.reimburse, "student_level1"), "65");
	assert_string_equal(kv_get(&prof.reimburse, "cap"), "200000");
	assert_string_equal(kv_get(&prof.reimburse, "deductible"), "");
	assert_null(kv_get(&prof.values, "nosuch"));

	/* Loading another profile starts again from national. */
	assert_int_equal(load_region(&c, "national", &d), 0);
	assert_string_equal(kv_get(&prof.values, "local_app"), "当地政务APP");
	assert_string_equal(prof.title, "全国通用");
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
}

static void unknown_region_falls_back(void **state)
{
	static const char *const names[] = {"atlantis", "../regions/fujian", "fujian.ini", ""};
	struct config c;
	struct diags d = {0};

	(void)state;
	config_defaults(&c);
	free(c.regions_dir);
	c.regions_dir = put_regions();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		/* The valid names are listed; what happens next is the caller's to say. */
		char *want = xasprintf("no region profile \"%s\" (the regions are: fujian, national)",
				       names[i]);

		assert_int_equal(load_region(&c, names[i], &d), -1);
		expect_ndiags(&d, 1);
		expect_diag(&d, 0, c.regions_dir, 0, want);
		assert_string_equal(prof.name, "national");
		assert_string_equal(prof.title, "全国通用");
		assert_string_equal(kv_get(&prof.values, "local_app"), "当地政务APP");
		free(want);
		diags_clear(&d);
	}
	/* A name in another case is that profile ("--region Fujian"). */
	assert_int_equal(load_region(&c, "Fujian", &d), 0);
	expect_ndiags(&d, 0);
	assert_string_equal(prof.name, "fujian");
	diags_clear(&d);
	config_clear(&c);
	regions_profile_clear(&prof);
}

static void region_file_problems(void **state)
{
	struct config c;
	struct diags d = {0};
	char *empty = xasprintf("%s/empty", tmpdir);
	char *fj;

	(void)state;
	config_defaults(&c);
	free(c.regions_dir);
	c.regions_dir = put_regions();
	fj = put("regions/fujian.ini", "[region]\n"       /* 1 */
				       "title = 福建省\n" /* 2 */
				       "name = fj\n"      /* 3 */
				       "[valeus]\n"       /* 4 */
				       "hotline = 1\n");  /* 5 */
	assert_int_equal(load_region(&c, "fujian", &d), 0);
	expect_ndiags(&d, 2);
	expect_diag(&d, 0, fj, 3, "unknown key \"name\" (sections: region, values, reimburse)");
	expect_diag(&d, 1, fj, 5, "unknown section \"valeus\" (sections: region, values, reimburse)");
	assert_string_equal(kv_get(&prof.values, "hotline"), "12393");
	diags_clear(&d);

	/* No national.ini at all: said once; the title falls back to the name. */
	assert_int_equal(mkdir(empty, 0700), 0);
	free(c.regions_dir);
	c.regions_dir = xstrdup(empty);
	assert_int_equal(load_region(&c, NULL, &d), 0);
	expect_ndiags(&d, 1);
	expect_diag(&d, 0, empty, 0, "no national.ini region profile here");
	assert_string_equal(prof.title, "national");
	assert_int_equal(prof.values.n, 0);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(empty);
	free(fj);
}

static void lookup_placeholders(void **state)
{
	struct config c;
	struct diags d = {0};

	(void)state;
	config_defaults(&c);
	free(c.regions_dir);
	c.regions_dir = put_regions();
	assert_int_equal(load_region(&c, "fujian", &d), 0);
	assert_string_equal(regions_lookup(&prof, "hotline"), "12393");
	assert_string_equal(regions_lookup(&prof, "local_app"), "“闽政通”APP");
	/* {{region}} is the profile's title. */
	assert_string_equal(regions_lookup(&prof, "region"), "福建省");
	assert_null(regions_lookup(&prof, "nosuch"));
	assert_null(regions_lookup(&prof, ""));
	/* [reimburse] figures are not placeholders. */
	assert_null(regions_lookup(&prof, "student_level1"));
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
}

/* [update]: https only, minisign public keys checked, paths from the file's directory. */
static void update_section(void **state)
{
	static const char k1[] = "RWQmoiPQKoJeL1dfBOA0nzV31RfCSNxwWhK7XpMI9WLHHcWgRftgJBCR";
	static const char k2[] = "RWSvh4KsLGycSj8jAbdF2N80UIR2CftQGYRJHglt8lOjlPobkTcGqwWv";
	struct config c;
	struct diags d = {0};
	char *keys = xasprintf("%s  %s", k1, k2);
	char *text = xasprintf("[update]\n"
			       "url = https://county.invalid/yibao.bundle\n"
			       "public_key = %s\n"
			       "ca_file = ca.pem\n"
			       "state_dir = state\n"
			       "warn_after_days = 30\n",
			       keys);
	char *path = put("u.ini", text);
	char *bad = put("bad.ini", "[update]\n"
				   "url = http://county.invalid/yibao.bundle\n"
				   "public_key = RWQnotakey\n"
				   "warn_after_days = 0\n"
				   "public_key = untrusted comment: minisign public key\n");
	char *ca = xasprintf("%s/ca.pem", tmpdir), *st = xasprintf("%s/state", tmpdir);

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 0);
	assert_string_equal(c.update_url, "https://county.invalid/yibao.bundle");
	assert_string_equal(c.update_public_key, keys);
	assert_string_equal(c.update_ca_file, ca);
	assert_string_equal(c.update_state_dir, st);
	assert_int_equal(c.update_warn_after_days, 30);
	assert_int_equal(config_load(&c, bad, true, &d), 0);
	expect_ndiags(&d, 4);
	expect_diag(&d, 0, bad, 2,
		    "[update] url: \"http://county.invalid/yibao.bundle\" is not an https:// URL; ignored");
	expect_diag(&d, 1, bad, 3,
		    "[update] public_key: public key 1 is not a minisign public key; ignored");
	expect_diag(&d, 2, bad, 4,
		    "[update] warn_after_days: \"0\" is not a number from 1 to 36500; default kept");
	expect_diag(&d, 3, bad, 5,
		    "[update] public_key: public key 1 is not a minisign public key; ignored");
	/* The good values stay. */
	assert_string_equal(c.update_url, "https://county.invalid/yibao.bundle");
	assert_string_equal(c.update_public_key, keys);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(keys);
	free(text);
	free(path);
	free(bad);
	free(ca);
	free(st);
}

static void kvlist(void **state)
{
	struct kvlist l = {0};

	(void)state;
	assert_null(kv_get(&l, "a"));
	kv_set(&l, "a", "1");
	kv_set(&l, "b", "2");
	kv_set(&l, "a", "3");
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "a"), "3");
	assert_string_equal(kv_get(&l, "b"), "2");
	/* Keys are matched exactly. */
	assert_null(kv_get(&l, "A"));
	kv_clear(&l);
	assert_int_equal(l.n, 0);
	kv_clear(&l);
}

/* Drop-ins: after the file, every *.ini of FILE.d in name order; other names skipped. */
static void dropins_in_name_order(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("main.ini", "[guide]\nregion = main\nidle_timeout_s = 100\n");
	char *dir = xasprintf("%s/main.ini.d", tmpdir);
	char *p1, *p2, *p3, *p4;

	(void)state;
	assert_int_equal(mkdir(dir, 0755), 0);
	p1 = put("main.ini.d/20-b.ini", "[guide]\nregion = b\n");
	p2 = put("main.ini.d/10-a.ini", "[guide]\nregion = a\nidle_timeout_s = 120\n");
	p3 = put("main.ini.d/99-z.ini.dpkg-old", "[guide]\nregion = z\n");
	p4 = put("main.ini.d/.50-hidden.ini", "[guide]\nregion = h\n");
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 0);
	assert_string_equal(c.region, "b");
	assert_int_equal(c.idle_timeout_s, 120);
	config_clear(&c);
	regions_profile_clear(&prof);
	/* A missing main file: its drop-ins are still read (and -1 says so). */
	assert_int_equal(unlink(path), 0);
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, false, &d), -1);
	expect_ndiags(&d, 0);
	assert_string_equal(c.region, "b");
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(p1);
	free(p2);
	free(p3);
	free(p4);
	free(dir);
	free(path);
}

/* A directory where a drop-in belongs, a NUL, an unknown key: FILE:LINE, the rest read. */
static void bad_dropins_reported_rest_read(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("y.ini", "[guide]\nregion = main\n");
	char *dir = xasprintf("%s/y.ini.d", tmpdir);
	char *sub = xasprintf("%s/y.ini.d/20-dir.ini", tmpdir);
	char *p1, *p3, *p4, *nul;
	FILE *f;

	(void)state;
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	p1 = put("y.ini.d/10-unknown.ini", "[guide]\nkoisk = true\nregion = ten\n");
	nul = xasprintf("%s/y.ini.d/30-nul.ini", tmpdir);
	f = fopen(nul, "w");
	assert_non_null(f);
	fwrite("[display]\nmarker = true\nmouse = t\0rue\n", 1, 38, f);
	fclose(f);
	p3 = put("y.ini.d/40-last.ini", "[guide]\nregion = last\n");
	p4 = put("y.ini.d/notes.txt", "not read\n");
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, true, &d), 0);
	expect_ndiags(&d, 3);
	expect_diag(&d, 0, p1, 2, "unknown key \"koisk\" in [guide]");
	expect_diag(&d, 1, sub, 0,
		    "cannot open config file: not a regular file (a directory, FIFO, socket or device)");
	expect_diag(&d, 2, nul, 3, "NUL byte in the line; line ignored");
	assert_true(c.marker);
	assert_false(c.mouse);
	assert_string_equal(c.region, "last");
	assert_false(c.kiosk); /* not a system file: nothing fails closed */
	assert_int_equal(c.nfail_closed, 0);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(p1);
	free(p3);
	free(p4);
	free(nul);
	free(sub);
	free(dir);
	free(path);
}

/* In a user's file a bad guarding value keeps the earlier one (and kiosk stays off). */
static void user_file_bad_kiosk_keeps_default(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("u.ini", "[guide]\nkiosk = ture\n");

	(void)state;
	config_defaults(&c);
	config_load_file(&c, path, CONFIG_REQUIRED, &d);
	expect_ndiags(&d, 1);
	expect_diag(&d, 0, path, 2, "[guide] kiosk: \"ture\" is not true or false; default kept");
	assert_false(c.kiosk);
	assert_null(c.fail_closed);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(path);
}

/* A system file's bad value for a guarding setting: the safe value, and kiosk. */
static void system_file_fails_closed(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("s.ini", "[guide]\nidle_timeout_s = 900\nexport_dir = /srv/out\n"
				  "[status]\nurl = https://ok.invalid/y\nallow_loopback_http = true\n"
				  "[update]\nurl = https://ok.invalid/b\n");
	char *dir = xasprintf("%s/s.ini.d", tmpdir);
	char *p1, *p2, *want;

	(void)state;
	assert_int_equal(mkdir(dir, 0755), 0);
	p1 = put("s.ini.d/50-site.ini", "[guide]\nkiosk = ture\nidle_timeout_s = 5m\n"
					"export_dir = /srv/\x1b[2Jout\n"
					"[status]\nurl = ftp://x.invalid/\nallow_loopback_http = maybe\n"
					"[update]\nurl = http://mirror.invalid/b\npublic_key = RWQnotakey\n"
					"[display]\nmouse = sometimes\n");
	/* A later drop-in cannot switch kiosk off again. */
	p2 = put("s.ini.d/60-later.ini", "[guide]\nkiosk = false\n");
	config_defaults(&c);
	config_load_file(&c, path, CONFIG_REQUIRED | CONFIG_SYSTEM, &d);
	assert_true(c.kiosk);
	assert_int_equal(c.idle_timeout_s, 300);
	assert_null(c.export_dir);
	assert_null(c.status_url);
	assert_false(c.allow_loopback_http);
	assert_null(c.update_url);
	assert_null(c.update_public_key);
	assert_false(c.mouse); /* not a guarding setting: the default kept, as anywhere */
	assert_int_equal(c.nfail_closed, 7);
	want = xasprintf("%s:2: [guide] kiosk: \"ture\" is not true or false", p1);
	assert_string_equal(c.fail_closed, want);
	expect_ndiags(&d, 8);
	expect_diag(&d, 0, p1, 2,
		    "[guide] kiosk: \"ture\" is not true or false; it guards residents: the safe "
		    "value is used and sessions run as kiosk");
	expect_diag(&d, 7, p1, 12, "[display] mouse: \"sometimes\" is not true or false; default kept");
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(want);
	free(p1);
	free(p2);
	free(dir);
	free(path);
}

/* A system drop-in that is there but cannot be read may hold kiosk = true. */
static void system_unreadable_dropin_fails_closed(void **state)
{
	struct config c;
	struct diags d = {0};
	char *path = put("k.ini", "[guide]\nkiosk = false\n");
	char *dir = xasprintf("%s/k.ini.d", tmpdir);
	char *sub = xasprintf("%s/k.ini.d/50-site.ini", tmpdir);

	(void)state;
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	config_defaults(&c);
	config_load_file(&c, path, CONFIG_SYSTEM, &d);
	assert_true(c.kiosk);
	assert_int_equal(c.nfail_closed, 1);
	assert_int_equal(d.n, 2);
	config_clear(&c);
	regions_profile_clear(&prof);
	diags_clear(&d);
	free(sub);
	free(dir);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test_setup_teardown(file_overrides_some_keys, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(bad_values_keep_default, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(update_max_size, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(unknown_section_and_key, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(long_line_reported, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(nul_byte_reported, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(fifo_config_refused, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(many_region_values, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(relative_paths_from_file_dir, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(two_files_layered, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(region_profiles_layered, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(unknown_region_falls_back, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(region_file_problems, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(lookup_placeholders, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(update_section, make_dir, remove_dir),
		cmocka_unit_test(kvlist),
		cmocka_unit_test_setup_teardown(dropins_in_name_order, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(bad_dropins_reported_rest_read, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(user_file_bad_kiosk_keeps_default, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(system_file_fails_closed, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(system_unreadable_dropin_fails_closed, make_dir, remove_dir),
	};

	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
