# escapes.sh -- escape sequences the terminal description does not know: PuTTY,
# rxvt and the Linux console send Home, End and F1-F4 differently from xterm.
# Known variants act as those keys; any other CSI/SS3 sequence is swallowed whole,
# never read as Esc (back) followed by digits (open item N).
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# raw HEX...: send bytes as they are (tmux send-keys -H).
raw() { $T send-keys -t e2e -H "$@"; sleep 0.3; }
goto() { keys g; type_text "$1"; keys Enter; }

start 80x24
goto 3
expect_line 0 " 3 " "g 3 opens screen 3"
raw 1b 5b 34 7e # PuTTY End: ESC [ 4 ~
expect_line 0 " 3 " "PuTTY End (ESC[4~) keeps screen 3 (not Esc + 4)"
expect_not "没有这个页面" "no message from a stray key"
keys Enter
expect_line 0 " 6.1 " "after End, Enter opens the last entry of 3"
keys Escape
raw 1b 5b 31 7e # PuTTY Home: ESC [ 1 ~
keys Enter
expect_line 0 " 3.1 " "PuTTY Home (ESC[1~) selects the first entry"
keys Escape
raw 1b 5b 38 7e # rxvt End: ESC [ 8 ~
keys Enter
expect_line 0 " 6.1 " "rxvt End (ESC[8~) selects the last entry"
keys Escape
raw 1b 5b 37 7e # rxvt Home: ESC [ 7 ~
keys Enter
expect_line 0 " 3.1 " "rxvt Home (ESC[7~) selects the first entry"
keys Escape

goto 5.2
expect_line 0 " 5.2 " "g 5.2 opens the calculator"
raw 1b 5b 31 7e
expect_line 0 " 5.2 " "PuTTY Home in the calculator stays there (not Esc + 1 = 5.1)"
expect_not "住院费用(元):" "and opens no prompt"
raw 1b 5b 31 31 7e # PuTTY F1: ESC [ 1 1 ~
expect "当前页面：5.2" "PuTTY F1 (ESC[11~) opens help for 5.2"
keys Escape
expect_line 0 " 5.2 " "Esc leaves help"
raw 1b 5b 5b 41 # Linux console F1: ESC [ [ A
expect "当前页面：5.2" "Linux console F1 (ESC[[A) opens help"
keys Escape
raw 1b 5b 31 32 7e # F2: nothing to do, nothing done
raw 1b 5b 5b 42    # Linux console F2
raw 1b 5b 32 3b 35 7e # Ctrl-Insert (unknown): ESC [ 2 ; 5 ~
raw 1b 5b 32 30 30 7e # bracketed paste start: ESC [ 2 0 0 ~
raw 1b 5b 3f 32 35 68 # a private-mode CSI: ESC [ ? 2 5 h
raw 1b 4f 5a       # SS3 with an unknown final: ESC O Z
raw 1b 5b 33 31 3b 32 32 24 # intermediate byte and final $: ESC [ 3 1 ; 2 2 $
expect_line 0 " 5.2 " "unknown CSI/SS3 sequences change nothing"
expect_not "住院费用(元):" "no digit of a sequence opened the bill prompt"
expect_not "没有第" "no digit of a sequence was read as an item number"
keys g
raw 1b 5b 34 7e
expect "跳转到页面代码" "an unknown sequence does not cancel the prompt"
expect_not "[4~" "nor is it typed into it"
keys Escape
keys Escape
expect_line 0 " 3 " "a lone Esc still goes back (5.2 was opened from 3)"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
