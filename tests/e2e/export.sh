# export.sh -- p is a pure function of the view: the screen keeps its place, every
# export is a new file (never an overwrite), the directory is said and never the
# current one by default, and what goes wrong is said in Chinese.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

ABS=$(cd "$(dirname "$YIBAO")" && pwd)/$(basename "$YIBAO")
goto() { keys g; type_text "$1"; keys Enter; }

start 80x24
goto 6.7.3
expect_line 0 " 6.7.3 " "g 6.7.3 opens a long page"
keys NPage
settle
before=$(screen | sed -n '2,23p')
keys p
expect "已导出到 $E2E_TMP/yibao-6.7.3.txt" "p writes the page"
settle
if [ "$(screen | sed -n '2,23p')" = "$before" ]; then ok "p on a scrolled page keeps the place"; else not_ok "p on a scrolled page keeps the place"; fi
keys p
expect "已导出到 $E2E_TMP/yibao-6.7.3-2.txt" "p again writes a new file, not over the first"
if [ -s "$E2E_TMP/yibao-6.7.3.txt" ] && cmp -s "$E2E_TMP/yibao-6.7.3.txt" "$E2E_TMP/yibao-6.7.3-2.txt"; then
	ok "both files are there, the same text"
else
	not_ok "both files are there, the same text"
fi
# On paper a reference says its code (g finds it again), not a key's number.
if grep -qF "各类人群交多少钱（1.5）" "$E2E_TMP/yibao-6.7.3.txt" && ! grep -qF "交多少钱[" "$E2E_TMP/yibao-6.7.3.txt"; then
	ok "the exported page gives each reference its screen code"
else
	not_ok "the exported page gives each reference its screen code"
fi
# Generated views have names of their own: help and search results do not share one.
keys '?'
expect "当前页面：6.7.3" "help opens"
keys p
expect "已导出到 $E2E_TMP/yibao-help.txt" "p on help writes yibao-help.txt"
keys Escape
keys /
type_text "缴费"
keys Enter
expect "搜索“缴费”" "a search lists results"
keys p
expect "已导出到 $E2E_TMP/yibao-search.txt" "p on the results writes yibao-search.txt"
if grep -qF "办事单" "$E2E_TMP/yibao-help.txt"; then ok "help says how to get the slip"; else not_ok "help says how to get the slip"; fi
if grep -qF "帮助" "$E2E_TMP/yibao-help.txt" && grep -qF "缴费" "$E2E_TMP/yibao-search.txt"; then
	ok "help and search exports both kept"
else
	not_ok "help and search exports both kept"
fi
quit_ok

# No HOME and no export_dir: no file in the current directory, and a message saying so.
mkdir -p "$E2E_TMP/cwd"
YIBAO="env -u HOME -C $E2E_TMP/cwd $ABS" start 80x24
goto 6.6
expect_line 0 " 6.6 " "without HOME: g 6.6"
keys p
expect "没有导出目录" "without HOME: p says there is no export directory"
if [ -z "$(ls -A "$E2E_TMP/cwd")" ]; then ok "without HOME: nothing written to the current directory"; else not_ok "without HOME: nothing written to the current directory ($(ls "$E2E_TMP/cwd"))"; fi
quit_ok

# An export directory that does not exist: the reason in Chinese, not strerror's English.
printf '[guide]\nexport_dir = %s/nosuch\n' "$E2E_TMP" >"$E2E_TMP/export.ini"
start 80x24 --config "$E2E_TMP/export.ini"
goto 6.6
keys p
expect "不能导出到 $E2E_TMP/nosuch/yibao-6.6.txt:目录不存在" "a missing directory is said in Chinese"
expect_not "No such file" "no English error text"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
