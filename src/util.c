/*
 * util.c -- allocation wrappers, growable strings and diagnostics
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>

#include "text.h"

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL)
		fatal_hook();
	fputs("yibao: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		fatal("out of memory (%zu bytes)", n);
	return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / sz)
			fatal("out of memory");
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * sz);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format");
	sb.s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(sb.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return sb.s;
}

void util_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb->s = xgrow(sb->s, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb->s = xgrow(sb->s, &sb->cap, sb->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
{
	struct diag *g;
	va_list ap;
	int n;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	g = &d->v[d->n++];
	g->file = xstrdup(file != NULL ? file : "yibao");
	g->line = line;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	g->msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	g->msg[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(g->msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* One diagnostic as a line of text with no control character in it. Caller frees. */
static char *diag_line(const struct diag *g)
{
	char *file = text_sanitize(g->file, strlen(g->file), 0, NULL, NULL);
	char *msg = text_sanitize(g->msg, strlen(g->msg), 0, NULL, NULL);
	char *line = g->line > 0 ? xasprintf("%s:%d: %s", file, g->line, msg)
				 : xasprintf("%s: %s", file, msg);

	free(file);
	free(msg);
	return line;
}

void diags_print(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_line(&d->v[i]);

		fprintf(stderr, "%s\n", line);
		free(line);
	}
}

void diags_log(const struct diags *d)
{
	if (d->n == 0)
		return;
	openlog("yibao", LOG_PID | LOG_NDELAY, LOG_USER);
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_line(&d->v[i]);

		syslog(LOG_WARNING, "%s", line);
		free(line);
	}
	closelog();
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

char *util_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = {0};
	char buf[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (sb.len + n > max) {
			sb_free(&sb);
			fclose(f);
			errno = EFBIG;
			return NULL;
		}
		sb_add(&sb, buf, n);
	}
	if (ferror(f)) {
		sb_free(&sb);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	if (len != NULL)
		*len = sb.len;
	return sb_take(&sb);
}

char *util_path_join(const char *dir, const char *rel)
{
	size_t n;

	if (rel[0] == '/' || dir == NULL || dir[0] == '\0')
		return xstrdup(rel);
	n = strlen(dir);
	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, rel);
	return xasprintf("%s/%s", dir, rel);
}

char *util_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int util_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int util_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
