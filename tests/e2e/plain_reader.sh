# plain_reader.sh -- line mode as a screen-reader user meets it: its own words
# (no arrow keys, Esc, PgUp, colours), its own help (every command the help
# names is understood), every action numbered (the result's answers too), x1 and
# x 1 alike, a prompt short enough that what is typed after it does not wrap,
# and output espeak-ng reads without error and without a line of bare symbols.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

plain() { env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --plain --region national; }
has() { if grep -qF -- "$1" "$3"; then ok "$2"; else not_ok "$2 (no \"$1\")"; fi; }
hasnt() { if grep -qF -- "$1" "$3"; then not_ok "$2 (\"$1\" is there)"; else ok "$2"; fi; }

# A walk through every kind of screen: home, wizard (intro, questions, result,
# changing the 2nd and the last answer by their numbers), checklist (x1, x 1),
# calculator, a page with links, search, help, a bad line, the rates table,
# the status page. (The last answer, now 12, goes back to 第一次参保 before the checklist:
# one who pays without a gap has nothing to register, so no list to tick.)
printf '1\n\n1\n2\n1\n1\n12\n2\n14\n2\n12\n1\n0\n2\nx1\nx 2\nx 1\n0\ng 5.2\n1\n10000\n3\n0\n3\n4\nb\n/缴费\n?\nhello\n0\n5\n1\n0\n7\nq\n' |
	plain >"$E2E_TMP/walk.txt" 2>&1

# Own words: nothing of the full screen's keys.
for w in "↑" "↓" "←" "→" "Enter" "PgUp" "PgDn" "Esc" "Ctrl" "F1" "空格" "█"; do
	hasnt "$w" "line mode never says \"$w\"" "$E2E_TMP/walk.txt"
done
has "直接按回车，开始答题" "the wizard's introduction says how to start in line mode" "$E2E_TMP/walk.txt"
has "输入选项前面的数字，再按回车" "a question says how to answer in line mode" "$E2E_TMP/walk.txt"

# Every action numbered: the answers on the result, after the 10 links.
has "11. 你的户口在哪里？ 你的回答是：本地户口" "the result's first answer has a number" "$E2E_TMP/walk.txt"
has "你以前交过居民医保吗？ 你的回答是：一直在缴，没有断过" "the last answer is changed by its number (14)" "$E2E_TMP/walk.txt"
has "(第 2/" "12 asks the second question again" "$E2E_TMP/walk.txt"
has "15. 重新回答全部问题" "answering again has a number" "$E2E_TMP/walk.txt"

# x1 and x 1 alike; each answered with one line, not the list read again.
has "已勾选第 1 项：身份证" "x1 ticks item 1" "$E2E_TMP/walk.txt"
has "已勾选第 2 项：户口簿" "x 2 ticks item 2" "$E2E_TMP/walk.txt"
has "已取消勾选第 1 项：身份证" "x 1 unticks item 1 again" "$E2E_TMP/walk.txt"

# An empty line acts only where it means one thing: on the checklist it ticks
# nothing (line mode shows no selection to act on) and reads the page again.
printf '2\n\nq\n' | plain >"$E2E_TMP/enter.txt" 2>&1
if [ "$(grep -c '(0/[0-9]* 已备齐)' "$E2E_TMP/enter.txt")" = 2 ]; then ok "an empty line on the checklist ticks nothing"; else not_ok "an empty line on the checklist ticks nothing"; fi

printf ' 2 \nq\n' | plain >"$E2E_TMP/space.txt" 2>&1
has "[2] 要带的材料" "spaces around a command are ignored" "$E2E_TMP/space.txt"

# Its own help: the commands of line mode, none of the full screen's.
sed -n '/^帮助：/,/^医保服务热线/p' "$E2E_TMP/walk.txt" >"$E2E_TMP/help.txt"
for w in "x 数字" "b：" "g 代码" "/ 词" "q：" "r："; do
	has "$w" "line mode's help names \"$w\"" "$E2E_TMP/help.txt"
done
hasnt "PgUp" "line mode's help has no PgUp" "$E2E_TMP/help.txt"
has "看不懂这一行。输入 ?" "a line that is no command points to the help" "$E2E_TMP/walk.txt"

# The help cannot promise what dispatch does not do: each usage it lists, typed
# as written (a number for 数字, a code for 代码, a word for 词), is understood.
sed -n 's/^  \([^：]*\)：.*/\1/p' "$E2E_TMP/help.txt" >"$E2E_TMP/usages.txt"
n_usage=$(wc -l <"$E2E_TMP/usages.txt")
if [ "$n_usage" -ge 10 ]; then ok "the help lists $n_usage commands"; else not_ok "the help lists $n_usage commands"; fi
bad=""
while IFS= read -r u; do
	case "$u" in
	q) continue ;; # quits: checked by the walk
	只按回车) cmd="" ;;
	*) cmd=$(printf '%s' "$u" | sed 's/数字/1/; s/代码/3/; s/词/缴费/') ;;
	esac
	printf '2\n%s\nq\n' "$cmd" | plain >"$E2E_TMP/one.txt" 2>&1
	grep -q "看不懂这一行" "$E2E_TMP/one.txt" && bad="$bad [$cmd]"
done <"$E2E_TMP/usages.txt"
if [ -z "$bad" ]; then ok "every command the help lists is understood"; else not_ok "the help lists commands line mode refuses:$bad"; fi

# A short prompt: what is typed after it fits on an 80-column line.
prompt=$(printf 'q\n' | plain 2>&1 | tail -n 1)
w=$(printf '%s' "$prompt" | python3 -c 'import sys, unicodedata as u; s = sys.stdin.read(); print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s))')
if [ "$w" -gt 0 ] && [ "$w" -le 24 ]; then ok "the prompt is $w columns"; else not_ok "the prompt is $w columns (\"$prompt\")"; fi

# Speakable: no line of bare symbols (a bar, a rule, "|"), and espeak-ng reads
# the whole walk without an error.
python3 - "$E2E_TMP/walk.txt" >"$E2E_TMP/symbols.txt" <<'EOF'
import sys, unicodedata
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    s = line.strip()
    if s and not any(unicodedata.category(c)[0] in "LN" for c in s):
        print(f"{n}: {s}")
EOF
if [ -s "$E2E_TMP/symbols.txt" ]; then
	not_ok "no line is only symbols: $(head -n 3 "$E2E_TMP/symbols.txt" | tr '\n' ' ')"
else
	ok "no line is only symbols"
fi
# espeak-ng is slow (a second for 30 lines here): it reads line mode's own
# words -- the help, the prompt, a question, the answer list, the calculator --
# not the whole walk.
{
	cat "$E2E_TMP/help.txt"
	printf '%s\n' "$prompt"
	sed -n '/(第 1\/5 题)/,/^请输入/p' "$E2E_TMP/walk.txt" | head -n 12
	sed -n '/^你的回答$/,/重新回答全部问题/p' "$E2E_TMP/walk.txt" | tail -n 8
	sed -n '/^\[5.2\]/,/^请输入/p' "$E2E_TMP/walk.txt" | tail -n 14
} >"$E2E_TMP/speak.txt"
if ! command -v espeak-ng >/dev/null 2>&1; then
	skip "espeak-ng is not installed (sh tools/deps.sh test)"
elif timeout 20 espeak-ng -q --ipa -v cmn -f "$E2E_TMP/speak.txt" >"$E2E_TMP/ipa.txt" 2>"$E2E_TMP/ipa.err" &&
	[ ! -s "$E2E_TMP/ipa.err" ] && [ "$(grep -c . "$E2E_TMP/ipa.txt")" -ge 20 ]; then
	ok "espeak-ng reads line mode's output ($(grep -c . "$E2E_TMP/ipa.txt") phrases, no error)"
else
	not_ok "espeak-ng reads line mode's output: $(head -c 300 "$E2E_TMP/ipa.err")"
fi

# In a terminal: the typed line stays on the prompt's line at 80 columns.
start 80x24 --plain
expect "请输入（帮助按 ?）：" "line mode in a terminal"
type_text "g 3.2"
keys Enter
expect "[3.2] 国家医保服务平台APP" "g with a code"
if $T capture-pane -p -S - -t e2e | grep -q "请输入（帮助按 ?）：g 3.2$"; then ok "the typed line is on the prompt's line"; else not_ok "the typed line is on the prompt's line"; fi
type_text "q"
keys Enter
expect "EXITED 0" "q quits"
echo "# $n_ok ok, $n_bad not ok"
