/*
 * plain.c -- line mode: numbered choices on stdout, answers from stdin
 * SPDX-License-Identifier: MIT
 *
 * The same views and key handlers as the full screen, driven by lines:
 * a number chooses item N, "b" goes back, "q" quits.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "plain.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "charset.h"
#include "export.h"
#include "input.h"
#include "status.h"
#include "util.h"

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
static ssize_t read_secret(char **line, size_t *cap, FILE *in, FILE *out)
{
	struct termios old, quiet;
	bool tty = tcgetattr(fileno(in), &old) == 0;
	ssize_t n;

	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(in), TCSANOW, &quiet);
	}
	n = getline(line, cap, in);
	if (tty)
		tcsetattr(fileno(in), TCSANOW, &old);
	if (n > 0) {
		char *copy = xstrndup(*line, (size_t)n);
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

int plain_run(struct app *a, FILE *in, FILE *out)
{
	char *line = NULL, *utf8;
	bool understood;
	size_t cap = 0;
	ssize_t n;

	a->line_mode = true;
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
		if ((n = a->prompt_secret ? read_secret(&line, &cap, in, out) : getline(&line, &cap, in)) < 0)
			break;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		utf8 = charset_to_utf8(line);
		understood = true;
		if (a->prompt != PROMPT_NONE) {
			input_submit(a, utf8);
		} else if (!(understood = line_action(a, utf8))) {
			char *msg = xasprintf("看不懂“%s”。请输入数字,或 b / q。\n", utf8);

			charset_write(out, msg);
			free(msg);
		}
		util_wipe(utf8, strlen(utf8));
		free(utf8);
		util_wipe(line, cap);
		wait_lookup(a, out);
		if (!understood)
			continue;
		if (a->quit)
			break;
		if (a->prompt == PROMPT_NONE)
			show(a, out);
	}
	if (line != NULL)
		util_wipe(line, cap);
	free(line);
	fputs("\n", out);
	return 0;
}
