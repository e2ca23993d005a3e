/*
 * term.c -- process and terminal hardening for shared terminals
 * SPDX-License-Identifier: MIT
 */
#include "term.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static bool have_saved;

void term_harden(bool kiosk)
{
	static const char *const drop[] = {
		"TERMINFO", "TERMINFO_DIRS", "TERMCAP", "http_proxy", "https_proxy",
		"HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy",
		"NO_PROXY", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR",
		"SSLKEYLOGFILE", "CURL_HOME",
	};
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
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		unsetenv(drop[i]);
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
		have_saved = true;
}

void term_restore(void)
{
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}
