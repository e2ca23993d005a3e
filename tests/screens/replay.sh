# replay.sh -- play one tests/screens/NAME.keys in tmux, print the settled screen.
# Sourced after tests/e2e/lib.sh (start, screen, $T). See tests/screens/README.md.
# SPDX-License-Identifier: MIT

# settle: until three captures 100 ms apart are the same (at most 5 s).
settle() {
	last=$(screen)
	same=0
	tries=50
	while [ "$same" -lt 2 ] && [ "$tries" -gt 0 ]; do
		sleep 0.1
		now=$(screen)
		if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; fi
		last=$now
		tries=$((tries - 1))
	done
}

# replay FILE: run the steps of FILE, then print the screen.
replay() {
	first=1
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in '' | '#'*) continue ;; esac
		if [ "$first" = 1 ]; then
			first=0
			set -- $line
			[ "$1" = size ] || { echo "replay: $FILE: first line must be 'size COLSxROWS'" >&2; return 1; }
			shift
			start "$@"
			settle
			continue
		fi
		# shellcheck disable=SC2086
		eval "$T send-keys -t e2e $line"
		settle
	done <"$1"
	screen
}
