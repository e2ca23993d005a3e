# broken.sh -- broken content: bad files are skipped at start, the rest still works,
# and the problems are said once, as FILE:LINE, on stderr.
. "$(dirname "$0")/lib.sh"

FX=tests/fixtures/broken

# Without a terminal: the same FILE:LINE lines as --check, each once (in the order
# they are found, which differs: compared sorted), then line mode.
$YIBAO --content "$FX/content" </dev/null >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "non-tty start with broken content exits 0"; else not_ok "non-tty start exits 0 (got $rc)"; fi
sort "$FX/expected.txt" >"$E2E_TMP/want"
sort "$E2E_TMP/err" >"$E2E_TMP/got"
if diff -u "$E2E_TMP/want" "$E2E_TMP/got" >"$E2E_TMP/diff"; then
	ok "non-tty start prints the problems on stderr, as --check does"
else
	not_ok "non-tty start prints the problems on stderr"; sed 's/^/#   /' "$E2E_TMP/diff"
fi
if [ -z "$(sort "$E2E_TMP/err" | uniq -d)" ]; then ok "each problem is said once"; else not_ok "each problem is said once"; fi
if grep -q '坏内容测试首页' "$E2E_TMP/out" && ! grep -q 'yibao:' "$E2E_TMP/out"; then
	ok "line mode shows the home screen on stdout, no problems mixed in"
else
	not_ok "line mode shows the home screen on stdout"
fi

start 80x24 --content "$PWD/$FX/content"
expect "坏内容测试首页" "home screen of the broken content shows"
expect_line 0 " 0 " "top line shows the home code"
for t in 好的页面 材料清单 问答 坏链接 占位符 乱码 控制字符 表格; do
	expect "$t" "home menu lists $t"
done
expect_not "没有代码" "a file without a code is not listed"

# The good screens work.
keys 1
expect "1  好的页面" "1 opens the good page"
expect "12393" "its placeholder is filled"
expect "回首页" "its table is laid out"
keys Escape
expect_line 0 "坏内容测试首页" "Esc goes back home"
keys 2
expect "2  材料清单" "the checklist with a bad condition still opens"
expect "身份证原件" "its good items show"
keys 0

# Skipped files are not there; loaded ones with problems are.
for c in 5 6 7 8; do
	keys g
	type_text "$c"
	keys Enter
	expect "没有这个页面代码：$c" "skipped screen $c cannot be opened"
done
keys g
type_text "dup-code"
keys Enter
expect "没有这个页面代码：dup-code" "a duplicate code's file is skipped"
keys g
type_text "11"
keys Enter
expect "11  没人链接的页面" "an unreachable screen still opens by code"
keys 0

keys 4
expect "9  坏链接" "the page with broken links opens"
keys 1
expect "这个链接指向的页面不存在：no-such-screen" "a broken link says so instead of opening"
expect_line 0 "9  坏链接" "and the page stays"
keys 3
expect_line 0 "坏内容测试首页" "its good link still works"

keys 5
expect "{{no_such_value}}" "an unknown placeholder is shown as written"
keys 0 6
expect "第九行有一个坏字节" "the page with bad bytes opens"
expect "$(printf '\357\277\275')" "bad bytes show as U+FFFD"
keys 0 7
# With ESC gone, "[31m" is plain text: shown, not obeyed by the terminal.
expect "[31m红色[0m" "ESC is removed: the escape sequence shows as text, not colour"
expect "反向书写控制:abc" "a bidi override is removed"
keys 0 8
expect "少了一格" "a ragged table is still laid out"
fits 80x24 "nothing drawn past 80 columns"
keys 0
quit_ok
echo "# $n_ok ok, $n_bad not ok"
