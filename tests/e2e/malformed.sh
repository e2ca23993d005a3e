# malformed.sh -- content that passes --check (or a signed bundle whose index is
# damaged) cannot hang or crash the guide: a wizard without a question, a page
# the index calls a wizard, two damaged index entries (through --list, --print
# and a session), a wizard of 3,000 chained questions (a key answered at once).
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

D=$E2E_TMP
export HOME="$D"

# patch_index IN OUT WHAT: a copy of bundle IN with its index damaged (WHAT:
# "files" points entries 1 and 2 of every region at no file; "kind CODE"
# calls the screen with code CODE a wizard).
patch_index() {
	python3 - "$@" <<'EOF'
import struct, sys
src, out, what = sys.argv[1], sys.argv[2], sys.argv[3:]
b = bytearray(open(src, 'rb').read())
nreg, roff = struct.unpack_from('<II', b, 56)
def string(rec):
    off, n = struct.unpack_from('<II', b, rec)
    return bytes(b[off:off + n]).decode()
for r in range(nreg):
    rec = roff + r * (32 + 4 * 16)
    n, eoff = struct.unpack_from('<II', b, rec + 16)
    for k in range(n):
        e = eoff + k * 48
        if what[0] == 'files' and k in (1, 2):
            struct.pack_into('<I', b, e, 0xffffffff)
        if what[0] == 'kind' and string(e + 12) == what[1]:
            struct.pack_into('<I', b, e + 28, 3)  # KIND_WIZARD
open(out, 'wb').write(b)
EOF
}

# answer_eligibility: the eligibility wizard answered (its answers are in memory).
answer_eligibility() {
	keys 1
	expect "按 Enter 开始" "the eligibility wizard opens"
	keys Enter
	keys 1
	keys 2
	keys 1
	keys 1
	expect "你可以参加城乡居民医保" "its result shows"
	keys 0
	expect_line 0 "城乡居民医保办事指南" "back home"
}

# restart_wizard: on a wizard's introduction, to its result and "answer all again".
restart_wizard() {
	keys Enter
	keys Enter
	keys Enter
}

# --- A wizard without a question: --check and --pack refuse it; a session survives it.
mkdir -p "$D/empty"
cp content/*.md content/bundle.ini "$D/empty/"
printf -- '---\ncode: 8\nid: empty-wizard\ntitle: 空向导\nkind: wizard\n---\n这个向导没有问题。\n' >"$D/empty/08-empty.md"
sed -i 's/^- \[要带的材料\](materials).*/&\n- [空向导](empty-wizard) 没有问题的向导/' "$D/empty/00-home.md"
if ! $YIBAO --check --content "$D/empty" >"$D/check.out" 2>&1 &&
	grep -q "08-empty.md:1: a wizard asks at least one question" "$D/check.out"; then
	ok "--check refuses a wizard without a question, as FILE:LINE"
else
	not_ok "--check refuses a wizard without a question"; sed 's/^/#   /' "$D/check.out"
fi
if ! $YIBAO --pack "$D/empty.bundle" --content "$D/empty" >"$D/pack.out" 2>&1 && [ ! -e "$D/empty.bundle" ]; then
	ok "--pack refuses it and writes nothing"
else
	not_ok "--pack refuses a wizard without a question"; sed 's/^/#   /' "$D/pack.out"
fi
start 100x40 --content "$D/empty"
expect "空向导" "a session on that content shows the home menu"
answer_eligibility
keys 3
expect "这个向导没有问题" "the question-less wizard opens"
restart_wizard
expect "这个向导没有问题" "Enter, Enter, Enter (answer all again) is back at its introduction"
quit_ok

# --- A signed bundle whose index calls a page a wizard: shown as the page it is.
$YIBAO --pack "$D/good.bundle" >/dev/null 2>&1
patch_index "$D/good.bundle" "$D/kind.bundle" kind 1.2
if $YIBAO --content "$D/kind.bundle" --print 1.2 >"$D/print.out" 2>&1 && grep -q "用手机办参保登记" "$D/print.out"; then
	ok "--print of the page the index calls a wizard"
else
	not_ok "--print of the kind-confused page"; sed 's/^/#   /' "$D/print.out"
fi
start 100x40 --content "$D/kind.bundle"
expect "城乡居民医保办事指南" "a session on the kind-confused bundle shows home"
answer_eligibility
keys g
type_text 1.2
keys Enter
expect "用手机办参保登记" "the page opens"
restart_wizard
expect "用手机办参保登记" "Enter, Enter, Enter on it: still the page"
quit_ok

# --- Two damaged index entries: --list, --print and a session end.
patch_index "$D/good.bundle" "$D/damaged.bundle" files
# A watchdog, not a timing: --list takes milliseconds, the bug loops forever.
timeout 60 $YIBAO --content "$D/damaged.bundle" --list >"$D/list.out" 2>"$D/list.err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$D/list.out")" -eq "$($YIBAO --list | wc -l)" ] && grep -q "^0	home	menu" "$D/list.out"; then
	ok "--list of a bundle with two damaged entries ends, every entry listed"
else
	not_ok "--list of a bundle with two damaged entries (exit $rc)"; head -5 "$D/list.err" | sed 's/^/#   /'
fi
bad=0
for code in $(cut -f1 "$D/list.out"); do
	timeout 60 $YIBAO --content "$D/damaged.bundle" --print "$code" >/dev/null 2>&1
	rc=$?
	[ "$rc" -le 1 ] || { bad=1; echo "# --print $code: exit $rc"; }
done
if [ "$bad" -eq 0 ]; then ok "--print of every entry ends (exit 0 or 1)"; else not_ok "--print of every entry"; fi
start 100x40 --content "$D/damaged.bundle"
expect "城乡居民医保办事指南" "a session on the damaged bundle shows home"
keys 1
keys Escape
keys 2
expect_cmd "its screens open" shows "材料"
keys /
type_text 参保
keys Enter
expect_cmd "a search through the damaged entries ends" on_screen "参保"
quit_ok

# --- A wizard of 3,000 chained questions: each asked only when the one before was yes.
mkdir -p "$D/chain"
cp content/*.md content/bundle.ini "$D/chain/"
{
	printf -- '---\ncode: 8\nid: chain\ntitle: 长向导\nkind: wizard\n---\n三千个问题。\n\n'
	i=0
	while [ "$i" -lt 3000 ]; do
		if [ "$i" -eq 0 ]; then printf '```question q0\n'; else printf '```question q%d if q%d=yes\n' "$i" $((i - 1)); fi
		printf '第%d个问题？\n- yes: 是\n- no: 否\n```\n\n' "$((i + 1))"
		i=$((i + 1))
	done
	printf '```result\n问完了。\n```\n'
} >"$D/chain/08-chain.md"
sed -i 's/^- \[要带的材料\](materials).*/&\n- [长向导](chain) 三千个问题/' "$D/chain/00-home.md"
start 100x40 --content "$D/chain"
expect "长向导" "a session on the chained wizard shows home"
keys 3
expect "三千个问题" "the chained wizard opens"
keys Enter
expect "第1个问题" "its first question is asked at once"
expect_line 0 "第 1/1～3000 题" "the badge counts 1 to 3,000 questions"
keys 1
expect "第2个问题" "a key answers it at once (not 15 s later)"
keys 1
expect "第3个问题" "and the next"
expect_line 0 "第 3/3～3000 题" "the badge moves on"
quit_ok

echo "# malformed: $n_ok ok, $n_bad not ok"
