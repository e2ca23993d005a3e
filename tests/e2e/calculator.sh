# calculator.sh -- the reimbursement calculator: a bill, level and group, the
# result and its bar; every kind of bad input gives a message and changes nothing.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

# bill TEXT: open the amount prompt with digit 1, type TEXT, press Enter.
bill() {
	keys 1
	# -- : a bill may start with a minus sign, which tmux would take for a flag.
	[ -n "$1" ] && $T send-keys -t e2e -l -- "$1"
	keys Enter
}

# Tall enough for the whole result (what it leaves out is below the bar).
start 80x50
keys g
type_text "5.2"
keys Enter
expect "5.2  报销计算器" "g 5.2 opens the calculator"
expect "1. 住院费用：（还没填）" "the form starts with no bill"
expect "2. 医院等级：一级医院" "level one is the default"
expect "3. 人群：（还没选）" "opened directly, the group is asked, never assumed"
expect "先选第 1 项，按 Enter 输入住院费用" "the result says what to do first"

keys Enter
expect "住院费用（元）：" "Enter on the bill opens the prompt"
type_text "12345.6"
keys Enter
expect "1. 住院费用：12,345.60 元" "the bill is shown in yuan with two decimals"
expect "再选第 3 项，按 Enter 选人群" "with a bill but no group, the result asks for the group"
expect_not "医保报销" "no group: no sum is made up"
keys 3
expect "3. 人群：学生儿童" "digit 3 chooses the first group"
keys 3
expect "报销比例：一级医院 · 其他居民 45%–65%" "national: the general resident range, not Fujian's 50-70"
expect "全国一般说法，不是哪个地区的数字" "national: the result says whose figure it is"
expect_not "本地区" "national: another region's example is never called 本地区"
expect "医保报销（最多）：约 5,555.52–8,024.64 元" "a range gives a low and a high reimbursement"
expect "自己付（至少）：约 4,320.96–6,790.08 元" "and a low and a high self-paid amount"
expect "起付线：没有数据，这里没有扣" "an unknown deductible is not counted as 0"
expect "医保报销会少这一块" "and the result says the real amount is lower by it"
expect "封顶线：没有数据，没有按封顶计算" "an unknown cap is said so"
expect "医保目录以外的药品、检查和材料（自费）" "what the estimate leaves out: 自费"
expect "乙类先行自付" "what the estimate leaves out: class-B items paid first"
expect "四舍五入到分" "the rounding rule is stated"
expect "██████████████████▒▒▒▒▒▒▒▒░░░░░░░░░░░░░░" "the bar: 18 reimbursed, 8 maybe, 14 self-paid of 40"

for bad in "abc:金额只能写数字" "-5:金额不能是负数" ":没有输入金额" \
	"10000000.01:金额太大" "1.234:金额最多算到分" "1.2.3:金额的写法不对" "0:金额要大于 0 元" \
	"2,00:千位逗号的位置不对" "2千:金额只能写数字"; do
	text=${bad%%:*}
	msg=${bad#*:}
	bill "$text"
	expect "$msg" "bad bill \"$text\": $msg"
	expect "1. 住院费用：12,345.60 元" "bad bill \"$text\": the bill stays"
	expect "医保报销（最多）：约 5,555.52–8,024.64 元" "bad bill \"$text\": the result stays"
done
keys 1
type_text "99"
keys Escape
expect_not "住院费用（元）：" "Esc cancels the prompt"
expect "1. 住院费用：12,345.60 元" "a cancelled prompt changes nothing"

bill "10000000"
expect "1. 住院费用：10,000,000.00 元" "10,000,000 yuan is the most accepted"
bill "0.01"
expect "1. 住院费用：0.01 元" "0.01 yuan is the least"
expect "医保报销（最多）：约 0.00–0.01 元" "half a fen and more rounds up to one fen"
bill "2.5万"
expect "1. 住院费用：25,000.00 元" "2.5万 is 25,000 yuan"
bill "２０，０００元"
expect "1. 住院费用：20,000.00 元" "full-width digits, comma and 元 are read"
bill "1000"
keys 2
expect "2. 医院等级：二级医院" "digit 2 cycles the hospital level"
keys 2 2
expect "2. 医院等级：一级医院" "three presses come back to level one"
keys 3
expect "3. 人群：职工医保" "digit 3 switches the group"
expect "70%–90%" "employee insurance: the general range of the second source"
keys Up Enter
expect "2. 医院等级：二级医院" "Up Enter cycles the level too"
keys Down Enter
expect "3. 人群：学生儿童" "Down Enter switches the group round"
quit_ok

# After the wizard: the group comes from the answers.
start 80x24 --answer household=local --answer employee=no --answer group=student --answer gap=first
keys g
type_text "5.2"
keys Enter
expect "3. 人群：学生儿童" "after the wizard (a student): the group is taken from the answers"
quit_ok

# Fujian: students 65 % at level one, 60 % at two, 55 % at three, for bills up to
# 180,000 (the source says nothing of the rest); other residents 50-70 %, no limit.
start 80x24 --region fujian
keys g
type_text "calculator"
keys Enter
expect "5.2  报销计算器" "the calculator opens by id"
bill "10000"
keys 3
expect "报销比例：一级医院 · 学生儿童 65%" "fujian: a student at level one gets 65%"
expect "资料（2025 年）举的福建省的例子" "fujian: the result says whose figure it is"
expect "医保报销（最多）：6,500.00 元" "fujian: 65% of 10,000 is 6,500"
expect "自己付（至少）：3,500.00 元" "fujian: 3,500 self-paid"
keys 2
expect "报销比例：二级医院 · 学生儿童 60%" "fujian: level two 60%"
keys 2
expect "报销比例：三级医院 · 学生儿童 55%" "fujian: level three 55%"
expect "医保报销（最多）：5,500.00 元" "fujian: 55% of 10,000"
keys 2 3
expect "报销比例：一级医院 · 其他居民 50%–70%" "fujian: other residents have a range"
bill "200000"
expect "医保报销（最多）：约 100,000.00–140,000.00 元" "fujian: other residents' whole bill counts"
expect_not "资料只给了" "fujian: the 180,000 limit is not applied to other residents"
keys 3 3
expect "资料只给了 180,000.00 元以内的比例。超出的 20,000.00 元怎么报" \
	"fujian students: the part over 180,000 is said to be unknown, not self-paid"
expect "本指南理解为一次住院费用中 18 万元以内的部分" "fujian: 18万元以下 is said to be the guide's reading"
expect "医保报销（最多）：117,000.00 元" "fujian: 65% of 180,000"
expect "自己付（至少）：83,000.00 元" "fujian: the rest is self-paid"
quit_ok

# ASCII borders: the bar is drawn with # and .
printf '[display]\nascii_borders = true\n' >"$E2E_TMP/ascii.ini"
start 80x50 --config "$E2E_TMP/ascii.ini" --region fujian
keys g
type_text "5.2"
keys Enter
bill "10000"
keys 3
expect "[##########################..............]" "ascii: 26 of 40 columns reimbursed at 65%"
expect "# 医保报销  . 自己付" "ascii: the legend"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
