# keys.sh -- every key does what the bottom line and the help screen say: each
# screen kind binds keys over the common keymap (Space ticks on the checklist and
# pages elsewhere), and the hints and help are generated from the same tables.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

goto() { keys g; type_text "$1"; keys Enter; }
line2_is_not() { [ "$(screen | sed -n 2p)" != "$1" ]; }

start 80x24
goto 2
expect_line 0 " 2 " "g 2 opens the checklist"
expect "0/" "nothing is ticked yet"
keys Space
expect "1/" "Space ticks the selected item (the count becomes 1)"
expect "[x]" "the item shows its tick"
keys Down Space
expect "2/" "Down, Space ticks the next one"
keys Space
expect "1/" "Space again unticks it"
keys x
expect "2/" "x ticks as well"
expect_cmd "the bottom line says Space ticks" on_bottom "空格勾选"
keys '?'
expect "当前页面：2" "help opens over the checklist"
expect_cmd "help on the checklist: x and Space tick" on_screen "^x 空格 +勾选"
expect_cmd "help on the checklist: PgDn pages (Space is not listed there)" on_screen "^PgDn +下一页"
keys Escape
expect_line 0 " 2 " "Esc leaves help"

# On a page, Space pages and help says so.
goto 6.6
expect_line 0 " 6.6 " "g 6.6 opens a page"
settle
first=$(screen | sed -n 2p)
keys Space
expect_cmd "Space pages on a page" line2_is_not "$first"
keys '?'
expect "当前页面：6.6" "help opens over the page"
expect_cmd "help on a page: PgDn and Space page" on_screen "^PgDn 空格 +下一页"
expect_not_cmd "help on a page does not offer ticking" on_screen "勾选"
keys Escape
expect_not_cmd "the page's bottom line does not offer ticking" on_bottom "勾选"
# Backspace on an empty prompt closes it, as Esc does.
keys g
expect "跳转" "g opens the goto prompt"
keys BSpace
expect_not_cmd "Backspace on an empty prompt closes it" on_bottom "跳转到"
keys g
type_text "6"
keys BSpace BSpace
expect_not_cmd "Backspace past the last character closes the prompt" on_bottom "跳转到"
expect_line 0 " 6.6 " "and the screen stays as it was"
# Ctrl-C outside kiosk mode quits, as q does.
keys C-c
if wait_for "EXITED 0" 5; then ok "Ctrl-C quits with status 0"; else not_ok "Ctrl-C quits with status 0"; fi
echo "# $n_ok ok, $n_bad not ok"
