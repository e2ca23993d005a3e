/*
 * input_keys.c -- the keymap: what each key does on each kind of screen, and the help and hints made from it
 * SPDX-License-Identifier: MIT
 *
 * One table (SPEC.md section 2) under the top view's kind's own small table
 * (struct screen_ops keys / keys_for): dispatch, the help screen and the
 * bottom line's hints all come from the bindings in force, so they cannot
 * disagree. Key names are made from the keys themselves.
 */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include "input_keys.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "text.h"
#include "util.h"

#define CTRL(c) (0x1f & (c))

/*
 * The common keymap (SPEC.md section 2): dispatch, the help screen and the
 * bottom line all come from it and from the top view's kind's own table.
 */
static const struct keybind keymap[] = {
	{ACT_UP, {KEY_UP, 'k'}, "上移一行", "滚动", 0},
	{ACT_DOWN, {KEY_DOWN, 'j'}, "下移一行", "滚动", 0},
	{ACT_PGUP, {KEY_PPAGE}, "上一页", NULL, 0},
	{ACT_PGDN, {KEY_NPAGE, ' '}, "下一页", NULL, 0},
	{ACT_TOP, {KEY_HOME, KEY_FIND}, "到开头", NULL, 0},
	{ACT_BOTTOM, {KEY_END, KEY_SELECT}, "到结尾", NULL, 0},
	{ACT_OPEN, {'\r', '\n', KEY_ENTER, KEY_RIGHT, 'l'}, "打开所选项", NULL, 0},
	{ACT_DIGIT, {'1', '2', '3', '4', '5', '6', '7', '8', '9'}, "直接选第 N 项", NULL, 0},
	{ACT_BACK, {KEY_LEFT, 'h', KEY_BACKSPACE, 127, 8, 27}, "返回上一页（Esc 也取消输入）", "返回", 0},
	{ACT_GOTO, {'g'}, "按页面代码跳转，例如 g 3.2 回车", "跳转", 0},
	{ACT_SEARCH, {'/'}, "搜索全部内容", "搜索", 0},
	{ACT_NEXT, {'n'}, "打开下一个搜索结果", NULL, 0},
	{ACT_PREV, {'N'}, "打开上一个搜索结果", NULL, 0},
	{ACT_LOOKUP, {'s'}, "查询办理进度（页面提供查询时）", NULL, 0},
	{ACT_EXPORT, {'p'}, "把本页导出为纯文本（自助终端模式下只显示）", NULL, 0},
	{ACT_HELP, {'?', KEY_F(1)}, "帮助（本页）", "帮助", 0},
	{ACT_HOME, {'0'}, "回到首页", NULL, 0},
	{ACT_REGION, {'d'}, "换地区：本机内容里的其他地区（上一位的回答会清除）", "地区", 0},
	{ACT_QUIT, {'q', CTRL('c')}, "退出", "退出", 0},
	{ACT_REDRAW, {CTRL('l')}, "重画屏幕", NULL, 0},
};

/* A binding in force on a view: its action, its keys (none shadowed), its words. */
struct effbind {
	enum action act;
	int keys[ARRAY_LEN(keymap[0].keys)];
	size_t nkeys;
	const struct keybind *words;
};

static const struct keybind *kind_keys(const struct app *a, const struct view *v, size_t *n)
{
	*n = 0;
	if (v == NULL || v->ops == NULL)
		return NULL;
	if (v->ops->keys_for != NULL)
		return v->ops->keys_for(a, v, n);
	*n = v->ops->nkeys;
	return v->ops->keys;
}

static bool binds_key(const int *keys, size_t max, int key)
{
	for (size_t i = 0; i < max && keys[i] != 0; i++)
		if (keys[i] == key)
			return true;
	return false;
}

/* Is key rebound by one of the kind's rows that has keys of its own? */
static bool shadowed(const struct keybind *k, size_t nk, int key)
{
	for (size_t i = 0; i < nk; i++)
		if (k[i].keys[0] != 0 && binds_key(k[i].keys, ARRAY_LEN(k[i].keys), key))
			return true;
	return false;
}

/* Fill e from keys, leaving out (unless own) those the kind rebinds. */
static void eff_keys(struct effbind *e, const int *keys, size_t max, const struct keybind *k,
		     size_t nk, bool own)
{
	e->nkeys = 0;
	for (size_t i = 0; i < max && keys[i] != 0; i++)
		if (own || !shadowed(k, nk, keys[i]))
			e->keys[e->nkeys++] = keys[i];
}

/* Append the kind's rows for actions the common keymap does not have. */
static void kind_only(struct effbind *e, size_t *n, const struct keybind *k, size_t nk)
{
	for (size_t i = 0; i < nk; i++) {
		bool common = false;

		for (size_t c = 0; c < ARRAY_LEN(keymap); c++)
			common = common || keymap[c].act == k[i].act;
		if (common || k[i].keys[0] == 0)
			continue;
		e[*n].act = k[i].act;
		e[*n].words = &k[i];
		eff_keys(&e[*n], k[i].keys, ARRAY_LEN(k[i].keys), k, nk, true);
		(*n)++;
	}
}

/*
 * The bindings in force on v, in the common keymap's order: a kind's row
 * takes the place of the common row of its action; rows of actions the common
 * keymap lacks come before the row of ACT_BACK. Returns an array the caller frees; *n its length.
 */
static struct effbind *bindings(const struct app *a, const struct view *v, size_t *n)
{
	size_t nk;
	const struct keybind *k = kind_keys(a, v, &nk);
	struct effbind *e = xcalloc(ARRAY_LEN(keymap) + nk, sizeof *e);

	*n = 0;
	for (size_t c = 0; c < ARRAY_LEN(keymap); c++) {
		bool over = false;

		/* The kind's own actions come before the keys that leave the screen. */
		if (keymap[c].act == ACT_BACK)
			kind_only(e, n, k, nk);
		for (size_t i = 0; i < nk; i++) {
			if (k[i].act != keymap[c].act)
				continue;
			over = true;
			e[*n].act = k[i].act;
			e[*n].words = &k[i];
			if (k[i].keys[0] != 0)
				eff_keys(&e[*n], k[i].keys, ARRAY_LEN(k[i].keys), k, nk, true);
			else
				eff_keys(&e[*n], keymap[c].keys, ARRAY_LEN(keymap[c].keys), k, nk, false);
			if (e[*n].nkeys > 0)
				(*n)++;
		}
		if (over)
			continue;
		e[*n].act = keymap[c].act;
		e[*n].words = &keymap[c];
		eff_keys(&e[*n], keymap[c].keys, ARRAY_LEN(keymap[c].keys), k, nk, false);
		if (e[*n].nkeys > 0)
			(*n)++;
	}
	return e;
}

enum action input_keys_action(const struct app *a, const struct view *v, int key, bool fkey, int *ch)
{
	size_t n;
	struct effbind *e = bindings(a, v, &n);
	enum action act = ACT_NONE;

	for (size_t i = 0; i < n && act == ACT_NONE; i++)
		for (size_t j = 0; j < e[i].nkeys; j++) {
			int want = e[i].keys[j];

			if (want != key || (want >= KEY_MIN) != fkey)
				continue;
			act = e[i].act;
			/* A digit key carries its number. */
			*ch = !fkey && key >= '0' && key <= '9' && act == ACT_DIGIT ? key - '0' : key;
			break;
		}
	free(e);
	return act;
}

/* What a key is called on the screen, or NULL for an alias not worth naming. */
static const char *key_label(int key, char buf[8])
{
	switch (key) {
	case KEY_UP:
		return "↑";
	case KEY_DOWN:
		return "↓";
	case KEY_LEFT:
		return "←";
	case KEY_RIGHT:
		return "→";
	case KEY_PPAGE:
		return "PgUp";
	case KEY_NPAGE:
		return "PgDn";
	case KEY_HOME:
		return "Home";
	case KEY_END:
		return "End";
	case '\r':
		return "Enter";
	case ' ':
		return "空格";
	case 27:
		return "Esc";
	case KEY_BACKSPACE:
		return "退格";
	case CTRL('l'):
		return "Ctrl-L";
	case CTRL('c'):
		return "Ctrl-C";
	case '\n':
	case KEY_ENTER:
	case KEY_FIND:
	case KEY_SELECT:
	case 127:
	case 8:
		return NULL; /* the same key as one named already, on some terminal */
	default:
		break;
	}
	if (key >= KEY_F(1) && key <= KEY_F(12)) {
		snprintf(buf, 8, "F%d", key - KEY_F(0));
		return buf;
	}
	if (key > 0x20 && key < 0x7F) {
		buf[0] = (char)key;
		buf[1] = '\0';
		return buf;
	}
	return NULL;
}

/* The names of the first max keys of e, a run of digits as one "1-9", joined by sep. */
static void key_names(const struct effbind *e, size_t max, const char *sep, struct strbuf *sb)
{
	size_t named = 0, start = sb->len;

	for (size_t i = 0; i < e->nkeys && named < max; i++) {
		char buf[8];
		const char *name = key_label(e->keys[i], buf);
		size_t j = i;

		if (name == NULL)
			continue;
		while (e->keys[i] >= '0' && e->keys[i] <= '8' && j + 1 < e->nkeys &&
		       e->keys[j + 1] == e->keys[j] + 1)
			j++;
		if (sb->len > start)
			sb_adds(sb, sep);
		sb_adds(sb, name);
		if (j > i) {
			sb_addc(sb, '-');
			sb_addc(sb, (char)e->keys[j]);
			i = j;
		}
		named++;
	}
}

struct keyhelp *input_keys_help(const struct app *a, const struct view *v, size_t *n)
{
	size_t ne;
	struct effbind *e = bindings(a, v, &ne);
	struct keyhelp *k = xcalloc(ne > 0 ? ne : 1, sizeof *k);

	for (size_t i = 0; i < ne; i++) {
		struct strbuf sb = {0};

		sb_add(&sb, "", 0);
		key_names(&e[i], SIZE_MAX, " ", &sb);
		k[i].keys = sb.s;
		k[i].help = e[i].words->help;
	}
	free(e);
	*n = ne;
	return k;
}

void input_keys_help_free(struct keyhelp *k, size_t n)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(k[i].keys);
	free(k);
}

/* Arrows run together ("↑↓"); other key names take a "/" between them. */
static bool is_arrow(const char *s)
{
	return strcmp(s, "↑") == 0 || strcmp(s, "↓") == 0 || strcmp(s, "←") == 0 ||
	       strcmp(s, "→") == 0;
}

/*
 * How long a hint stays when the bottom line is short (layout_fit_hints): the
 * screen kind's own keys 2, back 1, go and search 0, the region chooser -1
 * (it goes first: help lists it); help and quit 3, to the end.
 */
static int hint_keep(const struct effbind *e, bool own)
{
	switch (e->act) {
	case ACT_HELP:
	case ACT_QUIT:
		return 3;
	case ACT_REGION:
		return -1;
	case ACT_BACK:
		return own ? 2 : 1;
	case ACT_GOTO:
	case ACT_SEARCH:
		return 0;
	default:
		return 2;
	}
}

char *input_keys_hints(const struct app *a, const struct view *v, int cols)
{
	size_t ne, nh = 0;
	struct effbind *e = bindings(a, v, &ne);
	struct layout_hint *h = xcalloc(ne > 0 ? ne : 1, sizeof *h);
	char **texts = xcalloc(ne > 0 ? ne : 1, sizeof *texts);
	char *out;

	for (size_t i = 0; i < ne; i++) {
		const struct keybind *w = e[i].words;
		struct strbuf names = {0};
		bool own = w < keymap || w >= keymap + ARRAY_LEN(keymap);

		if (w->hint == NULL)
			continue;
		sb_add(&names, "", 0);
		key_names(&e[i], w->hint_keys > 0 ? (size_t)w->hint_keys : 1, "/", &names);
		h[nh].keep = hint_keep(&e[i], own);
		/* The common keys that leave the screen are a group of their own. */
		h[nh].group = e[i].act == ACT_BACK;
		/* Neighbours with the same word share it: ↑ and ↓ with 选择 are "↑↓选择". */
		if (i + 1 < ne && e[i + 1].words->hint != NULL &&
		    strcmp(e[i + 1].words->hint, w->hint) == 0) {
			struct strbuf next = {0};

			sb_add(&next, "", 0);
			key_names(&e[i + 1], 1, "/", &next);
			if (next.len > 0) {
				if (names.len > 0 && !(is_arrow(names.s) && is_arrow(next.s)))
					sb_adds(&names, "/");
				sb_adds(&names, next.s);
			}
			sb_clear(&next);
			i++;
		}
		if (names.len > 0) {
			sb_adds(&names, w->hint);
			texts[nh] = sb_take(&names);
			h[nh].text = texts[nh];
			nh++;
		}
		sb_clear(&names);
	}
	out = layout_fit_hints(h, nh, cols);
	for (size_t i = 0; i < nh; i++)
		free(texts[i]);
	free(texts);
	free(h);
	free(e);
	return out;
}
