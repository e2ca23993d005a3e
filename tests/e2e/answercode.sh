# answercode.sh -- the help-desk answer code end to end: a resident answers the
# wizard in one terminal, the code is read off that screen and typed into a
# second terminal (the help-desk), and the two result screens are compared line
# by line; wrong codes (typo, other region, other wizard, missing profile);
# changing an answer; the kiosk wipe; line mode; --print slip --answer-code.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

SIZE=100x50
DESK="$T"
dstart() { # ARGS...: the help-desk's guide in a second session "desk"
	$T kill-session -t desk 2>/dev/null
	$T new-session -d -s desk -x "${SIZE%x*}" -y "${SIZE#*x}" \
		"env HOME=$E2E_TMP LANG=C.UTF-8 TERM=xterm-256color ESCDELAY=25 $YIBAO $*; echo EXITED \$?; sleep 30"
	$T set-option -t desk status off >/dev/null 2>&1
	$T resize-window -t desk -x "${SIZE%x*}" -y "${SIZE#*x}" >/dev/null 2>&1
	dwait "城乡居民医保办事指南" 5 || echo "# desk did not start"
}
dkeys() { $DESK send-keys -t desk "$@"; sleep 0.15; }
dtype() { $DESK send-keys -t desk -l "$1"; sleep 0.15; }
dscreen() { $DESK capture-pane -p -t desk 2>/dev/null; }
dwait() { # TEXT [SECONDS]
	tries=$(( ${2:-5} * 10 ))
	while [ "$tries" -gt 0 ]; do
		if dscreen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}
desk_top_has() { dscreen | head -1 | grep -qF -- "$1"; }
dexpect() { # TEXT DESCRIPTION
	if dwait "$1" 5; then ok "$2"; else
		n_bad=$((n_bad + 1)); echo "not ok - $2 (no \"$1\" on the desk)"; dscreen | sed 's/^/#   /'
	fi
}
dexpect_not() {
	settle dscreen desk
	if dscreen | grep -qF -- "$1"; then
		n_bad=$((n_bad + 1)); echo "not ok - $2 (\"$1\" on the desk)"; dscreen | sed 's/^/#   /'
	else ok "$2"; fi
}
# The code on screen, digits only ("答案码 372 914 0518（..." -> 3729140518).
code_of() { sed -n 's/.*答案码 \([0-9][0-9 ]*[0-9]\).*/\1/p' | head -1; }
# body: every line but the top line (the badge) and the bottom line (messages).
body() { sed '1d;$d'; }

# resident: a fresh guide, the wizard answered with the digits given.
resident() { # REGION DIGIT...
	region=$1; shift
	start "$SIZE" --region "$region"
	expect "城乡居民医保办事指南" "resident: home screen ($region)"
	keys 1
	expect "按 Enter 开始" "resident: the wizard's introduction"
	keys Enter
	for d in "$@"; do keys "$d"; done
	expect "答案码 " "resident: the result shows an answer code"
}

# --- 1. Same result on both sides, line by line, page by page.
resident national 2 2 2 3
settle
GROUPED=$(screen | code_of)
CODE=$(echo "$GROUPED" | tr -d ' ')
case $CODE in
[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) ok "the code is 10 digits ($GROUPED)" ;;
*) not_ok "the code is 10 digits (got \"$GROUPED\")" ;;
esac
if echo "$GROUPED" | grep -qE '^[0-9]{3} [0-9]{3} [0-9]{4}$'; then ok "grouped 3 3 4 for reading aloud"; else not_ok "grouped 3 3 4 ($GROUPED)"; fi
dstart --region national
dkeys g
dexpect "跳转到页面代码或答案码" "g asks for a screen code or an answer code"
# Read aloud with pauses: spaces and a dash in between are ignored.
dtype "$(echo "$GROUPED" | sed 's/ /-/')"
dkeys Enter
dexpect "按答案码打开" "the desk's result is marked 按答案码打开"
dexpect "答案码 $GROUPED" "the desk shows the same code"
page=1
same=1
while [ "$page" -le 4 ]; do
	settle
	settle dscreen desk
	screen | body >"$E2E_TMP/resident.txt"
	dscreen | body >"$E2E_TMP/desk.txt"
	if diff "$E2E_TMP/resident.txt" "$E2E_TMP/desk.txt" >"$E2E_TMP/diff.txt"; then :; else
		same=0; echo "# page $page differs:"; sed 's/^/#   /' "$E2E_TMP/diff.txt"
	fi
	keys NPage
	dkeys NPage
	page=$((page + 1))
done
if [ "$same" -eq 1 ]; then ok "the two result screens are the same line by line (4 pages)"; else not_ok "the two result screens are the same line by line"; fi
if [ "$(wc -l <"$E2E_TMP/desk.txt")" -gt 10 ]; then ok "the compared screens are not empty"; else not_ok "the compared screens are not empty"; fi
# The answers can be changed from there as usual: the mark goes, the code changes.
dkeys Home
dkeys Enter
dkeys Enter
dexpect "你的户口在哪里" "Enter on an answer asks that question again"
dkeys 1
if poll 5 desk_top_has "结果"; then ok "answering goes back to the result"; else
	n_bad=$((n_bad + 1)); echo "not ok - answering goes back to the result"; dscreen | head -3 | sed 's/^/#   /'; fi
dexpect_not "按答案码打开" "a changed answer drops the 按答案码打开 mark"
dexpect_not "答案码 $GROUPED" "and the code changes with it"
# The checklist personalised from the code shows the code.
dkeys g
dtype "$GROUPED"
dkeys Enter
dkeys 0 2
dexpect "答案码 $GROUPED" "the checklist opened after the code shows the code"
dkeys q
dwait "EXITED 0" 5 && ok "desk quits with status 0" || dexpect "EXITED 0" "desk quits with status 0"

# --- 2. Wrong codes: a clear message, never a result.
TYPO=$(echo "$CODE" | sed 's/^\(.....\)\(.\)/\1X\2/; s/X0/1/; s/X[1-9]/0/')
dstart --region national
dkeys g
dtype "$TYPO"
dkeys Enter
dexpect "答案码有误，请再核对一遍" "one wrong digit: 答案码有误，请再核对一遍"
dexpect_not "按答案码打开" "a typo opens no result"
SWAP=$(echo "$CODE" | sed 's/^\(...\)\(.\)\(.\)/\1\3\2/')
if [ "$SWAP" != "$CODE" ]; then
	dkeys g
	dtype "$SWAP"
	dkeys Enter
	dexpect "答案码有误，请再核对一遍" "two neighbouring digits swapped: caught"
fi
dkeys g
dtype "$(echo "$CODE" | cut -c1-9)"
dkeys Enter
dexpect "应是 10 位" "a digit left out: says how many digits a code has"
# Full-width digits from an input method.
FW=$(echo "$GROUPED" | sed 's/0/０/g;s/1/１/g;s/2/２/g;s/3/３/g;s/4/４/g;s/5/５/g;s/6/６/g;s/7/７/g;s/8/８/g;s/9/９/g')
dkeys g
dtype "$FW"
dkeys Enter
dexpect "按答案码打开" "full-width digits are accepted"
dkeys q

# Another region: the desk runs as Fujian.
dstart --region fujian
dkeys g
dtype "$CODE"
dkeys Enter
dexpect "这是全国通用的答案码" "a code of another region says whose it is"
dexpect "选择地区" "and offers to switch (the region chooser)"
dexpect_not "按答案码打开" "and opens no result by itself"
dkeys q

# Another version of the wizard: one option reworded.
cp -r content "$E2E_TMP/content2"
sed -i 's/^\(- local: .*\)$/\1(改过)/' "$E2E_TMP/content2/01-eligibility.md"
dstart --region national --content "$E2E_TMP/content2"
dkeys g
dtype "$CODE"
dkeys Enter
dexpect "另一版本" "a code of another wizard version says so"
dexpect_not "按答案码打开" "and opens no result"
dkeys q

# A region whose profile the desk does not have.
resident yunnan 1 2 1 1
settle
YCODE=$(screen | code_of | tr -d ' ')
mkdir -p "$E2E_TMP/regions"
for f in config/regions/*.ini; do [ "$(basename "$f")" = yunnan.ini ] || cp "$f" "$E2E_TMP/regions/"; done
printf '[guide]\ncontent_dir = %s/content\nregions_dir = %s/regions\n' "$PWD" "$E2E_TMP" >"$E2E_TMP/desk.ini"
dstart --config "$E2E_TMP/desk.ini"
dkeys g
dtype "$YCODE"
dkeys Enter
dexpect "答案码所属地区的资料本机没有" "a code from a region without a profile here says so"
dkeys q
keys q

# --- 3. Kiosk: the code goes with the session.
printf '[guide]\nkiosk = true\nidle_timeout_s = 2\n' >"$E2E_TMP/kiosk.ini"
start "$SIZE" --config "$E2E_TMP/kiosk.ini"
expect "城乡居民医保办事指南" "kiosk: home screen"
keys g
type_text "$CODE"
keys Enter
expect "按答案码打开" "kiosk: the code opens the result"
expect_wipe "kiosk: the idle wipe comes"
keys 1
expect "按 Enter 开始" "kiosk: after the wipe the wizard starts afresh"
expect_not "$GROUPED" "kiosk: the code is gone from the screen"
quit_ok

# --- 4. Line mode: answered in one, the code typed into the other.
plain() { env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --plain --region national; }
printf '1\n\n2\n2\n2\n3\nq\n' | plain >"$E2E_TMP/plain-a.txt" 2>&1
PCODE=$(code_of <"$E2E_TMP/plain-a.txt")
if [ "$PCODE" = "$GROUPED" ]; then ok "line mode: the same answers give the same code"; else not_ok "line mode: same code ($PCODE vs $GROUPED)"; fi
printf 'g %s\nq\n' "$PCODE" | plain >"$E2E_TMP/plain-b.txt" 2>&1
# The result as each printed it last: from its title line to the answer list's end.
last_result() { awk '/^\[1\] 谁能参保/{buf=""; on=1} on{buf=buf $0 "\n"} /重新回答全部问题/{on=0} END{printf "%s", buf}' "$1" | sed 1d; }
last_result "$E2E_TMP/plain-a.txt" >"$E2E_TMP/plain-a.res"
last_result "$E2E_TMP/plain-b.txt" >"$E2E_TMP/plain-b.res"
if [ -s "$E2E_TMP/plain-a.res" ] && diff "$E2E_TMP/plain-a.res" "$E2E_TMP/plain-b.res" >"$E2E_TMP/plain.diff"; then
	ok "line mode: g CODE prints the same result line by line"
else
	not_ok "line mode: g CODE prints the same result"; sed 's/^/#   /' "$E2E_TMP/plain.diff" | head -20
fi
if grep -q "按答案码打开" "$E2E_TMP/plain-b.txt"; then ok "line mode: marked 按答案码打开"; else not_ok "line mode: marked 按答案码打开"; fi
printf 'g %s\nq\n' "$TYPO" | plain 2>&1 | grep -q "答案码有误，请再核对一遍" &&
	ok "line mode: a typo is refused" || not_ok "line mode: a typo is refused"

# --- 5. --print slip --answer-code: the same slip as from the answers.
env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --print slip --region national --answer household=permit \
	--answer employee=no --answer group=student --answer gap=short >"$E2E_TMP/slip-a.txt" 2>&1
env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --print slip --answer-code "$GROUPED" >"$E2E_TMP/slip-b.txt" 2>&1
if diff "$E2E_TMP/slip-a.txt" "$E2E_TMP/slip-b.txt" >/dev/null && grep -q "答案码 $GROUPED" "$E2E_TMP/slip-b.txt"; then
	ok "--print slip --answer-code prints the same slip, with the code"
else
	not_ok "--print slip --answer-code prints the same slip"; diff "$E2E_TMP/slip-a.txt" "$E2E_TMP/slip-b.txt" | head | sed 's/^/#   /'
fi
env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --print slip --answer-code "$YCODE" --config "$E2E_TMP/desk.ini" \
	>"$E2E_TMP/slip-c.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "本机没有" "$E2E_TMP/slip-c.txt"; then ok "--answer-code of a missing region: exit 2 and why"; else not_ok "--answer-code of a missing region (exit $rc)"; fi
env HOME="$E2E_TMP" LANG=C.UTF-8 "$YIBAO" --print slip --answer-code "$YCODE" >"$E2E_TMP/slip-d.txt" 2>&1
if grep -q "地区：云南省" "$E2E_TMP/slip-d.txt"; then ok "--print slip --answer-code takes the code's region"; else not_ok "--print slip takes the code's region"; sed 's/^/#   /' "$E2E_TMP/slip-d.txt" | tail -3; fi

echo "# $n_ok ok, $n_bad not ok"
[ "$n_bad" -eq 0 ]
