# result_enter.sh -- on the wizard's result, the first Enter moves visibly into the
# answers (scrolled into view at 80x24) and says which answer the next Enter changes;
# arrows say it again; the second Enter asks that question again.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

start 80x24
expect "城乡居民医保办事指南" "home screen shows"
keys 1
keys Enter
expect "你的户口在哪里" "the wizard's first question"
keys 1
keys 2
keys 1
keys 1
expect "你可以参加城乡居民医保。" "the result"
expect_not "你属于哪一类人？ →" "at 80x24 the answer list starts below the screen"
keys Enter
expect "• 你的户口在哪里？ → 本地户口" "the first Enter scrolls the answer list into view"
expect "改这一题：你的户口在哪里？" "and says which answer Enter changes"
keys Down
expect "改这一题：你现在有没有参加职工医保？" "Down says the next one"
keys Enter
expect "你现在有没有参加职工医保" "the second Enter asks that question again"
expect_line 0 "第" "a question, not the result"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
