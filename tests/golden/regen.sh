#!/bin/sh
# regen.sh -- regenerate every tests/golden/NAME.expected from NAME.args with ./yibao.
#
# The golden files pin what --list and --print show. Run this after a change to
# content, layout or export that is meant to change that output, then REVIEW THE
# DIFF (git diff tests/golden) line by line before committing: a golden file that
# is regenerated without being read tests nothing. Check at least that no line is
# wider than 80 columns (the script prints any file where one is).
#
# Runs ./yibao exactly as tests/run.sh does: same locale, no user config, output
# and errors together.
# SPDX-License-Identifier: MIT
set -u
cd "$(dirname "$0")/../.." || exit 1
[ -x ./yibao ] || { echo "regen.sh: build ./yibao first (make)" >&2; exit 1; }
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE NO_COLOR YIBAO_CONFIG
export TZ=Asia/Shanghai YIBAO_TODAY=2026-12-07 # as tests/run.sh: one fixed day
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yibao-golden.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/.config"
for a in tests/golden/*.args; do
	name=$(basename "$a" .args)
	# shellcheck disable=SC2046
	(eval "./yibao $(cat "$a")") >"tests/golden/$name.expected" 2>&1
	w=$(wc -L <"tests/golden/$name.expected")
	[ "$w" -le 80 ] || echo "regen.sh: $name.expected has a line $w columns wide" >&2
	echo "$name: $(wc -l <"tests/golden/$name.expected") lines, widest $w"
done
echo "Now review: git diff --stat tests/golden; git diff tests/golden"
