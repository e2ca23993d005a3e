/*
 * util.h -- allocation wrappers, growable strings and diagnostics
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_UTIL_H
#define YIBAO_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Called before the process exits on allocation failure, so the terminal can be
 * restored first. Set once by main; NULL means nothing to restore.
 */
void util_set_fatal_hook(void (*hook)(void));

/*
 * Give back the stack pages below the caller's frame (start-up went deep once:
 * terminfo is read through a 32 KiB buffer on the stack). Call from a shallow
 * frame; the pages come back zeroed if the stack grows there again.
 */
void util_trim_stack(void);
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
/* The n bytes at p (NUL bytes too) and a NUL after them. Caller frees. */
char *xmemdup0(const void *p, size_t n);
/* printf into a fresh string. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (ap is used up). Caller frees. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/*
 * A one-line reason into why (whylen bytes, cut to fit between whole UTF-8
 * characters; control characters, newlines among them, become spaces); nothing
 * when why is NULL. The why buffer of the error convention (README, layout).
 */
void util_say(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Milliseconds on the monotonic clock (for timeouts; not wall time). */
long util_now_ms(void);

/* Overwrite memory so the compiler cannot drop it (explicit_bzero; for ID numbers). NULL is fine. */
void util_wipe(void *p, size_t n);

/* FNV-1a of a NUL-terminated string, for hash tables (not for anything an attacker must not collide). */
size_t util_hash(const char *s);

/* A growable NUL-terminated byte string. Zero-initialise, then sb_*; sb_clear. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * sb_add for secrets (an ID number as typed or received): when the buffer
 * grows, the old one is wiped before it is freed. Free such a buffer with sb_wipe.
 */
void sb_add_secret(struct strbuf *sb, const char *s, size_t n);
/* Wipe the whole buffer (its capacity), then sb_clear. */
void sb_wipe(struct strbuf *sb);
/* Hand the string over to the caller (never NULL); sb is left empty. */
char *sb_take(struct strbuf *sb);
/* Free the text of sb, left empty (sb may be NULL). */
void sb_clear(struct strbuf *sb);

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
/* Printing them (sanitised) is report.h's: util knows nothing of text. */
/* Free every problem of d, left empty (d may be NULL). */
void diags_clear(struct diags *d);
/*
 * Move every problem of from into to, each only once (one already in to, the
 * same file, line and message, is dropped); from is left empty. Returns how
 * many were added.
 */
size_t diags_merge(struct diags *to, struct diags *from);

/*
 * errno of util_read_regular for something that is not a regular file
 * (a FIFO, socket, device or directory): util_read_error names it.
 */
#define UTIL_ENOTREG ENODEV
/*
 * errno of util_read_owned for a file another account owns: one that opening
 * or reading a file never sets (EACCES would make every "Permission denied"
 * read as this).
 */
#define UTIL_ENOTOWN EOWNERDEAD
/*
 * Read a whole regular file (at most max bytes; *len gets its length when len
 * is not NULL). The file is opened without waiting (O_NONBLOCK) and refused
 * unless fstat says it is a regular file, so a FIFO or device never blocks the
 * caller; with nofollow a symbolic link is refused too (ELOOP). Returns a
 * NUL-terminated copy (caller frees), or NULL with errno set: UTIL_ENOTREG,
 * ELOOP, EFBIG (over max) or the system's.
 */
char *util_read_regular(const char *path, size_t max, size_t *len, bool nofollow);
/*
 * util_read_regular (links followed) of a file that must belong to owner: what
 * the link reaches is refused with UTIL_ENOTOWN, before a byte is read, when
 * another account owns it. Caller frees.
 */
char *util_read_owned(const char *path, size_t max, size_t *len, uid_t owner);
/* util_read_regular for content files: symbolic links are not followed. Caller frees. */
char *util_read_file(const char *path, size_t max, size_t *len);
/*
 * write(2) all n bytes of buf to fd, again after EINTR. Returns 0, or -1 with
 * errno. Async-signal-safe (a fatal signal's handler uses it).
 */
int util_write_all(int fd, const void *buf, size_t n);
/*
 * Whether files a (relative to directory fd dfa, or AT_FDCWD) and b hold the
 * same bytes; false when either cannot be read.
 */
bool util_same_bytes(int dfa, const char *a, int dfb, const char *b);
/* Plain words for an errno of util_read_regular (static string). */
const char *util_read_error(int err);
/* Join a directory and a relative path ("a" + "b" -> "a/b"); absolute rel returned as is. */
char *util_path_join(const char *dir, const char *rel);
/* Directory part of path ("a/b.ini" -> "a", "b.ini" -> "."). Caller frees. */
char *util_dirname(const char *path);
int util_is_dir(const char *path);
int util_is_file(const char *path);

/* One function a library loaded with dlopen must have, and where it goes in an api struct. */
struct util_sym {
	const char *name;
	size_t off;
};
/*
 * Fill api's function pointers from handle, by the table; NULL when all were
 * found, else the name of the first missing one (api is then partly filled).
 */
const char *util_dlsyms(void *handle, const struct util_sym *syms, size_t n, void *api);

#endif
