# mouse.sh -- [display] mouse = true: click selects, a second click opens, wheel scrolls.
. "$(dirname "$0")/lib.sh"
printf '[display]\nmouse = true\n' >"$E2E_TMP/mouse.ini"
# xterm's SGR mouse report: ESC [ < button ; column ; row M (press) / m (release), 1-based.
click() { $T send-keys -t e2e -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"; sleep 0.3; }

start 80x24 --config "$E2E_TMP/mouse.ini"
expect "城乡居民医保办事指南" "home screen with the mouse on"
expect_selected 3 "the first entry is selected at start"
click 5 6
expect_line 0 "城乡居民医保办事指南" "one click on an entry does not open it"
expect_selected 5 "one click on an entry selects it (row 6 is screen line 5)"
click 5 6
expect "3  怎么缴费" "a click on the selected entry opens it"
keys Left
$T send-keys -t e2e -l "$(printf '\033[<65;5;6M')"
sleep 0.3
expect_line 0 "城乡居民医保办事指南" "the wheel opens nothing"
expect_selected 6 "the wheel moves the selection down by one"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
