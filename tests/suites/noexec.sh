# noexec.sh -- the guide runs no other program and reads nothing that could make it.
cd "$(dirname "$0")/../.." || exit 1
hits=$(grep -nE '\b(system|popen|execl|execlp|execle|execv|execve|execvp|execvpe|fexecve|posix_spawnp?|fork|vfork|clone)[[:space:]]*\(' src/*.c screens/*.c | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*)')
if [ -z "$hits" ]; then ok=ok; else ok="not ok"; fi
echo "$ok - no system/popen/exec/spawn/fork in src/ or screens/"
[ -n "$hits" ] && echo "$hits" | sed 's/^/# /'
hits=$(grep -nE 'SSH_ORIGINAL_COMMAND|"(PAGER|EDITOR|VISUAL|SHELL)"' src/*.c screens/*.c)
if [ -z "$hits" ]; then ok=ok; else ok="not ok"; fi
echo "$ok - reads no SSH_ORIGINAL_COMMAND, PAGER, EDITOR or SHELL"
[ -n "$hits" ] && echo "$hits" | sed 's/^/# /'
if nm -D --undefined-only ./yibao 2>/dev/null | grep -qwE 'system|popen|execv|execvp|execl|execlp|posix_spawn|fork'; then
	echo "not ok - the binary imports no exec/spawn/fork functions"
	nm -D --undefined-only ./yibao | grep -wE 'system|popen|execv|execvp|execl|execlp|posix_spawn|fork' | sed 's/^/# /'
else
	echo "ok - the binary imports no exec/spawn/fork functions"
fi
