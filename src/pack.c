/*
 * pack.c -- check a content directory for every region and pack it into a bundle
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_builder.h"
#include "calc.h"
#include "config.h"
#include "content.h"
#include "dates.h"
#include "guide.h"
#include "profile.h"
#include "util.h"

#define META_DEFAULT_DAYS 400

struct meta_ctx {
	struct pack_meta *pm;
	const char *path;
	struct diags *d;
	FILE *f;
	int line;
	bool have_version, have_year;
	bool have_days, have_until;
	int until_line;
};

static char *meta_line(char *buf, int size, void *stream)
{
	struct meta_ctx *mc = stream;
	char *s = fgets(buf, size, mc->f);

	if (s != NULL)
		mc->line++;
	return s;
}

static bool meta_number(const char *v, long long lo, long long hi, long long *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

static int on_meta(void *user, const char *section, const char *key, const char *v)
{
	struct meta_ctx *mc = user;
	long long n;

	if (strcmp(section, "bundle") != 0) {
		diags_add(mc->d, mc->path, mc->line, "unknown section (only [bundle])");
		return 1;
	}
	if (strcmp(key, "version") == 0) {
		if (meta_number(v, 1, 999999999999LL, &n)) {
			mc->pm->version = n;
			mc->have_version = true;
		} else {
			diags_add(mc->d, mc->path, mc->line,
				  "[bundle] version must be a whole number from 1 (it only grows)");
		}
	} else if (strcmp(key, "policy_year") == 0) {
		if (meta_number(v, 2000, 9999, &n)) {
			mc->pm->policy_year = (int)n;
			mc->have_year = true;
		} else {
			diags_add(mc->d, mc->path, mc->line, "[bundle] policy_year must be a year like 2025");
		}
	} else if (strcmp(key, "valid_days") == 0) {
		if (meta_number(v, 1, 3660, &n))
			mc->pm->valid_days = (int)n;
		else
			diags_add(mc->d, mc->path, mc->line,
				  "[bundle] valid_days must be a number of days from 1 to 3660 "
				  "(counted from the end of the policy year)");
		mc->have_days = true;
	} else if (strcmp(key, "valid_until") == 0) {
		struct date dt;

		if (dates_parse(v, &dt))
			memcpy(mc->pm->valid_until, v, 11);
		else
			diags_add(mc->d, mc->path, mc->line,
				  "[bundle] valid_until must be a date that exists, like 2026-12-31");
		mc->have_until = true;
		mc->until_line = mc->line;
	} else {
		diags_add(mc->d, mc->path, mc->line,
			  "unknown key in [bundle] (version, policy_year, valid_until or valid_days)");
	}
	return 1;
}

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

int pack_meta_read(const char *dir, bool required, struct pack_meta *pm, struct diags *d)
{
	char *path = util_path_join(dir, "bundle.ini");
	struct meta_ctx mc = {pm, path, d, NULL, 0, false, false, false, false, 0};
	size_t before = d->n;
	int rc;

	pm->version = 1;
	pm->policy_year = this_year();
	pm->valid_days = META_DEFAULT_DAYS;
	pm->valid_until[0] = '\0';
	mc.f = fopen(path, "r");
	if (mc.f == NULL) {
		if (required)
			diags_add(d, path, 0, "cannot open: %s (it gives the bundle's version, policy_year and valid_days)",
				  strerror(errno));
		free(path);
		return required ? -1 : 0;
	}
	rc = ini_parse_stream(meta_line, &mc, on_meta, &mc);
	fclose(mc.f);
	if (rc > 0)
		diags_add(d, path, rc, "not an INI line (\"key = value\" or \"[section]\")");
	if (!mc.have_version)
		diags_add(d, path, 0, "[bundle] version is missing");
	if (!mc.have_year)
		diags_add(d, path, 0, "[bundle] policy_year is missing");
	if (mc.have_until && mc.have_days)
		diags_add(d, path, mc.until_line,
			  "[bundle] give valid_until or valid_days, not both");
	else if (pm->valid_until[0] != '\0' && mc.have_year &&
		 atoi(pm->valid_until) < pm->policy_year)
		diags_add(d, path, mc.until_line,
			  "[bundle] valid_until %s is before the policy year %d begins",
			  pm->valid_until, pm->policy_year);
	free(path);
	return d->n > before ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Region profile names of dir (file names without .ini), national first. */
static char **region_names(const char *dir, size_t *n)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (dh == NULL)
		return NULL;
	while ((de = readdir(dh)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || de->d_name[0] == '.' || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(de->d_name, len - 4);
	}
	closedir(dh);
	if (*n > 0)
		qsort(v, *n, sizeof *v, cmp_str);
	for (size_t i = 1; i < *n; i++)
		if (strcmp(v[i], "national") == 0) {
			char *t = v[i];

			memmove(v + 1, v, i * sizeof *v);
			v[0] = t;
		}
	return v;
}

static void names_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One region: its profile loaded into p, its guide loaded; problems into d. */
static struct guide *load_region(struct profile *p, const struct regions *rs,
				 const char *content_dir, const char *name, struct diags *d)
{
	regions_load(p, rs, name, d);
	/* As strictly as screens: a bundle is never packed from a profile with a typo. */
	profile_check(rs, name, d);
	return guide_load(content_dir, name, regions_lookup, p);
}

/* ---- writing ---- */

struct writer {
	struct bundle_builder *bb;
	struct diags *d;
	bool failed;
};

static void date_of(time_t t, char out[11])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void pack_valid_until(const struct pack_meta *pm, char out[11])
{
	struct date end = {pm->policy_year, 12, 31};

	if (pm->valid_until[0] != '\0') {
		memcpy(out, pm->valid_until, 11);
		return;
	}
	end = dates_from_days(dates_days(end) + pm->valid_days);
	snprintf(out, 11, "%04d-%02d-%02d", end.y, end.m, end.d);
}

void pack_warn_year(const char *content_dir, bool allow_override)
{
	struct pack_meta pm;
	struct diags ignore = {0};
	struct dates_today t = dates_today(allow_override);
	struct date until;
	char u[11];

	if (pack_meta_read(content_dir, true, &pm, &ignore) == 0 && t.plausible) {
		if (dates_year_standing(&t, pm.policy_year) == DATES_YEAR_OVER)
			fprintf(stderr,
				"yibao: warning: policy_year %d is over (today is %04d-%02d-%02d): "
				"every money screen will say the figures are for %d\n",
				pm.policy_year, t.d.y, t.d.m, t.d.d, pm.policy_year);
		pack_valid_until(&pm, u);
		if (dates_parse(u, &until) && dates_days(t.d) > dates_days(until))
			fprintf(stderr,
				"yibao: warning: the bundle is past its valid-until date %s already: "
				"--update refuses it\n",
				u);
	}
	diags_clear(&ignore);
}

/* Now, or SOURCE_DATE_EPOCH (reproducible package builds). */
static time_t created_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long n;

	if (sde != NULL && meta_number(sde, 0, 253402300799LL, &n))
		return (time_t)n;
	return time(NULL);
}

/* A builder with the manifest: pm, created now, and the region names. */
static struct bundle_builder *w_manifest(const struct pack_meta *pm, char **names, size_t n)
{
	time_t now = created_time();
	char created[11], until[11];
	struct strbuf regions = {0};
	struct bundle_builder *bb;

	date_of(now, created);
	pack_valid_until(pm, until);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sb_addc(&regions, ' ');
		sb_adds(&regions, names[i]);
	}
	sb_add(&regions, "", 0);
	bb = bundle_builder_new(pm->version, pm->policy_year, created, until, regions.s);
	sb_clear(&regions);
	return bb;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/*
 * A screen file, once for every region: its text as written, and its text as
 * shown (parsed with placeholders left as {{name}}, filled with the region's
 * values when searched).
 */
static void w_file(struct writer *w, const char *file, const char *path)
{
	size_t len;
	char *raw, *shown = NULL;
	struct diags ignore = {0};
	struct screen *s;

	if (bundle_builder_has_file(w->bb, file))
		return;
	raw = util_read_file(path, CONTENT_MAX_FILE, &len);
	if (raw == NULL) {
		diags_add(w->d, path, 0, "cannot read: %s", strerror(errno));
		w->failed = true;
		return;
	}
	s = content_parse(path, raw, len, NULL, NULL, &ignore);
	diags_clear(&ignore); /* said by the region passes */
	if (s != NULL)
		shown = guide_screen_text(s);
	bundle_builder_file(w->bb, file, raw, len, shown);
	free(shown);
	screen_free(s);
	free(raw);
}

static void w_region(struct writer *w, const struct guide *g, const char *region)
{
	for (size_t i = 0; i < g->nscreens; i++) {
		const struct screen *s = g->screens[i];
		const char *file = base_name(s->file);

		w_file(w, file, s->file);
		bundle_builder_entry(w->bb, region, file, s->id, s->code, s->title, (int)s->kind,
				     s->updated, s->source);
	}
}

/*
 * The image of a bundle: the manifest, every region profile's text, and for
 * each region in only (or every region when only is NULL) its screens. NULL
 * when something could not be read or written (said in d; problems with the
 * content are said in d too, but do not stop the image).
 */
static void *pack_image(const char *content_dir, const char *regions_dir,
			const struct pack_meta *pm, const char *only, const char *what,
			size_t *len, struct diags *d)
{
	struct writer w = {.d = d};
	size_t nregions;
	char **names = region_names(regions_dir, &nregions);
	struct regions rs;
	char err[200];
	void *image;

	regions_from_dir(&rs, regions_dir);

	*len = 0;
	if (nregions == 0)
		diags_add(d, regions_dir, 0, "no region profiles (*.ini) here");
	w.bb = w_manifest(pm, names, nregions);
	for (size_t r = 0; r < nregions && !w.failed; r++) {
		char *file = xasprintf("%s.ini", names[r]);
		char *path = util_path_join(regions_dir, file);
		size_t plen;
		char *text = util_read_file(path, CONTENT_MAX_FILE, &plen);

		if (text == NULL) {
			diags_add(d, path, 0, "cannot read: %s", strerror(errno));
			w.failed = true;
		} else {
			bundle_builder_region(w.bb, names[r], text, plen);
		}
		free(text);
		free(path);
		free(file);
		if (!w.failed && (only == NULL || strcmp(only, names[r]) == 0)) {
			struct profile p = {0};
			struct diags one = {0};
			struct guide *g = load_region(&p, &rs, content_dir, names[r], &one);

			diags_merge(d, &one);
			diags_merge(d, &g->diags);
			w_region(&w, g, names[r]);
			guide_free(g);
			regions_profile_clear(&p);
		}
	}
	names_free(names, nregions);
	regions_clear(&rs);
	image = bundle_builder_finish(w.bb, len, err, sizeof err);
	if (image == NULL)
		diags_add(d, what, 0, "cannot write the bundle: %s", err);
	if (w.failed) {
		free(image);
		*len = 0;
		return NULL;
	}
	return image;
}

int pack_write(const char *out, const char *content_dir, const char *regions_dir,
	       struct diags *d)
{
	struct pack_meta pm;
	char *tmp, *dir;
	unsigned char *image;
	size_t len;
	int fd, rc;
	size_t before = d->n;

	/* One pass: checked while written, every region; any problem and the result goes. */
	pack_meta_read(content_dir, true, &pm, d);
	image = pack_image(content_dir, regions_dir, &pm, NULL, out, &len, d);
	if (image == NULL || d->n > before) {
		free(image);
		return -1;
	}
	tmp = xasprintf("%s.tmp.XXXXXX", out);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diags_add(d, out, 0, "cannot create a file beside it: %s", strerror(errno));
		free(tmp);
		free(image);
		return -1;
	}
	rc = 0;
	if (util_write_all(fd, image, len) < 0 || fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
		diags_add(d, out, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	free(image);
	close(fd);
	if (rc == 0 && rename(tmp, out) < 0) {
		diags_add(d, out, 0, "cannot rename the new bundle into place: %s", strerror(errno));
		rc = -1;
	}
	if (rc < 0) {
		unlink(tmp);
	} else {
		/* The rename itself reaches the disk with the directory. */
		dir = util_dirname(out);
		fd = open(dir, O_RDONLY | O_DIRECTORY);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
	free(tmp);
	return rc;
}

void *pack_memory(const char *content_dir, const char *regions_dir, const char *region,
		  size_t *len, struct diags *d)
{
	struct pack_meta pm;

	pack_meta_read(content_dir, false, &pm, d);
	return pack_image(content_dir, regions_dir, &pm, region != NULL ? region : "national",
			  content_dir, len, d);
}
