# region.sh -- one session for every region: d opens the region chooser, which
# switches the running session (and forgets the last person's answers); an answer
# code of another region offers to switch and then opens its result; line mode's
# d does the same; a kiosk may switch, and its idle wipe returns to the
# configured region.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# A Fujian code, as a caller would read it out.
CODE=$(env HOME="$E2E_TMP" $YIBAO --region fujian --print slip --answer household=local \
	--answer employee=no --answer group=ordinary --answer gap=first | sed -n 's/.*答案码 \([0-9 ]*[0-9]\).*/\1/p' | head -n 1)
[ -n "$CODE" ] && ok "a Fujian answer code to read out: $CODE" || not_ok "a Fujian answer code to read out"

# --- Full screen: switch, and the answers of the last person are gone.
start 80x24
expect "城乡居民医保办事指南" "home screen shows"
expect_line 0 "全国通用" "the session starts in the configured region"
keys 1
keys Enter
keys 1
expect "有没有参加职工医保" "a first answer is given"
keys 0
keys d
expect "选择地区" "d opens the region chooser"
expect "全国通用（national）  现在用的" "it marks the region in use"
expect "上一位的回答" "it says the answers are cleared"
keys 1
expect "已换到福建省" "choosing one switches the running session"
expect_line 0 "福建省" "the top line names the new region"
expect_line 0 " 0 " "and home is shown"
keys 1
expect "按 Enter 开始" "the wizard starts afresh: the last person's answer is gone"
keys 0
keys '?'
expect "换地区" "help lists the region key"
keys Escape
quit_ok

# --- An answer code of another region: offered, then opened.
start 80x24
expect "城乡居民医保办事指南" "home screen shows (national)"
keys g
type_text "$CODE"
keys Enter
expect "这是福建省的答案码" "another region's code says whose it is"
expect "选择地区" "and offers the region chooser"
expect " >1. 福建省" "with that region selected"
keys Enter
expect "已换到福建省，并按答案码打开了结果" "Enter switches and opens the result"
expect_line 0 "按答案码打开  福建省" "the result, in Fujian"
quit_ok

# --- Line mode: d and a number; a code of another region.
printf 'd\n1\nq\n' | env HOME="$E2E_TMP" $YIBAO --plain >"$E2E_TMP/plain1" 2>&1
if grep -qF "已换到福建省" "$E2E_TMP/plain1" && grep -qF "[0] 城乡居民医保办事指南  (福建省)" "$E2E_TMP/plain1"; then
	ok "line mode: d and a number switch the region"
else
	not_ok "line mode: d and a number switch the region"
fi
printf 'g %s\n1\nq\n' "$CODE" | env HOME="$E2E_TMP" $YIBAO --plain >"$E2E_TMP/plain2" 2>&1
if grep -qF "这是福建省的答案码" "$E2E_TMP/plain2" && grep -qF "已换到福建省，并按答案码打开了结果" "$E2E_TMP/plain2"; then
	ok "line mode: another region's code offers the switch, then opens the result"
else
	not_ok "line mode: another region's code offers the switch, then opens the result"
fi

# --- Kiosk: switching is allowed; the idle wipe returns to the configured region.
printf '[guide]\nkiosk = true\nidle_timeout_s = 2\n' >"$E2E_TMP/kiosk.ini"
start 80x24 --config "$E2E_TMP/kiosk.ini"
expect "城乡居民医保办事指南" "kiosk starts"
keys d
expect "选择地区" "a kiosk may open the region chooser"
keys 6
expect_line 0 "云南省" "and switch"
expect_wipe "the idle wipe comes"
expect_line 0 "全国通用" "and returns to the configured region"
quit_ok
printf 'd\n6\nq\n' | env HOME="$E2E_TMP" $YIBAO --plain --config "$E2E_TMP/kiosk.ini" >"$E2E_TMP/plain3" 2>&1
if grep -qF "已换到云南省" "$E2E_TMP/plain3"; then ok "kiosk line mode: d switches too"; else not_ok "kiosk line mode: d switches too"; fi
echo "# $n_ok ok, $n_bad not ok"
