# hotline.sh -- the hotline the guide quotes is the region profile's, on every screen
# that names one: help, the card lookup without a lookup service, page 6.9.
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/lib.sh"

mkdir -p "$E2E_TMP/regions"
sed 's/^hotline = .*/hotline = 96886-0/' config/regions/national.ini >"$E2E_TMP/regions/national.ini"
printf '[guide]\ncontent_dir = %s/content\nregions_dir = %s/regions\n' "$PWD" "$E2E_TMP" \
	>"$E2E_TMP/hotline.ini"

start 80x24 --config "$E2E_TMP/hotline.ini"
expect "城乡居民医保办事指南" "the guide starts with a profile whose hotline is 96886-0"
keys g
type_text "4"
keys Enter
expect "领医保卡" "g 4 opens the card page"
keys s
expect "或拨打医保服务热线 96886-0" "no lookup service: the message gives the profile's hotline"
expect_not "12393" "and not a number of its own"
keys '?'
keys NPage NPage
expect "医保服务热线：96886-0" "help gives the profile's hotline"
expect_not "12393" "help has no number of its own"
keys Escape
keys g
type_text "6.9"
keys Enter
expect "96886-0" "page 6.9 gives the profile's hotline"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
