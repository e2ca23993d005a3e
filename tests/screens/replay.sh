# replay.sh -- play one tests/screens/NAME.keys in tmux, print the settled screen.
# Sourced after tests/e2e/lib.sh (start, screen, settle, $T). See tests/screens/README.md.
# SPDX-License-Identifier: MIT

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
