# keys.sh -- every key does what the bottom line and the help screen say: each
# screen kind binds keys over the common keymap (Space ticks on the checklist and
# pages elsewhere), and the hints and help are generated from the same tables.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

goto() { keys g; type_text "$1"; keys Enter; }
bottom() { screen | tail -n 1; }

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
if bottom | grep -qF "空格勾选"; then ok "the bottom line says Space ticks"; else not_ok "the bottom line says Space ticks"; fi
keys '?'
expect "当前页面: 2" "help opens over the checklist"
if screen | grep -E "^x 空格 +勾选" >/dev/null; then ok "help on the checklist: x and Space tick"; else not_ok "help on the checklist: x and Space tick"; fi
if screen | grep -E "^PgDn +下一页" >/dev/null; then ok "help on the checklist: PgDn pages (Space is not listed there)"; else not_ok "help on the checklist: PgDn pages (Space is not listed there)"; fi
keys Escape
expect_line 0 " 2 " "Esc leaves help"

# On a page, Space pages and help says so.
goto 6.6
expect_line 0 " 6.6 " "g 6.6 opens a page"
first=$(screen | sed -n 2p)
keys Space
if [ "$(screen | sed -n 2p)" != "$first" ]; then ok "Space pages on a page"; else not_ok "Space pages on a page"; fi
keys '?'
expect "当前页面: 6.6" "help opens over the page"
if screen | grep -E "^PgDn 空格 +下一页" >/dev/null; then ok "help on a page: PgDn and Space page"; else not_ok "help on a page: PgDn and Space page"; fi
if screen | grep -F "勾选" >/dev/null; then not_ok "help on a page does not offer ticking"; else ok "help on a page does not offer ticking"; fi
keys Escape
if bottom | grep -qF "勾选"; then not_ok "the page's bottom line does not offer ticking"; else ok "the page's bottom line does not offer ticking"; fi
# Backspace on an empty prompt closes it, as Esc does.
keys g
expect "跳转" "g opens the goto prompt"
keys BSpace
settle
if bottom | grep -qF "跳转到"; then not_ok "Backspace on an empty prompt closes it"; else ok "Backspace on an empty prompt closes it"; fi
keys g
type_text "6"
keys BSpace BSpace
settle
if bottom | grep -qF "跳转到"; then not_ok "Backspace past the last character closes the prompt"; else ok "Backspace past the last character closes the prompt"; fi
expect_line 0 " 6.6 " "and the screen stays as it was"
# Ctrl-C outside kiosk mode quits, as q does.
keys C-c
if wait_for "EXITED 0" 5; then ok "Ctrl-C quits with status 0"; else not_ok "Ctrl-C quits with status 0"; fi
echo "# $n_ok ok, $n_bad not ok"
