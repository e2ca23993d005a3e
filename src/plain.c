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

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "export.h"
#include "input.h"
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

int plain_run(struct app *a, FILE *in, FILE *out)
{
	char *line = NULL, *utf8;
	bool understood;
	size_t cap = 0;
	ssize_t n;

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
		if ((n = getline(&line, &cap, in)) < 0)
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
