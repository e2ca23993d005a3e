# reach.sh -- every line of every screen can be scrolled into view at every size:
# End (and at 40x12 also PgDn pressed until nothing moves) ends on the screen's
# last line (the last line of its --print text). Scrolling is not tied to the
# last item.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# tails: "CODE TAIL" for every screen, TAIL the end of the last line of its --print
# text that no width can break apart: two characters, or one wide one.
tails() {
	env HOME="$E2E_TMP" LANG=C.UTF-8 python3 -c '
import subprocess, sys, unicodedata
exe = sys.argv[1]
for code in [l.split()[0] for l in subprocess.run([exe, "--list"], capture_output=True, text=True).stdout.splitlines()]:
    out = subprocess.run([exe, "--print", code], capture_output=True, text=True).stdout
    lines = [l.rstrip() for l in out.split("\n") if l.strip()]
    # What "资料" means is said under the first screen of a session only (each
    # --print is a session of its own): the screen ends before it.
    lines = lines[:next((i for i, l in enumerate(lines) if l.startswith("“资料”是指")), len(lines))]
    t = lines[-1]
    print(code, t[-1] if unicodedata.east_asian_width(t[-1]) in "WF" else t[-2:])' "$YIBAO"
}

# last_body ROWS: the last non-blank line above the bottom line, right-trimmed.
last_body() {
	screen | sed -n "2,$(($1 - 1))p" | sed 's/ *$//' | grep -v '^$' | tail -n 1
}

# at_end SIZE CODE TAIL WHAT KEY...: send the keys, then g: once the keys are
# done (g opens the prompt, which changes only the bottom line), the last body
# line ends with TAIL. Esc closes the prompt again.
at_end() {
	size=$1 code=$2 tail=$3 what=$4
	shift 4
	$T send-keys -t e2e "$@" g
	tries=150
	while [ $tries -gt 0 ] && ! screen | tail -n 1 | grep -qF "跳转到页面代码"; do
		sleep 0.02
		tries=$((tries - 1))
	done
	# The first screen of the session that says "资料" ends with what it means.
	case "$(last_body "${size#*x}")" in
	*"$tail" | *"请问当地医保经办机构。") ok "$size $code: $what shows the last line" ;;
	*) not_ok "$size $code: $what shows the last line (ending \"$tail\")" ;;
	esac
	$T send-keys -t e2e Escape
	while [ $tries -gt 0 ] && screen | tail -n 1 | grep -qF "跳转到页面代码"; do
		sleep 0.02
		tries=$((tries - 1))
	done
}

PGDNS=$(for i in $(seq 60); do printf 'NPage '; done)
TAILS=$(tails)

for size in 40x12 60x20 80x24; do
	start "$size"
	while read -r code tail; do
		at_end "$size" "$code" "$tail" "End" 0 g "$code" Enter End
		# Paging down gets there too (checked at the smallest size, where it takes most).
		# shellcheck disable=SC2086
		[ "$size" = 40x12 ] && at_end "$size" "$code" "$tail" "PgDn to the end" Home $PGDNS
	done <<-EOF
	$TAILS
	EOF
	quit_ok
	# The calculator with a result (a region whose profile has the rates): the cap
	# line, the bar and its legend, the sources.
	start "$size" --region fujian
	tail=$(env HOME="$E2E_TMP" LANG=C.UTF-8 $YIBAO --region fujian --print 5.2 |
		python3 -c 'import sys; t=[l.rstrip() for l in sys.stdin if l.strip()][-1]; print(t[-2:])')
	at_end "$size" "5.2 with a bill" "$tail" "End" g 5.2 Enter 1 12345 Enter 3 End
	if [ "$size" = 40x12 ]; then
		# Up a line at a time until the legend shows (notes below it come and go).
		n=0
		while [ "$n" -lt 30 ] && ! shows "自己付"; do
			keys Up
			n=$((n + 1))
		done
		expect "自己付" "$size 5.2 with a bill: the bar's legend can be scrolled to"
	fi
	# Down past the last item reads on to the end, too.
	# shellcheck disable=SC2046
	at_end "$size" "5.2 with a bill" "$tail" "Down past the last item" Home \
		$(for i in $(seq 60); do printf 'Down '; done)
	quit_ok
done
echo "# $n_ok ok, $n_bad not ok"
