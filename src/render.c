/*
 * render.c -- the only place that draws: header, body lines, bottom line
 * SPDX-License-Identifier: MIT
 *
 * Everything is drawn into curses' virtual screen each time and doupdate()
 * sends only what changed; nothing here clears the terminal on navigation, so
 * moving the selection costs the bytes of the two lines that changed.
 */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include "render.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "status.h"
#include "term.h"
#include "text.h"
#include "util.h"

enum {
	PAIR_NOTE = 1,
	PAIR_WARN,
	PAIR_LINK,
	PAIR_DIM
};

static bool started;
static SCREEN *scr;
static bool use_color;

int render_start(struct app *a)
{
	const char *nc = getenv("NO_COLOR");

	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		fputs("yibao: cannot start the terminal screen\n", stderr);
		return -1;
	}
	started = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	if (a->cfg->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
				  | BUTTON5_PRESSED
#endif
			  ,
			  NULL);
	idlok(stdscr, TRUE);
	set_escdelay(100);
	/*
	 * One update, one write(2): ncurses collects an update in its own output
	 * buffer and writes it at the end of doupdate, but until the screen has
	 * been suspended once (its _endwin state is "initial") it also writes
	 * after every cursor movement (lib_mvcur.c), which made a Down three
	 * writes, three TCP segments on an ssh link. Suspending now, before
	 * anything is drawn, and resuming at the first refresh leaves that state.
	 * keypad() again: endwin turned the keypad's application mode off and
	 * only the next read would turn it back on, too late for the first key.
	 * Before colours are started: endwin then has no colours to reset
	 * (xterm's "oc", an OSC ... BEL), which a resident's screen need not get.
	 */
	endwin();
	keypad(stdscr, TRUE);
	use_color = has_colors() && a->cfg->color != CFG_COLOR_NEVER &&
		    (a->cfg->color == CFG_COLOR_ALWAYS || nc == NULL || nc[0] == '\0');
	if (use_color) {
		start_color();
		use_default_colors();
		init_pair(PAIR_NOTE, COLOR_CYAN, -1);
		init_pair(PAIR_WARN, COLOR_RED, -1);
		init_pair(PAIR_LINK, COLOR_BLUE, -1);
		init_pair(PAIR_DIM, COLOR_GREEN, -1);
	}
	if (a->cfg->kiosk)
		term_fatal_arm(LINES);
	return 0;
}

/*
 * Kiosk: the terminal forgets the screen (term_forget: blanked in place, so no
 * terminal copies the last person's screen into its history, then clear and
 * E3), and curses redraws from nothing. Every draw ended in refresh(), so
 * nothing of curses' is still on its way.
 */
/*
 * The buffers the terminal's bytes pass through (ncurses' own) keep the last
 * screen's bytes after they were sent, a person's answer code or masked ID
 * among them: a screenful of invisible filler is sent through the same path,
 * in runs of alternating attributes so that no shortcut (REP, ECH) shrinks it,
 * and erased. About 4 KB once per wipe, nothing visible.
 */
static void scrub_output(void)
{
	for (int r = 0; r < LINES; r++) {
		move(r, 0);
		for (int c = 0; c < COLS; c++) {
			attrset(A_INVIS | ((c / 8) % 2 != 0 ? A_BOLD : A_NORMAL));
			addch(c % 2 != 0 ? '.' : ':');
		}
	}
	attrset(A_NORMAL);
	refresh();
	erase();
	clearok(curscr, TRUE);
	refresh();
}

static void forget_screen(void)
{
	term_forget(LINES);
	erase();
	clearok(curscr, TRUE);
	refresh();
	scrub_output();
}

void render_stop(bool wipe)
{
	const char *smcup;
	bool no_alt;

	if (!started)
		return;
	started = false;
	/*
	 * Without an alternate screen (linux, vt100, vt220) endwin leaves the last
	 * screen up and the shell's prompt lands on it: clear what was drawn.
	 * The scrollback is the user's own and only wiped when asked (kiosk).
	 */
	smcup = tigetstr("smcup");
	no_alt = smcup == NULL || smcup == (char *)-1 || smcup[0] == '\0';
	if (wipe) {
		forget_screen();
	} else if (no_alt) {
		erase();
		refresh();
	}
	endwin();
	/* Back on the normal screen: what the shell had there goes as well. */
	if (wipe) {
		term_forget(LINES);
	} else if (no_alt) {
		const char *clear = tigetstr("clear");

		if (clear != NULL && clear != (char *)-1)
			putp(clear);
		fflush(stdout);
	}
	delscreen(scr);
	scr = NULL;
}

const char *render_version(void)
{
	return curses_version();
}

void render_invalidate(void)
{
	if (started)
		clearok(curscr, TRUE);
}

void render_wipe(void)
{
	if (!started)
		return;
	forget_screen();
}

/* Draw UTF-8 text at the cursor in at most cols columns; returns columns used. */
static int put_text(const char *s, size_t len, int cols, attr_t attr)
{
	int used = 0;
	size_t fit = text_fit(s, len, cols, &used); /* text.c measures; this only draws */
	wchar_t buf[256];
	size_t i = 0;

	if (cols <= 0)
		return 0;
	attron(attr);
	while (i < fit) {
		size_t n = 0;

		while (i < fit && n < ARRAY_LEN(buf)) {
			long cp = text_decode(s, fit, &i);

			buf[n++] = cp < 0 ? (wchar_t)TEXT_REPLACEMENT : (wchar_t)cp;
		}
		addnwstr(buf, (int)n);
	}
	attroff(attr);
	return used;
}

static attr_t span_attr(unsigned ta)
{
	attr_t a = A_NORMAL;

	if (ta & (TA_STRONG | TA_EM))
		a |= A_BOLD;
	if (ta & TA_LINK)
		a |= A_UNDERLINE | (use_color ? COLOR_PAIR(PAIR_LINK) : 0);
	if (ta & TA_MATCH)
		a |= A_STANDOUT;
	return a;
}

/*
 * Combine a line's attributes with a span's: a colour pair is a number, not a
 * bit, so the span's pair (a link) replaces the line's (a note) instead of
 * being or-ed into a pair that was never set up.
 */
static attr_t merge_attr(attr_t line, attr_t span)
{
	if (span & A_COLOR)
		return (line & ~A_COLOR) | span;
	return line | span;
}

/*
 * Where the next match of the search (as search matches: case and width
 * folded) lies in d's text at or after pos: sets *start and *end, or both to
 * d->len.
 */
static void next_match(const char *q, const struct dline *d, size_t pos, size_t *start,
		       size_t *end)
{
	size_t mn = 0;
	long at;

	*start = *end = d->len;
	if (q == NULL || q[0] == '\0' || pos >= d->len)
		return;
	at = text_find_len(d->text + pos, q, &mn);
	if (at >= 0 && mn > 0 && pos + (size_t)at + mn <= d->len) {
		*start = pos + (size_t)at;
		*end = *start + mn;
	}
}

static void draw_line(const struct app *a, const struct dline *d, int y, bool selected,
		      const char *match)
{
	attr_t base = A_NORMAL;
	int x = d->indent, cols = COLS;
	size_t pos = 0, bar_start = 0, bar_end = 0, m_start, m_end;

	move(y, 0);
	clrtoeol();
	if (d->flags & LF_RULE) {
		if (a->cfg->ascii_borders) {
			mvhline(y, 0, '-', cols);
		} else {
			/* U+2500 itself, not the terminal's alternate charset: no "qqqq"
			 * where a terminal or multiplexer gets the ACS switch wrong. */
			cchar_t line;
			const wchar_t w[2] = {0x2500, 0};

			setcchar(&line, w, A_NORMAL, 0, NULL);
			mvhline_set(y, 0, &line, cols);
		}
		return;
	}
	if (d->flags & LF_NOTE) {
		base = merge_attr(base, use_color ? COLOR_PAIR(PAIR_NOTE) : A_NORMAL);
		if (x >= 2)
			mvaddstr(y, 0, a->cfg->ascii_borders ? "|" : "\xE2\x94\x83"); /* ┃ */
	}
	if (d->flags & LF_DIM)
		base = merge_attr(base, use_color ? COLOR_PAIR(PAIR_DIM) : A_DIM);
	if (d->flags & LF_WARN)
		base = merge_attr(base, use_color ? COLOR_PAIR(PAIR_WARN) | A_BOLD : A_BOLD);
	/*
	 * The selection: a ">" in the marker cell left of the entry, where the
	 * cursor rests (render_draw), and a bar over the entry's label (the
	 * first bold or link span; the whole line when there is none), not its
	 * description: moving the selection then rewrites a few characters
	 * instead of two lines. The cursor is not on the bar, so a block cursor
	 * hides none of it. With [display] marker, the ">" alone.
	 */
	if (selected && x >= 1)
		mvaddch(y, x - 1, '>');
	if (selected && !a->cfg->marker) {
		bar_end = d->len;
		for (size_t s = 0; s < d->nspans; s++)
			if (d->spans[s].attr & (TA_STRONG | TA_LINK)) {
				bar_start = d->spans[s].off;
				bar_end = d->spans[s].off + d->spans[s].len;
				break;
			}
	}
	if (x >= cols)
		return;
	move(y, x);
	next_match(match, d, 0, &m_start, &m_end);
	while (pos < d->len && x < cols) {
		unsigned ta = 0;
		size_t end = d->len;
		attr_t bar = pos >= bar_start && pos < bar_end ? A_REVERSE : A_NORMAL;

		if (pos >= m_end)
			next_match(match, d, pos, &m_start, &m_end);
		if (pos >= m_start && pos < m_end)
			ta |= TA_MATCH;

		for (size_t s = 0; s < d->nspans; s++) {
			const struct lspan *sp = &d->spans[s];

			if (sp->off <= pos && pos < sp->off + sp->len) {
				ta |= sp->attr;
				end = sp->off + sp->len;
				break;
			}
			if (sp->off > pos && sp->off < end)
				end = sp->off;
		}
		if (pos < m_start && end > m_start)
			end = m_start;
		if (pos < m_end && end > m_end)
			end = m_end;
		if (pos < bar_start && end > bar_start)
			end = bar_start;
		if (pos < bar_end && end > bar_end)
			end = bar_end;
		x += put_text(d->text + pos, end - pos, cols - x, merge_attr(base | bar, span_attr(ta)));
		pos = end;
	}
}

/*
 * The top line: " CODE  TITLE " on the left in reverse video, "BADGE  REGION " on
 * the right. The code is what staff read aloud, so it is never cut; the badge
 * (第 1/5 题, 3/11 已备齐) comes next, then the region, and the title takes what is
 * left, cut with an ellipsis. Something cut always shows "…".
 */
static void draw_header(const struct app *a, const struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	const char *code = s != NULL ? s->code : v->code;
	const char *title = s != NULL ? s->title : v->title;
	const char *region = guide_value(a->g, "region") != NULL ? guide_value(a->g, "region") : "";
	bool ascii = a->cfg->ascii_borders;
	char *head = xasprintf(" %s  ", code != NULL ? code : "");
	int hw = text_swidth(head), bw = v->badge != NULL ? text_swidth(v->badge) : 0;
	int rgw = text_swidth(region), room, tw;
	/* Least of the title worth showing beside the right part: "…" and a character. */
	const int min_title = 4;
	char *left, *right, *t, *r = NULL;

	/* Right part: badge and region when both fit, else the badge alone, else none. */
	if (bw > 0 && hw + min_title + bw + 2 + rgw + 1 < COLS)
		r = xasprintf("%s  %s ", v->badge, region);
	else if (bw > 0 && hw + min_title + bw + 1 < COLS)
		r = xasprintf("%s ", v->badge);
	else if (bw == 0 && hw + min_title + rgw + 1 < COLS)
		r = xasprintf("%s ", region);
	else if (bw == 0 && hw + min_title + 4 < COLS) {
		/* A long region name: cut it, with its ellipsis, rather than drop it. */
		char *cut = text_truncate(region, COLS - hw - min_title - 2, ascii);

		r = xasprintf("%s ", cut);
		free(cut);
	}
	right = r != NULL ? r : xstrdup("");
	room = COLS - text_swidth(right) - hw - 1;
	tw = title != NULL ? text_swidth(title) : 0;
	t = tw <= room ? xstrdup(title != NULL ? title : "") : text_truncate(title, room > 0 ? room : 0, ascii);
	left = xasprintf("%s%s ", head, t);

	/*
	 * The code and title stand out in reverse video; the rest of the line is
	 * left blank rather than padded, which a slow link would pay for in spaces.
	 */
	move(0, 0);
	clrtoeol();
	put_text(left, strlen(left), COLS - text_swidth(right), A_REVERSE | A_BOLD);
	if (right[0] != '\0') {
		move(0, COLS - text_swidth(right));
		put_text(right, strlen(right), text_swidth(right), A_NORMAL);
	}
	free(head);
	free(t);
	free(left);
	free(right);
}

/* The bottom line: the prompt, a message, or the keys that apply. */
static void draw_footer(struct app *a, const char *hints, int *cx)
{
	int y = LINES - 1;
	char *text;
	attr_t attr = A_NORMAL;

	move(y, 0);
	clrtoeol();
	*cx = -1;
	if (a->prompt != PROMPT_NONE) {
		int w = put_text(a->prompt_label, strlen(a->prompt_label), COLS - 2, A_BOLD);
		char *in = a->prompt_secret ? status_mask_id(a->input.s) : xstrdup(a->input.s);
		size_t inlen = strlen(in), skip = 0;
		int iw = text_width(in, inlen);

		/* Keep the end of a long input visible. */
		while (iw > COLS - w - 2) {
			size_t j = skip;

			text_decode(in, inlen, &j);
			iw -= text_width(in + skip, j - skip);
			skip = j;
		}
		w += put_text(in + skip, inlen - skip, COLS - w - 1, A_NORMAL);
		util_wipe(in, inlen);
		free(in);
		*cx = w;
		return;
	}
	if (a->msg != NULL) {
		text = xstrdup(a->msg);
		attr = a->msg_warn ? (use_color ? COLOR_PAIR(PAIR_WARN) | A_BOLD : A_BOLD) : A_NORMAL;
	} else {
		text = xstrdup(hints != NULL ? hints : "");
		attr = use_color ? COLOR_PAIR(PAIR_DIM) : A_DIM;
	}
	put_text(text, strlen(text), COLS - 1, attr);
	util_wipe(text, strlen(text)); /* a message may name an answer code */
	free(text);
}

/*
 * What the body hides: an arrow in the right margin (the column the layout
 * leaves free) of the first body row when lines lie above, of the last when
 * lines lie below. (The count of entries below leads the key hints: input.c.)
 */
static void draw_more(const struct app *a, const struct view *v, int rows)
{
	bool ascii = a->cfg->ascii_borders;

	if (v->top > 0) {
		move(1, COLS - 1);
		put_text(ascii ? "^" : "\xE2\x86\x91", ascii ? 1 : 3, 1, A_BOLD); /* ↑ */
	}
	if (v->top + rows < (int)v->lay.n) {
		move(rows, COLS - 1);
		put_text(ascii ? "v" : "\xE2\x86\x93", ascii ? 1 : 3, 1, A_BOLD); /* ↓ */
	}
}

bool render_prepare(struct app *a)
{
	struct view *v = nav_top(a);

	if (v == NULL || COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS)
		return false;
	a->body_rows = LINES - 2;
	a->body_cols = COLS - 1;
	nav_layout(a, v, COLS - 1);
	nav_clamp(a, v);
	return true;
}

void render_draw(struct app *a, const char *hints)
{
	struct view *v = nav_top(a);
	int rows = LINES - 2, cx, cy = 1, curx = 0;
	const char *match = NULL;

	if (v == NULL)
		return;
	if (a->cfg->kiosk)
		term_fatal_arm(LINES); /* the crash path's bytes, for this size */
	if (COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS) {
		erase();
		mvaddstr(0, 0, COLS >= 24 ? "窗口太小（至少 40x12）" : "窗口太小");
		refresh();
		return;
	}
	/* A screen opened from the search results shows where the words are. */
	match = v->highlight;
	a->body_rows = rows;
	a->body_cols = COLS - 1;
	nav_layout(a, v, COLS - 1);
	nav_clamp(a, v);
	draw_header(a, v);
	for (int r = 0; r < rows; r++) {
		size_t li = (size_t)(v->top + r);

		if (li < v->lay.n) {
			const struct dline *d = &v->lay.lines[li];
			bool sel = d->item >= 0 && d->item == v->sel &&
				   (int)li == v->lay.item_line[v->sel];

			draw_line(a, d, 1 + r, sel, match);
			if (sel) {
				/* The cursor rests on the marker cell, just left of the bar:
				 * screen readers follow it, and it hides none of the bar. */
				cy = 1 + r;
				curx = d->indent >= 1 ? d->indent - 1 : 0;
			}
		} else {
			move(1 + r, 0);
			clrtoeol();
		}
	}
	draw_more(a, v, rows);
	draw_footer(a, hints, &cx);
	if (cx >= 0)
		move(LINES - 1, cx);
	else
		move(cy, curx);
	refresh();
}

void render_waiting(const char *line)
{
	erase();
	mvaddnstr(0, 0, line, -1);
	refresh();
}
