#!/usr/bin/python3
"""A USB modem's AT port on a pseudo-terminal, for AtModemReaderTest.

Usage: fake_at_modem.py CONFIG.json
Prints the path of the terminal (/dev/pts/N) on stdout, then answers every command written to it (a line ending
in CR) as the config says, until its stdin closes or `lifetime_s` pass. Config keys:
  replies       {"AT+CSQ": "\r\n+CSQ: 18,99\r\n\r\nOK\r\n", ...}; null means never answer that command
  default       what unknown commands get (default "\r\nERROR\r\n")
  echo          echo each command back first, as a modem with ATE1 does (default true)
  unsolicited   text sent before each answer (RING, ^RSSI: 15, +CREG: 1,"00C3",...)
  delay_once_ms {"AT+COPS?": 1500}: answer that command late, the first time only
  flood         {"AT+CSQ": "noise"}: answer with that text, repeated without end
  log           a file that gets one line per command received
Only the standard library (os, select, json); run it with Debian's /usr/bin/python3.
"""
import json
import os
import select
import sys
import time

config = json.load(open(sys.argv[1], encoding="utf-8"))
replies = config.get("replies", {})
default = config.get("default", "\r\nERROR\r\n")
echo = config.get("echo", True)
unsolicited = config.get("unsolicited", "")
delay_once = dict(config.get("delay_once_ms", {}))
flood = config.get("flood", {})
log_path = config.get("log")
deadline = time.monotonic() + config.get("lifetime_s", 120)

master, slave = os.openpty()  # keeping `slave` open: the master never sees EIO when the reader closes the port
print(os.ttyname(slave), flush=True)


def send(text):
    data = text.encode("latin-1")
    while data:
        _, writable, _ = select.select([], [master], [], 1.0)
        if time.monotonic() > deadline:
            sys.exit(0)
        if writable:
            data = data[os.write(master, data):]


pending = b""
while time.monotonic() < deadline:
    readable, _, _ = select.select([master, sys.stdin], [], [], 0.2)
    if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1024):
        break  # the test is gone
    if master not in readable:
        continue
    pending += os.read(master, 4096)
    while b"\r" in pending:
        line, pending = pending.split(b"\r", 1)
        command = line.decode("latin-1").strip()
        if not command:
            continue
        if log_path:
            with open(log_path, "a", encoding="latin-1") as log:
                log.write(command + "\n")
        if echo:
            send(command + "\r")
        if unsolicited:
            send(unsolicited)
        if command in delay_once:
            time.sleep(delay_once.pop(command) / 1000.0)
        if command in flood:
            for _ in range(100000):
                send(flood[command])
            continue
        reply = replies.get(command, default)
        if reply is not None:
            send(reply)
