# plain.sh -- line mode covers every screen kind: menus, pages, wizard, checklist,
# calculator, search, lookups; and its output carries no escape sequence.
. "$(dirname "$0")/lib.sh"
start_status_server --token t
printf 't\n' >"$E2E_TMP/token"
printf '[status]\nurl = https://127.0.0.1:%s\nca_file = %s/ca.pem\ntoken_file = %s/token\ntimeout_ms = 3000\n' \
	"$MAIN_PORT" "$SRV" "$E2E_TMP" >"$E2E_TMP/s.ini"

line() { type_text "$1"; keys Enter; }
# Line mode scrolls: look at the scrollback too.
screen() { $T capture-pane -p -S - -t e2e 2>/dev/null; }

start 80x24 --plain --config "$E2E_TMP/s.ini"
expect "请输入（帮助按 ?）" "line mode starts with a prompt"
expect "[0] 城乡居民医保办事指南" "the home menu is printed"
line 3
expect "[3] 怎么缴费" "a number opens a menu entry"
line 4
expect "[3.4] 支付宝缴费" "pages print"
line b
line b
line 1
expect "直接按回车，开始答题" "the wizard's introduction"
line ""
expect "你的户口在哪里" "Enter starts the questions"
line 2
expect "你现在有没有参加职工医保" "a number answers"
line 2
line 2
line 1
expect "可以在居住地参保，前提是你长期住在这里" "the wizard's result"
line 0
line 2
expect "居住证" "the checklist is personalised in line mode"
line "x 1"
expect "已勾选第 1 项：身份证" "x N ticks item N, said in one line"
line 0
line "g 5.2"
expect "报销计算器" "g goes to the calculator"
line 1
expect "住院费用（元）" "the calculator asks for the bill"
line 10000
expect "3. 人群：学生儿童" "after the wizard (a student), the group comes from the answers"
line 3
expect "医保报销（最多）：约 4,500.00–6,500.00 元" "the calculator computes (national: the general 45-65 %)"
line 0
line "/cbdj"
expect "搜索“cbdj”" "search by pinyin initials"
line 0
line 7
expect "1. 查参保" "the lookup menu"
line 1
expect "输入18位身份证号" "a lookup asks for the ID number"
line "$(python3 "$SERVER" --id enrolled)"
expect "1101**********" "the ID is shown masked"
expect "2025年度已参保,待遇正常" "the lookup's answer comes back in line mode"
if screen | grep -q "$(python3 "$SERVER" --id enrolled)"; then not_ok "the ID number is not on screen"; else ok "the ID number is not on screen"; fi
line q
expect "EXITED 0" "q quits line mode"

# Piped: no escape sequences at all.
printf '3\n4\nb\nb\n1\n\n1\n2\n1\n1\nq\n' | $YIBAO --plain >"$E2E_TMP/out" 2>&1
if grep -q "$(printf '\033')" "$E2E_TMP/out"; then not_ok "piped line mode writes no escape sequence"; else ok "piped line mode writes no escape sequence"; fi
if grep -q "400 元" "$E2E_TMP/out"; then ok "piped line mode answers the wizard"; else not_ok "piped line mode answers the wizard"; fi
# A tick and an export are answered with one line and the prompt; r reads the page again.
mkdir -p "$E2E_TMP/home"
printf '2\n1\nx 2\np\nr\nq\n' | HOME="$E2E_TMP/home" $YIBAO --plain >"$E2E_TMP/out" 2>&1
n=$(grep -c '^\[2\] 要带的材料' "$E2E_TMP/out")
if [ "$n" -eq 2 ]; then ok "ticks and an export do not read the list again (only r does)"; else not_ok "ticks and an export do not read the list again (only r does): read $n times"; fi
if grep -qF "已勾选第 2 项：户口簿。现在 2/" "$E2E_TMP/out"; then ok "a tick says what was ticked and the count, in one line"; else not_ok "a tick says what was ticked and the count, in one line"; fi
if grep -qF "已导出到 $E2E_TMP/home/yibao-slip.txt" "$E2E_TMP/out"; then ok "an export says where, in one line"; else not_ok "an export says where, in one line"; fi
# Search ranks in line mode as on the full screen: the screen about it first.
printf '/ 支付宝\nq\n' | env HOME="$E2E_TMP" $YIBAO --plain >"$E2E_TMP/out" 2>&1
if sed -n '/^\[\/\]/,$p' "$E2E_TMP/out" | grep -m1 '^ *1\. ' | grep -q '1\. 支付宝缴费  页面代码 3.4'; then ok "line mode: / 支付宝 lists 3.4 first"; else not_ok "line mode: / 支付宝 lists 3.4 first"; fi
# A code as an input method writes it, at g and for --print.
printf 'g 3。4\nq\n' | $YIBAO --plain >"$E2E_TMP/out" 2>&1
if grep -qF "[3.4] 支付宝缴费" "$E2E_TMP/out"; then ok "line mode: g 3。4 opens 3.4"; else not_ok "line mode: g 3。4 opens 3.4"; fi
if $YIBAO --print "６。６" 2>&1 | head -1 | grep -qF "6.6"; then ok "--print ６。６ prints 6.6"; else not_ok "--print ６。６ prints 6.6"; fi
echo "# $n_ok ok, $n_bad not ok"
