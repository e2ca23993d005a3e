/*
 * input.c -- the one key loop and the keymap that drives it and the help screen
 * SPDX-License-Identifier: MIT
 *
 * The loop waits in poll() on the terminal (and, later, the lookup's sockets),
 * so it costs nothing while idle and notices a dead terminal at once. Keys go
 * to the prompt when one is open, else to the top view's kind, else to the
 * generic actions here. Nothing is drawn except through render_draw.
 */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "input.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../screens/screens.h"
#include "export.h"
#include "refs.h"
#include "render.h"
#include "status.h"
#include "text.h"
#include "util.h"

#define CTRL(c) ((c) & 0x1f)
#define PROMPT_MAX_BYTES 256

/* The keymap: dispatch and the help screen both come from this table. */
static const struct keydef {
	enum action act;
	int keys[6]; /* 0-terminated; curses KEY_* or characters */
	const char *label;
	const char *help;
} keymap[] = {
	{ACT_UP, {KEY_UP, 'k'}, "↑ k", "上移"},
	{ACT_DOWN, {KEY_DOWN, 'j'}, "↓ j", "下移"},
	{ACT_PGUP, {KEY_PPAGE}, "PgUp", "上一页"},
	{ACT_PGDN, {KEY_NPAGE, ' '}, "PgDn 空格", "下一页(清单里空格是勾选)"},
	{ACT_TOP, {KEY_HOME}, "Home", "到开头"},
	{ACT_BOTTOM, {KEY_END}, "End", "到结尾"},
	{ACT_OPEN, {'\r', '\n', KEY_ENTER, KEY_RIGHT, 'l'}, "Enter → l", "打开所选项"},
	{ACT_DIGIT, {'1', '2', '3', '4', '5'}, "1-9", "直接选第 N 项(菜单、问题、清单),页面里打开第 N 个链接"},
	{ACT_BACK, {KEY_LEFT, 'h', KEY_BACKSPACE, 127, 8, 27}, "← h 退格 Esc", "返回上一页(Esc 也取消输入或查询)"},
	{ACT_GOTO, {'g'}, "g", "按页面代码跳转,例如 g 3.2 回车"},
	{ACT_SEARCH, {'/'}, "/", "搜索全部内容"},
	{ACT_NEXT, {'n'}, "n", "下一个搜索结果"},
	{ACT_PREV, {'N'}, "N", "上一个搜索结果"},
	{ACT_TICK, {'x'}, "x 空格", "清单里勾选 / 取消勾选"},
	{ACT_LOOKUP, {'s'}, "s", "查询办理进度(页面提供查询时)"},
	{ACT_EXPORT, {'p'}, "p", "把本页导出为纯文本(自助终端模式下只显示)"},
	{ACT_HELP, {'?', KEY_F(1)}, "? F1", "帮助(本页)"},
	{ACT_HOME, {'0'}, "0", "回到首页"},
	{ACT_QUIT, {'q'}, "q", "退出"},
	{ACT_REDRAW, {CTRL('l')}, "Ctrl-L", "重画屏幕"},
};

const struct keyhelp *input_keyhelp(size_t *n)
{
	static struct keyhelp rows[ARRAY_LEN(keymap)];

	for (size_t i = 0; i < ARRAY_LEN(keymap); i++) {
		rows[i].keys = keymap[i].label;
		rows[i].help = keymap[i].help;
	}
	*n = ARRAY_LEN(keymap);
	return rows;
}

static enum action lookup_key(int key, bool fkey, int *ch)
{
	if (!fkey && key >= '1' && key <= '9') {
		*ch = key - '0';
		return ACT_DIGIT;
	}
	for (size_t i = 0; i < ARRAY_LEN(keymap); i++) {
		if (keymap[i].act == ACT_DIGIT)
			continue;
		for (size_t k = 0; k < ARRAY_LEN(keymap[i].keys) && keymap[i].keys[k] != 0; k++) {
			int want = keymap[i].keys[k];
			bool want_fkey = want >= KEY_MIN;

			if (want == key && want_fkey == fkey) {
				*ch = key;
				return keymap[i].act;
			}
		}
	}
	return ACT_NONE;
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

void input_submit(struct app *a, const char *text)
{
	enum prompt_kind k = a->prompt;
	struct view *v = nav_top(a);
	char *t = xstrdup(text);
	char *s = t;

	a->prompt = PROMPT_NONE;
	while (*s == ' ')
		s++;
	for (size_t n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		s[n - 1] = '\0';
	if (k == PROMPT_GOTO && s[0] != '\0' && !screens_answer_code_goto(a, s))
		nav_goto(a, s);
	else if (k == PROMPT_SEARCH)
		screens_search(a, s);
	else if (k == PROMPT_VIEW && v != NULL && v->ops->submit != NULL &&
		 (v->ops->submit(a, v, s) & KR_RELAYOUT))
		v->stale = true;
	util_wipe(t, strlen(t));
	free(t);
}

void input_dispatch(struct app *a, enum action act, int ch)
{
	struct view *v = nav_top(a);
	int r = KR_UNHANDLED;

	if (v == NULL)
		return;
	/* Keys typed ahead (a slow link delivers "3 4" at once) act on the view as
	 * it will be drawn, not on the one before it. */
	nav_layout(a, v, v->lay.width > 0 ? v->lay.width : a->body_cols);
	free(a->msg);
	a->msg = NULL;
	if (v->ops->key != NULL)
		r = v->ops->key(a, v, act, ch);
	if (r & KR_RELAYOUT)
		v->stale = true;
	if (r & KR_QUIT)
		a->quit = true;
	if (r & KR_POP)
		nav_pop(a);
	if (r != KR_UNHANDLED)
		return;
	switch (act) {
	case ACT_UP:
		nav_move(a, v, -1);
		break;
	case ACT_DOWN:
		nav_move(a, v, 1);
		break;
	case ACT_PGUP:
		nav_scroll(a, v, -(a->body_rows > 1 ? a->body_rows - 1 : 1));
		break;
	case ACT_PGDN:
		nav_scroll(a, v, a->body_rows > 1 ? a->body_rows - 1 : 1);
		break;
	case ACT_TOP:
		v->top = 0;
		if (v->lay.nitems > 0)
			v->sel = 0;
		nav_clamp(a, v);
		break;
	case ACT_BOTTOM:
		v->top = (int)v->lay.n;
		if (v->lay.nitems > 0)
			v->sel = (int)v->lay.nitems - 1;
		nav_clamp(a, v);
		break;
	case ACT_BACK:
		nav_pop(a);
		break;
	case ACT_HOME:
		nav_home(a);
		break;
	case ACT_GOTO:
		nav_prompt(a, PROMPT_GOTO, "跳转到页面代码或答案码: ");
		break;
	case ACT_SEARCH:
		nav_prompt(a, PROMPT_SEARCH, "搜索: ");
		break;
	case ACT_NEXT:
	case ACT_PREV:
		screens_search_step(a, act == ACT_NEXT ? 1 : -1);
		break;
	case ACT_HELP:
		nav_push_view(a, &help_ops, "?", "帮助");
		break;
	case ACT_EXPORT:
		export_view(a, v);
		break;
	case ACT_LOOKUP:
		if (nav_screen(a, v) != NULL && strcmp(nav_screen(a, v)->id, refs_id(REF_CARD)) == 0)
			screens_status_open(a, STATUS_CARD);
		else
			nav_message(a, false, "这一页没有查询");
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	case ACT_REDRAW:
		a->full_redraw = true;
		break;
	case ACT_DIGIT:
	case ACT_OPEN:
	case ACT_TICK:
	case ACT_NONE:
	case ACT_COUNT:
		break;
	}
}

/* A key while the bottom-line prompt is open. */
static void prompt_key(struct app *a, int key, bool fkey)
{
	if ((!fkey && key == 27) || (!fkey && key == CTRL('c'))) {
		a->prompt = PROMPT_NONE;
		util_wipe(a->input.s, a->input.cap); /* it may have held an ID number */
		a->input.len = 0;
		return;
	}
	if ((!fkey && (key == '\r' || key == '\n')) || (fkey && key == KEY_ENTER)) {
		char *t = xstrdup(a->input.s != NULL ? a->input.s : "");

		input_submit(a, t);
		util_wipe(t, strlen(t));
		free(t);
		return;
	}
	if ((fkey && key == KEY_BACKSPACE) || (!fkey && (key == 127 || key == 8))) {
		while (a->input.len > 0) {
			unsigned char c = (unsigned char)a->input.s[--a->input.len];

			a->input.s[a->input.len] = '\0';
			if ((c & 0xC0) != 0x80)
				break;
		}
		return;
	}
	if (!fkey && key >= 0x20 && key != 0x7F) {
		char enc[4];
		int n;

		if (text_is_stripped((unsigned long)key, false) || text_cpwidth((unsigned long)key) < 1)
			return;
		n = text_encode((unsigned long)key, enc);
		if (a->input.len + (size_t)n <= PROMPT_MAX_BYTES)
			sb_add(&a->input, enc, (size_t)n);
	}
}

/*
 * [display] mouse: a click selects the item under it, a click on the selected
 * item (or a double click) opens it, the wheel scrolls. Nothing else.
 */
static void mouse_event(struct app *a)
{
	struct view *v = nav_top(a);
	MEVENT ev;
	int line;

	if (v == NULL || getmouse(&ev) != OK || a->prompt != PROMPT_NONE)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		input_dispatch(a, ACT_UP, 0);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		input_dispatch(a, ACT_DOWN, 0);
		return;
	}
#endif
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) || ev.y < 1 ||
	    ev.y > a->body_rows)
		return;
	line = v->top + ev.y - 1;
	if (line < 0 || (size_t)line >= v->lay.n || v->lay.lines[line].item < 0)
		return;
	if (v->lay.lines[line].item == v->sel || (ev.bstate & BUTTON1_DOUBLE_CLICKED)) {
		v->sel = v->lay.lines[line].item;
		input_dispatch(a, ACT_OPEN, '\r');
	} else {
		v->sel = v->lay.lines[line].item;
		nav_clamp(a, v);
	}
}

static void handle_key(struct app *a, int key, bool fkey)
{
	enum action act;
	int ch = 0;

	a->last_key_ms = util_now_ms();
	if (fkey && key == KEY_RESIZE) {
		for (size_t i = 0; i < a->depth; i++)
			a->stack[i].stale = true;
		return;
	}
	if (fkey && key == KEY_MOUSE) {
		mouse_event(a);
		return;
	}
	if (a->prompt != PROMPT_NONE) {
		prompt_key(a, key, fkey);
		return;
	}
	act = lookup_key(key, fkey, &ch);
	if (act != ACT_NONE)
		input_dispatch(a, act, ch);
}

/* Forget the last person: kiosk idle timeout. */
static void idle_wipe(struct app *a)
{
	app_wipe_session(a);
	nav_home(a);
	render_wipe();
	nav_message(a, false, "已清除上一位的操作。按 ? 看帮助。");
}

int input_run(struct app *a)
{
	struct sigaction sa;
	int dead = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	a->last_key_ms = util_now_ms();
	nodelay(stdscr, TRUE);
	render_draw(a);
	/* The first screen is out: a large update's signature check ends before more is shown. */
	if (app_settle(a))
		render_draw(a);
	while (!a->quit && !got_signal) {
		/* The terminal, then the sockets of a running lookup. */
		struct pollfd pfd[1 + STATUS_MAX_FDS] = {{STDIN_FILENO, POLLIN, 0}};
		size_t nfd = 1 + status_pollfds(a->status, pfd + 1, STATUS_MAX_FDS);
		int timeout = status_timeout_ms(a->status), pr;
		wint_t wch;
		int r, keys = 0;

		if (a->cfg->kiosk) {
			long left = a->last_key_ms + a->cfg->idle_timeout_s * 1000L - util_now_ms();
			int idle = left > 0 ? (int)(left > 60000 ? 60000 : left) : 0;

			timeout = timeout < 0 || idle < timeout ? idle : timeout;
		}
		pr = poll(pfd, (nfds_t)nfd, timeout);
		if (got_signal)
			break;
		if (pr < 0 && errno != EINTR) {
			dead = 1;
			break;
		}
		if (pr > 0 && (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
			dead = 1;
			break;
		}
		if (status_perform(a->status, pfd + 1, pr > 0 ? nfd - 1 : 0))
			screens_status_changed(a);
		/* Read every key that is there (curses may hold some after an ESC). */
		while ((r = get_wch(&wch)) != ERR) {
			handle_key(a, (int)wch, r == KEY_CODE_YES);
			keys++;
			if (a->quit)
				break;
		}
		if ((pfd[0].revents & POLLIN) && keys == 0 && !got_signal) {
			/* Readable but nothing read: end of file on the terminal. */
			if (++dead >= 3)
				break;
		} else {
			dead = 0;
		}
		if (a->cfg->kiosk && util_now_ms() - a->last_key_ms >= a->cfg->idle_timeout_s * 1000L) {
			idle_wipe(a);
			a->last_key_ms = util_now_ms();
		}
		if (a->full_redraw) {
			render_invalidate();
			a->full_redraw = false;
		}
		if (!a->quit)
			render_draw(a);
		util_trim_stack(); /* what laying out and drawing used is not kept while idle */
	}
	return (got_signal == SIGHUP || dead) ? 1 : 0;
}
