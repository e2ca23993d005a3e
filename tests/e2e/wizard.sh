# wizard.sh -- the eligibility wizard: paths to every kind of result, digits and
# arrows, Back keeping answers, changing one answer from the result, checklist.
# The window is tall so that a whole result screen is on show at once.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# fresh: a new guide with no answers, at the wizard's first question.
fresh() {
	start 100x60 "$@"
	expect "城乡居民医保办事指南" "home screen shows"
	keys 1
	expect "按 Enter 开始" "1 opens the wizard's introduction"
	keys Enter
	expect "你的户口在哪里" "Enter starts at the first question"
}

# answer DIGIT...: answer one question per digit.
answer() {
	for d in "$@"; do keys "$d"; done
}

# --- 1. Employee insurance: not eligible, and why.
fresh
expect_line 0 "第 1/2～5 题" "the badge counts the questions that may be asked: 2 to 5"
expect "1. 本地户口" "options are numbered"
answer 1
expect "有没有参加职工医保" "digit 1 answers and goes on to the next question"
expect_line 0 "第 2/2～5 题" "the badge moves on"
answer 1
expect "你不需要、也不能再参加城乡居民医保" "employee=yes: not eligible"
expect "是没有参加其他基本医疗保险" "employee=yes: the result says why"
expect_line 0 "结果" "the badge says result"
expect_not "你属于哪一类人" "employee=yes: the group question was skipped"
expect_not "你今年个人要交" "employee=yes: no fee is quoted"
expect "职工医保和居民医保对比[1]" "result links are numbered from 1"
expect "办事单：按 p 把结论" "the result says how to get the slip (p)"
expect "你现在有没有参加职工医保？（职工医保一般是单位帮你交的医保） → 已经参加了职工医保" \
	"the answer list shows each question and its answer"
keys 1
expect "6.6  职工医保和居民医保对比" "digit 1 on the result opens its first link"
keys Left
expect "你不需要、也不能再参加城乡居民医保" "back from the link returns to the result"
keys Left
expect "有没有参加职工医保" "Back from a result just reached goes to the last question"
expect "已经参加了职工医保  （现在的回答）" "the question shows the answer it has"
keys Left
expect "你的户口在哪里" "Back goes to the previous question"
expect "本地户口  （现在的回答）" "the earlier answer is kept"
keys Left
expect_line 0 "城乡居民医保办事指南" "Back at the first question leaves the wizard"
keys 1
expect "你不需要、也不能再参加城乡居民医保" "coming back with every answer shows the result at once"
keys Left
expect_line 0 "城乡居民医保办事指南" "Back from a result only looked at leaves the wizard"
quit_ok

# --- 2. Local ordinary resident, answered with arrows and Enter; then the checklist.
fresh
keys Enter
expect "有没有参加职工医保" "Enter answers with the selected option"
keys Down Enter
expect "你属于哪一类人" "Down Enter chooses the second option"
expect_line 0 "第 3/4～5 题" "four or five questions while a newborn is still possible"
keys Enter
expect "你以前交过居民医保吗" "Enter chose the first group"
expect_line 0 "第 4/4 题" "four questions once the group is not newborn: no jump, 4 was in 4～5"
keys Enter
expect "你可以参加城乡居民医保。" "local ordinary: eligible"
expect "按资料里 2025 年的标准，你个人一年交 400 元。" "local ordinary: pays 400, the year said"
expect "户口所在地的政务大厅，或者乡镇、街道的便民服务中心" "local: where to register offline"
expect "网上：" "local: where to register online"
expect "财政补助每人每年不低于 670 元" "the government subsidy is stated, for the group the source gives it"
expect "第一次参保：" "gap=first: what a first-timer should know"
expect "材料清单[10]" "links are numbered in the order they show"
keys 1 0 Enter
expect "2  要带的材料" "1 0 Enter opens link 10, the materials checklist"
expect "户口簿" "the checklist shows the household register"
expect_not "居住证（外地户口" "household=local: no residence permit in the checklist"
expect "已按你在“谁能参保”里的回答列出" "the checklist says it follows the answers"
keys Left
expect "你可以参加城乡居民医保。" "back to the result"
keys 4
expect "1.4  参保登记表怎么填" "digit 4 opens the fourth link"
keys Left
quit_ok

# --- 3. Backspace keeps answers.
fresh
answer 1 2 1
expect "你以前交过居民医保吗" "three questions answered"
keys BSpace
expect "你属于哪一类人" "Backspace returns to the previous question"
expect "普通居民（不属于下面几类的城镇居民和农村居民）  （现在的回答）" "Backspace keeps the answer"
keys BSpace
expect "没有参加职工医保  （现在的回答）" "two Backspaces: the employee answer is kept"
keys Enter Enter
expect "你以前交过居民医保吗" "Enter twice keeps both answers and goes on"
answer 2
expect "你一直在缴：" "gap=continuous: keep paying"
expect "按资料里 2025 年的标准，你个人一年交 400 元。" "the kept group still gives 400"
quit_ok

# --- 4. Residence permit, student; then the checklist shows the permit.
fresh
answer 2 2 2 1
expect "有本地居住证：可以在居住地参保，前提是你长期住在这里。" "permit: eligible where one lives, if living here long term"
expect "资料没有写明" "permit: what the source does not say is said so"
expect "发居住证那个地方的政务大厅" "permit: register where the permit was issued"
expect "你选的是“在校学生或学龄前儿童”" "student: the student fee"
keys g
type_text "2"
keys Enter
expect "2  要带的材料" "g 2 opens the checklist"
expect "居住证（外地户口在居住地参保时要带" "household=permit: the checklist lists the residence permit"
expect "学生、儿童：先问清楚" "group=student: the student item shows"
expect_not "新生儿：先问清楚" "group=student: no newborn item"
quit_ok

# --- 5. Newborn registered within 90 days: cover back-dated to birth.
fresh
answer 1 2 3
expect "孩子出生多少天" "group=newborn asks the age question"
expect_line 0 "第 4/5 题" "the newborn question counts"
answer 1 1
expect "孩子的医保待遇从出生那天算起。" "newborn within 90 days: back-dated to birth"
expect "待遇可以往前算到出生那天" "newborn within 90 days: the reason"
expect "孩子一年交多少，资料没有单独写新生儿。" "newborn: the fee is not in the source"
expect "一般是按学龄前儿童那一档" "newborn: the usual answer is marked as such"
quit_ok

# --- 6. Newborn over 90 days; then change the group from the answer list.
fresh
answer 1 2 3 2 1
expect "超过 90 天才办：待遇从哪天算，资料没有写。" "newborn over 90 days: the source does not say"
keys Enter
expect "用 ↑↓ 选一项，按 Enter 重新回答这一题" "Enter makes the answer list selectable"
keys Down Down Enter
expect "你属于哪一类人" "Enter on an answer asks that question again"
expect "新生儿  （现在的回答）" "the question shows the answer being changed"
expect "不改了，回到结果" "the question says Back returns to the result"
answer 4
expect "按资料里 2025 年的标准，你个人一年交 120 元。" "changed to low-income: the result shows 120"
expect_not "孩子的医保待遇" "the newborn statements are gone"
expect_not "孩子出生多少天？ → " "the newborn answer was dropped with the group"
expect "你属于哪一类人？ → 低保对象或监测户" "the answer list shows the new answer"
keys Enter Down Down Enter
expect "低保对象或监测户（脱贫不稳定户、边缘易致贫户、突发严重困难户）  （现在的回答）" "asked again: the new answer is marked"
keys Left
expect "按资料里 2025 年的标准，你个人一年交 120 元。" "Back from a question being changed returns to the result unchanged"
keys Enter
expect "低保对象或监测户（脱贫不稳定户、边缘易致贫户、突发严重困难户）  （现在的回答）" "the answer list kept its place"
answer 3
expect "孩子出生多少天" "changing to newborn asks the newly relevant question"
answer 1
expect "孩子的医保待遇从出生那天算起。" "then goes on to the result again"
expect "你以前交过居民医保吗？ → 第一次参保" "the other answers were kept"
quit_ok

# --- 7. Fully subsidised: pays 0.
fresh
answer 1 2 5 2
expect "按资料里 2025 年的标准，你个人交 0 元（全额资助）。" "full subsidy: pays 0"
quit_ok

# --- 8. Severely disabled: pays 200; a long gap means a waiting period.
fresh
answer 1 2 6 4
expect "按资料里 2025 年的标准，你个人一年交 200 元。" "disabled: pays 200"
expect "断缴超过3个月：可能有等待期，最长 6 个月。" "gap over 3 months: waiting period up to 6 months"
quit_ok

# --- 9. A short gap: no waiting period. Restart from the answer list.
fresh
answer 1 2 1 3
expect "断缴3个月以内（含3个月）：一般没有等待期。" "gap within 3 months: no waiting period"
expect_not "可能有等待期" "gap within 3 months: no waiting period mentioned"
keys Enter Down Down Down Down Down Down Enter
expect "你的户口在哪里" "重新回答全部问题 starts again"
expect_not "(现在的回答）" "starting again forgets the answers"
# --- 10. No permit: eligible, but not here.
answer 3 2 7 4
expect "你可以参保，但现在还不能在你住的地方办。" "no permit: register at home or get a permit"
expect "灵活就业人员：有两种参保办法" "flexible employment: the extra note"
keys Left Left Left Left
expect "你的户口在哪里" "four Backs from the result reach the first question"
keys Left
keys 2
expect "2  要带的材料" "the checklist"
expect "居住证（外地户口在居住地参保时要带" "household=nopermit: the checklist lists the residence permit"
expect "灵活就业人员：想以" "group=flexible: the flexible item shows"
quit_ok

# --- 11. The smallest window: still one question a screen.
fresh
resize 40x12
expect "你的户口在哪里" "a 40x12 window still shows the question"
answer 1 1
expect "你不需要" "and the result"
fits 40x12 "nothing drawn past 40 columns"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
