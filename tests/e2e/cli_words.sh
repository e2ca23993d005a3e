# cli_words.sh -- the small things users noticed (issue 12 F): a wrong --region
# or --answer value lists the right ones; region names in any case; every code
# the top line shows can be typed at g; search snippets start at a boundary,
# with "…" when cut; 1.8's footer offers no link digits; the calculator legend's
# swatches have the bar's colours; every link the checklist shows can be opened.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

run() { env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" "$@" >"$E2E_TMP/out" 2>&1; echo $? >"$E2E_TMP/rc"; }
rc() { cat "$E2E_TMP/rc"; }
has() { if grep -qF -- "$1" "$E2E_TMP/out"; then ok "$2"; else not_ok "$2 (no \"$1\")"; sed 's/^/#   /' "$E2E_TMP/out" | head -5; fi; }
hasnt() { if grep -qF -- "$1" "$E2E_TMP/out"; then not_ok "$2 (\"$1\" is there)"; sed 's/^/#   /' "$E2E_TMP/out" | head -5; else ok "$2"; fi; }

# --region: a wrong name lists the names there are and does not claim to go on.
run --region nosuch --print 0
if [ "$(rc)" = 2 ]; then ok "--region nosuch exits 2"; else not_ok "--region nosuch exits 2 (got $(rc))"; fi
has "fujian" "--region nosuch lists fujian"
has "yunnan" "--region nosuch lists yunnan"
hasnt "using national" "--region nosuch does not say it goes on with national"
run --region Fujian --print 0
if [ "$(rc)" = 0 ]; then ok "--region Fujian is accepted"; else not_ok "--region Fujian is accepted (exit $(rc))"; fi
has "福建" "--region Fujian is Fujian"
run --region FUJIAN --print 5.2
has "福建" "--region FUJIAN is Fujian"

# Nothing to show: one line naming what was tried, exit 1 (session_guide).
run --content "$E2E_TMP/nosuch" --list
if [ "$(rc)" = 1 ]; then ok "--content of nothing exits 1"; else not_ok "--content of nothing exits 1 (got $(rc))"; fi
has "yibao: no usable content ($E2E_TMP/nosuch)" "--content of nothing says what was tried"
mkdir -p "$E2E_TMP/empty"
run --content "$E2E_TMP/empty" --print 0
if [ "$(rc)" = 1 ]; then ok "an empty content directory exits 1"; else not_ok "an empty content directory exits 1 (got $(rc))"; fi
has "yibao: no usable content in $E2E_TMP/empty" "an empty content directory is named"

# --answer: a wrong value lists the valid ones.
run --answer household=mars --print slip
if [ "$(rc)" != 0 ]; then ok "--answer household=mars fails"; else not_ok "--answer household=mars fails"; fi
has "local" "--answer household=mars lists local"
has "nopermit" "--answer household=mars lists nopermit"
run --answer nosuch=1 --print slip
has "household" "--answer with an unknown name lists the names"

# Search snippets start at the start of their text, or after punctuation with
# "…" before them; never mid-word without it.
printf '/缴费\n0\n/医保\n0\n/报销\n0\n/12393\nq\n' |
	env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --plain --region national >"$E2E_TMP/search.txt" 2>&1
python3 "$(dirname "$0")/snippet_check.py" "$ROOT/content" "$E2E_TMP/search.txt" >"$E2E_TMP/snip.txt"
checked=$(sed -n 's/^checked //p' "$E2E_TMP/snip.txt")
if [ "${checked:-0}" -ge 30 ] && ! grep -q '^bad' "$E2E_TMP/snip.txt"; then
	ok "search snippets start at a boundary, with … when cut ($checked checked)"
else
	not_ok "search snippets start at a boundary, with … when cut ($checked checked)"
	grep '^bad' "$E2E_TMP/snip.txt" | head -5 | sed 's/^/# /'
fi

# Every code the top line shows can be typed at g: slip, ? and / too.
printf 'g slip\nq\n' | env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --plain >"$E2E_TMP/out" 2>&1
has "[slip] 城乡居民医保办事单" "g slip opens the slip"
printf 'g /\n/缴费\n0\ng /\nq\n' | env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --plain >"$E2E_TMP/out" 2>&1
has "还没有搜索" "g / before any search says there is none"
if [ "$(grep -c '^\[/\] 搜索“缴费”' "$E2E_TMP/out")" = 2 ]; then ok "g / opens the last search's results again"; else not_ok "g / opens the last search's results again"; fi
printf 'g ?\nq\n' | env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --plain >"$E2E_TMP/out" 2>&1
has "帮助：每一行输入一个命令" "g ? in line mode is line mode's help"
start 80x24
expect "城乡居民医保办事指南" "full screen starts"
keys g
type_text "?"
keys Enter
expect "当前页面：0 城乡居民医保办事指南" "g ? opens the help on the full screen"
keys Escape
# The footer offers link digits only on a page that has links (1.8 has none).
keys g
type_text "1.8"
keys Enter
expect "办事单上的下一步" "g 1.8"
expect_not_cmd "1.8's footer does not offer link digits" on_bottom "打开链接"
keys g
type_text "1.2"
keys Enter
expect "用手机办参保登记" "g 1.2"
expect_cmd "1.2's footer offers link digits" on_bottom "打开链接"
keys q
# The calculator legend's swatches are drawn in the bar's colours.
start 80x30
keys g
type_text "5.2"
keys Enter
keys 1
type_text 10000
keys Enter
keys 3
expect "医保报销（最多）：约" "the calculator computes"
settle
$T capture-pane -e -p -t e2e | python3 "$(dirname "$0")/swatch_check.py" >"$E2E_TMP/swatch.txt"
if [ "$(tail -n 1 "$E2E_TMP/swatch.txt")" = same ]; then
	ok "the legend's swatches have the bar's colours"
else
	not_ok "the legend's swatches have the bar's colours"
	sed 's/^/# /' "$E2E_TMP/swatch.txt"
fi
keys q
echo "# $n_ok ok, $n_bad not ok"
