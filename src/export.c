/*
 * export.c -- a view as plain UTF-8 text: --print, line mode and the p key
 * SPDX-License-Identifier: MIT
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../screens/screens.h"
#include "text.h"
#include "util.h"

/* Does the line say anything aloud: a letter, a digit, a CJK character (not box drawing)? */
static bool has_words(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		long cp = text_decode(s, len, &i);

		if (cp < 0x80 ? (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			      : !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x2500 && cp <= 0x259F))
			return true;
	}
	return false;
}

void export_text(struct app *a, struct view *v, int width, struct strbuf *sb)
{
	const struct screen *s = nav_screen(a, v);
	const char *code = s != NULL ? s->code : v->code;
	const char *title = s != NULL ? s->title : v->title;
	int saved_rows = a->body_rows;

	a->body_rows = 1 << 20;
	nav_layout(a, v, width);
	a->body_rows = saved_rows;
	sb_printf(sb, "[%s] %s", code != NULL ? code : "", title != NULL ? title : "");
	if (v->badge != NULL)
		sb_printf(sb, "  (%s)", v->badge);
	sb_printf(sb, "  (%s)\n", a->cfg->profile.title);
	for (size_t i = 0; i < v->lay.n; i++) {
		const struct dline *d = &v->lay.lines[i];

		/* Line mode is read aloud: no line of symbols, no "|" before a note. */
		if ((d->flags & LF_RULE) && !a->line_mode) {
			for (int k = 0; k < width; k++)
				sb_addc(sb, '-');
			sb_addc(sb, '\n');
			continue;
		}
		if (d->len == 0 || (d->flags & LF_RULE)) {
			sb_addc(sb, '\n');
			continue;
		}
		if (a->line_mode && !has_words(d->text, d->len))
			continue; /* a table's rule, a bar: nothing to read */
		for (int k = 0; k < d->indent; k++)
			sb_addc(sb, (k == 0 && (d->flags & LF_NOTE) && !a->line_mode) ? '|' : ' ');
		sb_add(sb, d->text, d->len);
		sb_addc(sb, '\n');
	}
}

void export_view(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	const char *code = s != NULL ? s->code : "search";
	const char *home = getenv("HOME");
	const char *dir = a->cfg->export_dir != NULL ? a->cfg->export_dir
			  : (home != NULL && home[0] == '/' ? home : ".");
	struct strbuf sb = {0};
	char *name, *path;
	int fd;
	ssize_t w = 0;

	bool slip = s != NULL && (s->kind == KIND_WIZARD || s->kind == KIND_CHECKLIST);

	if (slip) {
		/* From the eligibility result or the checklist, p gives the take-away slip. */
		v = screens_open_slip(a);
		code = "slip";
		if (a->cfg->kiosk) {
			nav_message(a, false, "办事单:请抄下或拍照(自助终端不保存文件)");
			return;
		}
	} else if (a->cfg->kiosk) {
		nav_message(a, true, "自助终端模式不能导出文件;请抄下页面代码 %s", code);
		return;
	}
	name = xasprintf("yibao-%s.txt", code);
	for (char *p = name; *p != '\0'; p++)
		if (*p == '/')
			*p = '_';
	path = util_path_join(dir, name);
	export_text(a, v, EXPORT_WIDTH, &sb);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0) {
		size_t off = 0;

		while (off < sb.len && (w = write(fd, sb.s + off, sb.len - off)) > 0)
			off += (size_t)w;
		if (close(fd) != 0 || off < sb.len)
			w = -1;
	}
	if (fd < 0 || w < 0)
		nav_message(a, true, "不能写入 %s: %s", path, strerror(errno));
	else
		nav_message(a, false, "已导出到 %s", path);
	if (slip)
		nav_pop(a); /* the slip was only opened to be written */
	sb_free(&sb);
	free(name);
	free(path);
	v->stale = true;
}
