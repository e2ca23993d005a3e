/*
 * model_run.c -- the model tests' runner: keys through the real dispatch, the model dumped
 * SPDX-License-Identifier: MIT
 *
 * Usage: model_run FILE.keys   (from the top of the source tree)
 *
 * Like vis's test/core: no terminal. The guide is opened on tests/model/content
 * (packed in memory, as --content DIR does), keys go through input_key -- the
 * key loop's own entry: the prompt, the keymap, input_dispatch, the screen
 * kinds -- and after each line of keys the model is printed: the stack of
 * screen codes, the top view's selection and scroll, the prompt, answers and
 * ticks, the message line, the bottom line's hints and the laid-out text of
 * the screen as a terminal of the given size would show it. Lookups go to a
 * fake backend (fake_status.c). tests/model/run.sh compares the output with
 * FILE.ref.
 *
 * FILE.keys: a line starting with # is a comment. Settings come first:
 *   size WxH        the terminal (default 60x16)
 *   content DIR     the content (default tests/model/content)
 *   region NAME     the region profile (default national)
 *   kiosk           [guide] kiosk = true
 *   lookups         [status] url set: the fake backend answers
 *   refused DIR     the session starts on DIR as an update whose signature
 *                   check fails: it falls back to the content (the shipped bundle)
 * then lines of keys, each followed by a dump. A key is a character (3, q, /),
 * a name (Down, Up, PgDn, PgUp, Home, End, Enter, Esc, BSpace, Tab, Space, C-c,
 * C-l, Resize, F1), "text" (each character typed), or an event:
 *   @idle           the kiosk idle timeout passes (idle_timeout_s without a key)
 *   @due            is the kiosk idle wipe due now, by the clock? (dumped as "due now:";
 *                   the session's clock starts when it does, as input_run's)
 *   @size WxH       the terminal is resized
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "dates.h"
#include "guide.h"
#include "input.h"
#include "input_keys.h"
#include "minisig.h"
#include "nav.h"
#include "pack.h"
#include "report.h"
#include "session.h"
#include "status.h"
#include "text.h"
#include "util.h"

struct run {
	int cols, rows;
	const char *content, *region, *refused;
	bool kiosk, lookups;
};

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "model_run: %s%s\n", what, arg != NULL ? arg : "");
	exit(2);
}

/* The body as the renderer sizes it: a title line and a bottom line. */
static void set_size(struct app *a, struct run *r, const char *wxh)
{
	if (sscanf(wxh, "%dx%d", &r->cols, &r->rows) != 2 || r->cols < 20 || r->rows < 5)
		die("bad size ", wxh);
	if (a != NULL) {
		a->body_rows = r->rows - 2;
		a->body_cols = r->cols - 1;
		for (size_t i = 0; i < a->depth; i++)
			a->stack[i].stale = true;
	}
}

static void dump_answers(const char *label, const struct answers *an)
{
	printf("%s:", label);
	for (size_t i = 0; i < an->n; i++)
		printf(" %s=%s", an->v[i].name, an->v[i].value);
	printf("\n");
}

/* What a draw would show, and the model behind it. */
static void dump(struct app *a, struct run *r, const char *line)
{
	struct view *v = nav_top(a);
	const struct screen *s;
	enum status_kind kind;
	const char *masked;
	long secs;
	char *hints;

	printf("== %s\n", line);
	if (v == NULL) {
		printf("(no view)\n");
		return;
	}
	/* As render_draw: lay out for this width, clamp, then show. */
	nav_layout(a, v, a->body_cols);
	nav_clamp(a, v);
	printf("stack:");
	for (size_t i = 0; i < a->depth; i++) {
		const struct screen *si = nav_screen(a, &a->stack[i]);

		printf(" %s%s", i > 0 ? "> " : "",
		       si != NULL ? si->code : a->stack[i].code != NULL ? a->stack[i].code
									: "?");
	}
	printf("\n");
	s = nav_screen(a, v);
	printf("title: %s%s%s\n", s != NULL ? s->title : v->title != NULL ? v->title
									  : "",
	       v->badge != NULL ? "  " : "", v->badge != NULL ? v->badge : "");
	printf("view: %s sel=%d top=%d lines=%zu items=%zu\n", v->ops->name, v->sel, v->top,
	       v->lay.n, v->lay.nitems);
	dump_answers("answers", &a->answers);
	dump_answers("ticks", &a->ticks);
	if (a->status != NULL && status_running(a->status, &kind, &masked, &secs))
		printf("lookup: running %s %s\n", status_kind_name(kind), masked);
	if (a->prompt != PROMPT_NONE)
		printf("prompt: %s[%s]\n", a->prompt_label != NULL ? a->prompt_label : "",
		       a->prompt_secret ? "(hidden)" : a->input.s != NULL ? a->input.s
									  : "");
	if (a->cfg->kiosk)
		printf("idle: %s\n", a->idle_wiped ? "wiped, nothing to forget" : "a wipe is due");
	if (a->msg != NULL)
		printf("msg%s: %s\n", a->msg_warn ? " (warn)" : "", a->msg);
	hints = input_keys_hints(a, v, r->cols - 1);
	printf("hints: %s\n", hints != NULL ? hints : "");
	free(hints);
	for (int row = 0; row < a->body_rows; row++) {
		size_t li = (size_t)(v->top + row);
		const struct dline *d;

		if (li >= v->lay.n)
			break;
		d = &v->lay.lines[li];
		printf("%c%*s%.*s\n", d->item >= 0 && d->item == v->sel ? '>' : '|', d->indent, "",
		       (int)d->len, d->text != NULL ? d->text : "");
	}
	if (a->quit)
		printf("quit\n");
}

/* The next key of line at *p into key/fkey; false at the end. Typed text goes into *typing. */
static bool next_token(char **p, char *tok, size_t cap)
{
	char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '\n')
		return false;
	if (*s == '"') {
		tok[n++] = *s++;
		while (*s != '\0' && *s != '"' && n < cap - 2)
			tok[n++] = *s++;
		if (*s != '"')
			die("unterminated text: ", *p);
		s++;
	} else {
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n' && n < cap - 1)
			tok[n++] = *s++;
	}
	tok[n] = '\0';
	*p = s;
	return true;
}

/* The key loop's turn after keys: a running lookup gets its answer. */
static void loop_turn(struct app *a)
{
	if (status_perform(a->status, NULL, 0))
		a->screens->status_changed(a);
}

static void send_key(struct app *a, int key, bool fkey)
{
	if (a->quit)
		return;
	input_key(a, key, fkey);
}

static void run_keys(struct app *a, struct run *r, char *line)
{
	char tok[1024];
	char *p = line;

	while (next_token(&p, tok, sizeof tok)) {
		bool fkey = false;
		int key;

		if (tok[0] == '"') {
			const char *t = tok + 1;

			size_t i = 0, n = strlen(t);

			while (i < n) {
				long cp = text_decode(t, n, &i);

				if (cp < 0)
					die("bad UTF-8 in ", tok);
				send_key(a, (int)cp, false);
			}
		} else if (strcmp(tok, "@idle") == 0) {
			long now = a->last_key_ms + a->cfg->idle_timeout_s * 1000L;

			if (session_idle_due(a, now))
				session_idle_wipe(a, now);
		} else if (strcmp(tok, "@due") == 0) {
			printf("due now: %s\n", session_idle_due(a, util_now_ms()) ? "yes" : "no");
		} else if (strcmp(tok, "@size") == 0) {
			if (!next_token(&p, tok, sizeof tok))
				die("@size needs WxH", NULL);
			set_size(a, r, tok);
		} else if ((key = input_key_code(tok, &fkey)) >= 0) {
			send_key(a, key, fkey);
		} else if (strlen(tok) == 1) {
			send_key(a, (unsigned char)tok[0], false);
		} else {
			die("unknown key: ", tok);
		}
		loop_turn(a);
	}
}

/* content packed in memory, as --content DIR: the guide of region (exits on failure). */
static struct bundle *open_dir(const char *dir, const char *regions, const char *region,
			       void **image, size_t *len)
{
	struct diags d = {0};
	char why[256];
	struct bundle *b;

	*image = pack_memory(dir, regions, region, len, &d);
	diags_clear(&d);
	if (*image == NULL)
		die("cannot pack ", dir);
	b = bundle_open_mem(*image, *len, why, sizeof why);
	if (b == NULL)
		die("cannot open the packed ", dir);
	return b;
}

/* A file holding len bytes of data (mkstemp under $TMPDIR); its path, to free and unlink. */
static char *temp_file(const void *data, size_t len, int *fd)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/model_run.XXXXXX", tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");

	*fd = mkstemp(path);
	if (*fd < 0 || write(*fd, data, len) != (ssize_t)len)
		die("cannot write ", path);
	return path;
}

int main(int argc, char **argv)
{
	struct run r = {60, 16, "tests/model/content", "national", NULL, false, false};
	const char *regions = "tests/model/regions";
	struct config cfg;
	struct diags d = {0};
	struct app a;
	struct guide *g;
	struct bundle *b;
	char *line = NULL, *shipped = NULL, *update = NULL, *region = NULL;
	size_t cap = 0;
	void *image = NULL;
	size_t len;
	bool keys_begun = false;
	FILE *f;

	if (argc != 2)
		die("usage: model_run FILE.keys", NULL);
	if ((f = fopen(argv[1], "r")) == NULL)
		die("cannot open ", argv[1]);
	/* One fixed day, kiosk or not (as tests/run.sh's YIBAO_TODAY for the program). */
	dates_pin((struct date){2026, 12, 7});
	text_init_locale();
	config_defaults(&cfg);
	free(cfg.regions_dir);
	cfg.regions_dir = xstrdup(regions);
	/* The settings, up to the first line of keys. */
	while (getline(&line, &cap, f) > 0) {
		char word[32], arg[256];
		int n;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		n = sscanf(line, "%31s %255s", word, arg);
		if (strcmp(word, "size") == 0 && n == 2)
			set_size(NULL, &r, arg);
		else if (strcmp(word, "content") == 0 && n == 2)
			r.content = xstrdup(arg);
		else if (strcmp(word, "region") == 0 && n == 2)
			r.region = xstrdup(arg);
		else if (strcmp(word, "refused") == 0 && n == 2)
			r.refused = xstrdup(arg);
		else if (strcmp(word, "kiosk") == 0 && n == 1)
			r.kiosk = true;
		else if (strcmp(word, "lookups") == 0 && n == 1)
			r.lookups = true;
		else {
			keys_begun = true;
			break;
		}
	}
	cfg.kiosk = r.kiosk;
	if (r.lookups)
		cfg.status_url = xstrdup("https://status.invalid");
	{
		struct regions rs;
		const char *found;

		regions_from_dir(&rs, regions);
		found = regions_find(&rs, r.region != NULL ? r.region : "national");
		if (found == NULL)
			die("no region profile ", r.region);
		region = xstrdup(found);
		regions_clear(&rs);
	}
	b = open_dir(r.content, regions, region, &image, &len);
	if (r.refused != NULL) {
		/* The content is what was shipped; the session opens the update, whose check fails. */
		void *up_image;
		size_t up_len;
		int fd, upfd;
		struct bundle *up = open_dir(r.refused, regions, region, &up_image, &up_len);

		shipped = temp_file(image, len, &fd);
		close(fd);
		bundle_close(b); /* and image with it */
		update = temp_file(up_image, up_len, &upfd);
		g = guide_open(up, region, "update", &d);
		/* No signature beside it: the check fails, as a tampered one would. */
		guide_check_later(g, minisig_verify_start(upfd, "/nonexistent/yibao.bundle.minisig", "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"),
				  xstrdup(shipped));
		close(upfd);
	} else {
		g = guide_open(b, region, "bundle", &d);
	}
	if (d.n > 0) {
		diags_print(&d);
		die("problems in the region profile ", region);
	}
	app_init(&a, &cfg, g, &screens_set);
	a.body_rows = r.rows - 2;
	a.body_cols = r.cols - 1;
	/* As input_run: the idle clock starts, the first screen, then the signature check is settled. */
	a.last_key_ms = util_now_ms();
	dump(&a, &r, "(start)");
	if (session_settle(&a))
		dump(&a, &r, "(settled)");
	if (keys_begun) {
		do {
			line[strcspn(line, "\n")] = '\0';
			if (line[0] == '#' || line[0] == '\0')
				continue;
			run_keys(&a, &r, line);
			dump(&a, &r, line);
		} while (!a.quit && getline(&line, &cap, f) > 0);
	}
	fclose(f);
	free(line);
	session_end(&a);
	guide_free(g);
	config_clear(&cfg);
	free(region);
	if (shipped != NULL)
		unlink(shipped);
	if (update != NULL)
		unlink(update);
	free(shipped);
	free(update);
	return 0;
}
