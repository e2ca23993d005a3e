"""idle.py TTY -- has the guide on that terminal handled every key sent to it?

Exit 0 when every yibao process whose terminal is TTY (a tmux pane's, from
#{pane_tty}) sleeps waiting for input (poll, select, read) with no byte of input left unread on TTY,
or when no such process is there (it has exited, or has not started); exit 1
otherwise (it is still reading keys, drawing, or is not getting the CPU).

A screen that stays the same for a while proves nothing on a busy machine: a
guide that has not been scheduled since the last key draws nothing either.
This is what lib.sh's settle waits for before it compares captures: the keys
all read and the screen they make all written (the guide polls again only
after it has drawn).
SPDX-License-Identifier: MIT
"""
import fcntl
import os
import struct
import sys
import termios

tty = sys.argv[1]
try:
    rdev = os.stat(tty).st_rdev
except OSError:
    sys.exit(0)
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        # After "(comm) ": state ppid pgrp session tty_nr ...
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[4]) != rdev or "yibao" not in comm:
            continue
        with open("/proc/%s/wchan" % pid) as f:
            wchan = f.read()
    except (OSError, ValueError, IndexError):
        continue  # gone meanwhile
    # Waiting for input: in poll or select (full screen), in read (line mode).
    if fields[0] != "S" or not any(w in wchan for w in ("poll", "select", "wait_woken", "n_tty_read")):
        sys.exit(1)
    try:
        fd = os.open(tty, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        sys.exit(0)
    try:
        unread = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    finally:
        os.close(fd)
    if unread > 0:
        sys.exit(1)
sys.exit(0)
