#!/bin/sh
# fuzz.sh -- make test suite: build the libFuzzer harnesses, run each as a smoke
# (FUZZ_SMOKE_SECONDS, default 15, from the seed corpus), replay every crash
# regression. Prints "ok - ..." / "not ok - ..." lines.
# SPDX-License-Identifier: MIT
set -u
cd "$(dirname "$0")/../.." || exit 1
names="content config cond text status answercode bundle screencode minisig fetch amount"
log=$(mktemp "${TMPDIR:-/tmp}/yibao-fuzz-build.XXXXXX")
if ! nice make -s fuzz-build >"$log" 2>&1; then
	echo "not ok - fuzz: harnesses do not build"
	sed 's/^/# /' "$log" | tail -20
	rm -f "$log"
	exit 1
fi
rm -f "$log"
echo "ok - fuzz: harnesses build ($names)"
# shellcheck disable=SC2086
sh tests/fuzz/run.sh --replay --tap $names
# shellcheck disable=SC2086
sh tests/fuzz/run.sh --tap "${FUZZ_SMOKE_SECONDS:-15}" $names
exit 0
