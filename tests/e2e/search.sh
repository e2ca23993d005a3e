# search.sh -- search as residents type it: full pinyin and ASCII names, full-width
# input from an input method, digits that open the number shown, and n / N that
# stop at either end with a message.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

search() { keys /; type_text "$1"; keys Enter; }
goto() { keys g; type_text "$1"; keys Enter; }
top_code() { screen | head -n 1 | awk '{print $1}'; }
top_code_is() { [ "$(top_code)" = "$1" ]; }

start 80x24
for q in "zhifubao:3.4" "weixin:3.5" "baoxiao:5.1" "alipay:3.4" "wechat:3.5" "ＡＰＰ:3.2" "乡镇（街道）:1.1"; do
	text=${q%%:*}
	code=${q#*:}
	search "$text"
	if wait_for "页面代码 $code" 3; then ok "/$text finds $code"; else not_ok "/$text finds $code"; fi
	keys 0
done
goto "３.４"
expect_line 0 " 3.4 " "g ３.４ (full width) opens 3.4"
keys 0

# Digits pick the number shown in front of a result.
search "缴费"
expect "1. " "results are numbered"
settle
want=$(screen | grep -E '^ *>? *1\. ' | sed 's/.*页面代码 //; s/ *$//')
keys 1
if poll 5 top_code_is "$want"; then ok "1 opens the result numbered 1 ($want)"; else not_ok "1 opens the result numbered 1 ($want, got $(top_code))"; fi
keys Escape
settle
want=$(screen | grep -E '^ *>? *2\. ' | sed 's/.*页面代码 //; s/ *$//')
keys 2
if poll 5 top_code_is "$want"; then ok "2 opens the result numbered 2 ($want)"; else not_ok "2 opens the result numbered 2 ($want, got $(top_code))"; fi
keys Escape

# n / N at the ends: stop on the result with a message, both ways.
search "weixin"
expect "页面代码 3.5" "a one-result search"
keys n
expect_line 0 " 3.5 " "n opens the only result"
keys n
expect "已经是最后一个结果" "n at the last result says so"
expect_line 0 " 3.5 " "and stays on it"
keys N
expect "已经是第一个结果" "N at the first result says so"
expect_line 0 " 3.5 " "and stays on it too"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
