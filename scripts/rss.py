#!/usr/bin/env python3
"""Memory of the reader at scale: the generated 20 MB conversation with
100,000 highlights, opened in a pty as a person would, RSS read from /proc.

    cargo build --release
    cargo run --release --example team_files /tmp/team   # big.ron, ana/ben files
    scripts/rss.py /tmp/team

Prints the resident set (VmRSS) and its peak so far (VmHWM) after the first
frame, after `G`, after taking a tag off a passage (which saves the whole file) and
after undoing it; then checks the file on disk is the one it started from.
Standard library only; Linux (reads /proc).
"""

import os
import pty
import select
import shutil
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "crosstalk")


def drain(fd, until, timeout=60.0):
    """Reads the pty until `until` (bytes) has been seen; returns all read."""
    seen = b""
    end = time.monotonic() + timeout
    while until not in seen:
        left = end - time.monotonic()
        if left <= 0:
            raise SystemExit(f"timed out waiting for {until!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 1 << 16)
            except OSError:
                break
    return seen


def settle(fd, seconds):
    """Reads whatever the reader draws for `seconds` (a pty left unread
    fills up and stops it)."""
    end = time.monotonic() + seconds
    out = b""
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                out += os.read(fd, 1 << 16)
            except OSError:
                break
    return out


def saved(fd, path, done, timeout=60.0):
    """Keeps reading the pty until the file at `path` satisfies `done`."""
    end = time.monotonic() + timeout
    while not done(open(path, "rb").read()):
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for a save of {path}")
        settle(fd, 0.2)
    settle(fd, 0.5)


def memory(pid):
    status = open(f"/proc/{pid}/status").read().splitlines()
    field = {l.split(":")[0]: l.split(":")[1].strip() for l in status if ":" in l}
    mb = lambda k: int(field[k].split()[0]) / 1024
    return f"RSS {mb('VmRSS'):6.1f} MB   peak {mb('VmHWM'):6.1f} MB"


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    folder = sys.argv[1]
    doc = os.path.join(folder, "big.ron")
    mine = os.path.join(folder, "big.annotations.ron")
    shutil.copyfile(os.path.join(folder, "ana.annotations.ron"), mine)
    original = open(mine, "rb").read()
    env = dict(os.environ, TERM="xterm-256color", XDG_DATA_HOME=os.path.join(folder, "xdg"))
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, "--coder", "rss", doc], env)
    os.set_blocking(fd, False)
    import fcntl, struct, termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    drain(fd, b"saved")
    settle(fd, 0.5)
    print(f"first frame      {memory(pid)}")
    os.write(fd, b"G")
    settle(fd, 1.0)
    print(f"after G          {memory(pid)}")
    os.write(fd, b"gg1y")  # the first sentence has tag 1: taking it off asks first
    settle(fd, 1.0)
    saved(fd, mine, lambda now: now != original)
    print(f"after untagging  {memory(pid)}")
    os.write(fd, b"u")
    settle(fd, 1.0)
    saved(fd, mine, lambda now: now == original)
    print(f"after undo       {memory(pid)}")
    os.write(fd, b"q")
    settle(fd, 1.0)
    os.waitpid(pid, 0)
    same = open(mine, "rb").read() == original
    print("the file on disk is as it was" if same else "THE FILE CHANGED")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
