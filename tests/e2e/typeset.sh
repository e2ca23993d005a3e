# typeset.sh -- the bottom line at 40 columns keeps whole hints and help/quit
# (issue 12 item 14); the cursor rests on a marker cell left of the highlight, so
# a block cursor hides none of it, in bar and in [display] marker mode (item 15).
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# bottom_ends TEXT DESCRIPTION: the settled bottom line ends with TEXT.
bottom_ends() {
	settle
	last=$(screen | tail -1 | sed 's/ *$//')
	case "$last" in
	*"$1") ok "$2" ;;
	*) not_ok "$2 (bottom line: \"$last\")" ;;
	esac
}

# cursor_cell: "CHAR REV BAR" for the cell under the cursor: its character,
# whether it is in reverse video, whether a cell right of it on its line is (1/0).
cursor_cell() {
	settle
	pos=$($T display -p -t e2e '#{cursor_x} #{cursor_y}')
	$T capture-pane -p -e -t e2e | python3 -c '
import re, sys, unicodedata
x, y = (int(v) for v in sys.argv[1].split())
line = sys.stdin.read().split("\n")[y]
cells, rev = [], False
for tok in re.findall(r"\x1b\[[0-9;]*m|.", line):
    if tok.startswith("\x1b["):
        codes = [int(c) if c else 0 for c in tok[2:-1].split(";")]
        for c in codes:
            if c == 0 or c == 27:
                rev = False
            elif c == 7:
                rev = True
        continue
    w = 2 if unicodedata.east_asian_width(tok) in "WF" else 1
    cells += [(tok, rev)] * w
cells += [(" ", False)] * 2
ch, r = cells[x] if x < len(cells) else (" ", False)
print(ch, int(r), int(any(rv for _, rv in cells[x + 1:])))
' "$pos"
}

# expect_marker MODE DESCRIPTION: the cursor is on a ">" that is not reversed, and
# (MODE bar) the highlight is to its right on the line, (MODE marker) there is none.
expect_marker() {
	got=$(cursor_cell)
	case "$1" in
	bar) want="> 0 1" ;;
	marker) want="> 0 0" ;;
	esac
	if [ "$got" = "$want" ]; then ok "$2"; else not_ok "$2 (cursor cell: \"$got\", want \"$want\")"; fi
}

# --- Item 14: the bottom line at 40 columns.
start 40x12
expect "谁能参保" "home at 40x12"
bottom_ends "?帮助 q退出" "home at 40 columns: help and quit are on the bottom line"
keys 2
expect "要带的材料" "checklist at 40x12"
bottom_ends "?帮助 q退出" "checklist at 40 columns: help and quit stay"
expect_not "g跳" "checklist at 40 columns: no hint is cut (g跳转 goes whole)"
keys Left 1 Enter
expect "你的户口在哪里" "wizard question at 40x12"
bottom_ends "?帮助 q退出" "wizard at 40 columns: help and quit stay"
resize 80x24
bottom_ends "↑↓选择 Enter确定  ←上一题 g跳转 /搜索 ?帮助 d地区 q退出" "at 80 columns every hint shows (one back key: the wizard's ← is 上一题)"
quit_ok

# --- Item 15: the cursor rests on a marker cell, left of the highlight.
start 80x24
expect "谁能参保" "home at 80x24"
expect_marker bar "home: the cursor is on a \">\" left of the bar, not on the bar"
keys Down
expect_marker bar "home after Down: the marker moved with the bar"
keys 2
expect "要带的材料" "checklist"
expect_marker bar "checklist: a marker cell left of the item, the bar to its right"
keys Left 1 Enter
expect "你的户口在哪里" "wizard question"
expect_marker bar "wizard: a marker cell left of the option"
quit_ok

printf '[display]\nmarker = true\n' >"$E2E_TMP/marker.ini"
start 80x24 --config "$E2E_TMP/marker.ini"
expect "谁能参保" "marker mode: home"
expect_marker marker "marker mode: the cursor on \">\", no bar"
keys 2
expect "要带的材料" "marker mode: checklist"
expect_marker marker "marker mode: checklist \">\" does not cover the item's number"
expect " >1. [ ]" "marker mode: the \">\" stands left of the item's number"
quit_ok
[ "$n_bad" -eq 0 ]
