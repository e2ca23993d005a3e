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

start 80x24
keys g
type_text "5.2"
keys Enter
expect "5.2  报销计算器" "g 5.2 opens the calculator"
expect "1. 住院费用：（还没填）" "the form starts with no bill"
expect "2. 医院等级：一级医院" "level one is the default"
expect "3. 人群：学生儿童" "students and children are the default group"
expect "先选第 1 项，按 Enter 输入住院费用" "the result says what to do first"

keys Enter
expect "住院费用（元）：" "Enter on the bill opens the prompt"
type_text "12345.6"
keys Enter
expect "1. 住院费用：12,345.60 元" "the bill is shown in yuan with two decimals"
expect "本地区没有“一级医院 · 学生儿童”的报销比例：资料没有给出" \
	"national: no rate for students, the source gives them only in the Fujian example"
expect_not "医保报销：" "national students: no sum is made up"
keys 3
expect "报销比例：一级医院 · 其他居民 50%–70%" "national: other residents have a range"
expect "医保报销：约 6,172.80–8,641.92 元" "a range gives a low and a high reimbursement"
expect "自己付：约 3,703.68–6,172.80 元" "and a low and a high self-paid amount"
expect "本地区没有起付线数据，按 0 计算" "an unknown deductible is said so"
expect "本地区没有封顶线数据，没有按封顶计算" "an unknown cap is said so"
expect "四舍五入到分" "the rounding rule is stated"
expect "████████████████████▒▒▒▒▒▒▒▒░░░░░░░░░░░░" "the bar: 20 reimbursed, 8 maybe, 12 self-paid of 40"

for bad in "abc:金额只能有数字和小数点" "-5:金额不能是负数" ":没有输入金额" \
	"10000000.01:金额太大" "1.234:金额最多两位小数" "1.2.3:金额的写法不对" "0:金额要大于 0 元"; do
	text=${bad%%:*}
	msg=${bad#*:}
	bill "$text"
	expect "$msg" "bad bill \"$text\": $msg"
	expect "1. 住院费用：12,345.60 元" "bad bill \"$text\": the bill stays"
	expect "医保报销：约 6,172.80–8,641.92 元" "bad bill \"$text\": the result stays"
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
expect "医保报销：0.01 元" "half a fen and more rounds up to one fen"
bill "1000"
keys 2
expect "2. 医院等级：二级医院" "digit 2 cycles the hospital level"
keys 2 2
expect "2. 医院等级：一级医院" "three presses come back to level one"
keys 3
expect "3. 人群：学生儿童" "digit 3 switches the group"
keys Up Enter
expect "2. 医院等级：二级医院" "Up Enter cycles the level too"
keys Down Enter
expect "3. 人群：其他居民" "Down Enter switches the group back"
quit_ok

# Fujian: students 65 % at level one, 60 % at two, 55 % at three, for bills up to
# 180,000 (the source says nothing of the rest); other residents 50-70 %, no limit.
start 80x24 --region fujian
keys g
type_text "calculator"
keys Enter
expect "5.2  报销计算器" "the calculator opens by id"
bill "10000"
expect "报销比例：一级医院 · 学生儿童 65%" "fujian: a student at level one gets 65%"
expect "医保报销：6,500.00 元" "fujian: 65% of 10,000 is 6,500"
expect "自己付：3,500.00 元" "fujian: 3,500 self-paid"
keys 2
expect "报销比例：二级医院 · 学生儿童 60%" "fujian: level two 60%"
keys 2
expect "报销比例：三级医院 · 学生儿童 55%" "fujian: level three 55%"
expect "医保报销：5,500.00 元" "fujian: 55% of 10,000"
keys 2 3
expect "报销比例：一级医院 · 其他居民 50%–70%" "fujian: other residents have a range"
bill "200000"
expect "医保报销：约 100,000.00–140,000.00 元" "fujian: other residents' whole bill counts"
expect_not "资料只给了" "fujian: the 180,000 limit is not applied to other residents"
keys 3
expect "资料只给了 180,000.00 元以内的比例。超出的 20,000.00 元怎么报" \
	"fujian students: the part over 180,000 is said to be unknown, not self-paid"
expect "医保报销：117,000.00 元" "fujian: 65% of 180,000"
expect "自己付：83,000.00 元" "fujian: the rest is self-paid"
quit_ok

# ASCII borders: the bar is drawn with # and .
printf '[display]\nascii_borders = true\n' >"$E2E_TMP/ascii.ini"
start 80x24 --config "$E2E_TMP/ascii.ini" --region fujian
keys g
type_text "5.2"
keys Enter
bill "10000"
expect "[##########################..............]" "ascii: 26 of 40 columns reimbursed at 65%"
expect "# 医保报销  . 自己付" "ascii: the legend"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
