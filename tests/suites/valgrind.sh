# valgrind.sh -- a scripted tour of every topic under valgrind: no errors, no bytes lost.
cd "$(dirname "$0")/../.." || exit 1
VG_LOG=$(mktemp)
YIBAO="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --log-file=$VG_LOG ./yibao"
. tests/e2e/lib.sh

start 80x24
wait_for "q退出" 30
tour() { # keys to press, one screen each; waits for the screen to settle under valgrind
	for k in "$@"; do keys "$k"; sleep 0.4; done
}
tour 1 Enter 1 1 2 1 Left Left Left Escape Escape
tour 2 x Down x Space 3 Left
tour 3 1 Left 4 Left 8 1 Left Left Left
tour 4 1 Left Left 5 1 Left 2 Left Left
tour 6 5 1 Left Left 6 End Left 7 1 Left Left Left
tour 7 Left '?' Left / c b d j Enter Enter n Left Left
tour g 6 . 6 Enter PPage NPage Home End 0
$T resize-window -t e2e -x 61 -y 17; sleep 1
$T resize-window -t e2e -x 80 -y 24; sleep 1
keys q
if wait_for "EXITED 0" 60; then ok "the tour under valgrind exits 0"; else not_ok "the tour under valgrind exits 0"; fi
if [ -s "$VG_LOG" ]; then
	not_ok "valgrind reports nothing (errors or leaks: see below)"
	sed 's/^/# /' "$VG_LOG" | head -60
else
	ok "valgrind reports no error and no byte lost"
fi
rm -f "$VG_LOG"
