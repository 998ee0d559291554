#!/usr/bin/env python3
"""Write tests/fixtures/tz_transitions.json from Python's zoneinfo (an independent
implementation over the same tzdata release) for tests/tz_against_zoneinfo.rs.

For each zone: every UTC offset change from 2000 to 2050 (found by a daily scan, then
bisected to the second), and for each change the wall-clock time in the middle of the gap
or overlap with the instant zoneinfo gives it at fold=0 (PEP 495: a gap time uses the
offset before the change, i.e. moves forward; an overlap time is its first occurrence).

And for every zone zoneinfo knows, the local dates from 2000 to 2199 that the zone skipped
entirely (a change moved its clocks from before a date's midnight to after the next one):
found where month-apart offsets differ by 20 hours or more, then by a daily scan.

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


def skipped_days(z):
    """Local dates (ISO) from 2000 to 2199 no instant of which exists in zone `z`."""
    out = []
    month = [calendar.timegm((y, m, 1, 0, 0, 0)) for y in range(2000, 2200) for m in range(1, 13)]
    for a, b in zip(month, month[1:] + [calendar.timegm((2200, 1, 1, 0, 0, 0))]):
        if abs(offset(z, b) - offset(z, a)) < 20 * 3600:
            continue
        t = a
        while t < b:
            o1, o2 = offset(z, t), offset(z, t + 86400)
            if o2 - o1 >= 86400:
                lo, hi = t, t + 86400
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if offset(z, mid) == o1:
                        lo = mid
                    else:
                        hi = mid
                # Local days wholly inside [hi + o1, hi + o2) were skipped.
                first, last = -(-(hi + o1) // 86400), (hi + o2) // 86400 - 1
                for d in range(first, last + 1):
                    day = dt.date(1970, 1, 1) + dt.timedelta(days=d)
                    if 2000 <= day.year <= 2199:
                        out.append(day.isoformat())
            t += 86400
    return out


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
    skipped = {}
    for name in sorted(zoneinfo.available_timezones()):
        days = skipped_days(zoneinfo.ZoneInfo(name))
        if days:
            skipped[name] = days
    dest = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "tz_transitions.json")
    with open(dest, "w") as f:
        json.dump({"generator": "scripts/gen_tz_fixtures.py", "zones": out, "skipped_days": skipped}, f, separators=(",", ":"))
    print(f"{sum(len(v['changes']) for v in out.values())} transitions in {len(out)} zones, skipped days {skipped} -> {os.path.normpath(dest)}")


if __name__ == "__main__":
    main()
