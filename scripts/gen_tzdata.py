#!/usr/bin/env python3
"""Generate src/tz/data.rs: a compact table of every IANA time zone.

Source: the `tzdata` package from PyPI (the IANA database compiled to TZif
files), pinned below so the output is reproducible. For each zone we keep the
UTC offset in force at RANGE_START, the explicit transitions after it, and the
POSIX TZ rule (the TZif footer) that describes every transition from some year
on. Explicit transitions that the rule reproduces are dropped: that is what
keeps the table small (about 10 KB gzipped for ~600 names).

Usage:  pip install tzdata==2026.6 && python3 scripts/gen_tzdata.py
The output is committed; builds and tests do not need Python.
"""
import calendar
import datetime as dt
import os
import re
import struct
import sys

import tzdata

TZDATA_VERSION = "2026.6"
RANGE_START = calendar.timegm((2000, 1, 1, 0, 0, 0))  # earliest instant the engine supports


ROOT = os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo")


def read_tzif(path):
    data = open(path, "rb").read()
    assert data[:4] == b"TZif", path
    version = data[4]
    assert version >= ord("2"), f"{path}: TZif v1 has no footer"

    def counts(off):
        return struct.unpack(">6l", data[off + 20:off + 44])

    isut, isstd, leap, timecnt, typecnt, charcnt = counts(0)
    off = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(off)
    off += 44
    times = struct.unpack(f">{timecnt}q", data[off:off + timecnt * 8])
    off += timecnt * 8
    idx = data[off:off + timecnt]
    off += timecnt
    types = [struct.unpack(">lBB", data[off + 6 * i:off + 6 * i + 6]) for i in range(typecnt)]
    off += typecnt * 6 + charcnt + leap * 12 + isstd + isut
    footer = data[off:].decode().strip("\n")
    offsets = [t[0] for t in types]
    return [(t, offsets[i]) for t, i in zip(times, idx)], offsets[0], footer


# --- POSIX TZ strings (RFC 8536 section 3.3) ---------------------------------
NAME = r"(?:[A-Za-z]{3,}|<[+\-0-9A-Za-z]+>)"
OFFSET = r"[+-]?\d{1,3}(?::\d{2}(?::\d{2})?)?"
RULE = r"M\d{1,2}\.\d\.\d(?:/" + OFFSET + r")?"
POSIX = re.compile(rf"^{NAME}({OFFSET})(?:{NAME}({OFFSET})?(?:,({RULE}),({RULE}))?)?$")


def hms(s):
    sign = -1 if s.startswith("-") else 1
    parts = [int(p) for p in s.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def parse_rule_day(s):
    date, _, time = s.partition("/")
    m, w, d = (int(x) for x in date[1:].split("."))
    return (m, w, d, hms(time) if time else 7200)


def parse_posix(footer):
    m = POSIX.match(footer)
    if not m:
        sys.exit(f"unsupported POSIX TZ string {footer!r}: extend gen_tzdata.py and src/tz")
    std = -hms(m.group(1))
    if m.group(3) is None:
        if m.group(2) is not None or footer.count(">") > 1 or re.search(rf"^{NAME}{OFFSET}{NAME}", footer):
            sys.exit(f"DST without rule in {footer!r}")
        return (std, None)
    dst = -hms(m.group(2)) if m.group(2) else std + 3600
    return (std, (dst, parse_rule_day(m.group(3)), parse_rule_day(m.group(4))))


def rule_day(year, month, week, wday):
    first = dt.date(year, month, 1)
    day = 1 + (wday - (first.weekday() + 1) % 7) % 7
    day += 7 * (week - 1)
    last = calendar.monthrange(year, month)[1]
    while day > last:
        day -= 7
    return calendar.timegm((year, month, day, 0, 0, 0))


def rule_transitions(rule, year):
    """The rule's transitions in `year`, as (utc seconds, new offset), sorted."""
    std, dst = rule
    if dst is None:
        return []
    dst_off, start, end = dst
    on = rule_day(year, *start[:3]) + start[3] - std
    off = rule_day(year, *end[:3]) + end[3] - dst_off
    return sorted([(on, dst_off), (off, std)])


def rule_offset(rule, t):
    std, dst = rule
    if dst is None:
        return std
    year = dt.datetime.fromtimestamp(t, dt.timezone.utc).year
    current = None
    for y in (year - 1, year):
        for when, offset in rule_transitions(rule, y):
            if when <= t:
                current = offset
    return current


def compact(name):
    """(offset at RANGE_START, transitions after it, instant the rule takes over, rule).

    TZif files in the `tzdata` package are "slim": their transition list stops where the
    footer rule takes over, and the rule applies after the last listed transition.
    """
    transitions, first_offset, footer = read_tzif(os.path.join(ROOT, name))
    rule = parse_posix(footer)
    initial = first_offset
    for t, o in transitions:
        if t <= RANGE_START:
            initial = o
    # The footer applies from the file's last transition on (even one that changes only
    # the abbreviation); before it, the table.
    rule_from = max(transitions[-1][0], RANGE_START) if transitions else RANGE_START
    if rule_from == RANGE_START:
        initial = rule_offset(rule, RANGE_START)
    explicit, prev = [], initial
    for t, o in transitions:
        if RANGE_START < t < rule_from and o != prev:
            explicit.append((t, o))
            prev = o
    if rule_from > RANGE_START and rule_offset(rule, rule_from) != transitions[-1][1]:
        sys.exit(f"{name}: footer {footer!r} disagrees with the last transition")
    # src/tz resolves local times by looking one day either side: that needs every two
    # transitions to be more than two days apart. Check it up to 2200.
    times = [t for t, _ in explicit] + [rule_from] + [
        t for y in range(2000, 2201) for t, _ in rule_transitions(rule, y) if t > rule_from]
    for a, b in zip(times, times[1:]):
        if b - a <= 2 * 86400:
            sys.exit(f"{name}: transitions at {a} and {b} are too close for src/tz")
    return initial, explicit, rule_from, rule


def main():
    names = sorted(
        os.path.relpath(os.path.join(d, f), ROOT)
        for d, _, fs in os.walk(ROOT)
        for f in fs
        if not f.endswith((".tab", ".zi")) and f not in ("leapseconds", "tzdata.zi", "__init__.py")
        and "__pycache__" not in d and f != "Factory"
    )
    names = [n for n in names if open(os.path.join(ROOT, n), "rb").read(4) == b"TZif"]
    zones, index, zone_of = [], [], {}
    for n in names:
        z = compact(n)
        key = repr(z)
        if key not in zone_of:
            zone_of[key] = len(zones)
            zones.append(z)
        index.append(zone_of[key])

    out = []
    w = out.append
    w(f"// @generated by scripts/gen_tzdata.py from tzdata {TZDATA_VERSION}. Do not edit.")
    w("// Offsets and times in seconds; offsets are east of UTC.")
    w("#[cfg(feature = \"full\")]")
    w("use super::{Rule, RuleDay, Zone};")
    w("")
    w(f'pub(super) const TZDATA_VERSION: &str = "{TZDATA_VERSION}";')
    # One string, each name ended by a newline: a table of string slices would cost 12 bytes
    # a name in wasm (7 KB), and a table of where each starts gzips to a third of the names
    # themselves (1.1 KB); the engine finds the starts once, when it first looks a name up.
    text = "".join(n + "\n" for n in names)
    assert len(text) < 65536 and len(zones) <= 256, "name starts are u16 and NAME_ZONES u8"
    w("/// Every zone name (links included), sorted, each ended by a newline.")
    w("pub(super) static NAMES_TEXT: &str = concat!(")
    for i in range(0, len(names), 6):
        w("    " + " ".join(f'"{n}\\n",' for n in names[i:i + 6]))
    w(");")
    w("/// The zone (index in `ZONES`) of each name.")
    w("#[cfg(feature = \"full\")]")
    w(f"pub(super) static NAME_ZONES: [u8; {len(names)}] = [")
    for i in range(0, len(index), 24):
        w("    " + " ".join(f"{x}," for x in index[i:i + 24]))
    w("];")
    trans = []
    w("// The lean build has the names only: a compiled policy carries its zones' data.")
    w("#[cfg(feature = \"full\")]")
    w(f"pub(super) static ZONES: [Zone; {len(zones)}] = [")
    for initial, kept, rule_from, (std, dst) in zones:
        start = len(trans)
        trans.extend(kept)
        if dst is None:
            r = f"Rule {{ std: {std}, dst: None }}"
        else:
            d, a, b = dst
            r = (f"Rule {{ std: {std}, dst: Some(({d}, RuleDay {{ month: {a[0]}, week: {a[1]}, weekday: {a[2]}, time: {a[3]} }}, "
                 f"RuleDay {{ month: {b[0]}, week: {b[1]}, weekday: {b[2]}, time: {b[3]} }})) }}")
        w(f"    Zone {{ initial: {initial}, transitions: ({start}, {len(kept)}), rule_from: {rule_from}, rule: {r} }},")
    w("];")
    w("#[cfg(feature = \"full\")]")
    w(f"pub(super) static TRANSITIONS: [(u32, i32); {len(trans)}] = [")
    for i in range(0, len(trans), 4):
        w("    " + " ".join(f"({t}, {o})," for t, o in trans[i:i + 4]))
    w("];")
    dest = os.path.join(os.path.dirname(__file__), "..", "src", "tz", "data.rs")
    with open(dest, "w") as f:
        f.write("\n".join(out) + "\n")
    print(f"{len(names)} names, {len(zones)} distinct zones, {len(trans)} explicit transitions -> {os.path.normpath(dest)}")


if __name__ == "__main__":
    main()
