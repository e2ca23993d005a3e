# linebreak.sh -- text is set as Chinese is set at 40, 60 and 80 columns: on every
# screen (yibao --list) and the slip, no line starts with closing punctuation or a
# link's "[N]", none ends with an opening bracket or quote, none is wider than the
# width (issue 12 item 13). Runs --print --width N, the layout the screens use.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

export LANG=C.UTF-8 HOME="$E2E_TMP"
unset LC_ALL LC_CTYPE YIBAO_CONFIG

# check WIDTH FILE...: one line per offence ("FILE:LINE: why: text"); silent when clean.
check() {
	python3 - "$@" <<'PY'
import re, sys, unicodedata
# Closing punctuation (Chinese and Latin) may not start a line; opening
# brackets and quotes may not end one. A table row is checked cell by cell.
closers = set("，。、；：？！）」』】》〉〗〕”’…～,.;:?!)]}%")
openers = set("（「『【《〈〖〔“‘([{")
width = int(sys.argv[1])
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read().split("\n")
    # Line 1 is the "[CODE] title  (region)" header, not laid out.
    for n, line in enumerate(text[1:], 2):
        where = "%s:%d" % (path.rsplit("/", 1)[-1], n)
        if cols(line) > width:
            print("%s: wider than %d: %s" % (where, width, line))
        for cell in line.split("│"):
            cell = re.sub(r"^[ |┃]*", "", cell).rstrip()
            if cell == "" or set(cell) <= set("─┼-+"):
                continue
            if cell[0] in closers:
                print("%s: starts with a closer: %s" % (where, line))
            if cell[-1] in openers:
                print("%s: ends with an opener: %s" % (where, line))
            if re.match(r"\[[0-9]+\]", cell):
                print("%s: starts with a link number: %s" % (where, line))
PY
}

codes=$($YIBAO --list | cut -f1)
[ -n "$codes" ] || not_ok "yibao --list names the screens"
for w in 40 60 80; do
	failed=""
	for c in $codes slip; do
		out="$E2E_TMP/$c@$w.txt"
		if [ "$c" = slip ]; then
			$YIBAO --print slip --width "$w" --answer household=permit --answer employee=no \
				--answer group=student --answer gap=first >"$out" 2>"$out.err"
		else
			$YIBAO --print "$c" --width "$w" >"$out" 2>"$out.err"
		fi
		[ $? -eq 0 ] || failed="$failed $c"
	done
	msg=$(check "$w" "$E2E_TMP"/*@"$w".txt)
	if [ -z "$failed$msg" ]; then
		ok "every screen at $w columns: no line starts with a closer or a link number, none ends with an opener"
	else
		n_bad=$((n_bad + 1))
		echo "not ok - screens set badly at $w columns${failed:+ (--print failed:$failed)}"
		echo "$msg" | head -20 | sed 's/^/# /'
	fi
done

# The oracle can fail: text broken the old way is caught.
printf '[0] t\n看 新农合常见问题\n[1]。\n网站上的“\n，办事指南”。\n' >"$E2E_TMP/bad.txt"
if [ "$(check 80 "$E2E_TMP/bad.txt" | wc -l)" -eq 3 ]; then
	ok "the check catches a link number, an opener at the end, a closer at the start"
else
	not_ok "the check catches a link number, an opener at the end, a closer at the start"
fi
[ "$n_bad" -eq 0 ]
