/*
 * term.c -- process and terminal hardening for shared terminals
 * SPDX-License-Identifier: MIT
 *
 * Also the bytes that make a terminal forget what it showed (the kiosk wipe),
 * and the fatal-signal path that sends them: built ahead of time, sent with
 * write(2), so a crash leaves the next person nothing either.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "term.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "util.h"

/* Rows blanked and pushed are capped: a crash must not flood a slow link. */
enum {
	TERM_MAX_ROWS = 200,
	TERM_SEQ_MAX = 16384
};

static struct termios saved;
static volatile sig_atomic_t have_saved;

/* The fatal-signal bytes; fatal_len is 0 while they are being rebuilt. */
static char fatal_seq[TERM_SEQ_MAX];
static volatile sig_atomic_t fatal_len;
static int fatal_rows;
static bool fatal_armed;

/* Where tputs() writes while a sequence is being built. */
static char *sink_buf;
static size_t sink_len, sink_cap;

void term_drop_env(void)
{
	static const char *const drop[] = {
		"TERMINFO",
		"TERMINFO_DIRS",
		"TERMCAP",
		"http_proxy",
		"https_proxy",
		"HTTP_PROXY",
		"HTTPS_PROXY",
		"all_proxy",
		"ALL_PROXY",
		"no_proxy",
		"NO_PROXY",
		"CURL_CA_BUNDLE",
		"SSL_CERT_FILE",
		"SSL_CERT_DIR",
		"SSLKEYLOGFILE",
		"CURL_HOME",
		"CURL_SSL_BACKEND",
		"OPENSSL_CONF",
		"OPENSSL_ENGINES",
		"OPENSSL_MODULES",
		"LOCPATH",
		"GCONV_PATH",
		/* ncurses reads $HOME/.terminfo before the system's descriptions. */
		"HOME",
		"YIBAO_CONFIG",
		"XDG_CONFIG_HOME",
		"LINES",
		"COLUMNS",
	};

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		unsetenv(drop[i]);
}

void term_harden(bool kiosk)
{
	struct rlimit none = {0, 0};

	setrlimit(RLIMIT_CORE, &none);
	signal(SIGPIPE, SIG_IGN);
	if (!kiosk)
		return;
	/*
	 * Only in kiosk mode: under sshd the parent going means the link went. A
	 * launcher that forks and exits (setsid -f, a service manager) must not
	 * take an ordinary session down with it.
	 */
	prctl(PR_SET_PDEATHSIG, SIGHUP);
	prctl(PR_SET_DUMPABLE, 0);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	term_drop_env();
}

bool term_usable(const char *name)
{
	int err = 0;
	TERMINAL *old, *t;

	if (name == NULL || name[0] == '\0' || strlen(name) > 64)
		return false;
	for (const char *p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '+' || *p == '-'))
			return false;
	old = cur_term;
	if (setupterm(name, STDOUT_FILENO, &err) != OK || err != 1) {
		set_curterm(old);
		return false;
	}
	t = set_curterm(old);
	if (t != NULL && t != old)
		del_curterm(t);
	return true;
}

bool term_needs_ascii(const char *name)
{
	return name != NULL && (strncmp(name, "vt", 2) == 0 || strncmp(name, "ansi", 4) == 0);
}

void term_save(void)
{
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0)
		have_saved = 1;
}

void term_restore(void)
{
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

static int sink(int c)
{
	if (sink_len < sink_cap)
		sink_buf[sink_len++] = (char)c;
	return c;
}

static void put_str(const char *s)
{
	while (*s != '\0')
		sink(*s++);
}

/* A capability of the loaded terminal description, with its padding. */
static bool put_cap(const char *name)
{
	const char *s = tigetstr(name);

	if (s == NULL || s == (char *)-1)
		return false;
	tputs(s, 1, sink);
	return true;
}

static void put_cup(int row)
{
	const char *cup = tigetstr("cup");

	if (cup != NULL && cup != (char *)-1)
		tputs(tiparm(cup, row, 0), 1, sink);
}

/*
 * The bytes that make the terminal forget what it shows, for rows rows:
 * every row blanked where it stands (erase to end of line: unlike a clear, no
 * terminal or multiplexer copies that into its history), a screenful of empty
 * lines pushed into the history so that what an earlier scroll left there
 * moves a screen further away, then a clear and, where terminfo has it, E3
 * (clear the history). fatal: also leave the alternate screen and show the
 * cursor, as endwin() would. Needs a loaded terminal description.
 */
static size_t build_forget(char *buf, size_t cap, int rows, bool fatal)
{
	sink_buf = buf;
	sink_len = 0;
	sink_cap = cap;
	if (rows < 1)
		rows = 24;
	if (rows > TERM_MAX_ROWS)
		rows = TERM_MAX_ROWS;
	put_cap("sgr0");
	{
		const char *csr = tigetstr("csr");

		if (csr != NULL && csr != (char *)-1)
			tputs(tiparm(csr, 0, rows - 1), 1, sink);
	}
	if (tigetstr("el") != NULL && tigetstr("el") != (char *)-1) {
		for (int r = 0; r < rows; r++) {
			put_cup(r);
			put_cap("el");
		}
	}
	put_cup(rows - 1);
	for (int r = 0; r < rows; r++)
		put_str("\r\n");
	put_cap("clear");
	put_cap("E3");
	if (fatal) {
		put_cap("rmkx");
		put_cap("rmcup");
		/* Where there is no alternate screen, clear what the shell comes back to. */
		put_cap("clear");
		put_cap("E3");
		put_cap("cnorm");
	}
	sink_buf = NULL;
	return sink_len;
}

void term_forget(int rows)
{
	char *buf = malloc(TERM_SEQ_MAX);
	size_t n;

	if (buf == NULL || cur_term == NULL) {
		free(buf);
		return;
	}
	n = build_forget(buf, TERM_SEQ_MAX, rows, false);
	util_write_all(STDOUT_FILENO, buf, n);
	free(buf);
}

/* Rows of the terminal on stdout, or 0 when it does not say. */
static int window_rows(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		return ws.ws_row;
	return 0;
}

/*
 * Line mode's forgetting bytes: a screenful of empty lines, then
 * build_forget()'s when TERM is a terminal terminfo knows. No curses needed.
 */
static size_t build_lines(char *buf, size_t cap)
{
	const char *name = getenv("TERM");
	int rows = window_rows(), err = 0;
	size_t n = 0;
	TERMINAL *old = cur_term;

	/* A screenful: over ssh -T (no terminal here) assume a tall one. */
	for (int r = 0; r < (rows > 0 ? rows : 100) && n < cap; r++)
		buf[n++] = '\n';
	if (rows == 0 || !term_usable(name))
		return n;
	if (setupterm(name, STDOUT_FILENO, &err) == OK && err == 1) {
		TERMINAL *t;

		n += build_forget(buf + n, cap - n, rows, false);
		t = set_curterm(old);
		if (t != NULL && t != old)
			del_curterm(t);
	}
	return n;
}

void term_forget_lines(void)
{
	char *buf = malloc(TERM_SEQ_MAX);

	if (buf == NULL)
		return;
	util_write_all(STDOUT_FILENO, buf, build_lines(buf, TERM_SEQ_MAX));
	free(buf);
}

static void on_fatal(int sig)
{
	/* Only async-signal-safe calls here: write(2), tcsetattr(3), raise(3). */
	if (fatal_len > 0)
		util_write_all(STDOUT_FILENO, fatal_seq, (size_t)fatal_len);
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	/* SA_RESETHAND put the default back: die of the signal, as without us. */
	raise(sig);
}

static void fatal_install(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS};
	struct sigaction sa;

	if (fatal_armed)
		return;
	fatal_armed = true;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sa.sa_flags = (int)SA_RESETHAND;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

void term_fatal_arm(int rows)
{
	if (cur_term == NULL || (fatal_armed && rows == fatal_rows))
		return;
	fatal_len = 0;
	fatal_len = (sig_atomic_t)build_forget(fatal_seq, sizeof fatal_seq, rows, true);
	fatal_rows = rows;
	fatal_install();
}

void term_fatal_arm_lines(void)
{
	fatal_len = 0;
	fatal_len = (sig_atomic_t)build_lines(fatal_seq, sizeof fatal_seq);
	fatal_install();
}
