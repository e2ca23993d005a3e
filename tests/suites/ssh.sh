# ssh.sh -- the guide as an sshd ForceCommand on 127.0.0.1, reached with ssh -tt
# sending no LANG; the link dropped; started as a login shell ("-yibao"); and
# as a test user's login shell over ssh (ssh host CMD, ssh -tt host /dev/tty,
# ForceCommand + login shell, environment sent by the client).
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null; then
	echo "not ok - openssh-server and openssh-client are needed (tools/deps.sh installs them)"
	exit 0
fi
D="$E2E_TMP/ssh"
mkdir -p "$D" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$D/host" </dev/null
ssh-keygen -q -t ed25519 -N '' -f "$D/user" </dev/null
cp "$D/user.pub" "$D/authorized_keys"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BIN=$(readlink -f "${YIBAO%% *}")
cat >"$D/sshd_config" <<CFG
ListenAddress 127.0.0.1:$PORT
HostKey $D/host
PidFile $D/sshd.pid
AuthorizedKeysFile $D/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
AcceptEnv NONE
Match User $(id -un)
    ForceCommand $BIN --kiosk
    DisableForwarding yes
    PermitTTY yes
    ClientAliveInterval 5
    ClientAliveCountMax 2
CFG
# Test users whose login shell is the guide: a copy of the guide beside a
# system config saying kiosk (yibaok), and one saying not, with an sshd
# ForceCommand "--kiosk" on top (yibaof). They live in a copy of /etc/passwd
# bind-mounted in a mount namespace of sshd's own: the real /etc is never written.
chmod 755 "$E2E_TMP" "$D"
chmod 644 "$D/authorized_keys"
mkdir -p "$D/home" "$D/exports"
chmod 755 "$D/home"
chmod 777 "$D/exports"
sysroot "$D/kroot" 'kiosk = true\nexport_dir = '"$D/exports"'\n'
sysroot "$D/oroot" 'kiosk = false\nexport_dir = '"$D/exports"'\n'
printf '[guide]\nkiosk = false\nexport_dir = %s\n' "$D/exports" >"$D/evil.ini"
chmod 644 "$D/evil.ini"
cp /etc/passwd "$D/passwd"
printf 'yibaok:*:64123:65534:yibao test:%s:%s\nyibaof:*:64124:65534:yibao test:%s:%s\n' \
	"$D/home" "$D/kroot/yibao" "$D/home" "$D/oroot/yibao" >>"$D/passwd"
cat >>"$D/sshd_config" <<CFG
Match User yibaok,yibaof
    AcceptEnv YIBAO_CONFIG XDG_CONFIG_HOME TERMINFO TERMINFO_DIRS
    DisableForwarding yes
    PermitTTY yes
Match User yibaof
    ForceCommand $D/oroot/yibao --kiosk
CFG
/usr/sbin/sshd -t -f "$D/sshd_config" || { echo "not ok - sshd_config from docs/deploy-ssh.md is valid"; exit 0; }
if unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount --bind "$1" /etc/passwd && exec /usr/sbin/sshd -D -e -f "$2"' sh \
		"$D/passwd" "$D/sshd_config" 2>"$D/sshd.log" &
	USERS=yes
else
	echo "ok - skipped: login-shell user tests (no mount namespace here to bind /etc/passwd)"
	/usr/sbin/sshd -D -e -f "$D/sshd_config" 2>"$D/sshd.log" &
	USERS=no
fi
SSHD=$!
trap 'reap $SSHD; cleanup' EXIT
poll 10 test -s "$D/sshd.pid" || echo "# sshd wrote no pid file in 10 s"
SSHO="ssh -F /dev/null -p $PORT -i $D/user -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
SSH="$SSHO -tt $(id -un)@127.0.0.1"
# below PID: every process under PID (by /proc, not by name).
below() {
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		echo "$c"
		below "$c"
	done
}
# guides_left: PIDs of guides still running under our sshd.
guides_left() {
	for p in $(below "$SSHD"); do
		case $(readlink "/proc/$p/exe" 2>/dev/null) in
		"$BIN" | "$D"/?root/yibao) echo "$p" ;;
		esac
	done
}

restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 "env -u LANG -u LC_ALL TERM=xterm-256color $SSH; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "over ssh with no LANG: the home screen reads right"
keys g
type_text "6.6"
keys Enter
expect "比一比" "over ssh: the CJK table page"
if [ "$(screen | wc -L)" -le 80 ]; then ok "over ssh: widths right"; else not_ok "over ssh: widths right"; fi
keys q
expect "EXITED 0" "q ends the ssh session"

# Drop the link: kill the client; the guide on the server side must go.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env -u LANG TERM=xterm-256color sh -c 'echo \$\$ >$D/client.pid; exec $SSH'; sleep 30"
wait_for "城乡居民医保办事指南" 10
keys 1
kill -KILL "$(cat "$D/client.pid")" 2>/dev/null
gone=no
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	if [ -z "$(guides_left)" ]; then gone=yes; break; fi
	sleep 0.5
done
if [ $gone = yes ]; then ok "link dropped: no guide process is left on the server"; else not_ok "link dropped: no guide process is left"; reap $(guides_left); fi

# As a login shell: login starts it as "-yibao" with no arguments.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env HOME=$E2E_TMP TERM=xterm-256color bash -c 'exec -a -yibao $BIN'; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "started as a login shell (-yibao): the home screen"
keys q
expect "EXITED 0" "login shell: q logs out"

# Over ssh, with the guide as the user's login shell. sshd runs "SHELL -c CMD"
# for a command (and for a ForceCommand): the guide ignores every argument and
# the configuration-changing environment, and says nothing of the command.
if [ "$USERS" = yes ]; then
	kiosk_said() { grep -q "自助终端模式不能导出文件" "$1"; }
	no_export() { [ -z "$(ls "$D/exports")" ]; }
	# run_ssh NAME USER [SSH-ARGS...]: line mode over ssh -T; the keys open a page
	# and ask for an export, then quit. Output in $D/NAME.out.
	run_ssh() {
		name=$1 user=$2
		shift 2
		rm -f "$D"/exports/*
		printf 'g 3.4\np\nq\n' | timeout 20 $SSHO -T "$@" "$user@127.0.0.1" "$CMD" \
			>"$D/$name.out" 2>&1
		echo $? >"$D/$name.rc"
	}
	CMD="echo CLIENT-COMMAND; cat /etc/shadow"
	run_ssh cmd yibaok
	if grep -q "CLIENT-COMMAND\|shadow" "$D/cmd.out"; then
		not_ok "ssh host CMD: nothing of the command is said"; sed 's/^/#   /' "$D/cmd.out" | head -5
	else
		ok "ssh host CMD: nothing of the command is said"
	fi
	if grep -q "支付宝缴费" "$D/cmd.out" && kiosk_said "$D/cmd.out" && no_export; then
		ok "ssh host CMD: the guide runs, in kiosk mode as the system config says"
	else
		not_ok "ssh host CMD: the guide runs in kiosk mode"; tail -5 "$D/cmd.out" | sed 's/^/#   /'
	fi
	CMD=""
	run_ssh env yibaok -o SetEnv="YIBAO_CONFIG=$D/evil.ini XDG_CONFIG_HOME=$D"
	if kiosk_said "$D/env.out" && no_export; then
		ok "login shell: YIBAO_CONFIG / XDG_CONFIG_HOME from the client change nothing"
	else
		not_ok "login shell: YIBAO_CONFIG / XDG_CONFIG_HOME from the client change nothing"; tail -5 "$D/env.out" | sed 's/^/#   /'
	fi
	CMD="$D/evil.ini"
	run_ssh cfg yibaok
	if kiosk_said "$D/cfg.out" && no_export && ! grep -q "evil" "$D/cfg.out"; then
		ok "ssh host FILE: no INI is read from the client's command"
	else
		not_ok "ssh host FILE: no INI is read from the client's command"; tail -5 "$D/cfg.out" | sed 's/^/#   /'
	fi
	CMD="ls"
	run_ssh force yibaof
	if kiosk_said "$D/force.out" && no_export && ! grep -q "yibao\.ini\|--kiosk" "$D/force.out"; then
		ok "ForceCommand --kiosk with the guide as login shell: --kiosk is not dropped"
	else
		not_ok "ForceCommand --kiosk with the guide as login shell: --kiosk is not dropped"; tail -5 "$D/force.out" | sed 's/^/#   /'
	fi

	# ssh -tt host /dev/tty: the attack that pasted its own INI. The guide starts
	# at once (it reads nothing from the terminal but keys) and stays kiosk.
	restart_server
	$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
		"env -u LANG TERM=xterm-256color $SSHO -tt yibaok@127.0.0.1 /dev/tty; echo EXITED \$?; sleep 30"
	expect "城乡居民医保办事指南" "ssh -tt host /dev/tty: the home screen, no config read from the terminal"
	keys g
	type_text "3.4"
	keys Enter
	keys p
	expect "自助终端模式不能导出文件" "ssh -tt host /dev/tty: still kiosk"
	keys q
	expect "EXITED 0" "ssh -tt host /dev/tty: q logs out"
	if no_export; then ok "ssh -tt host /dev/tty: no file written"; else not_ok "ssh -tt host /dev/tty: no file written"; fi
	if [ -z "$(guides_left)" ]; then ok "no guide left under sshd"; else not_ok "no guide left under sshd"; reap $(guides_left); fi
fi
echo "# $n_ok ok, $n_bad not ok"
