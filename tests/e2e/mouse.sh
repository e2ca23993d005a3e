# mouse.sh -- [display] mouse = true: click selects, a second click opens, wheel scrolls.
. "$(dirname "$0")/lib.sh"
printf '[display]\nmouse = true\n' >"$E2E_TMP/mouse.ini"
# xterm's SGR mouse report: ESC [ < button ; column ; row M (press) / m (release), 1-based.
click() { $T send-keys -t e2e -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"; sleep 0.3; }

start 80x24 --config "$E2E_TMP/mouse.ini"
expect "城乡居民医保办事指南" "home screen with the mouse on"
click 5 6
expect_line 0 "城乡居民医保办事指南" "one click on an entry only selects it"
click 5 6
expect "3  怎么缴费" "a click on the selected entry opens it"
keys Left
$T send-keys -t e2e -l "$(printf '\033[<65;5;6M')"
sleep 0.3
expect_line 0 "城乡居民医保办事指南" "the wheel moves the selection, nothing opens"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
