# resize_kinds.sh -- a live resize during every screen kind keeps the place and
# the state (a wizard question, a checklist's ticks, a calculator's result).
. "$(dirname "$0")/lib.sh"

goto() { keys g; type_text "$1"; keys Enter; }
# around CODE TEXT: resize through odd and extreme sizes; CODE and TEXT stay.
around() {
	for size in 61x17 100x30 40x12 200x60 80x24; do
		resize "$size"
		expect_line 0 " $1 " "$1 at $size: still the same screen"
		fits "$size" "$1 at $size: nothing past the right edge"
	done
	expect "$2" "$1: after the resizes the state is kept ($2)"
}

start 80x24
expect "城乡居民医保办事指南" "start"
around 0 "查询办理进度"
keys 3
around 3 "银行代扣"
keys 0
goto 6.6
around 6.6 "比一比"
keys 0 2 x Down x
expect "2/" "checklist: two items ticked"
around 2 "2/"
keys 0 1 Enter 2 2
expect "你属于哪一类人" "wizard: at the third question"
around 1 "你属于哪一类人"
keys 0
goto 5.2
keys 1
type_text "12345.67"
keys Enter
expect "12,345.67" "calculator: a bill entered"
around 5.2 "12,345.67"
keys 0 7
around 7 "查询办理进度"
keys '?'
around '?' "按页面代码跳转"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
