# signed.sh -- what a session reads of [update] state_dir is what was verified:
# a bundle another account could change (the file or a directory on its path)
# is refused before it is read; one larger than [update] max_size_mib is
# refused before a byte is hashed (an 8 GB sparse file does not stall the
# start); nothing of a large update is shown before its signature verified
# (a waiting line, never its screens; a badly signed one never flashes).
# Keys are made here with minisign -G -W (a throw-away pair).
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

D=$E2E_TMP
export HOME="$D"
chmod 755 "$D"
mkdir -p "$D/state" "$D/c1"
cp content/*.md "$D/c1/"
printf '[bundle]\nversion = 1\npolicy_year = 2025\nvalid_days = 400\n' >"$D/c1/bundle.ini"
$YIBAO --pack "$D/v1.bundle" --content "$D/c1" 2>/dev/null
# A large update (over 2 MiB: checked in a thread while the terminal starts):
# the shipped content, retitled, with a long page.
mkdir -p "$D/c2"
cp content/*.md "$D/c2/"
printf '[bundle]\nversion = 2\npolicy_year = 2025\nvalid_days = 400\n' >"$D/c2/bundle.ini"
sed -i 's/^title: 城乡居民医保办事指南$/title: 新版二号指南/' "$D/c2/00-home.md"
for n in 1 2 3; do
	sed -i "s/^- \\[要带的材料\\](materials).*/&\\n- [很长的一页](long-page-$n) 近一兆的字/" "$D/c2/00-home.md"
	{
		printf -- '---\ncode: 9.%s\nid: long-page-%s\ntitle: 很长的一页\nkind: page\n---\n' "$n" "$n"
		python3 -c 'print("\n\n".join("这是第%d段填充的文字，用来让内容包大过两兆。" % i for i in range(15000)))'
	} >"$D/c2/09.$n-long.md"
done
$YIBAO --pack "$D/big.bundle" --content "$D/c2" 2>"$D/pack.err" || sed 's/^/#   /' "$D/pack.err"
(cd "$D" && minisign -G -W -p k1.pub -s k1.key >/dev/null 2>&1 && minisign -G -W -p k2.pub -s k2.key >/dev/null 2>&1)
K1=$(tail -1 "$D/k1.pub")
printf '[guide]\nbundle = %s\n[update]\nstate_dir = %s\npublic_key = %s\n' "$D/v1.bundle" "$D/state" "$K1" >"$D/t.ini"
BIG_TITLE="新版二号指南"
install_update() { # install_update BUNDLE KEY
	rm -f "$D/state/yibao.bundle" "$D/state/yibao.bundle.minisig"
	cp "$1" "$D/state/yibao.bundle"
	minisign -S -s "$D/$2" -m "$D/state/yibao.bundle" -t "yibao bundle" >/dev/null 2>&1
	chmod 644 "$D/state/yibao.bundle" "$D/state/yibao.bundle.minisig"
}
# line_mode: the session without a terminal (line mode on stdout), stderr apart.
line_mode() { $YIBAO --config "$D/t.ini" </dev/null >"$D/out" 2>"$D/err"; }

[ -s "$D/big.bundle" ] && [ "$(wc -c <"$D/big.bundle")" -gt 2097152 ] &&
	ok "the large update is over 2 MiB" || not_ok "the large update is over 2 MiB"

# --- A good large update: the waiting line first, then its home screen.
install_update "$D/big.bundle" k1.key
line_mode
if [ "$(head -1 "$D/out")" = "正在核对内容更新的签名，请稍候……" ] && grep -q "$BIG_TITLE" "$D/out" && [ ! -s "$D/err" ]; then
	ok "line mode: a waiting line, then the verified update's home screen"
else
	not_ok "line mode: waiting line, then the update"; head -3 "$D/out" "$D/err" | sed 's/^/#   /'
fi

# --- A badly signed large update: never shown, not even before the fall-back.
install_update "$D/big.bundle" k2.key
line_mode
if ! grep -q "$BIG_TITLE" "$D/out" && grep -q "城乡居民医保办事指南" "$D/out"; then
	ok "line mode: nothing of a badly signed update is printed, the shipped content is"
else
	not_ok "line mode: the badly signed update was printed"; grep -m3 "$BIG_TITLE" "$D/out" | sed 's/^/#   /'
fi
# The same in a terminal, every byte written recorded (script(1)).
cat >"$D/rec.sh" <<EOF
#!/bin/sh
exec script -qfe -c "$PWD/${YIBAO#./} \$*" "$D/typescript"
EOF
chmod 755 "$D/rec.sh"
REAL=$YIBAO
YIBAO="$D/rec.sh"
start 100x30 --config "$D/t.ini"
expect "城乡居民医保办事指南" "a terminal session falls back to the shipped content"
expect "没有通过签名检查" "and says why"
if grep -q "$BIG_TITLE" "$D/typescript"; then
	not_ok "not a byte of the badly signed update reached the terminal"
else
	ok "not a byte of the badly signed update reached the terminal"
fi
quit_ok
YIBAO=$REAL

# --- Another account's file or directory: refused before it is read.
install_update "$D/big.bundle" k1.key
chown 65534 "$D/state/yibao.bundle"
line_mode
if grep -q "belongs to uid 65534" "$D/err" && ! grep -q "$BIG_TITLE" "$D/out"; then
	ok "an update owned by another account is refused"
else
	not_ok "an update owned by another account is refused"; sed 's/^/#   /' "$D/err"
fi
chown 0 "$D/state/yibao.bundle"
chmod 664 "$D/state/yibao.bundle"
line_mode
if grep -q "may be written by other accounts (mode 664)" "$D/err"; then
	ok "a group-writable update is refused"
else
	not_ok "a group-writable update is refused"; sed 's/^/#   /' "$D/err"
fi
chmod 644 "$D/state/yibao.bundle"
chmod 775 "$D/state"
line_mode
if grep -q "$D/state may be written by other accounts (mode 775)" "$D/err"; then
	ok "an update in a directory others may write is refused"
else
	not_ok "an update in a group-writable directory is refused"; sed 's/^/#   /' "$D/err"
fi
chmod 755 "$D/state"
line_mode
if grep -q "$BIG_TITLE" "$D/out" && [ ! -s "$D/err" ]; then
	ok "put right, the update is shown again"
else
	not_ok "put right, the update is shown again"; sed 's/^/#   /' "$D/err"
fi

# --- An 8 GB sparse file with a signature beside it: refused by its size, unhashed.
rm -f "$D/state/yibao.bundle"
truncate -s 8G "$D/state/yibao.bundle"
# A watchdog, not a timing: the refusal must name the size (hashing 8 GB would say "signature").
timeout 120 $YIBAO --config "$D/t.ini" </dev/null >"$D/out" 2>"$D/err"
if grep -q "8589934592 bytes, larger than \[update\] max_size_mib (64 MiB)" "$D/err" &&
	grep -q "城乡居民医保办事指南" "$D/out"; then
	ok "an 8 GB file in state_dir is refused by its size, the shipped content shown"
else
	not_ok "an 8 GB file in state_dir is refused by its size"; sed 's/^/#   /' "$D/err"
fi
start 100x30 --config "$D/t.ini"
expect "城乡居民医保办事指南" "a terminal session on it starts with the shipped content"
quit_ok
rm -f "$D/state/yibao.bundle"

echo "# signed: $n_ok ok, $n_bad not ok"
