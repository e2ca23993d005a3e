# lib.sh -- helpers for end-to-end tests: the real binary in a real terminal (tmux).
# Source it; $YIBAO names the binary (default ./yibao). Prints TAP-like lines.
# SPDX-License-Identifier: MIT
YIBAO=${YIBAO:-./yibao}
# Screens tell figures and the payment period against today: one fixed day in
# China's time zone, unless a test sets E2E_TODAY or runs under E2E_FAKETIME.
export TZ=${E2E_TZ:-Asia/Shanghai}
export YIBAO_TODAY="${E2E_TODAY-2026-12-07}"
[ -n "$YIBAO_TODAY" ] || unset YIBAO_TODAY
SOCK="yibao-e2e-$$"
T="tmux -L $SOCK"
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/yibao-e2e.XXXXXX")
n_ok=0
n_bad=0

ROOT=$PWD

# alive PID: the process exists and is not a zombie.
alive() {
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$st" ] && [ "$st" != Z ]
}
# reap PID...: end each process this script started, by its PID: SIGTERM, then
# SIGKILL after 3 s; returns when every one is gone (so no test leaves a
# process behind, not even an ASan build stuck in its leak check).
reap() {
	for p in "$@"; do
		[ -n "$p" ] && alive "$p" && kill -TERM "$p" 2>/dev/null
	done
	for p in "$@"; do
		[ -n "$p" ] || continue
		n=30
		while alive "$p" && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
		if alive "$p"; then
			echo "# pid $p did not end on SIGTERM within 3 s: SIGKILL"
			kill -KILL "$p" 2>/dev/null
			n=50
			while alive "$p" && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
		fi
	done
}
# starttime PID: when the process started (clock ticks since boot), to tell it
# from a later process that got the same PID.
starttime() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $20}'; }
# guide_pid: the PID of the guide the last start launched (empty when none).
guide_pid() { cat "$E2E_TMP/guide.pid" 2>/dev/null; }
# reap_guide: end that guide, if the process with its PID is still it.
reap_guide() {
	_p=$(guide_pid)
	if [ -n "$_p" ] && [ "$(starttime "$_p")" = "$(cat "$E2E_TMP/guide.start" 2>/dev/null)" ]; then
		reap "$_p"
	fi
	rm -f "$E2E_TMP/guide.pid" "$E2E_TMP/guide.start"
}

cleanup() { reap_guide; $T kill-server 2>/dev/null; rm -rf "$E2E_TMP"; }
trap cleanup EXIT

# start_status_server [ARGS...]: tests/status_server.py (HTTPS on 127.0.0.1) in
# $SRV with ARGS (e.g. --token T); its ports (MAIN_PORT ...) set here, and it is
# killed and reaped at exit with the rest. SERVER names the script (--id NAME
# gives a test ID number). Fails the script when the server does not start.
SERVER="$(dirname "$0")/../status_server.py"
SRV="$E2E_TMP/srv"
start_status_server() {
	python3 "$SERVER" --dir "$SRV" "$@" >"$E2E_TMP/server.out" 2>&1 &
	SRV_PID=$!
	trap 'reap "$SRV_PID"; cleanup' EXIT
	ss_tries=100
	while [ ! -f "$SRV/ports" ] && [ "$ss_tries" -gt 0 ]; do sleep 0.1; ss_tries=$((ss_tries - 1)); done
	if [ ! -f "$SRV/ports" ]; then
		echo "not ok - the test server started"; cat "$E2E_TMP/server.out"; exit 1
	fi
	. "$SRV/ports"
}

# sysroot DIR [INI-TEXT]: a copy of the guide in DIR whose system configuration
# is DIR/config/yibao.ini (the lookup beside the binary that a source tree
# uses), holding the shipped content's paths and INI-TEXT (printf escapes).
# Tests use it instead of the real /etc. The copy is DIR/yibao.
sysroot() {
	_d=$1
	shift
	mkdir -p "$_d/config" "$_d/content"
	cp "$(command -v "${YIBAO%% *}")" "$_d/yibao"
	chmod 755 "$_d" "$_d/config" "$_d/content" "$_d/yibao"
	{
		printf '[guide]\ncontent_dir = %s/content\nregions_dir = %s/config/regions\n' "$ROOT" "$ROOT"
		printf "${1:-}"
	} >"$_d/config/yibao.ini"
	chmod 644 "$_d/config/yibao.ini"
}

# start COLSxROWS [ARGS...]: run the guide in a fresh tmux window of that size.
start() {
	size=$1; shift
	restart_server
	# The guide's PID is recorded (sh execs it) so that it can be reaped by PID.
	$T -f /dev/null new-session -d -s e2e -x "${size%x*}" -y "${size#*x}" \
		"env HOME=$E2E_TMP LANG=${E2E_LANG:-C.UTF-8} TERM=${E2E_TERM:-xterm-256color} ESCDELAY=25 ${E2E_FAKETIME:+ASAN_OPTIONS=verify_asan_link_order=0:\$ASAN_OPTIONS faketime \"$E2E_FAKETIME\"} sh -c 'echo \$\$ >$E2E_TMP/guide.pid; exec \"\$0\" \"\$@\"' $YIBAO $*; echo EXITED \$?; sleep 30"
	_n=50
	while [ ! -s "$E2E_TMP/guide.pid" ] && [ "$_n" -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
	starttime "$(guide_pid)" >"$E2E_TMP/guide.start"
	$T set-option -t e2e status off >/dev/null 2>&1
	$T resize-window -t e2e -x "${size%x*}" -y "${size#*x}" >/dev/null 2>&1
	wait_for "" 3 >/dev/null
}

# keys KEY...: tmux send-keys (key names as tmux knows them: Down, Enter, Escape, BSpace).
keys() { $T send-keys -t e2e "$@"; sleep 0.15; }
# type TEXT: literal text.
type_text() { $T send-keys -t e2e -l "$1"; sleep 0.15; }
screen() { $T capture-pane -p -t e2e 2>/dev/null; }
resize() { $T resize-window -t e2e -x "${1%x*}" -y "${1#*x}"; sleep 0.3; }

# wait_for TEXT [SECONDS]: until TEXT is on screen; 0 if it came.
wait_for() {
	_wf_n=$(( ${2:-5} * 10 ))
	while [ "$_wf_n" -gt 0 ]; do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
		_wf_n=$((_wf_n - 1))
	done
	return 1
}

# restart_server: a fresh tmux server (the old one may take a moment to go).
restart_server() {
	reap_guide
	$T kill-server 2>/dev/null
	while $T has-session 2>/dev/null; do sleep 0.05; done
	sleep 0.1
}

ok() { n_ok=$((n_ok + 1)); echo "ok - $*"; }
# skip WHY: a check that cannot run here (tests/run.sh counts it as skipped, not passed).
skip() { echo "ok - skipped: $*"; }
not_ok() { n_bad=$((n_bad + 1)); echo "not ok - $*"; echo "# screen was:"; screen | sed 's/^/#   /'; }

# expect TEXT DESCRIPTION: TEXT shows within 5 s.
expect() { if wait_for "$1" 5; then ok "$2"; else not_ok "$2 (no \"$1\")"; fi; }
# expect_wipe DESCRIPTION: the kiosk idle wipe comes and says so (waited for, however busy
# the machine; a script's idle_timeout_s is a few seconds).
expect_wipe() { if wait_for "已清除上一位的操作" 15; then ok "$1"; else not_ok "$1 (no wipe message)"; fi; }
# idle [SESSION]: the guide in tmux session SESSION (default e2e) has read every key sent
# to it and written what they draw: it waits in poll with nothing unread (tests/e2e/idle.py).
IDLE="$(dirname "$0")/idle.py"
[ -f "$IDLE" ] || IDLE=tests/e2e/idle.py
idle() { python3 "$IDLE" "$($T display-message -p -t "${1:-e2e}" '#{pane_tty}' 2>/dev/null)"; }
# settle [CAPTURE [SESSION]]: once the guide has handled the keys sent (idle, at most 10 s),
# until three captures 100 ms apart are the same (at most 5 s), so that a check of what
# is NOT on screen, or a capture kept for later, is of the screen the keys made. Equal
# captures alone are no proof: on a busy machine a guide that has not yet been given
# the CPU draws nothing for a while either.
settle() {
	_st_cap=${1:-screen}
	poll 10 idle "${2:-e2e}"
	_st_last=$($_st_cap)
	_st_same=0
	_st_tries=50
	while [ "$_st_same" -lt 2 ] && [ "$_st_tries" -gt 0 ]; do
		sleep 0.1
		_st_now=$($_st_cap)
		if [ "$_st_now" = "$_st_last" ]; then _st_same=$((_st_same + 1)); else _st_same=0; fi
		_st_last=$_st_now
		_st_tries=$((_st_tries - 1))
	done
}
# expect_not TEXT DESCRIPTION: TEXT is not on the settled screen.
expect_not() { settle; if screen | grep -qF -- "$1"; then not_ok "$2 (\"$1\" is there)"; else ok "$2"; fi; }
# poll SECONDS COMMAND...: run COMMAND every 100 ms until it succeeds; 0 if it did.
# Every positive check waits like this: a key sent is not yet a screen drawn, least
# of all for the ASan build with other scripts running beside it.
poll() {
	_poll_n=$(($1 * 10))
	shift
	while [ "$_poll_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_poll_n=$((_poll_n - 1))
	done
	return 1
}
# expect_cmd DESCRIPTION COMMAND...: ok when COMMAND succeeds within 5 s.
expect_cmd() {
	_chk_d=$1
	shift
	if poll 5 "$@"; then ok "$_chk_d"; else not_ok "$_chk_d"; fi
}
# expect_not_cmd DESCRIPTION COMMAND...: ok when COMMAND fails on the settled screen.
expect_not_cmd() {
	_chk_d=$1
	shift
	settle
	if "$@"; then not_ok "$_chk_d"; else ok "$_chk_d"; fi
}
# shows TEXT / on_screen PATTERN / on_line N TEXT / on_bottom TEXT: what expect_cmd and
# expect_not_cmd test (TEXT is a fixed string, PATTERN an extended regular expression).
shows() { screen | grep -qF -- "$1"; }
on_screen() { screen | grep -qE -- "$1"; }
on_line() { screen | sed -n "$(($1 + 1))p" | grep -qF -- "$2"; }
on_bottom() { screen | tail -n 1 | grep -qF -- "$1"; }

# expect_line N TEXT DESCRIPTION: screen line N (0-based) contains TEXT.
expect_line() {
	if poll 5 on_line "$1" "$2"; then ok "$3"; else not_ok "$3 (line $1 has no \"$2\")"; fi
}
# quit_ok: q exits with status 0 (and, for the ASan build, no leak report).
quit_ok() {
	keys q
	if wait_for "EXITED 0" 5; then ok "q quits with status 0"; else not_ok "q quits with status 0"; fi
}

# fits SIZE DESCRIPTION: nothing was cut or wrapped. tmux never captures more
# columns than the pane has, so widths alone prove nothing; instead: no line of
# the pane was continued by a terminal wrap (capture-pane -J joins exactly those;
# it also keeps trailing spaces, which are dropped before comparing),
# and the header's right-aligned part (the region, then one blank column) ends in
# the last column (a header laid out one column too wide or too narrow moves it).
fits() {
	cols=${1%x*}
	rows=${1#*x}
	# Below 40x12 the guide shows only a one-line notice, without a header.
	[ "$rows" -ge 12 ] || cols=0
	settle
	if [ "$($T capture-pane -p -J -t e2e | sed 's/ *$//')" != "$(screen | sed 's/ *$//')" ]; then
		not_ok "$2 (a line wrapped at the right margin)"
	elif [ "$cols" -ge 40 ] && [ "$(screen | sed -n 1p | wc -L)" -ne $((cols - 1)) ]; then
		not_ok "$2 (the header does not end in column $cols)"
	else
		ok "$2"
	fi
}

# selected: the 0-based screen line of the highlighted selection (reverse video,
# read from capture-pane -e, below the header), or nothing.
selected() {
	esc=$(printf '\033')
	$T capture-pane -p -e -t e2e | sed 1d | grep -nE "$esc\[([0-9]+;)*7(;[0-9]+)*m" | head -1 | cut -d: -f1
}
is_selected() { [ "$(selected)" = "$1" ]; }
# expect_selected N DESCRIPTION: the selection is on screen line N (within 5 s).
expect_selected() {
	poll 5 is_selected "$1"
	got=$(selected)
	if [ "$got" = "$1" ]; then ok "$2"; else not_ok "$2 (selection on line ${got:-none}, not $1)"; fi
}
