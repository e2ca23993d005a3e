# sizes.sh -- the guide at many terminal sizes, and live resizes between them:
# the top line shows the code, the bottom line the keys, nothing is drawn past the
# right edge, and the CJK comparison table (6.6) is laid out in aligned columns.
# On a day inside the figures' year: read later, 6.6 opens with a year notice
# that pushes the table below a 12-line screen (tests/e2e/dated.sh checks it).
E2E_TODAY=2025-06-01
. "$(dirname "$0")/lib.sh"

SIZES="80x24 40x12 61x17 100x30 200x60"

# bottom_has SIZE TEXT DESCRIPTION: the last row of the terminal contains TEXT.
bottom_has() {
	if poll 5 on_line "$((${1#*x} - 1))" "$2"; then ok "$3"; else not_ok "$3 (bottom row has no \"$2\")"; fi
}


# table_aligned DESCRIPTION: every line of the 6.6 table has its two bars (│ or ┼)
# at the same display columns, and there are at least three such lines.
table_aligned() {
	settle
	if screen | python3 -c '
import sys, unicodedata
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
n = 0
for line in sys.stdin.read().split("\n"):
    pos = [w(line[:i]) for i, c in enumerate(line) if c in "\u2502\u253c"]
    if pos:
        n += 1
        cols.add(tuple(pos))
sys.exit(0 if n >= 3 and len(cols) == 1 and len(next(iter(cols))) == 2 else 1)
'; then ok "$1"; else not_ok "$1"; fi
}

goto() {
	keys g
	type_text "$1"
	keys Enter
}

for size in $SIZES; do
	start "$size"
	expect "城乡居民医保办事指南" "$size: home screen shows"
	expect_line 0 " 0 " "$size: top line shows the code 0"
	bottom_has "$size" "←返回" "$size: bottom line shows the keys"
	fits "$size" "$size: nothing drawn past the right edge (home)"
	goto 6.6
	expect "比一比" "$size: g 6.6 shows the comparison table"
	expect_line 0 " 6.6 " "$size: top line shows the code 6.6"
	bottom_has "$size" "←返回" "$size: bottom line shows the keys on 6.6"
	fits "$size" "$size: nothing drawn past the right edge (6.6)"
	table_aligned "$size: the CJK table's columns line up"
	keys Down Down Down
	expect_line 0 " 6.6 " "$size: scrolling keeps the screen"
	fits "$size" "$size: nothing drawn past the right edge after scrolling"
	quit_ok
done

# Live resizes: the same screen, relaid out for each size.
start 80x24
goto 6.6
expect "比一比" "resize: start on 6.6 at 80x24"
keys Down Down
for size in 40x12 61x17 100x30 200x60 61x17 80x24; do
	resize "$size"
	expect_line 0 " 6.6 " "resize to $size: the same screen shows"
	bottom_has "$size" "←返回" "resize to $size: bottom line shows the keys"
	fits "$size" "resize to $size: nothing drawn past the right edge"
	table_aligned "resize to $size: the table is laid out again, aligned"
done
resize 30x10
expect "窗口太小" "resize below 40x12: a notice instead of the screen"
fits 30x10 "the notice fits 30 columns"
resize 80x24
expect_line 0 " 6.6 " "growing again brings the screen back"
keys Escape
expect_line 0 " 0 " "back still works after the resizes"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
