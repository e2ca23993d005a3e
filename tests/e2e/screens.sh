#!/bin/sh
# screens.sh -- whole-screen golden captures: tests/screens/NAME.keys replayed in
# tmux, the settled screen compared exactly with NAME.result (tmux regress/ style).
# SPDX-License-Identifier: MIT
. tests/e2e/lib.sh
. tests/screens/replay.sh

for k in tests/screens/*.keys; do
	name=$(basename "$k" .keys)
	got="$E2E_TMP/$name.got"
	replay "$k" >"$got"
	if [ ! -f "tests/screens/$name.result" ]; then
		not_ok "screen $name: no $name.result (run tests/screens/regen.sh)"
	elif diff -u "tests/screens/$name.result" "$got" >"$E2E_TMP/$name.diff"; then
		ok "screen $name is exactly as recorded"
	else
		n_bad=$((n_bad + 1))
		echo "not ok - screen $name differs from $name.result:"
		sed 's/^/#   /' "$E2E_TMP/$name.diff"
	fi
done
[ "$n_bad" -eq 0 ]
