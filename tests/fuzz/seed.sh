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
