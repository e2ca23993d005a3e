#!/bin/sh
# seed.sh -- refresh the seed corpora in tests/fuzz/corpus/ from the shipped files
# (content/*.md, config/*.ini, config/regions/*.ini, the conditions written in content).
# Hand-written seeds (hand-*) are kept. Run from anywhere; then commit the result.
# SPDX-License-Identifier: MIT
set -eu
cd "$(dirname "$0")/../.."
C=tests/fuzz/corpus
mkdir -p "$C/content" "$C/config" "$C/cond" "$C/text"
rm -f "$C"/content/shipped-* "$C"/config/shipped-* "$C"/cond/shipped-* "$C"/text/shipped-*
for f in content/*.md; do cp "$f" "$C/content/shipped-$(basename "$f")"; done
cp config/yibao.ini "$C/config/shipped-yibao.ini"
for f in config/regions/*.ini; do cp "$f" "$C/config/shipped-region-$(basename "$f")"; done
# Every condition written in content: after "question NAME if", "result if", "{if".
n=0
sed -n -e 's/^```question [a-z0-9_]* if \(.*\)$/\1/p' -e 's/^```result if \(.*\)$/\1/p' \
	-e 's/.*{if \(.*\)}[[:space:]]*$/\1/p' content/*.md | sort -u |
while IFS= read -r c; do
	n=$((n + 1))
	printf '%s' "$c" >"$C/cond/shipped-$n"
done
# Text seeds: byte 0 = flags (1 keep newline, 2 keep tab, 0x80 ascii), byte 1 = width; then text.
for f in content/00-home.md content/01-eligibility.md content/05.1-rates.md; do
	{ printf '\003\120'; cat "$f"; } >"$C/text/shipped-80-$(basename "$f")"
	{ printf '\001\027'; cat "$f"; } >"$C/text/shipped-23-$(basename "$f")"
done
count() { find "$C/$1" -type f | wc -l; }
echo "seeds: $(count content) content, $(count config) config, $(count cond) cond, $(count text) text"
# Bundle seeds: a small content set packed by ./yibao; and the same with the
# hostile fixture's bytes put in place of the screens (as a bad signer could):
# new strings appended, the file records pointed at them (format: src/bundle_format.h).
if [ -x ./yibao ]; then
	mkdir -p "$C/bundle"
	rm -f "$C"/bundle/shipped-*
	t=$(mktemp -d "${TMPDIR:-/tmp}/yibao-seed.XXXXXX")
	mkdir -p "$t/c"
	printf -- '---\ncode: 0\nid: home\ntitle: 首页\nkind: menu\nupdated: 2025-01-01\n---\n- [参保](good) 谁能参保\n- [材料](list)\n' >"$t/c/00-home.md"
	printf -- '---\ncode: 1\nid: good\ntitle: 谁能参保\nkind: page\nsource: 国家医保局\n---\n# 标题\n\n热线 {{hotline}}。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> 提示 [首页](home)\n' >"$t/c/01-good.md"
	printf -- '---\ncode: 2\nid: list\ntitle: 材料\nkind: checklist\n---\n- [ ] 身份证\n- [x] 户口簿\n' >"$t/c/02-list.md"
	printf '[bundle]\nversion = 3\npolicy_year = 2025\nvalid_days = 400\n' >"$t/c/bundle.ini"
	printf '[guide]\ncontent_dir = %s\nregions_dir = %s\n' "$t/c" "$PWD/config/regions" >"$t/c.ini"
	if HOME=$t ./yibao --config "$t/c.ini" --pack "$t/c.bundle" 2>/dev/null; then
		python3 - "$t/c.bundle" "$C/bundle" tests/fixtures/hostile/content <<'PY'
import os, shutil, struct, sys
src, out, hostile = sys.argv[1:4]
shutil.copy(src, os.path.join(out, "shipped-small.bundle"))
b = bytearray(open(src, "rb").read())
nfiles, files_off = struct.unpack_from("<II", b, 48)
evil = {"00-home.md": "home.md", "01-good.md": "evil.md", "02-list.md": "evil.md"}
for i in range(nfiles):
    rec = files_off + 24 * i
    off, n = struct.unpack_from("<II", b, rec)
    name = bytes(b[off:off + n]).decode()
    if name in evil:
        with open(os.path.join(hostile, evil[name]), "rb") as fh:
            text = fh.read()
        struct.pack_into("<II", b, rec + 8, len(b), len(text))
        b += text + b"\0"
        shown = b"\x1b[31mEVIL\x07"
        struct.pack_into("<II", b, rec + 16, len(b), len(shown))
        b += shown + b"\0"
struct.pack_into("<I", b, 64, len(b))
open(os.path.join(out, "shipped-hostile.bundle"), "wb").write(b)
PY
	fi
	rm -rf "$t"
	echo "seeds: $(count bundle) bundle"
fi
