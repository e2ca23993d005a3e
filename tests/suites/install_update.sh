#!/bin/sh
# install_update.sh -- yibao --install-update (root's step after --update) takes
# nothing from the download account's directory but that account's own files:
# a link planted there that reaches a file of root's (a secret, a device) is
# refused before a byte of it is read, and nothing of it lands in state_dir.
# Needs root (it is root's step) and a second account to own the download.
# SPDX-License-Identifier: MIT
set -u
cd "$(dirname "$0")/../.." || exit 1
Y=${YIBAO:-./yibao}
if [ "$(id -u)" != 0 ]; then echo "ok - skipped: --install-update is root's step (not root)"; exit 0; fi
U=nobody
if ! id -u "$U" >/dev/null 2>&1; then echo "ok - skipped: no account $U to own the download"; exit 0; fi
if ! command -v minisign >/dev/null; then echo "ok - skipped: no minisign to sign a bundle"; exit 0; fi
D=$(mktemp -d /tmp/yibao-install.XXXXXX)
trap 'rm -rf "$D"' EXIT INT TERM
chmod 755 "$D"
mkdir -p "$D/state" "$D/dl"
chown "$U" "$D/dl"
minisign -G -W -p "$D/k.pub" -s "$D/k.key" >/dev/null
printf '[guide]\nkiosk = false\n[update]\nstate_dir = %s\ndownload_dir = %s\npublic_key = %s\n' \
	"$D/state" "$D/dl" "$(sed -n 2p "$D/k.pub")" >"$D/yibao.ini"
run() { # OUT: root's step over this configuration
	env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$Y" --config "$D/yibao.ini" --install-update >"$1" 2>&1
}
nothing_copied() { [ -z "$(find "$D/state" -name '*.part*' -o -name '*.minisig.part*')" ]; }

# 1. The download account plants links to root's secret (and its "signature").
printf 'root secret %s\n' "$$" >"$D/secret"
chmod 600 "$D/secret"
ln -s "$D/secret" "$D/dl/yibao.bundle"
ln -s "$D/secret" "$D/dl/yibao.bundle.minisig"
chown -h "$U" "$D/dl/yibao.bundle" "$D/dl/yibao.bundle.minisig"
run "$D/out1"
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'not .*own' "$D/out1" && ! grep -q 'signature' "$D/out1" && nothing_copied; then
	echo "ok - a link to root's file in download_dir is refused as not the download account's, before any of it is copied or verified"
else
	echo "not ok - a link to root's file in download_dir was followed (exit $rc)"; sed 's/^/#   /' "$D/out1"
fi

# 2. A link to a device of root's (it would be read until max_size_mib).
rm -f "$D/dl/yibao.bundle"
ln -s /dev/zero "$D/dl/yibao.bundle"
chown -h "$U" "$D/dl/yibao.bundle"
run "$D/out2"
rc=$?
if [ "$rc" -ne 0 ] && nothing_copied && ! grep -q 'signature' "$D/out2"; then
	echo "ok - a link to /dev/zero is refused (exit $rc), nothing copied"
else
	echo "not ok - a link to /dev/zero (exit $rc)"; sed 's/^/#   /' "$D/out2"
fi

# 3. The account's own signed bundle, behind the account's own link, installs.
rm -f "$D/dl/yibao.bundle" "$D/dl/yibao.bundle.minisig"
# A version above the shipped bundle's, or the step rightly refuses it as a rollback.
cp -r content "$D/content"
sed -i 's/^version = .*/version = 99/' "$D/content/bundle.ini"
MARK="安装标记$$"
python3 - "$D/content/00-home.md" "$MARK" <<'PY'
import sys
p, mark = sys.argv[1], sys.argv[2]
head, sep, body = open(p, encoding="utf-8").read().partition("\n---\n")
open(p, "w", encoding="utf-8").write(head + sep + mark + "\n\n" + body)
PY
"$Y" --pack "$D/dl/yibao-7.bundle" --content "$D/content" >"$D/pack.out" 2>&1
minisign -S -m "$D/dl/yibao-7.bundle" -s "$D/k.key" -t yibao.bundle >/dev/null 2>&1 </dev/null
ln -s yibao-7.bundle "$D/dl/yibao.bundle"
chown -h "$U" "$D/dl/yibao.bundle" "$D/dl/yibao-7.bundle" "$D/dl/yibao-7.bundle.minisig"
run "$D/out3"
rc=$?
if [ "$rc" -eq 0 ] && [ -r "$D/state/yibao.bundle" ] && [ "$(stat -L -c %U "$D/state/yibao.bundle")" = root ]; then
	echo "ok - the download account's own signed bundle behind its own link is installed as root's (exit 0)"
else
	echo "not ok - the download account's own bundle was not installed (exit $rc)"; sed 's/^/#   /' "$D/out3" "$D/pack.out"
fi

# 4. Root stamped what it verified; a session shows it. A byte changed in
# place since (here by root itself) breaks the stamp: the session checks the
# signature itself, refuses the file and shows the shipped content.
show() { env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$Y" --config "$D/yibao.ini" --print 0 2>"$1.err"; }
if [ -f "$D/state/verified" ] && [ "$(stat -c %U:%a "$D/state/verified")" = root:644 ] &&
	show "$D/show1" | grep -q "$MARK"; then
	echo "ok - root's step stamps what it verified (root's, 644), and a session shows the installed content"
else
	echo "not ok - no stamp, or the installed content not shown"; ls -la "$D/state" | sed 's/^/#   /'; sed 's/^/#   /' "$D/show1.err"
fi
python3 - "$D/state/yibao.bundle" "$MARK" <<'PY'
import sys
p, mark = sys.argv[1], sys.argv[2].encode()
with open(p, "r+b") as f:  # the same inode, rewritten in place
    data = f.read()
    i = data.find(mark)
    f.seek(i)
    f.write("改写标记".encode() + data[i + 12:i + len(mark)])
PY
out=$(show "$D/show2")
if ! echo "$out" | grep -q "$MARK" && ! echo "$out" | grep -q "改写标记" && grep -q 'refused' "$D/show2.err"; then
	echo "ok - a byte changed since root's stamp: the session checks the signature itself, refuses it and shows the shipped content"
else
	echo "not ok - a bundle changed after root's stamp was shown"; echo "$out" | head -5 | sed 's/^/#   /'; sed 's/^/#   /' "$D/show2.err"
fi
