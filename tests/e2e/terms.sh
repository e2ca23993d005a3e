# terms.sh -- the guide under every terminal type it may meet, and in a C locale.
. "$(dirname "$0")/lib.sh"

for term in xterm-256color screen tmux-256color linux vt220 vt100; do
	E2E_TERM=$term start 80x24
	expect "城乡居民医保办事指南" "$term: home screen"
	expect_line 0 " 0 " "$term: code in the top line"
	keys 3
	expect "3  怎么缴费" "$term: a menu opens"
	keys g
	type_text "6.6"
	keys Enter
	expect "比一比" "$term: the table page"
	case $term in
	vt*) expect "---------+" "$term: ASCII borders (no line-drawing characters)" ;;
	*) expect "┼" "$term: line-drawing borders" ;;
	esac
	resize 61x17
	expect_line 0 "6.6" "$term: live resize keeps the screen"
	resize 80x24
	quit_ok
done

# dumb: line mode, plain lines.
E2E_TERM=dumb start 80x24
expect "请输入（帮助按 ?）" "dumb: line mode"
type_text "3"
keys Enter
expect "[3] 怎么缴费" "dumb: a number chooses"
type_text "q"
keys Enter
expect "EXITED 0" "dumb: q quits"

# No LANG at all (sshd's usual): Chinese still reads right.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env -u LANG -u LC_ALL -u LC_CTYPE HOME=$E2E_TMP TERM=xterm-256color $YIBAO; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "LANG unset: Chinese is shown as UTF-8"
keys g
type_text "6.6"
keys Enter
expect "比一比" "LANG unset: CJK table laid out"
fits 80x24 "LANG unset: widths right (nothing cut or wrapped at 80 columns)"
quit_ok
echo "# $n_ok ok, $n_bad not ok"
