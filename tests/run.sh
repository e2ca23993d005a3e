#!/bin/sh
# run.sh -- every test of `make test`; ends with one line "N passed, N failed".
#
#  unit     build/tests/test_* (cmocka: every case counts)
#  check    ./yibao --check on the shipped content and every region profile;
#           the include rules (tools/depcheck.py), the C layout (tools/format-check.sh)
#  fixtures tests/fixtures/*/ : --check output compared with expected.txt
#  golden   tests/golden/NAME.args -> ./yibao ARGS, compared with NAME.expected
#  model    tests/model/NAME.keys -> build/tests/model_run, compared with NAME.ref
#           (also run by golden)
#  asan     build/asan/tests/test_*: the unit tests built with ASan+UBSan; ./yibao-asan --check
#  e2e      tests/e2e/*.sh in tmux, once with ./yibao and once with ./yibao-asan;
#           each prints "ok - ..." or "not ok - ..." lines
#  suites   tests/suites/*.sh (sshd, link drops, fuzz smoke, valgrind, ...)
#
#  fast     unit check fixtures golden model: the fast tier (make test-fast), no tmux
#
# Usage: sh tests/run.sh [SECTION...]   (no SECTION: all of them, in this order:
#        the fast tier first, then asan e2e suites)
# SPDX-License-Identifier: MIT
set -u
cd "$(dirname "$0")/.." || exit 1
# One directory per run, so runs side by side do not clobber each other.
mkdir -p tests/out
OUT=$(mktemp -d "$PWD/tests/out/run.XXXXXX")
pass=0
fail=0
skip=0
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE NO_COLOR YIBAO_CONFIG
# Screens tell figures and the payment period against today: every check runs
# on one fixed day in China's time zone (the date tests set their own with faketime).
export TZ=Asia/Shanghai YIBAO_TODAY=2026-12-07
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/.config"
mkdir -p "$HOME"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87

# Every failure's name also goes to $OUT/failed, listed again just above the
# summary line, so the tail of a long log (all CI keeps) still says what failed.
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; echo "$*" >>"$OUT/failed"; }
skip_() { skip=$((skip + 1)); echo "skip $*"; }

# Count the "ok"/"not ok" lines a script printed (and fail it if it printed none);
# "ok - skipped: WHY" lines count as skipped.
count_tap() { # file name
	k=$(grep -c '^ok - skipped:' "$1")
	p=$(($(grep -c '^ok ' "$1") - k))
	f=$(grep -c '^not ok ' "$1")
	grep '^not ok ' "$1" | sed "s|^|     $2: |"
	grep '^not ok ' "$1" | sed "s|^not ok - *|$2: |" >>"$OUT/failed"
	grep '^ok - skipped:' "$1" | sed "s|^ok - |     $2: |"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + k))
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ]; then bad "$2 (ran no check)"; fi
	if [ "$k" -gt 0 ]; then echo "     $2: $p ok, $f not ok, $k skipped"; else echo "     $2: $p ok, $f not ok"; fi
}

sections=" ${*:-fast asan e2e suites} "
case "$sections" in *" fast "*) sections="$sections unit check fixtures golden model " ;; esac
# The model dumps are goldens too (STYLE: content in, model dump out): golden runs them.
case "$sections" in *" golden "*) sections="$sections model " ;; esac
want() { case " $sections " in *" $1 "*) return 0 ;; esac; return 1; }

# A section with nothing to run fails: 0 passed, 0 failed is no result.
built() { # section file...
	_sec=$1
	shift
	for _f in "$@"; do [ -x "$_f" ] && return 0; done
	bad "$_sec: nothing built to run ($*; see make test)"
	return 1
}

# cmocka's summary of each test binary, counted case by case.
unit_run() { # binary
	t=$1
	log="$OUT/$(echo "$t" | tr / _).log"
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then bad "$t exited $rc ($(grep -v "^ *$" "$log" | tail -1 | cut -c1-160))"; sed 's/^/     /' "$log" | tail -20; fi
	[ "$f" -gt 0 ] && grep -E '^\[  (FAILED|  ERROR)' "$log" | sed 's/^/     /'
	[ "$f" -gt 0 ] && grep -E '^\[  FAILED  \] [^0-9]' "$log" | sed "s|^\[  FAILED  \] |$t: |" >>"$OUT/failed"
	echo "     $t: $p passed, $f failed"
}
want unit && echo "== unit"
want unit && built unit build/tests/test_*
want unit && for t in build/tests/test_*; do
	case "$t" in *.d | */model_run) continue ;; esac
	[ -x "$t" ] && unit_run "$t"
done

want check && echo "== check"
want check && built check ./yibao
# The house's direction of flow: no include runs up a layer or leaves a library's room, no cycle.
if want check; then
	if python3 tools/depcheck.py >"$OUT/depcheck.out" 2>&1; then ok "tools/depcheck.py: layers base -> content -> model -> services -> views -> main, library headers in their rooms, no cycle"
	else bad "tools/depcheck.py"; sed 's/^/     /' "$OUT/depcheck.out"; fi
fi
# Every C file laid out as .clang-format says: one ok / not ok line a file.
if want check; then
	sh tools/format-check.sh >"$OUT/format.out" 2>&1
	count_tap "$OUT/format.out" "tools/format-check.sh"
fi
# --check of the shipped content (the sanitized build's: in the asan section).
check_shipped() { # binary
	if $1 --check >"$OUT/check.out" 2>&1; then ok "$1 --check (shipped content, national)"; else bad "$1 --check"; cat "$OUT/check.out"; fi
}
want check && check_shipped ./yibao
want check && for r in config/regions/*.ini; do
	name=$(basename "$r" .ini)
	if ./yibao --check --region "$name" >"$OUT/check-$name.out" 2>&1; then ok "--check --region $name"; else bad "--check --region $name"; cat "$OUT/check-$name.out"; fi
done

# Every screen stating an amount in 元 also states its year (every region).
if want check; then
	python3 tools/yearlint.py ./yibao >"$OUT/yearlint.out" 2>&1
	count_tap "$OUT/yearlint.out" "tools/yearlint.py"
fi
# Validity counts from the policy year, not from packing; --pack warns once the year is over.
if want check; then
	for day in 2026-01-02 2026-12-07; do
		SOURCE_DATE_EPOCH=$(date -u -d "$day" +%s) YIBAO_TODAY=$day ./yibao --pack "$OUT/v-$day.bundle" --content content >"$OUT/v-$day.out" 2>&1
	done
	v1=$(./yibao --content "$OUT/v-2026-01-02.bundle" --version 2>&1 | grep -o 'valid until [0-9-]*')
	v2=$(./yibao --content "$OUT/v-2026-12-07.bundle" --version 2>&1 | grep -o 'valid until [0-9-]*')
	if [ "$v1" = "valid until 2027-02-04" ] && [ "$v2" = "$v1" ]; then
		ok "valid_days counts from the end of policy_year 2025 ($v1), whenever packed"
	else
		bad "valid-until of bundles packed on two days: '$v1' and '$v2' (want valid until 2027-02-04)"
	fi
	if grep -q 'warning: policy_year 2025 is over' "$OUT/v-2026-12-07.out"; then
		ok "--pack after the policy year warns that it is over"
	else bad "--pack on 2026-12-07 gave no warning"; sed 's/^/     /' "$OUT/v-2026-12-07.out"; fi
	YIBAO_TODAY=2025-06-01 ./yibao --pack "$OUT/v-2025.bundle" --content content >"$OUT/v-2025.out" 2>&1
	if grep -q 'warning: policy_year' "$OUT/v-2025.out"; then
		bad "--pack inside the policy year warned"; sed 's/^/     /' "$OUT/v-2025.out"
	else ok "--pack inside the policy year does not warn"; fi
fi
# --pack refuses what --check of a profile rejects: nothing is written.
if want check; then
	mkdir -p "$OUT/pack-regions"
	cp config/regions/*.ini "$OUT/pack-regions/"
	printf '[region]\ntitle = 拼错\n[values]\nfee_ordinry = 420\n' >"$OUT/pack-regions/typo.ini"
	printf '[guide]\nregions_dir = %s\n' "$OUT/pack-regions" >"$OUT/pack-regions.conf"
	./yibao --config "$OUT/pack-regions.conf" --pack "$OUT/typo.bundle" --content content >"$OUT/pack-typo.out" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && [ ! -e "$OUT/typo.bundle" ] && grep -q 'typo.ini:4: unknown key "fee_ordinry"' "$OUT/pack-typo.out"; then
		ok "--pack refuses a region profile with an unknown key (FILE:LINE, exit 1, nothing written)"
	else
		bad "--pack with a misspelt profile key (exit $rc)"; sed 's/^/     /' "$OUT/pack-typo.out"
	fi
fi

want fixtures && echo "== fixtures"
want fixtures && built fixtures ./yibao
want fixtures && for d in tests/fixtures/*/; do
	d=${d%/} # paths in the messages read tests/fixtures/NAME/content/FILE
	[ -f "$d/expected.txt" ] || continue
	name=$(basename "$d")
	args=""
	[ -f "$d/args" ] && args=$(cat "$d/args")
	# shellcheck disable=SC2086
	./yibao --check --content "$d/content" $args >"$OUT/fx-$name.out" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && diff -u "$d/expected.txt" "$OUT/fx-$name.out" >"$OUT/fx-$name.diff"; then
		ok "fixture $name: --check reports every problem (exit 1)"
	else
		bad "fixture $name (exit $rc)"; sed 's/^/     /' "$OUT/fx-$name.diff"
	fi
done

want golden && echo "== golden"
want golden && built golden ./yibao
want golden && for a in tests/golden/*.args; do
	[ -f "$a" ] || continue
	name=$(basename "$a" .args)
	# shellcheck disable=SC2046
	(eval "./yibao $(cat "$a")") >"$OUT/golden-$name.out" 2>&1
	if diff -u "tests/golden/$name.expected" "$OUT/golden-$name.out" >"$OUT/golden-$name.diff"; then
		ok "golden $name"
	else
		bad "golden $name"; head -40 "$OUT/golden-$name.diff" | sed 's/^/     /'
	fi
done
# The goldens hold on any day CI happens to run: the same output with the
# clock months past the bundle's valid-until (the screens count from
# YIBAO_TODAY; only --update and --install-update read the clock itself).
if want golden; then
	if command -v faketime >/dev/null 2>&1; then
		later=0
		for a in tests/golden/*.args; do
			[ -f "$a" ] || continue
			name=$(basename "$a" .args)
			# shellcheck disable=SC2046
			(eval "faketime '2028-06-01 12:00:00' ./yibao $(cat "$a")") >"$OUT/golden-later-$name.out" 2>&1
			if ! diff -u "tests/golden/$name.expected" "$OUT/golden-later-$name.out" >"$OUT/golden-later-$name.diff"; then
				later=1; bad "golden $name on 2028-06-01 (faketime): the output follows the clock"
				head -20 "$OUT/golden-later-$name.diff" | sed 's/^/     /'
			fi
		done
		[ "$later" -eq 0 ] && ok "goldens: the same output with the clock at 2028-06-01 (faketime)"
	else
		skip_ "goldens on a later day: no faketime (tools/deps.sh test installs it)"
	fi
fi

want model && echo "== model"
want model && built model build/tests/model_run
# Each NAME.keys through the engine without a terminal; the dump compared with NAME.ref
# (tests/model/regen.sh writes them again after a change meant to show).
want model && for k in tests/model/*.keys; do
	[ -f "$k" ] && [ -x build/tests/model_run ] || continue
	name=$(basename "$k" .keys)
	if ! build/tests/model_run "$k" >"$OUT/model-$name.out" 2>&1; then
		bad "model $name: model_run failed"; tail -5 "$OUT/model-$name.out" | sed 's/^/     /'
	elif diff -u "tests/model/$name.ref" "$OUT/model-$name.out" >"$OUT/model-$name.diff"; then
		ok "model $name"
	else
		bad "model $name"; head -40 "$OUT/model-$name.diff" | sed 's/^/     /'
	fi
done

want asan && echo "== asan"
want asan && built asan build/asan/tests/test_*
want asan && built asan ./yibao-asan && check_shipped ./yibao-asan
want asan && for t in build/asan/tests/test_*; do
	case "$t" in *.d) continue ;; esac
	[ -x "$t" ] && unit_run "$t"
done

want e2e && echo "== e2e"
want e2e && built e2e ./yibao
# The scripts spend most of their time waiting for a screen to settle, not on
# the CPU: E2E_JOBS of them run at once (each has its own tmux server and
# temporary files), then their logs are counted in a fixed order.
e2e_list() { # every BIN SCRIPT LOG, one a line
	for bin in ./yibao ./yibao-asan; do
		for s in tests/e2e/*.sh; do
			[ -f "$s" ] || continue
			[ "$(basename "$s")" = lib.sh ] && continue # the helpers the scripts source
			echo "$bin $s $OUT/e2e-$(basename "$s" .sh)-$(basename "$bin").log"
		done
	done
}
if want e2e; then
	e2e_list | xargs -P "${E2E_JOBS:-3}" -n 3 sh -c \
		'YIBAO="$1" timeout 600 sh "$2" >"$3" 2>&1; echo $? >"$3.rc"' sh
	for bin in ./yibao ./yibao-asan; do
		for s in tests/e2e/*.sh; do
			[ -f "$s" ] || continue
			[ "$(basename "$s")" = lib.sh ] && continue
			name="$(basename "$s" .sh) [$bin]"
			log="$OUT/e2e-$(basename "$s" .sh)-$(basename "$bin").log"
			rc=$(cat "$log.rc" 2>/dev/null || echo 127)
			count_tap "$log" "$name"
			if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$log"; then bad "$name exited $rc"; tail -20 "$log" | sed 's/^/     /'; fi
		done
	done
fi

# Further suites: each tests/suites/NAME.sh is run with sh and prints
# "ok - ..." / "not ok - ..." lines like the e2e scripts.
want suites && for s in tests/suites/*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	echo "== $name"
	log="$OUT/suite-$name.log"
	timeout 900 sh "$s" >"$log" 2>&1
	rc=$?
	count_tap "$log" "$name"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$log"; then bad "$name exited $rc"; tail -20 "$log" | sed 's/^/     /'; fi
done

echo
if [ -s "$OUT/failed" ]; then
	echo "failed (the log above has each one's output; $OUT keeps the files):"
	sed 's/^/  - /' "$OUT/failed"
fi
if [ "$skip" -gt 0 ]; then echo "$pass passed, $fail failed, $skip skipped"; else echo "$pass passed, $fail failed"; fi
[ "$fail" -eq 0 ]
