# navigate.sh -- home menu, moving, opening, back, go to by code, resize, quit.
. "$(dirname "$0")/lib.sh"

start 80x24
expect "城乡居民医保办事指南" "home screen shows its title"
expect_line 0 " 0 " "top line shows the home code 0"
for t in 谁能参保 要带的材料 怎么缴费 领医保卡 看病怎么报销 注意事项 查询办理进度; do
	expect "$t" "home menu lists $t"
done
expect "q退出" "bottom line shows the keys"

keys Down Down Enter
expect "3  怎么缴费" "Down Down Enter opens 3 payment"
expect_line 0 "3  怎么缴费" "payment code and title in the top line"
keys 4
expect "3.4  支付宝缴费" "digit 4 opens 3.4 Alipay"
keys Left
expect "3  怎么缴费" "Left goes back to the payment menu"
keys Left
$T send-keys -t e2e 3 5
expect "3.5  微信" "keys typed ahead (3 then 5 in one write) act on the screen they reach"
keys Left
keys Escape
expect "城乡居民医保办事指南" "Esc goes back home"

keys g
expect "跳转到页面代码" "g opens the go-to prompt"
type_text "6.6"
keys Enter
expect "6.6  职工医保和居民医保对比" "g 6.6 opens the comparison page"
keys g
type_text "9.9.9"
keys Enter
expect "没有这个页面代码：9.9.9" "unknown code: message on the bottom line"
expect_line 0 "6.6" "unknown code: the screen stays"
keys 0
expect_line 0 "城乡居民医保办事指南" "0 goes home"

keys g
type_text "pay-wechat"
keys Enter
expect "3.5  微信" "g accepts an id as well as a code"
keys 0

# As an input method types a code: the ideographic full stop, full-width digits.
keys g
type_text "3。4"
keys Enter
expect "3.4  支付宝" "g accepts 3。4 (the full stop an input method types)"
keys 0
keys g
type_text "６．５．３"
keys Enter
expect "6.5.3  断缴好几年" "g accepts full-width ６．５．３"
keys 0

keys '?'
expect "按页面代码跳转" "? shows the help from the keymap"
expect "当前页面：0" "help names the current screen's code"
keys h

# Resize keeps the place.
keys g
type_text "6.6"
keys Enter
resize 60x20
expect_line 0 "6.6" "after resize to 60x20 the same screen shows"
fits 60x20 "nothing drawn past 60 columns"
resize 132x43
expect_line 0 "6.6" "after resize to 132x43 the same screen shows"
expect "比一比" "the comparison table is laid out at 132 columns"
resize 30x10
expect "窗口太小" "below 40x12 a one-line notice shows"
resize 80x24
expect_line 0 "6.6" "growing again brings the screen back"

keys 0 /
type_text "微办税"
keys Enter
expect "搜索“微办税”" "/ searches all content"
keys Enter
expect "微办税" "opening a search result shows the match"
expect_not "搜索“微办税”" "the result screen replaced the list"
esc=$(printf '\033')
if $T capture-pane -e -p -t e2e | grep -q "${esc}\[[0-9;]*7m微办税"; then ok "the match is highlighted on the opened screen"; else not_ok "the match is highlighted on the opened screen"; fi
keys Escape
expect "搜索“微办税”" "back from a result returns to the list"
keys 0
quit_ok
echo "# $n_ok ok, $n_bad not ok"
