#!/bin/sh
# format-check.sh -- every C file of the tree laid out as .clang-format says.
#
#   sh tools/format-check.sh         one line a file: "ok - FILE is formatted" or
#                                    "not ok - FILE ..."; fails if any is not
#   sh tools/format-check.sh --fix   format them in place instead (make format)
#
# The files: every *.c and *.h git knows of or would add (git ls-files), or,
# outside a git checkout, every one under src/ screens/ tests/ tools/. Debian
# 12's clang-format (14) is the reference: another version lays a few
# constructs out differently, so its verdict is only advisory.
# SPDX-License-Identifier: MIT
set -u
cd "$(dirname "$0")/.." || exit 1

# Files neither checked nor formatted: none now. (For a file being rewritten on
# another branch while the tree is formatted; after the merge, empty this list and
# run `make format`.)
EXCLUDE="
"

fix=false
for arg in "$@"; do
	case "$arg" in
	--fix) fix=true ;;
	*)
		echo "format-check: usage: format-check.sh [--fix]" >&2
		exit 2
		;;
	esac
done

CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
	if $fix; then
		echo "format-check: $CLANG_FORMAT not found (Debian: apt-get install clang-format)" >&2
		exit 1
	fi
	echo "ok - skipped: $CLANG_FORMAT not installed (make deps-test)"
	exit 0
fi
major=$("$CLANG_FORMAT" --version | sed -n 's/.*version \([0-9][0-9]*\)\..*/\1/p')
[ "$major" = 14 ] || echo "# $CLANG_FORMAT is version ${major:-?}, the layout is 14's: differences may be the version's"

files() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files --cached --others --exclude-standard -- '*.c' '*.h'
	else
		find src screens tests tools -path tests/out -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print
	fi | LC_ALL=C sort -u
}

excluded() {
	case "$EXCLUDE" in *"
$1
"*) return 0 ;; esac
	return 1
}

bad=0
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
for f in $(files); do
	[ -f "$f" ] || continue # deleted but not yet committed
	excluded "$f" && continue
	if $fix; then
		"$CLANG_FORMAT" -i "$f" || bad=1
		continue
	fi
	if ! "$CLANG_FORMAT" "$f" >"$tmp" 2>&1; then
		echo "not ok - $f: clang-format failed: $(head -1 "$tmp")"
		bad=1
	elif cmp -s "$f" "$tmp"; then
		echo "ok - $f is formatted"
	else
		line=$(diff "$f" "$tmp" | sed -n '1s/^\([0-9]*\).*/\1/p')
		echo "not ok - $f is not formatted as .clang-format says (from line $line; make format fixes it)"
		diff -u "$f" "$tmp" | sed -n '3,12s/^/#   /p'
		bad=1
	fi
done
exit "$bad"
