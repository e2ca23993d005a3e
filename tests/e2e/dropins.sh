# dropins.sh -- site settings in yibao.ini.d/*.ini; a bad guarding value in a system
# file fails closed (kiosk, the safe value); --check names FILE:LINE and exits 1;
# kiosk sessions read no user drop-in.
. "$(dirname "$0")/lib.sh"

R=$E2E_TMP/root
sysroot "$R"
# The user's files where this test puts them (tests/run.sh exports an XDG_CONFIG_HOME of its own).
XDG_CONFIG_HOME=$E2E_TMP/.config
export XDG_CONFIG_HOME
mkdir -p "$R/config/yibao.ini.d" "$E2E_TMP/.config/yibao/yibao.ini.d"
chmod 755 "$R/config/yibao.ini.d"
GUIDE=$YIBAO
YIBAO=$R/yibao

# A site drop-in is read after the main file: region from 50-site.ini.
printf '[guide]\nregion = fujian\n' >"$R/config/yibao.ini.d/50-site.ini"
start 80x24
expect "福建省" "the system drop-in's region is used"
quit_ok

# A user's drop-in is read in an ordinary session (over the system's) ...
printf '[guide]\nregion = yunnan\n' >"$E2E_TMP/.config/yibao/yibao.ini.d/10-me.ini"
: >"$E2E_TMP/.config/yibao/yibao.ini"
start 80x24
expect "云南" "an ordinary session reads the user's drop-in"
quit_ok

# ... but never in a kiosk session (kiosk from a system drop-in).
printf '[guide]\nkiosk = false\n' >"$E2E_TMP/.config/yibao/yibao.ini.d/20-nokiosk.ini"
printf '[guide]\nregion = fujian\nkiosk = true\n' >"$R/config/yibao.ini.d/50-site.ini"
start 80x24
expect "福建省" "kiosk from a system drop-in: the system region"
expect_not "云南" "a kiosk session reads no user drop-in"
keys g
type_text "3.4"
keys Enter
keys p
expect "自助终端模式不能导出文件" "kiosk from a system drop-in: p exports nothing"
keys q

# A typo in a guarding setting of a system drop-in: kiosk all the same.
printf '[guide]\nkiosk = ture\n' >"$R/config/yibao.ini.d/50-site.ini"
rm -f "$E2E_TMP/.config/yibao/yibao.ini.d/10-me.ini"
if "$YIBAO" --check >"$E2E_TMP/check.out" 2>&1; then rc=0; else rc=$?; fi
if [ "$rc" -eq 1 ] && grep -qF "$R/config/yibao.ini.d/50-site.ini:2: [guide] kiosk: \"ture\" is not true or false; it guards residents" "$E2E_TMP/check.out"; then
	ok "--check names the drop-in's FILE:LINE and exits 1"
else
	not_ok "--check names the drop-in's FILE:LINE and exits 1 (exit $rc)"
	sed 's/^/# /' "$E2E_TMP/check.out"
fi
start 80x24
expect "城乡居民医保办事指南" "kiosk = ture: the guide starts"
keys g
type_text "3.4"
keys Enter
keys p
expect "自助终端模式不能导出文件" "kiosk = ture in a system drop-in: runs as kiosk (p exports nothing)"
expect_not "ture" "and nothing of it on the resident's screen (it goes to syslog)"
keys q
expect "EXITED 0" "q exits"

# The same typo in a user's own file: the default (kiosk off), no fail-closed.
printf '[guide]\nregion = national\n' >"$R/config/yibao.ini.d/50-site.ini"
printf '[guide]\nkiosk = ture\n' >"$E2E_TMP/user.ini"
if "$YIBAO" --config "$E2E_TMP/user.ini" --check >"$E2E_TMP/check2.out" 2>&1; then rc=0; else rc=$?; fi
if [ "$rc" -eq 1 ] && grep -qF "$E2E_TMP/user.ini:2: [guide] kiosk: \"ture\" is not true or false; default kept" "$E2E_TMP/check2.out"; then
	ok "in a user's --config the typo keeps the default, and --check says FILE:LINE"
else
	not_ok "in a user's --config the typo keeps the default (exit $rc)"
	sed 's/^/# /' "$E2E_TMP/check2.out"
fi
# A clean configuration: --check exits 0.
rm -f "$E2E_TMP/.config/yibao/yibao.ini.d/20-nokiosk.ini"
if "$YIBAO" --check >"$E2E_TMP/check3.out" 2>&1; then ok "--check of a clean configuration with a drop-in exits 0"
else not_ok "--check of a clean configuration exits 0"; sed 's/^/# /' "$E2E_TMP/check3.out"; fi
# A drop-in that cannot be read (as an account that may not): FILE, and the rest read;
# in the system's files it fails closed (it may have said kiosk = true).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$E2E_TMP"
	printf '[guide]\nkiosk = true\n' >"$R/config/yibao.ini.d/40-secret.ini"
	chmod 600 "$R/config/yibao.ini.d/40-secret.ini"
	printf '[guide]\nregion = fujian\n' >"$R/config/yibao.ini.d/50-site.ini"
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent "$YIBAO" --check >"$E2E_TMP/check4.out" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qF "$R/config/yibao.ini.d/40-secret.ini: cannot open config file: Permission denied" "$E2E_TMP/check4.out" &&
		grep -qF "sessions run as kiosk" "$E2E_TMP/check4.out"; then
		ok "an unreadable system drop-in: FILE named, exit 1, sessions run as kiosk"
	else
		not_ok "an unreadable system drop-in (exit $rc)"
		sed 's/^/# /' "$E2E_TMP/check4.out"
	fi
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent "$YIBAO" --print 0 >"$E2E_TMP/print4.out" 2>&1
	if grep -q 福建省 "$E2E_TMP/print4.out"; then ok "and the drop-in after it is read"; else not_ok "and the drop-in after it is read"; sed 's/^/# /' "$E2E_TMP/print4.out"; fi
else
	echo "ok - skipped: an unreadable drop-in (needs root to run as another account)"
fi
YIBAO=$GUIDE
[ "$n_bad" -eq 0 ]
