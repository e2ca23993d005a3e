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
#include "refs.h"
#include "session.h"
#include "status.h"
#include "term.h"
#include "util.h"

/* The prompt: short, so what is typed after it does not wrap. */
#define PLAIN_PROMPT "请输入（帮助按 ?）："

/* The longest line kept; the rest of a longer one is dropped. */
enum {
	LINE_MAX_BYTES = 1024
};

/* Bytes read from the input but not yet taken as a line. */
struct line_in {
	int fd;
	bool eof;
	bool skip; /* dropping the rest of an over-long line */
	size_t len;
	char buf[LINE_MAX_BYTES];
};

enum {
	LINE_EOF = -1,
	LINE_IDLE = -2
};

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
			int pr = poll(&pfd, 1, left <= 0 ? 0 : left > 60000 ? 60000
									    : (int)left);

			/*
			 * A whole line waiting is someone at the keyboard, however late it
			 * is read (a busy machine): it is read, never flushed. Only a deadline
			 * with nothing to read wipes, and then what the terminal holds is a
			 * line the last person did not finish.
			 */
			if (pr == 0 && now_ms() >= deadline)
				pr = poll(&pfd, 1, 0);
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
	sb_clear(&sb);
}

/*
 * Line mode's commands. Dispatch and line mode's help (?) both come from this
 * table, so the help cannot promise what a command does not do. A command is
 * a word and an argument, with or without a space between ("x1", "x 1").
 */
enum line_arg {
	ARG_NONE,
	ARG_NUMBER,
	ARG_TEXT
};

struct line_cmd {
	const char *word; /* what is typed first; "" for a number or an empty line */
	enum line_arg arg;
	const char *usage; /* as the help shows it */
	const char *help;
	void (*run)(struct app *a, const struct line_cmd *c, const char *arg, long n);
	enum action act; /* for run_action */
};

static void run_action(struct app *a, const struct line_cmd *c, const char *arg, long n)
{
	(void)arg;
	input_dispatch(a, c->act, c->act == ACT_DIGIT ? (int)n : c->word[0]);
}

static void run_tick(struct app *a, const struct line_cmd *c, const char *arg, long n)
{
	const struct screen *s = nav_screen(a, nav_top(a));

	(void)c;
	(void)arg;
	if (s == NULL || s->kind != KIND_CHECKLIST) {
		nav_message(a, true, "这一页没有可以勾选的项目");
		return;
	}
	input_dispatch(a, ACT_DIGIT, (int)n);
}

/*
 * An empty line: only where it means one thing. Elsewhere Enter would act on a
 * selection line mode never shows (tick the first item, open the first entry),
 * so there it only reads the page again.
 */
static void run_enter(struct app *a, const struct line_cmd *c, const char *arg, long n)
{
	const struct screen *s = nav_screen(a, nav_top(a));

	(void)arg;
	(void)n;
	if (s != NULL && (s->kind == KIND_WIZARD || s->kind == KIND_PAGE))
		input_dispatch(a, c->act, '\r');
}

static void run_help(struct app *a, const struct line_cmd *c, const char *arg, long n);

static void run_prompt(struct app *a, const struct line_cmd *c, const char *arg, long n)
{
	if (c->act == ACT_GOTO && strcmp(arg, "?") == 0) {
		/* The help's code: line mode's own help, not the full screen's. */
		run_help(a, c, arg, n);
		return;
	}
	a->prompt = c->act == ACT_SEARCH ? PROMPT_SEARCH : PROMPT_GOTO;
	input_submit(a, arg);
}

/* The first two are found by line_parse by position: a number, an empty line. */
static const struct line_cmd line_cmds[] = {
	{"", ARG_NUMBER, "数字",
	 "选第几项：菜单、问题的选项、清单、计算器、答题结果里的回答；方括号里的数字是链接",
	 run_action, ACT_DIGIT},
	{"", ARG_NONE, "只按回车",
	 "开始答题，或不改这一题的回答；页面只有一个链接时打开它；别处把本页再读一遍", run_enter,
	 ACT_OPEN},
	{"x", ARG_NUMBER, "x 数字", "清单里勾选或取消第几项，例如 x 1", run_tick, ACT_TICK},
	{"b", ARG_NONE, "b", "返回上一页；答题时回到上一题", run_action, ACT_BACK},
	{"0", ARG_NONE, "0", "回到首页", run_action, ACT_HOME},
	{"g", ARG_TEXT, "g 代码", "按页面代码或答案码跳转，例如 g 3.2", run_prompt, ACT_GOTO},
	{"/", ARG_TEXT, "/ 词", "搜索全部内容，例如 / 报销", run_prompt, ACT_SEARCH},
	{"n", ARG_NONE, "n", "下一个搜索结果", run_action, ACT_NEXT},
	{"N", ARG_NONE, "N", "上一个搜索结果", run_action, ACT_PREV},
	{"s", ARG_NONE, "s", "查询办理进度（查询页面才有）", run_action, ACT_LOOKUP},
	{"d", ARG_NONE, "d", "换地区：列出本机内容里的地区，输入数字选（上一位的回答会清除）", run_action, ACT_REGION},
	{"p", ARG_NONE, "p", "导出本页；在答题结果或清单上是办事单", run_action, ACT_EXPORT},
	{"r", ARG_NONE, "r", "把本页再读一遍（勾选和导出之后只说一行，不再读整页）", NULL, ACT_REDRAW},
	{"?", ARG_NONE, "?", "这份帮助", run_help, ACT_HELP},
	{"q", ARG_NONE, "q", "退出", run_action, ACT_QUIT},
};

/* ? in line mode: the table above, the page's code, the hotline. */
static void run_help(struct app *a, const struct line_cmd *c, const char *arg, long n)
{
	const struct screen *s = nav_screen(a, nav_top(a));
	struct strbuf sb = {0};

	(void)c;
	(void)arg;
	(void)n;
	sb_adds(&sb, "\n帮助：每一行输入一个命令，再按回车。\n");
	for (size_t i = 0; i < ARRAY_LEN(line_cmds); i++)
		sb_printf(&sb, "  %s：%s\n", line_cmds[i].usage, line_cmds[i].help);
	if (s != NULL)
		sb_printf(&sb, "现在这一页的代码是 %s，%s。打电话问服务台时，可以把代码读给对方。\n",
			  s->code, s->title);
	sb_printf(&sb, "%s\n", REFS_SOURCES_EXPLAINED);
	if (guide_hotline(a->g) != NULL)
		sb_printf(&sb, "医保服务热线：%s。\n", guide_hotline(a->g));
	a->msg = sb_take(&sb);
}

/*
 * One line of input: its command, and the argument in *arg (inside s) and *n.
 * NULL when the line is no command (or its argument is wrong).
 */
static const struct line_cmd *line_parse(char *s, const char **arg, long *n)
{
	char *end;

	*arg = "";
	*n = 0;
	/* Spaces around a command mean nothing ("  3 " is 3). */
	while (*s == ' ')
		s++;
	for (size_t len = strlen(s); len > 0 && s[len - 1] == ' '; len--)
		s[len - 1] = '\0';
	if (s[0] >= '1' && s[0] <= '9') {
		*n = strtol(s, &end, 10);
		return *end == '\0' && *n <= 999 ? &line_cmds[0] : NULL;
	}
	if (s[0] == '\0')
		return &line_cmds[1];
	for (size_t i = 2; i < ARRAY_LEN(line_cmds); i++) {
		const struct line_cmd *c = &line_cmds[i];
		size_t len = strlen(c->word);
		const char *rest = s + len;

		if (strncmp(s, c->word, len) != 0)
			continue;
		while (*rest == ' ')
			rest++;
		if (c->arg == ARG_NONE && *rest == '\0')
			return c;
		if (c->arg == ARG_TEXT && *rest != '\0') {
			*arg = rest;
			return c;
		}
		if (c->arg == ARG_NUMBER && *rest >= '1' && *rest <= '9') {
			*n = strtol(rest, &end, 10);
			return *end == '\0' && *n <= 999 ? c : NULL;
		}
		return NULL;
	}
	return NULL;
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
	session_forget(a);
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

/*
 * One line typed at the line-mode prompt. Returns true when the page should be
 * read out again: it changed, or the person asked for it (r); not after help
 * or a warning that left the same page up.
 */
static bool line_do(struct app *a, char *utf8, FILE *out)
{
	struct view *v = nav_top(a);
	size_t depth = a->depth;
	int screen = v != NULL ? v->screen : -1;
	const struct line_cmd *c;
	const struct screen *s;
	const char *arg;
	long n;
	bool quiet;

	if (a->prompt != PROMPT_NONE) {
		if (utf8[0] == '\0') {
			/* No Esc in line mode: an empty line cancels the question. */
			a->prompt = PROMPT_NONE;
			nav_message(a, false, "已取消。");
			return false;
		}
		input_submit(a, utf8);
		return a->prompt == PROMPT_NONE;
	}
	c = line_parse(utf8, &arg, &n);
	if (c == NULL) {
		/* Not echoed: it could be an ID number typed at the wrong prompt. */
		charset_write(out, "看不懂这一行。输入 ? 再按回车，可以听到全部命令。\n");
		return false;
	}
	if (c->run == NULL)
		return true;
	s = nav_screen(a, v);
	/* A tick (x N, or a number on a checklist) or an export: one line, not the page. */
	quiet = c->run == run_tick || c->act == ACT_EXPORT ||
		(c == &line_cmds[0] && s != NULL && s->kind == KIND_CHECKLIST);
	c->run(a, c, arg, n);
	if (c->run == run_help || a->quit || a->prompt != PROMPT_NONE)
		return false;
	if (quiet && a->depth == depth && nav_top(a) == v && a->msg != NULL)
		return false;
	v = nav_top(a);
	return !(a->msg != NULL && a->msg_warn && a->depth == depth && v != NULL &&
		 v->screen == screen);
}

int plain_run(struct app *a, int in_fd, FILE *out)
{
	struct line_in in = {.fd = in_fd};
	char line[LINE_MAX_BYTES], *utf8;
	long idle_ms = a->cfg->kiosk ? a->cfg->idle_timeout_s * 1000L : -1;
	bool again;
	ssize_t n;

	a->line_mode = true;
	if (a->cfg->kiosk)
		term_fatal_arm_lines();
	/* A large update's signature check still running: nothing of it is shown before it ends. */
	if (guide_check_pending(a->g)) {
		charset_write(out, NAV_WAITING);
		charset_write(out, "\n");
		fflush(out);
	}
	session_settle(a);
	show(a, out);
	charset_write(out, "每一项前面有数字：输入数字，再按回车，就选它。输入 ? 再按回车，听全部命令。\n");
	for (;;) {
		if (a->msg != NULL) {
			charset_write(out, a->msg);
			fputc('\n', out);
			nav_message_clear(a);
		}
		charset_write(out, a->prompt != PROMPT_NONE ? a->prompt_label : PLAIN_PROMPT);
		fflush(out);
		n = a->prompt_secret ? read_secret(&in, line, sizeof line, idle_ms, out)
				     : line_read(&in, line, sizeof line, idle_ms);
		if (n == LINE_IDLE) {
			/* The next prompt is a fresh session's, and says so. */
			fputc('\n', out);
			session_idle_wipe(a, util_now_ms());
			fflush(out);
			term_forget_lines();
			show(a, out);
			continue;
		}
		if (n < 0)
			break;
		a->idle_wiped = false;
		while (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		utf8 = charset_to_utf8(line);
		util_wipe(line, sizeof line);
		again = line_do(a, utf8, out);
		util_wipe(utf8, strlen(utf8));
		free(utf8);
		wait_lookup(a, out);
		if (a->quit)
			break;
		if (again && a->prompt == PROMPT_NONE)
			show(a, out);
	}
	util_wipe(line, sizeof line);
	util_wipe(&in, sizeof in);
	fputs("\n", out);
	if (a->cfg->kiosk)
		forget(a, out);
	return 0;
}
