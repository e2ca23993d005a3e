/*
 * fuzz_config.c -- libFuzzer harness for config_load and region profiles (inih)
 * SPDX-License-Identifier: MIT
 *
 * config_load and regions_load read files by path, so the input goes into
 * a memfd that both read: config_load through /proc/self/fd/N, the region loader
 * through a temporary directory whose national.ini is a symlink to the same
 * memfd. Beyond memory safety and leaks: every setting stays in its range, and
 * every string the config holds and every diagnostic is valid UTF-8.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "../../src/config.h"
#include "../../src/regions.h"
#include "../../src/util.h"

static int memfd = -1;
static char fdpath[64];
static char tmpdir[] = "/tmp/yibao-fuzz-config.XXXXXX";
static char linkpath[sizeof tmpdir + 16];

static void cleanup(void)
{
	if (linkpath[0] != '\0')
		unlink(linkpath);
	if (strchr(tmpdir, 'X') == NULL)
		rmdir(tmpdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	memfd = memfd_create("yibao-fuzz-config", 0);
	if (memfd < 0 || mkdtemp(tmpdir) == NULL) {
		perror("fuzz_config: memfd_create/mkdtemp");
		exit(1);
	}
	snprintf(fdpath, sizeof fdpath, "/proc/%ld/fd/%d", (long)getpid(), memfd);
	snprintf(linkpath, sizeof linkpath, "%s/national.ini", tmpdir);
	atexit(cleanup);
	if (symlink(fdpath, linkpath) != 0) {
		perror("fuzz_config: symlink");
		exit(1);
	}
	return 0;
}

static void check_str(const char *s)
{
	if (s != NULL && !fuzz_utf8_ok(s, strlen(s)))
		fuzz_fail("config: a string setting is not valid UTF-8");
}

/* Keys are only compared, never shown: values must be clean, keys need not be. */
static void check_kv(const struct kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		check_str(l->v[i].val);
		if (kv_get(l, l->v[i].key) == NULL)
			fuzz_fail("config: kv_get misses a key the list holds");
	}
}

/* Diagnostics quote section and key names as written: valid input, valid messages. */
static void check_config(const struct config *c, const struct diags *d, bool utf8_input)
{
	check_str(c->content_dir);
	check_str(c->regions_dir);
	check_str(c->region);
	check_str(c->export_dir);
	check_str(c->status_url);
	check_str(c->token_file);
	check_str(c->ca_file);
	check_str(c->proxy);
	/* The exact ranges live in config.c's table; out-of-range values must never land. */
	if (c->idle_timeout_s < 1 || c->idle_timeout_s > 86400 || c->cache_s < 0 ||
	    c->cache_s > 86400 || c->connect_timeout_ms < 1 || c->connect_timeout_ms > 600000 ||
	    c->timeout_ms < 1 || c->timeout_ms > 600000)
		fuzz_fail("config: a number outside its range");
	if ((unsigned)c->color > CFG_COLOR_NEVER || (unsigned)c->charset > CHARSET_GB18030)
		fuzz_fail("config: an enum outside its values");
	for (size_t i = 0; i < d->n && utf8_input; i++)
		if (!fuzz_utf8_ok(d->v[i].msg, strlen(d->v[i].msg)))
			fuzz_fail("config: a diagnostic is not valid UTF-8");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct regions rs;
	struct profile p = {0};
	struct diags d = {0};
	bool utf8 = fuzz_utf8_ok((const char *)data, size);

	if (ftruncate(memfd, 0) != 0 || pwrite(memfd, data, size, 0) != (ssize_t)size)
		fuzz_fail("config: cannot write the memfd");

	config_defaults(&c);
	if (config_load(&c, fdpath, true, &d) != 0)
		fuzz_fail("config: config_load could not open the memfd");
	check_config(&c, &d, utf8);

	/* The same bytes as a region profile: national.ini of a regions directory. */
	regions_from_dir(&rs, tmpdir);
	(void)regions_load(&p, &rs, c.region, &d);
	check_config(&c, &d, utf8);
	check_str(p.name);
	check_str(p.title);
	check_kv(&p.values);
	check_kv(&p.reimburse);
	(void)regions_lookup(&p, "region");
	(void)regions_lookup(&p, "hotline");

	regions_profile_clear(&p);
	regions_clear(&rs);
	config_clear(&c);
	diags_clear(&d);
	return 0;
}
