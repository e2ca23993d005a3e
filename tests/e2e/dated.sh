# dated.sh -- figures know their year and the guide knows today: under faketime
# (TZ=Asia/Shanghai), before, in and after the policy year and a payment period,
# the home, fees, period, wizard result, slip and calculator screens say where
# today stands; clocks at 1970, 2100 and set back get a clear line, no count.
# SPDX-License-Identifier: MIT
E2E_TODAY="" # the clock here is faketime's
. "$(dirname "$0")/lib.sh"

if ! command -v faketime >/dev/null 2>&1; then
	echo "ok - skipped: faketime is not installed (tools/deps.sh test installs it)"
	exit 0
fi

# A profile with a payment period that is not the whole year, beside the shipped ones.
mkdir -p "$E2E_TMP/regions"
cp config/regions/*.ini "$E2E_TMP/regions/"
printf '[region]\ntitle = 测试省\n[values]\npay_start = 09-01\npay_end = 12-20\npay_for = next\n' \
	>"$E2E_TMP/regions/testperiod.ini"
printf '[region]\ntitle = 无日期\n[values]\npay_start =\npay_end =\n' >"$E2E_TMP/regions/nodates.ini"
printf '[guide]\ncontent_dir = %s/content\nregions_dir = %s/regions\n' "$ROOT" "$E2E_TMP" \
	>"$E2E_TMP/yibao.ini"
CONF="--config $E2E_TMP/yibao.ini"

# at DATE: the guide's clock for the next start (noon in Shanghai).
at() { E2E_FAKETIME="$1 12:00:00"; }
goto() { keys g; type_text "$1"; keys Enter; }
# printed DATE ARGS...: --print under faketime, output and errors together.
printed() {
	_d=$1; shift
	# shellcheck disable=SC2086
	ASAN_OPTIONS=verify_asan_link_order=0:${ASAN_OPTIONS:-} faketime "$_d 12:00:00" $YIBAO $CONF "$@" 2>&1
}
# (lines joined and spaces dropped: a line may wrap at a space)
check_print() { # DATE WANT WHAT ARGS...
	_d=$1 _w=$(printf %s "$2" | tr -d ' ') _what=$3; shift 3
	if printed "$_d" "$@" | tr -d '\n ' | grep -qF -- "$_w"; then ok "$_what"; else
		not_ok "$_what (no \"$_w\")"; printed "$_d" "$@" | sed 's/^/#   /' | head -30; fi
}
check_print_not() { # DATE UNWANTED WHAT ARGS...
	_d=$1 _w=$(printf %s "$2" | tr -d ' ') _what=$3; shift 3
	if printed "$_d" "$@" | tr -d '\n ' | grep -qF -- "$_w"; then not_ok "$_what (\"$_w\" is there)"; else ok "$_what"; fi
}

# joined TEXT: TEXT is on the screen, lines joined (Chinese wraps mid-phrase).
joined() { screen | tr -d '\n ' | grep -qF -- "$(printf %s "$1" | tr -d ' ')"; }
expect_joined() { expect_cmd "$2" joined "$1"; }

NOTICE="注意：这里是 2025 年的标准"

# In the policy year: no notice; the national period (all year) has days left.
at 2025-06-01
start 80x24 $CONF
expect "城乡居民医保办事指南" "2025-06-01: home opens"
expect_not "$NOTICE" "2025-06-01 (in the policy year): home has no year notice"
goto 1.5
expect "还剩 213 天" "2025-06-01: fees say the period is open with 213 days left"
expect_not "$NOTICE" "2025-06-01: fees have no year notice"
quit_ok

# After the policy year (the day of the review): the notice on every money screen.
at 2026-12-07
start 80x24 $CONF
expect "$NOTICE" "2026-12-07 (after the policy year): home says whose year the figures are"
goto 1.5
expect "$NOTICE" "2026-12-07: fees say whose year the figures are"
expect "还剩 24 天" "2026-12-07: fees say 24 days are left in the period"
goto 6.1
expect "还剩 24 天（2026年12月31日截止）" "2026-12-07: the period screen says 24 days are left"
goto 5.2
expect "$NOTICE" "2026-12-07: the calculator says whose year the figures are"
quit_ok

# The last day of the year, and the first day of the next.
at 2026-12-31
start 80x24 $CONF
goto 6.1
expect_joined "是缴费期的最后一天" "2026-12-31: the last day of the period is said so"
quit_ok

# A period that is not the whole year: before, in and after it.
at 2026-08-30
start 80x24 $CONF --region testperiod
goto 1.5
expect_joined "还没开始，还有 2 天（2026年9月1日开始）" "2026-08-30: not yet open, 2 days to go"
quit_ok
at 2026-12-21
start 80x24 $CONF --region testperiod
goto 6.1
expect_joined "1 天了，下一次从2027年9月1日开始" "2026-12-21: closed one day ago, and when the next opens"
expect "错过缴费期可能影响待遇" "2026-12-21: what follows from a missed period, hedged"
quit_ok
check_print 2026-10-01 "在缴费期内，还剩 80 天（2026年12月20日截止）。这时交的是 2027 年的费用。" \
	"2026-10-01: open, 80 days left, and the year it pays for (pay_for = next)" --region testperiod --print 6.1

# A profile without the period's dates: nothing is invented.
check_print_not 2026-12-07 "在缴费期内" "a profile without dates: no standing is made up" --region nodates --print 6.1
check_print 2026-12-07 "$NOTICE" "a profile without dates: the year notice still shows" --region nodates --print fees

# A bundle whose policy year is still ahead.
check_print 2024-12-01 "这里是 2025 年的标准，那一年还没有开始" \
	"2024-12-01: figures for a year not begun are said as such" --print fees

# Clocks far off: a clear line, no crash, no count of days.
for d in 1970-01-01 2100-01-01; do
	check_print "$d" "看起来不对" "$d: the clock is said to be wrong" --print fees
	check_print_not "$d" "还剩" "$d: no count of days" --print 6.1
	if printed "$d" --print 6.1 --region testperiod | tr -d '\n' | grep -qE '(还剩|还有|已经结束) *-?[0-9]'; then
		not_ok "$d: no count of days in a period of months"
	else
		ok "$d: no count of days in a period of months"
	fi
done

# A clock set back after an update: before the day the bundle was made.
SOURCE_DATE_EPOCH=1796601600 $YIBAO $CONF --pack "$E2E_TMP/b.bundle" >/dev/null 2>&1 # 2026-12-07 UTC
check_print 2026-03-01 "本机日期（2026年3月1日）看起来不对" \
	"a clock set back before the bundle was made: said, not counted" --content "$E2E_TMP/b.bundle" --print fees
check_print_not 2026-03-01 "还剩" "a clock set back: no count of days" --content "$E2E_TMP/b.bundle" --print 6.1

# The wizard's result and the slip.
ANS="--answer household=local --answer employee=no --answer group=ordinary --answer gap=first"
check_print 2026-12-07 "$NOTICE" "2026-12-07: the slip says whose year the figures are" $ANS --print slip
check_print 2026-12-07 "还剩 24 天" "2026-12-07: the slip says 24 days are left" $ANS --print slip
check_print_not 2025-06-01 "$NOTICE" "2025-06-01: the slip has no year notice" $ANS --print slip
at 2026-12-07
start 80x24 $CONF $ANS
goto 1
expect "还剩 24 天" "2026-12-07: the wizard's result says 24 days are left"
expect "$NOTICE" "2026-12-07: the wizard's result says whose year the figures are"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
