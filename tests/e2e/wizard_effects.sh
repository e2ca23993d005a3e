# wizard_effects.sh -- what the wizard's answers change elsewhere (issue 12 A.1, A.6):
# a "result ineligible" (already in employee insurance) leaves nothing to bring on
# the checklist and no enrolment steps on the slip; the calculator starts on the
# wizard's group ([reimburse] student_if), and asks for it when it is not known.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

answered() { # DIGIT...: a fresh guide with the wizard answered
	start 100x40 --region fujian
	expect "城乡居民医保办事指南" "home screen shows"
	keys 1
	keys Enter
	for d in "$@"; do keys "$d"; done
	expect_line 0 "结果" "the wizard's result shows"
}
goto() { keys g; type_text "$1"; keys Enter; }
# expect_re REGEX DESCRIPTION: a line on screen matches within 5 s.
expect_re() {
	tries=50
	while [ "$tries" -gt 0 ]; do
		if screen | grep -qE -- "$1"; then ok "$2"; return; fi
		sleep 0.1
		tries=$((tries - 1))
	done
	not_ok "$2 (nothing matches /$1/)"
}
# The first words of the wizard's "result ineligible" (content, not this script).
INELIGIBLE=$(sed -n '/^```result ineligible/{n;p;q}' content/01-eligibility.md | tr -d '*' |
	python3 -c 'import sys; print(sys.stdin.read().strip()[:8])')

# --- A.1: employee insurance: nothing to bring.
answered 1 1
goto 2
expect "这里的材料都不用准备" "not eligible: the checklist says there is nothing to bring"
expect "$INELIGIBLE" "and what to do instead (the wizard's own result: $INELIGIBLE)"
expect_line 0 "不用准备" "the badge says nothing to prepare"
expect_not "[ ] 身份证" "no registration items to tick"
keys p
expect "已导出到" "p on the checklist writes the slip"
slip=$(find "$E2E_TMP" -name 'yibao-slip*.txt' | head -1)
file_has() { # TEXT DESCRIPTION
	if [ -n "$slip" ] && grep -qF -- "$1" "$slip"; then ok "$2"; else not_ok "$2 (not in the slip)"; fi
}
file_has "不用带：按你的回答，你不能参加城乡居民医保" "the slip: nothing to bring"
file_has "不用登记、交费" "the slip: no enrolment steps"
if [ -n "$slip" ] && ! grep -qF "领医保卡" "$slip"; then ok "the slip does not list the next-steps page"; else not_ok "the slip does not list the next-steps page"; fi
quit_ok

# The same person eligible: the items are back.
answered 1 2 1 1
goto 2
expect "身份证" "eligible: the checklist lists the items"
expect_not "这里的材料都不用准备" "eligible: no 'nothing to bring'"
quit_ok

# --- A.6: the calculator starts from the wizard's group.
answered 1 2 1 1
goto 5.2
expect_re "人群.{1,3}其他居民 "  "普通居民 in the wizard: the calculator starts on 其他居民"
quit_ok
answered 1 2 2 1
goto 5.2
expect_re "人群.{1,3}学生儿童 "  "学生 in the wizard: the calculator starts on 学生儿童"
quit_ok
answered 1 2 3 1 1
goto 5.2
expect_re "人群.{1,3}学生儿童 "  "新生儿 in the wizard: the calculator starts on 学生儿童"
quit_ok
start 100x40
goto 5.2
expect_re "人群.{1,3}（还没选） "  "no answers: the calculator asks the group, it assumes none"
quit_ok

echo "# $n_ok ok, $n_bad not ok"
[ "$n_bad" -eq 0 ]
