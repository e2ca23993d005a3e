/*
 * util.h -- allocation wrappers, growable strings and diagnostics
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_UTIL_H
#define YIBAO_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Called before the process exits on allocation failure, so the terminal can be
 * restored first. Set once by main; NULL means nothing to restore.
 */
void util_set_fatal_hook(void (*hook)(void));

/* Print "yibao: MSG" on stderr, run the fatal hook, exit(1). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Allocation that never returns NULL (fatal() instead). Caller frees. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array to hold at least need elements of size sz; updates *cap. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Overwrite memory so the compiler cannot drop it (explicit_bzero; for ID numbers). NULL is fine. */
void util_wipe(void *p, size_t n);

/* A growable NUL-terminated byte string. Zero-initialise, then sb_*; sb_free. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the string over to the caller (never NULL); sb is left empty. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/*
 * Diagnostics: problems found in content or config, each with a file and line
 * (line 0: the whole file). Collected, then printed by the caller.
 */
struct diag {
	char *file;
	int line;
	char *msg;
};
struct diags {
	struct diag *v;
	size_t n, cap;
};
void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Print "FILE:LINE: message" lines to stderr, one a diagnostic, with control
 * characters removed from file names and messages alike (text_sanitize).
 */
void diags_print(const struct diags *d);
/*
 * The same lines to syslog (facility user, priority warning, ident "yibao"),
 * for kiosk mode, where stderr is the resident's screen. Nothing when there
 * is no syslog daemon.
 */
void diags_log(const struct diags *d);
void diags_free(struct diags *d);

/* Read a whole file (at most max bytes). Returns NULL and sets errno on failure. Caller frees. */
char *util_read_file(const char *path, size_t max, size_t *len);
/* Join a directory and a relative path ("a" + "b" -> "a/b"); absolute rel returned as is. */
char *util_path_join(const char *dir, const char *rel);
/* Directory part of path ("a/b.ini" -> "a", "b.ini" -> "."). Caller frees. */
char *util_dirname(const char *path);
int util_is_dir(const char *path);
int util_is_file(const char *path);

#endif
