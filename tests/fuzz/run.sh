#!/bin/sh
# run.sh -- run the libFuzzer harnesses (build them first: make fuzz-build)
#
#   run.sh SECONDS NAME...          a campaign: each harness SECONDS, one after the
#                                   other; new inputs kept in build/fuzz/corpus/NAME
#   run.sh --tap SECONDS NAME...    a smoke for make test: a throw-away corpus, and
#                                   "ok - ..." / "not ok - ..." lines
#   run.sh --replay [--tap] NAME... run each file of tests/fuzz/regressions/NAME/ once
#
# Crashes (and leaks, timeouts, broken invariants) are saved as
# tests/fuzz/crashes/NAME-crash-HASH; reproduce with build/fuzz/fuzz_NAME FILE.
# Exit status 1 when any harness crashed.
# SPDX-License-Identifier: MIT
set -u
cd "$(dirname "$0")/../.." || exit 1

replay=0
tap=0
while [ $# -gt 0 ]; do
	case $1 in
	--replay) replay=1 ;;
	--tap) tap=1 ;;
	*) break ;;
	esac
	shift
done
if [ "$replay" -eq 0 ]; then
	seconds=${1:?usage: run.sh [--tap] SECONDS NAME...}
	shift
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build/fuzz/log tests/fuzz/crashes
fail=0

pass() { if [ "$tap" -eq 1 ]; then echo "ok - $*"; else echo "$*"; fi; }
# skip WHY: nothing to check here (run.sh counts it as skipped, not passed).
skip() { if [ "$tap" -eq 1 ]; then echo "ok - skipped: $*"; else echo "skipped: $*"; fi; }
flunk() {
	fail=1
	if [ "$tap" -eq 1 ]; then echo "not ok - $*"; else echo "$* FAILED"; fi
}

# Longest input worth trying, per harness.
max_len() {
	case $1 in
	content) echo 12288 ;;
	config) echo 4096 ;;
	cond) echo 512 ;;
	text) echo 1024 ;;
	answercode) echo 128 ;;
	screencode) echo 128 ;;
	amount) echo 128 ;;
	bundle) echo 24576 ;;
	*) echo 4096 ;;
	esac
}

# Shipped files read as further seeds (read-only: libFuzzer writes to the first corpus only).
live_seeds() {
	case $1 in
	content) echo content ;;
	config) echo config ;;
	esac
}

# The number libFuzzer prints last: executed inputs.
execs() { sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -1; }

if [ "$replay" -eq 1 ]; then
	for name in "$@"; do
		bin=build/fuzz/fuzz_$name
		files=$(find "tests/fuzz/regressions/$name" -type f ! -name '.*' ! -name 'README*' 2>/dev/null | sort)
		if [ -z "$files" ]; then
			skip "fuzz $name: no regression inputs yet"
			continue
		fi
		n=$(echo "$files" | wc -l)
		log=build/fuzz/log/replay-$name.log
		# shellcheck disable=SC2086
		if nice -n 10 "$bin" -runs=1 $files >"$log" 2>&1; then
			pass "fuzz $name: $n regression inputs replayed, no crash"
		else
			flunk "fuzz $name: a regression input crashes again (see $log)"
			grep -E 'ERROR|invariant|Running:|SUMMARY' "$log" | tail -8 | sed 's/^/# /'
		fi
	done
	exit "$fail"
fi

for name in "$@"; do
	bin=build/fuzz/fuzz_$name
	if [ "$tap" -eq 1 ]; then
		work=$(mktemp -d "${TMPDIR:-/tmp}/yibao-fuzz-$name.XXXXXX")
		log=$work/log
	else
		work=build/fuzz/corpus/$name
		log=build/fuzz/log/$name.log
		mkdir -p "$work"
	fi
	# shellcheck disable=SC2046
	nice -n 10 "$bin" -max_total_time="$seconds" -max_len="$(max_len "$name")" \
		-timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-dict="tests/fuzz/dict/$name.dict" -artifact_prefix="tests/fuzz/crashes/$name-" \
		"$work" "tests/fuzz/corpus/$name" $(live_seeds "$name") >"$log" 2>&1
	rc=$?
	n=$(execs "$log")
	if [ "$rc" -eq 0 ]; then
		if [ "$tap" -eq 1 ]; then
			pass "fuzz $name: ${n:-0} execs, no crash"
		else
			size=$(find "$work" -type f | wc -l)
			pass "fuzz $name: ${n:-0} execs in ${seconds}s ($(( ${n:-0} / (seconds > 0 ? seconds : 1) ))/s), corpus $size, no crash"
		fi
	else
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
		# A small input is also given in base64 on the line itself: CI keeps only
		# the end of its log (where make test lists the failures again), not files.
		b64=
		if [ -n "$art" ] && [ -f "$art" ] && [ "$(wc -c <"$art")" -le 192 ]; then
			b64=" (input, base64: $(base64 -w 0 "$art"))"
		fi
		flunk "fuzz $name: crashed after ${n:-?} execs (exit $rc) ${art:+-> $art}$b64"
		grep -E 'ERROR|invariant|runtime error|SUMMARY' "$log" | head -8 | sed 's/^/# /'
		[ "$tap" -eq 1 ] && cp "$log" "build/fuzz/log/smoke-$name.log"
	fi
	[ "$tap" -eq 1 ] && rm -rf "$work"
done
exit "$fail"
