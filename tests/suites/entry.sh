# entry.sh -- deploy/yibao-entry on its own: an over-long command refused before it is
# split (a 128 KB one as fast as a short one: the split is quadratic), what
# mosh-server is given (MOSH_SERVER_NETWORK_TMOUT and MOSH_SERVER_SIGNAL_TMOUT, a
# port inside the configured range), /etc/yibao/yibao-entry.conf read strictly.
# Runs a copy of the script whose guide and mosh-server are stand-ins that print
# their arguments and environment. Prints TAP-like lines.
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
D=$(mktemp -d "${TMPDIR:-/tmp}/yibao-entry.XXXXXX")
trap 'rm -rf "$D"' EXIT
n_ok=0
n_bad=0
ok() { n_ok=$((n_ok + 1)); echo "ok - $*"; }
not_ok() { n_bad=$((n_bad + 1)); echo "not ok - $*"; sed 's/^/#   /' "$D/out" "$D/err" | head -20; }

cat >"$D/fake" <<'EOF'
#!/bin/sh
echo "RAN $0 $*"
echo "NETWORK=${MOSH_SERVER_NETWORK_TMOUT-unset} SIGNAL=${MOSH_SERVER_SIGNAL_TMOUT-unset} LANG=$LANG"
EOF
chmod 755 "$D/fake"
sed -e "s|^GUIDE=.*|GUIDE=$D/fake|" -e "s|^MOSH_SERVER=.*|MOSH_SERVER=$D/fake|" \
	-e "s|^CONF=.*|CONF=$D/entry.conf|" deploy/yibao-entry >"$D/entry"
# entry COMMAND: run the copy as sshd does under ForceCommand; status in $rc.
entry() {
	# A watchdog, not a timing: the old split of 128 KB ran for minutes.
	SSH_ORIGINAL_COMMAND=$1 timeout 120 sh "$D/entry" >"$D/out" 2>"$D/err"
	rc=$?
}
MOSH="mosh-server 'new' '-c' '256' '-s' '-l' 'LANG=en_US.UTF-8' '-l' 'LC_ALL=zh_CN.UTF-8'"

entry ""
if [ "$rc" -eq 0 ] && grep -q "^RAN $D/fake --kiosk\$" "$D/out"; then ok "no command: the guide"; else not_ok "no command: the guide (exit $rc)"; fi
entry "$MOSH"
if [ "$rc" -eq 0 ] && grep -q -- "-p 60000:61000 -l LANG=C.UTF-8 -- $D/fake --kiosk\$" "$D/out"; then
	ok "mosh: mosh-server new, the default port range, the guide"
else
	not_ok "mosh: mosh-server runs the guide (exit $rc)"
fi
if grep -qx "NETWORK=900 SIGNAL=60 LANG=C.UTF-8" "$D/out"; then
	ok "mosh-server gets MOSH_SERVER_NETWORK_TMOUT=900 and MOSH_SERVER_SIGNAL_TMOUT=60"
else
	not_ok "mosh-server's environment"
fi
entry "$MOSH '-p' '60123'"
if [ "$rc" -eq 0 ] && grep -q -- "-s -p 60123 -l" "$D/out"; then ok "a port inside the range is passed on"; else not_ok "a port inside the range (exit $rc)"; fi
for p in 22 0 60999:61001 59999:60001 61000:60000; do
	entry "$MOSH '-p' '$p'"
	if [ "$rc" -eq 1 ] && grep -q "outside 60000:61000" "$D/err" && ! grep -q RAN "$D/out"; then
		ok "port $p (outside the range, or empty) is refused"
	else
		not_ok "port $p is refused (exit $rc)"
	fi
done

# 128 KB of words mosh-server would accept one by one (as long as one environment
# string may be: 128 KiB with its name): refused before any is looked at.
big=$(python3 -c 'print("mosh-server " + "\x27-s\x27 " * 26190, end="")')
entry "$big"
if [ "$rc" -eq 1 ] && grep -q "command too long" "$D/err" && ! grep -q RAN "$D/out"; then
	ok "a 128 KB command is refused as too long (exit 1), unsplit"
else
	not_ok "a 128 KB command is refused as too long (exit $rc)"
fi
long=$(python3 -c 'print("mosh-server \x27new\x27 " + "\x27-s\x27 " * 800, end="")')
entry "$long"
if [ "$rc" -eq 0 ] && [ "${#long}" -le 4096 ]; then ok "a 3.2 KB command (under the limit) is still split and run"; else not_ok "a 3.2 KB command (exit $rc)"; fi

# The administrator's settings.
printf '# site\nports = 61000:61010\nnetwork_timeout_s = 120\nsignal_timeout_s = 30\n' >"$D/entry.conf"
entry "$MOSH"
if [ "$rc" -eq 0 ] && grep -q -- "-p 61000:61010 -l" "$D/out" && grep -qx "NETWORK=120 SIGNAL=30 LANG=C.UTF-8" "$D/out"; then
	ok "yibao-entry.conf sets the port range and both timeouts"
else
	not_ok "yibao-entry.conf is read (exit $rc)"
fi
entry "$MOSH '-p' '60123'"
if [ "$rc" -eq 1 ] && grep -q "outside 61000:61010" "$D/err"; then ok "and the range it sets is kept"; else not_ok "the configured range is kept (exit $rc)"; fi
for bad in 'ports = 70000:70001' 'ports = 5:' 'network_timeout_s = 0' 'network_timeout_s = 1h' 'colour = 8' 'nonsense'; do
	printf '%s\n' "$bad" >"$D/entry.conf"
	entry "$MOSH"
	if [ "$rc" -eq 1 ] && ! grep -q RAN "$D/out"; then ok "yibao-entry.conf \"$bad\": refused, nothing run"; else not_ok "yibao-entry.conf \"$bad\" (exit $rc)"; fi
done
rm -f "$D/entry.conf"

entry "/bin/sh"
if [ "$rc" -eq 1 ] && grep -q "command not allowed" "$D/err"; then ok "another command is refused"; else not_ok "another command (exit $rc)"; fi
echo "# entry: $n_ok ok, $n_bad not ok"
