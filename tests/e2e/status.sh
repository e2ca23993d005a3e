# status.sh -- live status lookups against tests/status_server.py: every state, every fault,
# keys that keep working during a slow lookup, Esc cancels, the ID masked and never kept.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"
TOKEN="e2e-token-$$"
# The guide's temporary files go under the test's directory, so they can be searched.
export TMPDIR="$E2E_TMP/tmp"
mkdir -p "$TMPDIR"

start_status_server --token "$TOKEN"
id() { python3 "$SERVER" --id "$1"; }
printf '  %s\n' "$TOKEN" >"$E2E_TMP/token"
CLOSED_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# config NAME URL [EXTRA LINE]: a config file with small timeouts.
config() {
	{
		echo "[status]"
		echo "url = $2"
		echo "ca_file = $SRV/ca.pem"
		echo "token_file = $E2E_TMP/token"
		echo "connect_timeout_ms = 2000"
		echo "timeout_ms = 3000"
		echo "cache_s = 60"
		[ -n "${3:-}" ] && echo "$3"
	} >"$E2E_TMP/$1.ini"
}
# open_status NAME: start the guide with config NAME on the status screen.
open_status() {
	start 80x24 --config "$E2E_TMP/$1.ini"
	wait_for "城乡居民医保办事指南" 5 >/dev/null
	keys g
	type_text 7
	keys Enter
	wait_for "7  查询办理进度" 3 >/dev/null
}
# lookup ITEM FIXTURE: choose lookup ITEM (1-4) and type the fixture's ID number.
lookup() {
	keys "$1"
	type_text "$(id "$2")"
	keys Enter
}
# result_of FIXTURE: the heading of a finished lookup of that fixture's ID is on screen
# ("查询没有结果：医保卡（身份证 1101**********2139）"; the progress line says "正在查询").
result_of() {
	_ro_id=$(id "$1")
	_ro_m="$(echo "$_ro_id" | cut -c1-4)**********$(echo "$_ro_id" | cut -c15-18)"
	screen | grep -F -- "（身份证 $_ro_m）" | grep -q '^ *查询'
}
# within SECONDS TEXT DESCRIPTION: TEXT shows within SECONDS (a cap for a busy machine,
# not a stopwatch: lookups time out after timeout_ms = 3000 by themselves).
within() { if wait_for "$2" "$1"; then ok "$3"; else not_ok "$3 (no \"$2\" within $1 s)"; fi; }

config main "https://127.0.0.1:$MAIN_PORT"
open_status main
expect "1. 查参保" "the status screen offers the enrolment lookup"
expect "4. 查报销" "the status screen offers the claim lookup"

# Every state of every kind, in plain Chinese with the detail.
for row in enrolled:1:已参保 not_enrolled:1:没有参保 suspended:1:参保已暂停 \
	paid:2:已交费 unpaid:2:没有交费 pending:2:交费正在处理中 \
	in_production:3:医保卡正在制作 ready_for_pickup:3:医保卡可以领取了 mailed:3:医保卡已邮寄 \
	collected:3:医保卡已领取 submitted:4:报销申请已提交 reviewing:4:报销申请正在审核 \
	approved:4:报销已批准 claim_paid:4:报销款已支付 rejected:4:报销申请没有通过; do
	name=${row%%:*}; rest=${row#*:}; item=${rest%%:*}; label=${rest#*:}
	lookup "$item" "$name"
	within 10 "状态：$label" "state $name shows as $label"
done
expect "说明：发票不符合规定" "the detail text is shown"
lookup 2 paid
within 10 "金额：400.00 元" "a payment shows its amount in yuan"
expect "年度：2025" "a payment shows its year"
lookup 3 mailed
within 10 "领取地点：朝阳区医保服务中心" "a card shows its pickup location"
lookup 4 approved
within 10 "报销单号：BX2025-000123" "a claim shows its claim id"
expect "信息更新日期：2025-03-01" "the record's date is shown"

# The same lookup again is answered from memory: the server sees no new request.
before=$(wc -l <"$SRV/requests.log")
lookup 4 approved
within 10 "报销单号：BX2025-000123" "a repeated lookup shows the result again"
after=$(wc -l <"$SRV/requests.log")
if [ "$before" -eq "$after" ]; then ok "a repeated lookup within cache_s is not sent again"; else not_ok "a repeated lookup within cache_s is not sent again"; fi

# Faults: each its own plain message.
for row in notfound:没有查到这个身份证号的记录 error500:查询服务暂时出了故障 \
	html:答复的不是查询结果 malformed:答复格式错乱 big:答复太长 bigstream:答复太长 \
	deep:答复层次太多 wrongtypes:答复缺少内容或内容不对:技术信息：state \
	missingfield:答复缺少内容或内容不对:技术信息：detail \
	kindmismatch:答复缺少内容或内容不对:技术信息：kind unknownstate:这不能当作已经办好 \
	redirect_http:要把查询转到别的地址:HTTP\ 302 redirect_file:要把查询转到别的地址:HTTP\ 302; do
	name=${row%%:*}; text=${row#*:}; also=""
	case "$text" in *:*) also=${text#*:}; text=${text%%:*} ;; esac
	lookup 3 "$name"
	# Two faults in a row can say the same (big, bigstream; the redirects): wait for this
	# lookup's own heading, or the next lookup is typed while this one still runs.
	if poll 10 result_of "$name"; then ok "fault $name: the lookup ends"; else not_ok "fault $name: the lookup ends (no heading for its ID within 10 s)"; fi
	within 10 "$text" "fault $name: \"$text\""
	[ -n "$also" ] && expect "$also" "fault $name: \"$also\""
done
lookup 1 ready_for_pickup
within 10 "没有查到这个身份证号的记录" "a record of another kind is no record for this one"
expect_not "状态：" "an error shows no state"
expect "12393" "a failure tells the hotline"
lookup 2 unknownstate
within 10 "状态未知" "an unknown state is shown as unknown"
expect_not "查询结果：" "an unknown state is not presented as a plain result"

# A bad ID number is refused before anything is sent.
before=$(wc -l <"$SRV/requests.log")
keys 1
type_text "110105199001011014"
keys Enter
expect "校验位不对" "a wrong check digit is refused"
keys 1
type_text "1101051990"
keys Enter
expect "应该是18位" "a short number is refused"
after=$(wc -l <"$SRV/requests.log")
if [ "$before" -eq "$after" ]; then ok "nothing is sent for a bad ID number"; else not_ok "nothing is sent for a bad ID number"; fi

# A slow answer: the screen keeps answering keys; Esc cancels; a second Esc leaves.
lookup 1 slow
expect "正在查询参保" "a progress line shows while the lookup runs"
keys Down Down
expect_line 0 "7  查询办理进度" "keys work during the lookup (move)"
keys '?'
expect "按页面代码跳转" "help opens during the lookup"
keys h
expect "正在查询参保" "back from help the lookup is still running"
keys Escape
expect "已取消查询" "Esc cancels the running lookup"
expect_line 0 "7  查询办理进度" "the first Esc stays on the status screen"
keys Escape
expect_line 0 "城乡居民医保办事指南" "a second Esc leaves"
keys g
type_text 7
keys Enter
lookup 1 slow
keys 0
expect_line 0 "城乡居民医保办事指南" "going home during a lookup works"
within 10 "查询有结果了" "the bottom line says when a lookup ended elsewhere"
keys g
type_text 7
keys Enter
expect "查询超时" "the timed-out lookup waits on the status screen"
lookup 3 stall
expect "正在查询医保卡" "a lookup that stalls mid-body shows progress"
within 10 "查询超时" "an answer that stalls mid-body times out"
quit_ok

# Transport faults: each a separate config.
config wronghost "https://127.0.0.1:$WRONGHOST_PORT"
config untrusted "https://127.0.0.1:$UNTRUSTED_PORT"
config refused "https://127.0.0.1:$CLOSED_PORT"
config dns "https://yibao-e2e-test.invalid"
config http "http://127.0.0.1:$HTTP_PORT" "allow_loopback_http = true"
config httpoff "http://127.0.0.1:$HTTP_PORT"
config badpath "https://127.0.0.1:$MAIN_PORT/nowhere"
printf 'wrong-token\n' >"$E2E_TMP/badtoken"
config badtoken "https://127.0.0.1:$MAIN_PORT" "token_file = $E2E_TMP/badtoken"
for row in wronghost:安全证书没有通过验证 untrusted:安全证书没有通过验证 \
	refused:连不上查询服务 dns:找不到查询服务的地址 http:状态：已交费 \
	httpoff:查询地址没有配置对 badpath:不接受这次查询 badtoken:不接受这台机器的凭据; do
	name=${row%%:*}; text=${row#*:}
	open_status "$name"
	lookup 2 paid
	within 10 "$text" "$name: \"$text\""
	keys q
	wait_for "EXITED 0" 5 >/dev/null || not_ok "$name: quits with status 0"
done

# Lookups off: the screen explains and offers none.
printf '[status]\n' >"$E2E_TMP/off.ini"
open_status off
expect "没有开通在线查询" "without a url the status screen says lookups are off"
expect_not "1. 查参保" "without a url no lookup is offered"
keys s
expect "可以到医保服务窗口查" "s without a url tells the offline way"
keys g
type_text 4
keys Enter
keys s
expect "没有开通在线查询" "s on the card screen without a url says lookups are off"
keys q
wait_for "EXITED 0" 5 >/dev/null || not_ok "off: quits with status 0"

# The card screen's s, with the canary ID: masked while typed and shown, never kept.
CANARY=$(id canary)
start 80x24 --config "$E2E_TMP/main.ini"
wait_for "城乡居民医保办事指南" 5 >/dev/null
keys g
type_text 4
keys Enter
expect_line 0 "4  领医保卡" "the card screen"
keys s
expect "查医保卡：输入18位身份证号" "s on the card screen asks for the ID number"
type_text "$CANARY"
masked="$(printf %s "$CANARY" | cut -c1-4)**********$(printf %s "$CANARY" | cut -c15-18)"
expect "$masked" "the ID is echoed masked as it is typed"
expect_not "$CANARY" "the whole ID is not on the screen while typed"
keys Enter
within 10 "状态：医保卡可以领取了" "the card lookup from the card screen shows its result"
expect "身份证 $masked" "the result names the ID masked"
keys p
expect "不导出" "a lookup result is not exported"
keys Escape
expect_line 0 "4  领医保卡" "Esc goes back to the card screen"
quit_ok
if $T capture-pane -p -t e2e -S -10000 | grep -qF -- "$CANARY"; then not_ok "the ID is not in the terminal's scrollback"; else ok "the ID is not in the terminal's scrollback"; fi
# The guide ran with HOME=$E2E_TMP (lib.sh) and TMPDIR=$E2E_TMP/tmp.
if grep -rqF -- "$CANARY" "$E2E_TMP" 2>/dev/null; then
	not_ok "the ID is in no file under HOME or TMPDIR ($(grep -rlF -- "$CANARY" "$E2E_TMP" | head -3))"
else
	ok "the ID is in no file under HOME or TMPDIR"
fi
if grep -qF -- "11010519900101" "$SRV/requests.log"; then not_ok "no ID number in any request line"; else ok "no ID number in any request line"; fi
if grep -q "^main POST /v1/lookup HTTP/1.1 200" "$SRV/requests.log"; then ok "the server saw POST /v1/lookup"; else not_ok "the server saw POST /v1/lookup"; fi
echo "# $n_ok ok, $n_bad not ok"
