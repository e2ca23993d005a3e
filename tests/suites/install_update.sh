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
