/*
 * nav.h -- the screen model: the app state, the back stack and each view's place
 * SPDX-License-Identifier: MIT
 *
 * The model owns selection, scroll offset and the back stack. Screen kinds and
 * the key loop change it through these functions; only render.c draws it.
 */
#ifndef YIBAO_NAV_H
#define YIBAO_NAV_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "content.h"
#include "guide.h"
#include "layout.h"
#include "rules.h"
#include "stats.h"

/* Actions the keymap produces (input.c maps keys to these). */
enum action {
	ACT_NONE,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_OPEN,
	ACT_BACK,
	ACT_DIGIT, /* ch holds '1'..'9' */
	ACT_GOTO,
	ACT_SEARCH,
	ACT_NEXT,
	ACT_PREV,
	ACT_TICK,
	ACT_LOOKUP,
	ACT_EXPORT,
	ACT_HELP,
	ACT_HOME,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_REGION, /* the region chooser */
	ACT_COUNT
};

/* What a screen kind's key handler did (may be or-ed). */
enum {
	KR_UNHANDLED = 0,
	KR_HANDLED = 1 << 0,
	KR_RELAYOUT = 1 << 1, /* the view's lines changed */
	KR_POP = 1 << 2,      /* leave this view */
	KR_QUIT = 1 << 3,
};

struct app;
struct view;
struct status;

/*
 * One key binding: keys to an action, and the words the help screen and the
 * bottom line say about it. The common keymap (input.c) is one table of these;
 * a screen kind may lay its own small table over it (dialog's per-widget
 * binding tables): a row with keys rebinds them; a row without keys takes the
 * common keys of its action and says what they do on this kind of screen.
 * The help screen and the bottom line are generated from the rows in force,
 * key names included, so they say what the keys do (input_keyhelp, input_hints).
 */
struct keybind {
	enum action act;
	int keys[10];     /* 0-terminated characters (curses KEY_* codes in input.c); none: common */
	const char *help; /* what the keys do, for the help screen */
	const char *hint; /* the bottom line's word after the key's name, or NULL */
	int hint_keys;    /* how many of the keys the bottom line names (0: the first) */
};

/* A screen kind: a plain table of functions (screens/<kind>.c). */
struct kind_ops {
	const char *name;
	/* Set up v->state (may stay NULL). */
	void (*init)(struct app *a, struct view *v);
	/* Fill v->lay (already reset, width set) with the view's lines and items. */
	void (*layout)(struct app *a, struct view *v);
	/* First look at a key; KR_UNHANDLED lets the generic keys act. */
	int (*key)(struct app *a, struct view *v, enum action act, int ch);
	/* A line typed at a prompt this view opened (nav_prompt); NULL: none. */
	int (*submit)(struct app *a, struct view *v, const char *text);
	/* Free v->state (v->state may be NULL). */
	void (*free)(struct view *v);
	/* The kind's key bindings over the common keymap (may be NULL). */
	const struct keybind *keys;
	size_t nkeys;
	/* When the bindings depend on the view's state: a static table; NULL: use keys. */
	const struct keybind *(*keys_for)(const struct app *a, const struct view *v, size_t *n);
};

struct view {
	int screen; /* index into guide.screens; -1 for generated views */
	const struct kind_ops *ops;
	char *code, *title; /* generated views only (owned) */
	char *badge;        /* short status for the top line ("3/5 已备齐"), owned */
	char *highlight;    /* words to mark in the text (opened from search results), owned */
	int sel;            /* selected item, -1 when the view has none */
	int top;            /* first body line shown */
	void *state;        /* kind-specific, owned through ops->free */
	struct layout lay;
	bool stale;  /* lay must be rebuilt */
	bool reveal; /* the next layout scrolls the selection into view (nav_reveal) */
};

enum prompt_kind {
	PROMPT_NONE,
	PROMPT_GOTO,
	PROMPT_SEARCH,
	PROMPT_VIEW
};

struct diags;

/*
 * What the screen kinds (screens/) give the model, the key loop and main: the
 * operations of each content kind and of the generated views, and the few
 * entry points that open them. Declared here, defined once in screens/kinds.c,
 * handed to app_init by main: src/ never includes anything from screens/.
 */
struct screen_set {
	const struct kind_ops *by_kind[KIND_COUNT]; /* a content screen's kind */
	const struct kind_ops *help, *search;
	/* Search all content for text and show the results. */
	void (*search_run)(struct app *a, const char *text);
	/* n / N: the next (dir 1) or previous (-1) search result. */
	void (*search_step)(struct app *a, int dir);
	/* Open the status screen and start asking for a lookup of kind. */
	void (*status_open)(struct app *a, int kind);
	/* A lookup has news: the status screen re-lays itself out. */
	void (*status_changed)(struct app *a);
	/* Push the take-away slip for the wizard's answers; returns its view. */
	struct view *(*open_slip)(struct app *a);
	/* text at the g prompt as an answer code: true when it was one (opened or said why). */
	bool (*answer_code_goto)(struct app *a, const char *text);
	/*
	 * Open the region chooser; code (digits, or NULL) is an answer code of
	 * region to open once the session has switched to it.
	 */
	void (*open_regions)(struct app *a, const char *region, const char *code);
	/* Set the wizard's answers from a code; 0, or -1 with one line in why. */
	int (*answer_code_set)(struct app *a, const char *text, char *why, size_t whylen);
};
/* Every screen kind of the guide (screens/kinds.c). */
extern const struct screen_set screens_set;

struct app {
	const struct config *cfg; /* read-only: nothing a session does changes the configuration */
	struct guide *g;
	const struct screen_set *screens; /* the screen kinds (borrowed) */
	struct view *stack;
	size_t depth, cap;
	struct answers answers; /* wizard answers: session data, wiped in kiosk mode */
	struct answers ticks;   /* ticked checklist items "id:block" -> "1" */
	char *msg;              /* one-line message for the bottom line, or NULL */
	bool msg_warn;
	bool quit;
	bool full_redraw; /* repaint everything (Ctrl-L, resize) */
	bool line_mode;   /* line mode (plain.c), not curses: set by plain_run */
	bool paper;       /* laying out for export_text (--print, p, line mode): links carry codes */
	int body_rows;    /* rows the body has (set by the renderer) */
	int body_cols;
	/* The bottom-line prompt. */
	enum prompt_kind prompt;
	char *prompt_label;
	struct strbuf input;
	bool prompt_secret;    /* echo the input masked (ID numbers); nav_prompt clears it */
	struct status *status; /* live lookups (status.h), NULL until the first one */
	/* Last search, for n / N. */
	char *search;
	long last_key_ms;   /* monotonic time of the last key (idle timeout) */
	bool idle_wiped;    /* no key since the idle wipe: nothing to forget, no wipe due */
	char *answer_code;  /* digits the answers were opened from, or NULL; wiped */
	struct stats stats; /* [stats] counts of this session (counts only) */
	char *start_region; /* the profile the session began with (the idle wipe returns to it), owned */
	int sources_said;   /* screen index + 1 that explained "资料" this session; 0: none yet */
};

/* Set up the app over a loaded config and guide (both stay owned by the caller). */
void app_init(struct app *a, const struct config *cfg, struct guide *g, const struct screen_set *set);
/*
 * Pop every view, forget the session's data, free everything the model owns
 * (a may be NULL).
 * (The live lookups, a->status, are the session's: session_end frees them.)
 */
void app_clear(struct app *a);
/*
 * Forget this person's answers, ticks, search, prompt input, message and
 * answer code, overwriting them (the model's part of session_forget).
 */
void app_forget(struct app *a);
/* What the screen says while the session waits for the signature check (session_settle). */
#define NAV_WAITING "正在核对内容更新的签名，请稍候……"

/* The kind ops for a content screen kind. */
const struct kind_ops *nav_kind_ops(const struct app *a, enum kind k);
/*
 * The only writers of a view's selection and scroll offset outside nav.c.
 * nav_select selects item (-1: none); nav_scroll_to puts line top first on
 * screen. Both are clamped by nav_clamp, which runs after every layout (a
 * screen that is about to lay itself out again may name a line of the layout
 * to come), and at once when v's layout is current and clamp is true.
 */
void nav_select(struct app *a, struct view *v, int item, bool clamp);
void nav_scroll_to(struct app *a, struct view *v, int top, bool clamp);
/*
 * Select item and scroll it into view, now or at the next layout: a key that
 * changes an entry off screen (a checklist tick, a calculator field by its
 * digit) shows what it changed.
 */
void nav_reveal(struct app *a, struct view *v, int item);
/* Mark words (copied; NULL: none) wherever v's text shows them. */
void nav_highlight(struct view *v, const char *words);

/* The view on top of the stack (NULL when empty). */
struct view *nav_top(struct app *a);
/* The screen shown by v, or NULL for a generated view. */
const struct screen *nav_screen(const struct app *a, const struct view *v);
/* Open screen index idx on top of the stack. */
void nav_push(struct app *a, int idx);
/* Open a generated view (help, search results); code and title are copied. */
struct view *nav_push_view(struct app *a, const struct kind_ops *ops, const char *code,
			   const char *title);
/* Leave the top view (never the last one). Returns false at home. */
bool nav_pop(struct app *a);
/* Back to the first view. */
void nav_home(struct app *a);
/* Open by id or code (or a generated view's: slip, ?, /); false (and a message) when there is none. */
bool nav_goto(struct app *a, const char *key);

/* Rebuild v's lines if stale or the width changed. */
void nav_layout(struct app *a, struct view *v, int width);
/* Keep the selection valid and visible, and the scroll in range. */
void nav_clamp(struct app *a, struct view *v);
/* Entries of v's list that start below the screen (v laid out, body rows set). */
int nav_items_below(const struct app *a, const struct view *v);
/* Move the selection by delta items (or scroll when the view has none). */
void nav_move(struct app *a, struct view *v, int delta);
/* Scroll by delta lines, moving the selection into view. */
void nav_scroll(struct app *a, struct view *v, int delta);

/* Forget the status line's message, its bytes wiped (it may name an answer code). */
void nav_message_clear(struct app *a);
/* Show a message on the bottom line until the next key (copied). */
void nav_message(struct app *a, bool warn, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Open the bottom-line prompt. */
void nav_prompt(struct app *a, enum prompt_kind k, const char *label);

/* Session tick state of a checklist item. */
bool nav_ticked(const struct app *a, const struct screen *s, size_t block);
void nav_set_ticked(struct app *a, const struct screen *s, size_t block, bool on);

#endif
