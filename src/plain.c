/*
 * plain.c -- line mode: numbered choices on stdout, answers from stdin
 * SPDX-License-Identifier: MIT
 *
 * The same views and key handlers as the full screen, driven by lines:
 * a number chooses item N, "b" goes back, "q" quits.
 *
 * Input is read with read(2) into buffers this file owns and wipes, never
 * through stdio: a typed ID number leaves no copy in a FILE's buffer.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "plain.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "charset.h"
#include "export.h"
#include "input.h"
#include "status.h"
#include "term.h"
#include "util.h"

/* The longest line kept; the rest of a longer one is dropped. */
enum { LINE_MAX_BYTES = 1024 };

/* Bytes read from the input but not yet taken as a line. */
struct line_in {
	int fd;
	bool eof;
	bool skip;  /* dropping the rest of an over-long line */
	size_t len;
	char buf[LINE_MAX_BYTES];
};

enum { LINE_EOF = -1, LINE_IDLE = -2 };

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Take n bytes (and drop one more: the newline when nl) off the front of in. */
static void line_take(struct line_in *in, char *out, size_t cap, size_t n, bool nl)
{
	size_t used = n + (nl ? 1 : 0), take = n < cap - 1 ? n : cap - 1;

	if (out != NULL) {
		memcpy(out, in->buf, take);
		out[take] = '\0';
	}
	memmove(in->buf, in->buf + used, in->len - used);
	in->len -= used;
	util_wipe(in->buf + in->len, used);
}

/*
 * The next line, without its end, into out (cap bytes, NUL-terminated).
 * Returns its length, LINE_EOF at the end of input, or LINE_IDLE when
 * idle_ms (>= 0) passed without a whole line; then what was typed of one is
 * wiped, here and in the terminal's own line buffer.
 */
static ssize_t line_read(struct line_in *in, char *out, size_t cap, long idle_ms)
{
	long deadline = idle_ms >= 0 ? now_ms() + idle_ms : -1;

	for (;;) {
		char *nl = memchr(in->buf, '\n', in->len);
		ssize_t r;

		if (in->skip && in->len > 0) {
			/* The rest of an over-long line: dropped up to its end. */
			line_take(in, NULL, 1, nl != NULL ? (size_t)(nl - in->buf) : in->len, nl != NULL);
			in->skip = nl == NULL;
			continue;
		}
		if (nl != NULL || (in->eof && in->len > 0)) {
			line_take(in, out, cap, nl != NULL ? (size_t)(nl - in->buf) : in->len, nl != NULL);
			return (ssize_t)strlen(out);
		}
		if (in->len == sizeof in->buf) {
			/* Longer than anyone types: keep its start, drop the rest. */
			line_take(in, out, cap, in->len, false);
			in->skip = true;
			return (ssize_t)strlen(out);
		}
		if (in->eof)
			return LINE_EOF;
		if (deadline >= 0) {
			struct pollfd pfd = {in->fd, POLLIN, 0};
			long left = deadline - now_ms();
			int pr = left > 0 ? poll(&pfd, 1, left > 60000 ? 60000 : (int)left) : 0;

			if (pr < 0 && errno == EINTR)
				continue;
			if (pr == 0 && now_ms() >= deadline) {
				util_wipe(in->buf, sizeof in->buf);
				in->len = 0;
				in->skip = false;
				tcflush(in->fd, TCIFLUSH);
				return LINE_IDLE;
			}
			if (pr == 0)
				continue;
		}
		r = read(in->fd, in->buf + in->len, sizeof in->buf - in->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			in->eof = true;
		else
			in->len += (size_t)r;
	}
}

static void show(struct app *a, FILE *out)
{
	struct view *v = nav_top(a);
	struct strbuf sb = {0};

	export_text(a, v, EXPORT_WIDTH, &sb);
	fputs("\n", out);
	charset_write(out, sb.s);
	sb_free(&sb);
}

/* One line of input as an action. Returns false when the line means nothing. */
static bool line_action(struct app *a, char *s)
{
	char *end;
	long n;

	if (strcmp(s, "q") == 0) {
		input_dispatch(a, ACT_QUIT, 'q');
	} else if (strcmp(s, "b") == 0) {
		input_dispatch(a, ACT_BACK, 'b');
	} else if (strcmp(s, "0") == 0) {
		input_dispatch(a, ACT_HOME, '0');
	} else if (strcmp(s, "?") == 0) {
		input_dispatch(a, ACT_HELP, '?');
	} else if (strcmp(s, "n") == 0 || strcmp(s, "N") == 0) {
		input_dispatch(a, s[0] == 'n' ? ACT_NEXT : ACT_PREV, s[0]);
	} else if (strcmp(s, "s") == 0) {
		input_dispatch(a, ACT_LOOKUP, 's');
	} else if (strcmp(s, "p") == 0) {
		input_dispatch(a, ACT_EXPORT, 'p');
	} else if (s[0] == 'g' && (s[1] == ' ' || s[1] == '\0')) {
		a->prompt = PROMPT_GOTO;
		input_submit(a, s + 1);
	} else if (s[0] == '/') {
		a->prompt = PROMPT_SEARCH;
		input_submit(a, s + 1);
	} else if (s[0] == 'x' && s[1] == ' ') {
		n = strtol(s + 2, &end, 10);
		if (*end != '\0' || n < 1)
			return false;
		input_dispatch(a, ACT_DIGIT, (int)n);
	} else if (s[0] == '\0') {
		input_dispatch(a, ACT_OPEN, '\r');
	} else {
		n = strtol(s, &end, 10);
		if (*end != '\0' || n < 1 || n > 999)
			return false;
		input_dispatch(a, ACT_DIGIT, (int)n);
	}
	return true;
}

/* Read one line with the terminal's echo off (an ID number), then say what was taken, masked. */
static ssize_t read_secret(struct line_in *in, char *line, size_t cap, long idle_ms, FILE *out)
{
	struct termios old, quiet;
	bool tty = tcgetattr(in->fd, &old) == 0;
	ssize_t n;

	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(in->fd, TCSANOW, &quiet);
	}
	n = line_read(in, line, cap, idle_ms);
	if (tty)
		tcsetattr(in->fd, TCSANOW, &old);
	if (n >= 0) {
		char *copy = xstrndup(line, (size_t)n);
		char *masked;

		copy[strcspn(copy, "\r\n")] = '\0';
		masked = status_mask_id(copy);
		fprintf(out, "%s\n", masked);
		util_wipe(copy, strlen(copy));
		free(copy);
		free(masked);
	}
	return n;
}

/*
 * Kiosk: forget the last person -- their answers, ticks, lookups and what the
 * terminal shows (a screenful of empty lines; clear and E3 where TERM is known).
 */
static void forget(struct app *a, FILE *out)
{
	app_wipe_session(a);
	fflush(out);
	term_forget_lines();
}

/* A lookup runs: wait for it here (line mode has nothing else to do), a dot a second. */
static void wait_lookup(struct app *a, FILE *out)
{
	enum status_kind kind;
	const char *masked;
	long secs;

	if (!status_running(a->status, &kind, &masked, &secs))
		return;
	charset_write(out, "查询中");
	fflush(out);
	while (status_running(a->status, &kind, &masked, &secs)) {
		struct pollfd pfd[STATUS_MAX_FDS];
		size_t n = status_pollfds(a->status, pfd, STATUS_MAX_FDS);
		int timeout = status_timeout_ms(a->status);
		int pr = poll(pfd, n, timeout < 0 || timeout > 1000 ? 1000 : timeout);

		status_perform(a->status, pfd, pr > 0 ? n : 0);
		fputc('.', out);
		fflush(out);
	}
	fputc('\n', out);
	for (size_t i = 0; i < a->depth; i++)
		a->stack[i].stale = true;
}

int plain_run(struct app *a, int in_fd, FILE *out)
{
	struct line_in in = {.fd = in_fd};
	char line[LINE_MAX_BYTES], *utf8;
	long idle_ms = a->cfg->kiosk ? a->cfg->idle_timeout_s * 1000L : -1;
	bool understood;
	ssize_t n;

	a->line_mode = true;
	if (a->cfg->kiosk)
		term_fatal_arm_lines();
	show(a, out);
	/* The first screen is out: a large update's signature check ends before more is shown. */
	fflush(out);
	if (app_settle(a))
		show(a, out);
	for (;;) {
		if (a->msg != NULL) {
			charset_write(out, a->msg);
			fputc('\n', out);
			free(a->msg);
			a->msg = NULL;
		}
		if (a->prompt != PROMPT_NONE)
			charset_write(out, a->prompt_label);
		else
			charset_write(out, "> 数字=选择  回车=打开  b=返回  0=首页  g 代码=跳转  /词=搜索  ?=帮助  q=退出: ");
		fflush(out);
		n = a->prompt_secret ? read_secret(&in, line, sizeof line, idle_ms, out)
				     : line_read(&in, line, sizeof line, idle_ms);
		if (n == LINE_IDLE) {
			/* The next prompt is a fresh session's, and says so. */
			fputc('\n', out);
			forget(a, out);
			nav_home(a);
			show(a, out);
			nav_message(a, false, "已清除上一位的操作。按 ? 看帮助。");
			continue;
		}
		if (n < 0)
			break;
		while (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		utf8 = charset_to_utf8(line);
		util_wipe(line, sizeof line);
		understood = true;
		if (a->prompt != PROMPT_NONE) {
			input_submit(a, utf8);
		} else if (!(understood = line_action(a, utf8))) {
			/* Not echoed: it could be an ID number typed at the wrong prompt. */
			charset_write(out, "看不懂这一行。请输入数字,或 b / q。\n");
		}
		util_wipe(utf8, strlen(utf8));
		free(utf8);
		wait_lookup(a, out);
		if (!understood)
			continue;
		if (a->quit)
			break;
		if (a->prompt == PROMPT_NONE)
			show(a, out);
	}
	util_wipe(line, sizeof line);
	util_wipe(&in, sizeof in);
	fputs("\n", out);
	if (a->cfg->kiosk)
		forget(a, out);
	return 0;
}
