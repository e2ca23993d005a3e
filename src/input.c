/*
 * input.c -- the one key loop: keys read, sequences parsed, actions dispatched
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "input_keys.h"
#include "refs.h"
#include "render.h"
#include "session.h"
#include "status.h"
#include "text.h"
#include "util.h"

#define CTRL(c) (0x1f & (c))
#define PROMPT_MAX_BYTES 256

/*
 * Home, End and F1-F4 as PuTTY, rxvt and the Linux console send them. Taught to
 * curses (define_key) where the terminal description binds the string to
 * nothing, so curses matches them with its own timing; vt220-style
 * descriptions call the first two Find and Select, which the keymap maps too.
 */
static const struct {
	const char *seq;
	int key;
} key_variants[] = {
	{"\033[1~", KEY_HOME},
	{"\033[7~", KEY_HOME},
	{"\033[H", KEY_HOME},
	{"\033OH", KEY_HOME},
	{"\033[4~", KEY_END},
	{"\033[8~", KEY_END},
	{"\033[F", KEY_END},
	{"\033OF", KEY_END},
	{"\033[11~", KEY_F(1)},
	{"\033[12~", KEY_F(2)},
	{"\033[13~", KEY_F(3)},
	{"\033[14~", KEY_F(4)},
	{"\033[[A", KEY_F(1)},
	{"\033[[B", KEY_F(2)},
	{"\033[[C", KEY_F(3)},
	{"\033[[D", KEY_F(4)},
	{"\033OP", KEY_F(1)},
	{"\033OQ", KEY_F(2)},
	{"\033OR", KEY_F(3)},
	{"\033OS", KEY_F(4)},
};

/* Longest escape sequence read; a longer one is dropped in pieces of this size. */
#define SEQ_MAX 32
/* How long to wait for the rest of a sequence that has begun (a slow link splits it). */
#define SEQ_WAIT_MS 50

enum input_seq input_seq_step(const int *seq, size_t n)
{
	size_t i = 1;
	int c;

	if (n == 0)
		return SEQ_MORE;
	if (seq[0] != '[' && seq[0] != 'O')
		return SEQ_NONE;
	if (n == 1)
		return SEQ_MORE;
	/* The Linux console's F1-F5: ESC [ [ A..E. */
	if (seq[0] == '[' && seq[1] == '[') {
		if (n == 2)
			return SEQ_MORE;
		return seq[2] >= 0x40 && seq[2] <= 0x7E ? SEQ_END : SEQ_BROKEN;
	}
	/* ECMA-48: parameter bytes, then intermediate bytes, then one final byte. */
	while (i < n - 1 && seq[i] >= 0x30 && seq[i] <= 0x3F)
		i++;
	while (i < n - 1 && seq[i] >= 0x20 && seq[i] <= 0x2F)
		i++;
	if (i < n - 1)
		return SEQ_BROKEN; /* cannot happen: each step sees one new character */
	c = seq[n - 1];
	if (c >= 0x40 && c <= 0x7E)
		return SEQ_END;
	if (c >= 0x20 && c <= 0x2F)
		return SEQ_MORE;
	if (c >= 0x30 && c <= 0x3F) {
		/* A parameter byte after an intermediate one ends nothing valid. */
		for (size_t k = 1; k < n - 1; k++)
			if (seq[k] >= 0x20 && seq[k] <= 0x2F)
				return SEQ_BROKEN;
		return SEQ_MORE;
	}
	return SEQ_BROKEN;
}

/* Wait up to ms for the terminal to have more to read. */
static bool more_input(int ms)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};

	return poll(&p, 1, ms) > 0 && (p.revents & POLLIN);
}

/*
 * get_wch, except that an escape sequence curses did not recognise (it hands
 * them over as ESC and the bytes after it) is read to its end and dropped:
 * ESC [ 5 ; 3 ~ is not Esc (back), then 5 (open item 5). *dropped counts
 * the sequences dropped (input was read even when no key comes of it).
 */
static int next_key(wint_t *wch, int *dropped)
{
	for (;;) {
		int seq[SEQ_MAX];
		size_t n = 0;
		enum input_seq st = SEQ_MORE;
		int r = get_wch(wch);

		if (r != OK || *wch != 27)
			return r;
		while (st == SEQ_MORE && n < SEQ_MAX) {
			wint_t c;
			int rc = get_wch(&c);

			if (rc == ERR && n > 0 && more_input(SEQ_WAIT_MS))
				rc = get_wch(&c);
			if (rc == ERR)
				break; /* a lone Esc, or a sequence cut short: drop what came */
			seq[n++] = rc == KEY_CODE_YES ? -(int)c : (int)c;
			st = input_seq_step(seq, n);
			if (st == SEQ_NONE || st == SEQ_BROKEN) {
				/* That character is a key of its own: read it next. */
				if (rc == KEY_CODE_YES)
					ungetch((int)c);
				else
					unget_wch((wchar_t)c);
				n--;
			}
		}
		if (n == 0)
			return OK; /* *wch is ESC */
		(*dropped)++;
	}
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
	/* An input method types full width: "３.４", "ＡＰＰ" mean 3.4 and APP. */
	char *t = text_fold_width(text);
	char *s = t;

	a->prompt = PROMPT_NONE;
	while (*s == ' ')
		s++;
	for (size_t n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		s[n - 1] = '\0';
	if (k == PROMPT_GOTO && s[0] != '\0' && !a->screens->answer_code_goto(a, s))
		nav_goto(a, s);
	else if (k == PROMPT_SEARCH)
		a->screens->search_run(a, s);
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
	nav_message_clear(a);
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
		nav_scroll_to(a, v, 0, false);
		nav_select(a, v, v->lay.nitems > 0 ? 0 : v->sel, true);
		break;
	case ACT_BOTTOM:
		nav_scroll_to(a, v, (int)v->lay.n, false);
		nav_select(a, v, v->lay.nitems > 0 ? (int)v->lay.nitems - 1 : v->sel, true);
		break;
	case ACT_BACK:
		nav_pop(a);
		break;
	case ACT_HOME:
		nav_home(a);
		break;
	case ACT_GOTO:
		nav_prompt(a, PROMPT_GOTO, "跳转到页面代码或答案码：");
		break;
	case ACT_SEARCH:
		nav_prompt(a, PROMPT_SEARCH, "搜索：");
		break;
	case ACT_NEXT:
	case ACT_PREV:
		a->screens->search_step(a, act == ACT_NEXT ? 1 : -1);
		break;
	case ACT_HELP:
		nav_push_view(a, a->screens->help, "?", "帮助");
		break;
	case ACT_REGION:
		a->screens->open_regions(a, NULL, NULL);
		break;
	case ACT_EXPORT:
		export_view(a, v);
		break;
	case ACT_LOOKUP:
		if (nav_screen(a, v) != NULL && strcmp(nav_screen(a, v)->id, refs_id(REF_CARD)) == 0)
			a->screens->status_open(a, STATUS_CARD);
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
		/* Nothing left to take back: Backspace closes the prompt, as Esc does. */
		if (a->input.len == 0) {
			a->prompt = PROMPT_NONE;
			return;
		}
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
			sb_add_secret(&a->input, enc, (size_t)n); /* an answer code, too */
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
		nav_select(a, v, v->lay.lines[line].item, false);
		input_dispatch(a, ACT_OPEN, '\r');
	} else {
		nav_select(a, v, v->lay.lines[line].item, true);
	}
}

void input_key(struct app *a, int key, bool fkey)
{
	enum action act;
	int ch = 0;

	a->last_key_ms = util_now_ms();
	if (!(fkey && key == KEY_RESIZE))
		a->idle_wiped = false; /* someone is there: the idle wipe is due again */
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
	act = input_keys_action(a, nav_top(a), key, fkey, &ch);
	if (act != ACT_NONE)
		input_dispatch(a, act, ch);
}

/* The names a model test (tests/model/) gives the keys that are not characters. */
static const struct {
	const char *name;
	int key;
	bool fkey;
} key_names[] = {
	{"Up", KEY_UP, true},
	{"Down", KEY_DOWN, true},
	{"Left", KEY_LEFT, true},
	{"Right", KEY_RIGHT, true},
	{"PgUp", KEY_PPAGE, true},
	{"PgDn", KEY_NPAGE, true},
	{"Home", KEY_HOME, true},
	{"End", KEY_END, true},
	{"BSpace", KEY_BACKSPACE, true},
	{"Resize", KEY_RESIZE, true},
	{"F1", KEY_F(1), true},
	{"Enter", '\r', false},
	{"Esc", 27, false},
	{"Tab", '\t', false},
	{"Space", ' ', false},
	{"C-c", CTRL('c'), false},
	{"C-l", CTRL('l'), false},
};

int input_key_code(const char *name, bool *fkey)
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++) {
		if (strcmp(name, key_names[i].name) == 0) {
			*fkey = key_names[i].fkey;
			return key_names[i].key;
		}
	}
	return -1;
}

/* The bottom line's hints come from the bindings in force: made here, drawn there. */
static void draw(struct app *a)
{
	struct view *v = nav_top(a);
	int below = render_prepare(a) ? nav_items_below(a, v) : 0;
	char *hints = input_keys_hints(a, v, COLS - 1), *more;

	/*
	 * A list that goes on below the screen says how far where the keys leave
	 * room ("↓还有 3 项"); the arrow in the margin (render.c) says it always.
	 */
	if (below > 0) {
		more = xasprintf("%s还有 %d 项  %s", a->cfg->ascii_borders ? "v" : "\xE2\x86\x93", below,
				 hints);
		if (text_swidth(more) <= COLS - 1) {
			free(hints);
			hints = more;
		} else {
			free(more);
		}
	}
	render_draw(a, hints);
	free(hints);
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
	for (size_t i = 0; i < ARRAY_LEN(key_variants); i++)
		if (key_defined(key_variants[i].seq) == 0)
			define_key(key_variants[i].seq, key_variants[i].key);
	nodelay(stdscr, TRUE);
	/* A large update's signature check still running: nothing of it is drawn before it ends. */
	if (guide_check_pending(a->g))
		render_waiting(NAV_WAITING);
	session_settle(a);
	draw(a);
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
			a->screens->status_changed(a);
		/* Read every key that is there (curses may hold some after an ESC). */
		while ((r = next_key(&wch, &keys)) != ERR) {
			input_key(a, (int)wch, r == KEY_CODE_YES);
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
		if (session_idle_due(a, util_now_ms())) {
			/* Forget the last person, on the screen too. */
			session_idle_wipe(a, util_now_ms());
			render_wipe();
		}
		if (a->full_redraw) {
			render_invalidate();
			a->full_redraw = false;
		}
		if (!a->quit)
			draw(a);
		util_trim_stack(); /* what laying out and drawing used is not kept while idle */
	}
	return (got_signal == SIGHUP || dead) ? 1 : 0;
}
