# slip.sh -- p on the eligibility result writes the take-away slip (80 columns)
# to the export directory; on a page p writes that page.
. "$(dirname "$0")/lib.sh"

start 80x24
expect "城乡居民医保办事指南" "start"
keys 1 Enter 2 2 2 1
expect "可以在居住地参保，前提是你长期住在这里" "a non-local student's result"
keys p
expect "已导出到 $E2E_TMP/yibao-slip.txt" "p on the result writes the slip"
f="$E2E_TMP/yibao-slip.txt"
if [ -f "$f" ] && [ "$(wc -L <"$f")" -le 80 ]; then ok "the slip is at most 80 columns"; else not_ok "the slip is at most 80 columns"; fi
for want in "你的情况" "外地户口，有本地居住证" "在校学生或学龄前儿童" "400 元" "要带的材料" "居住证" "下一步" "地区：全国通用"; do
	if grep -qF "$want" "$f"; then ok "the slip says: $want"; else not_ok "the slip says: $want"; fi
done
if [ "$(stat -c %a "$f")" = 600 ]; then ok "the slip is readable by its owner only"; else not_ok "the slip is readable by its owner only"; fi
expect "可以在居住地参保，前提是你长期住在这里" "after p the result is still on screen"
keys 0
keys g
type_text "3.4"
keys Enter
keys p
expect "已导出到 $E2E_TMP/yibao-3.4.txt" "p on a page writes that page"
if grep -qF "[3.4] 支付宝缴费" "$E2E_TMP/yibao-3.4.txt"; then ok "the page's text is in the file"; else not_ok "the page's text is in the file"; fi
quit_ok
echo "# $n_ok ok, $n_bad not ok"
