/*
 * util.c -- allocation wrappers, growable strings and diagnostics
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "util.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

char *xmemdup0(const void *p, size_t n)
{
	char *c = xmalloc(n + 1);

	if (n > 0)
		memcpy(c, p, n);
	c[n] = '\0';
	return c;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	char *s;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("bad format");
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void util_say(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (why == NULL || whylen == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	/* One line: a library's message (SQLite quotes a schema) may hold newlines. */
	for (char *p = why; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	/* Cut to fit, but never inside a UTF-8 sequence: whole characters only. */
	if (n >= 0 && (size_t)n >= whylen) {
		size_t len = strlen(why), lead = len;

		while (lead > 0 && ((unsigned char)why[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0 && ((unsigned char)why[lead - 1] & 0x80)) {
			unsigned char c = (unsigned char)why[lead - 1];
			size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3
					      : c >= 0xC0       ? 2
								: 1;

			if (len - (lead - 1) < want)
				why[lead - 1] = '\0';
		}
	}
}

long util_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int util_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

bool util_same_bytes(int dfa, const char *a, int dfb, const char *b)
{
	int fa = openat(dfa, a, O_RDONLY | O_CLOEXEC), fb = openat(dfb, b, O_RDONLY | O_CLOEXEC);
	char ba[65536], bb[sizeof ba];
	bool same = fa >= 0 && fb >= 0;

	while (same) {
		ssize_t na = read(fa, ba, sizeof ba), nb = read(fb, bb, sizeof bb);

		if (na < 0 || na != nb || memcmp(ba, bb, (size_t)na) != 0)
			same = false;
		if (na <= 0)
			break;
	}
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return same;
}

size_t util_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
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
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_adds(sb, s);
	free(s);
}

void sb_add_secret(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap;
		char *p = xgrow(NULL, &cap, sb->len + n + 1, 1);

		/* Moved by hand: realloc would free the old copy unwiped. */
		if (sb->s != NULL) {
			memcpy(p, sb->s, sb->len);
			util_wipe(sb->s, sb->cap);
			free(sb->s);
		}
		sb->s = p;
		sb->cap = cap;
	}
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_wipe(struct strbuf *sb)
{
	if (sb->s != NULL)
		util_wipe(sb->s, sb->cap);
	sb_clear(sb);
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_clear(struct strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
{
	struct diag *g;
	va_list ap;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	g = &d->v[d->n++];
	g->file = xstrdup(file != NULL ? file : "yibao");
	g->line = line;
	va_start(ap, fmt);
	g->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* One diagnostic as a line of text with no control character in it. Caller frees. */
static bool diags_has(const struct diags *d, const struct diag *x)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == x->line && strcmp(d->v[i].file, x->file) == 0 &&
		    strcmp(d->v[i].msg, x->msg) == 0)
			return true;
	return false;
}

size_t diags_merge(struct diags *to, struct diags *from)
{
	size_t added = 0;

	for (size_t i = 0; i < from->n; i++)
		if (!diags_has(to, &from->v[i])) {
			diags_add(to, from->v[i].file, from->v[i].line, "%s", from->v[i].msg);
			added++;
		}
	diags_clear(from);
	return added;
}

void diags_clear(struct diags *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

/* Read what open() gave; refused unless a regular file of owner ((uid_t)-1: any). */
static char *read_fd(int fd, size_t max, size_t *len, uid_t owner)
{
	struct strbuf sb = {0};
	struct stat st;
	char buf[8192];
	ssize_t n;
	int err = 0;

	if (fstat(fd, &st) != 0) {
		err = errno;
	} else if (!S_ISREG(st.st_mode)) {
		err = UTIL_ENOTREG;
	} else if (owner != (uid_t)-1 && st.st_uid != owner) {
		err = UTIL_ENOTOWN;
	} else {
		while ((n = read(fd, buf, sizeof buf)) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				err = errno;
				break;
			}
			if (sb.len + (size_t)n > max) {
				err = EFBIG;
				break;
			}
			sb_add(&sb, buf, (size_t)n);
		}
	}
	close(fd);
	if (err != 0) {
		sb_clear(&sb);
		errno = err;
		return NULL;
	}
	if (len != NULL)
		*len = sb.len;
	return sb_take(&sb);
}

char *util_read_regular(const char *path, size_t max, size_t *len, bool nofollow)
{
	/*
	 * O_NONBLOCK: opening a FIFO (or a device) must not wait for a writer;
	 * whatever it is, fstat then refuses it before anything is read.
	 */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));

	if (fd < 0)
		return NULL; /* ELOOP: a symbolic link, with nofollow */
	return read_fd(fd, max, len, (uid_t)-1);
}

char *util_read_owned(const char *path, size_t max, size_t *len, uid_t owner)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return NULL;
	return read_fd(fd, max, len, owner);
}

char *util_read_file(const char *path, size_t max, size_t *len)
{
	return util_read_regular(path, max, len, true);
}

const char *util_read_error(int err)
{
	if (err == UTIL_ENOTREG)
		return "not a regular file (a directory, FIFO, socket or device)";
	if (err == ELOOP)
		return "a symbolic link (not followed)";
	if (err == UTIL_ENOTOWN)
		return "not owned by the account it must belong to";
	return strerror(err);
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

void util_trim_stack(void)
{
	long page = sysconf(_SC_PAGESIZE);
	volatile char here = 0;
	/* A margin below this frame for the callee frames still to come. */
	uintptr_t top = ((uintptr_t)&here - 16 * 1024) & ~((uintptr_t)page - 1);
	size_t len = 256 * 1024;

	if (page <= 0 || top < len)
		return;
	/* Pages below the lowest one ever used are not mapped: madvise says ENOMEM, and skips them. */
	madvise((void *)(top - len), len, MADV_DONTNEED);
}

const char *util_dlsyms(void *handle, const struct util_sym *syms, size_t n, void *api)
{
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(handle, syms[i].name);

		if (p == NULL)
			return syms[i].name;
		/* POSIX: a function pointer has the size and form of void *. */
		memcpy((char *)api + syms[i].off, &p, sizeof p);
	}
	return NULL;
}
