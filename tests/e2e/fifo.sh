# fifo.sh -- a FIFO, a symbolic link and many links in the content directory: --check and the
# start say so and go on; a page replaced by a FIFO while the guide runs does not freeze it;
# a page of 40,000 links (789 KB) opens and scrolls at once.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

C="$E2E_TMP/content"
cp -r content "$C"
mkfifo "$C/98-fifo.md"
ln -s 01.5-fees.md "$C/99-link.md"
python3 - "$C/90-many.md" <<'PY'
import sys
links = "".join("[链接%d](home) " % i for i in range(40000))
open(sys.argv[1], "w").write("---\ncode: 90\nid: many-links\ntitle: 很多链接\nkind: page\n---\n"
                             + links + "\n\n最后一段：[回首页](home)\n")
PY

# --check: within seconds, each file named, exit 1.
timeout 20 $YIBAO --check --content "$C" >"$E2E_TMP/check.out" 2>&1
rc=$?
if [ "$rc" -eq 1 ]; then ok "--check with a FIFO in the content ends (exit 1)"; else not_ok "--check with a FIFO in the content ends with 1 (got $rc)"; fi
if grep -qF "98-fifo.md: cannot read: not a regular file" "$E2E_TMP/check.out"; then ok "--check names the FIFO"; else not_ok "--check names the FIFO"; sed 's/^/#   /' "$E2E_TMP/check.out"; fi
if grep -qF "99-link.md: cannot read: a symbolic link" "$E2E_TMP/check.out"; then ok "--check names the symbolic link"; else not_ok "--check names the symbolic link"; fi
if grep -qF "90-many.md:7: more than 1000 links on one screen" "$E2E_TMP/check.out"; then ok "--check says where a screen holds too many links"; else not_ok "--check says where a screen holds too many links"; fi
# The fourth line: the generated page is linked from nowhere.
if [ "$(wc -l <"$E2E_TMP/check.out")" -eq 4 ]; then ok "--check: nothing else is wrong"; else not_ok "--check: nothing else is wrong"; sed 's/^/#   /' "$E2E_TMP/check.out"; fi

start 80x24 --content "$C"
expect "城乡居民医保办事指南" "the guide starts with a FIFO in its content"
keys g
type_text 1.5
keys Enter
expect "1.5  各类人群每年交多少钱" "a page opens"
keys Escape
expect_line 0 "城乡居民医保办事指南" "back home"

# The page's file becomes a FIFO while the guide runs; it is read again when opened.
rm "$C/01.5-fees.md"
mkfifo "$C/01.5-fees.md"
keys g
type_text 1.5
keys Enter
keys Escape
expect_line 0 "城乡居民医保办事指南" "opening a page that became a FIFO does not freeze the guide"
keys g
type_text 1.1
keys Enter
expect_line 0 "1.1  " "other pages still open"
keys Escape

# 40,000 links: opens, scrolls to the end, and goes back, each within a few seconds.
keys g
type_text 90
keys Enter
expect "90  很多链接" "the page of 40,000 links opens"
# End as xterm-256color's terminfo spells it (tmux would send its own TERM's).
type_text "$(printf '\033OF')"
expect "最后一段" "End reaches its last paragraph"
keys Escape
expect_line 0 "城乡居民医保办事指南" "and Esc goes back home"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
