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
	/*
	 * A pure function of the view: its lines are laid out afresh at width in a
	 * copy, so the view keeps its own layout, scroll and selection (p on a
	 * scrolled page used to jump back to the top). The kind's state is shared;
	 * the caller relays the view out if that state may depend on the width.
	 */
	struct view t = *v;

	t.badge = NULL;
	t.stale = true;
	bool paper = a->paper;

	layout_init(&t.lay, width, a->cfg->ascii_borders);
	/* On paper a reference says its code, so g finds it again ("线下到哪里办（1.1）"). */
	a->paper = true;
	nav_layout(a, &t, width);
	a->paper = paper;
	sb_printf(sb, "[%s] %s", code != NULL ? code : "", title != NULL ? title : "");
	if (t.badge != NULL || v->badge != NULL)
		sb_printf(sb, "  (%s)", t.badge != NULL ? t.badge : v->badge);
	sb_printf(sb, "  (%s)\n", guide_value(a->g, "region"));
	for (size_t i = 0; i < t.lay.n; i++) {
		const struct dline *d = &t.lay.lines[i];

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
	layout_clear(&t.lay);
	free(t.badge);
}

/* Why a file could not be written, in the user's language (strerror is English). */
static const char *why(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return "没有写入权限";
	case ENOENT:
	case ENOTDIR:
		return "目录不存在";
	case ENOSPC:
	case EDQUOT:
		return "磁盘空间不够";
	case EROFS:
		return "只读的文件系统";
	case ELOOP:
		return "那里有一个符号链接，为安全起见不写入";
	case EEXIST:
		return "同名文件太多，请先清理";
	case ENAMETOOLONG:
		return "路径太长";
	default:
		return "写入失败";
	}
}

/* The largest number a file name gets ("yibao-3.2-999.txt") before giving up. */
#define EXPORT_MAX_COPIES 999

/*
 * Create a new file for code in dir: yibao-CODE.txt, or -2, -3 ... when taken
 * (O_EXCL: an export never overwrites one). Returns the descriptor and sets
 * *path (caller frees), or -1 with errno set and *path the last name tried.
 */
static int create_new(const char *dir, const char *code, char **path)
{
	char *safe = xstrdup(code);
	int fd = -1;

	for (char *p = safe; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '-'))
			*p = '_';
	*path = NULL;
	for (int n = 1; n <= EXPORT_MAX_COPIES; n++) {
		char *name = n == 1 ? xasprintf("yibao-%s.txt", safe) : xasprintf("yibao-%s-%d.txt", safe, n);

		free(*path);
		*path = util_path_join(dir, name);
		free(name);
		fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	free(safe);
	return fd;
}

void export_view(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	const char *code = s != NULL ? s->code : v->ops->name;
	const char *home = getenv("HOME");
	const char *dir = a->cfg->export_dir != NULL ? a->cfg->export_dir
						     : (home != NULL && home[0] == '/' ? home : NULL);
	struct strbuf sb = {0};
	char *path = NULL;
	int fd, err = 0;
	bool slip = s != NULL && (s->kind == KIND_WIZARD || s->kind == KIND_CHECKLIST);

	if (slip) {
		/* From the eligibility result or the checklist, p gives the take-away slip. */
		v = a->screens->open_slip(a);
		code = "slip";
		if (a->cfg->kiosk) {
			nav_message(a, false, "办事单：请抄下或拍照（自助终端不保存文件）");
			return;
		}
	} else if (a->cfg->kiosk) {
		nav_message(a, true, "自助终端模式不能导出文件；请抄下页面代码 %s", code);
		return;
	}
	if (dir == NULL) {
		/* Never the current directory: nobody would know where the file went. */
		nav_message(a, true, "没有导出目录：没有设置 HOME，配置里也没有 export_dir。没有写文件。");
	} else {
		export_text(a, v, EXPORT_WIDTH, &sb);
		fd = create_new(dir, code, &path);
		if (fd < 0) {
			err = errno;
		} else {
			size_t off = 0;
			ssize_t w = 0;

			while (off < sb.len && (w = write(fd, sb.s + off, sb.len - off)) > 0)
				off += (size_t)w;
			if (off < sb.len)
				err = w < 0 ? errno : ENOSPC;
			if (close(fd) != 0 && err == 0)
				err = errno;
			if (err != 0)
				unlink(path); /* no half-written file left behind */
		}
		if (err != 0)
			nav_message(a, true, "不能导出到 %s:%s", path != NULL ? path : dir, why(err));
		else
			nav_message(a, false, "已导出到 %s", path);
	}
	if (slip)
		nav_pop(a); /* the slip was only opened to be written */
	sb_clear(&sb);
	free(path);
	/* The kind's state was laid out at the export width: back to the screen's. */
	if (nav_top(a) != NULL)
		nav_top(a)->stale = true;
}
