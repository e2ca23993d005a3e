# ssh.sh -- the guide as an sshd ForceCommand on 127.0.0.1, reached with ssh -tt
# sending no LANG; the link dropped; and started as a login shell ("-yibao").
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
/usr/sbin/sshd -t -f "$D/sshd_config" || { echo "not ok - sshd_config from docs/deploy-ssh.md is valid"; exit 0; }
/usr/sbin/sshd -D -e -f "$D/sshd_config" 2>"$D/sshd.log" &
SSHD=$!
trap 'kill $SSHD 2>/dev/null; cleanup' EXIT
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$D/sshd.pid" ] && break; sleep 0.2; done
SSH="ssh -F /dev/null -tt -p $PORT -i $D/user -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR $(id -un)@127.0.0.1"

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
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 "env -u LANG TERM=xterm-256color $SSH; sleep 30"
wait_for "城乡居民医保办事指南" 10
keys 1
pkill -KILL -f "ssh -F /dev/null -tt -p $PORT" 2>/dev/null
gone=no
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	if ! pgrep -f "^$BIN --kiosk" >/dev/null; then gone=yes; break; fi
	sleep 0.5
done
if [ $gone = yes ]; then ok "link dropped: no guide process is left on the server"; else not_ok "link dropped: no guide process is left"; pkill -f "^$BIN --kiosk"; fi

# As a login shell: login starts it as "-yibao" with no arguments.
restart_server
$T -f /dev/null new-session -d -s e2e -x 80 -y 24 \
	"env HOME=$E2E_TMP TERM=xterm-256color bash -c 'exec -a -yibao $BIN'; echo EXITED \$?; sleep 30"
expect "城乡居民医保办事指南" "started as a login shell (-yibao): the home screen"
keys q
expect "EXITED 0" "login shell: q logs out"
echo "# $n_ok ok, $n_bad not ok"
