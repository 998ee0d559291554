#!/usr/bin/env python3
"""Write tests/fixtures/tz_transitions.json from Python's zoneinfo (an independent
implementation over the same tzdata release) for tests/tz_against_zoneinfo.rs.

For each zone: every UTC offset change from 2000 to 2050 (found by a daily scan, then
bisected to the second), and for each change the wall-clock time in the middle of the gap
or overlap with the instant zoneinfo gives it at fold=0 (PEP 495: a gap time uses the
offset before the change, i.e. moves forward; an overlap time is its first occurrence).

Usage:  pip install tzdata==2026.6 && python3 scripts/gen_tz_fixtures.py
"""
import calendar
import datetime as dt
import json
import os
import zoneinfo

ZONES = [
    "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Australia/Adelaide",
    "Australia/Lord_Howe", "Pacific/Chatham", "Africa/Casablanca", "America/Santiago", "Asia/Tehran",
    "Africa/Cairo", "Asia/Tokyo", "Pacific/Auckland", "America/Sao_Paulo", "Europe/Dublin",
    "America/St_Johns", "Asia/Kathmandu", "Europe/Moscow", "America/Havana", "Asia/Gaza",
]
START, END = calendar.timegm((2000, 1, 2, 0, 0, 0)), calendar.timegm((2050, 1, 1, 0, 0, 0))


def offset(z, t):
    return int(dt.datetime.fromtimestamp(t, z).utcoffset().total_seconds())


def main():
    # Use the pinned `tzdata` package, not the system's zoneinfo (which may be another release).
    zoneinfo.reset_tzpath(to=[])
    import tzdata
    assert tzdata.IANA_VERSION == "2026f" or tzdata.__version__ == "2026.6", tzdata.__version__
    out = {}
    for name in ZONES:
        z = zoneinfo.ZoneInfo(name)
        changes = []
        t, prev = START, offset(z, START)
        while t < END:
            nxt = t + 86400
            o = offset(z, nxt)
            if o != prev:
                lo, hi = t, nxt  # offset(lo) == prev, offset(hi) == o
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if offset(z, mid) == prev:
                        lo = mid
                    else:
                        hi = mid
                # Wall clock in the middle of the gap or overlap, resolved at fold=0.
                wall = hi + (prev + o) // 2
                naive = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=wall)
                resolved = int(naive.replace(tzinfo=z, fold=0).timestamp())
                changes.append([hi, prev, o, wall, resolved])
                prev = o
            t = nxt
        out[name] = {"start_offset": offset(z, START), "changes": changes}
    dest = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "tz_transitions.json")
    with open(dest, "w") as f:
        json.dump({"generator": "scripts/gen_tz_fixtures.py", "zones": out}, f, separators=(",", ":"))
    print(f"{sum(len(v['changes']) for v in out.values())} transitions in {len(out)} zones -> {os.path.normpath(dest)}")


if __name__ == "__main__":
    main()
