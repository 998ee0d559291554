#!/usr/bin/env python3
"""Writes the fixtures the calendar tests compare against, from independent implementations.

  tests/fixtures/holidays.json  every preset's closed dates, 2000-2050, per the `holidays` package
  tests/fixtures/busday.json    business-day offsets and counts per `numpy.busday_offset/count`

The tests read the committed fixtures and never need Python. To regenerate:

  python3 -m venv .venv && .venv/bin/pip install holidays==0.109 numpy==2.4.6
  .venv/bin/python scripts/gen_calendar_fixtures.py

Dates are compared Monday to Saturday: a holiday on a Sunday closes nothing that the
weekend does not already close (presets do not list Sunday-only days such as Easter Sunday).
"""
import json
import random
from datetime import date, timedelta
from pathlib import Path

import holidays
import numpy as np

FIRST, LAST = 2000, 2050
ROOT = Path(__file__).resolve().parent.parent
CARRIER_DAYS = {"New Year's Day", "Memorial Day", "Independence Day", "Labor Day", "Thanksgiving Day", "Christmas Day"}


def lib(country, subdiv=None, **kw):
    return holidays.country_holidays(country, subdiv=subdiv, years=range(FIRST - 1, LAST + 2), **kw)


def usps():
    # USPS closes on each federal holiday; a Sunday one moves to Monday, a Saturday one stays.
    out = {}
    for d, name in lib("US", observed=False).items():
        out[d] = name
        if d.weekday() == 6:
            out[d + timedelta(days=1)] = name + " (observed)"
    return out


def carrier():
    # UPS and FedEx close on six of the federal holidays, observed as the federal ones are.
    return {d: n for d, n in lib("US").items() if any(n.startswith(c) for c in CARRIER_DAYS)}


SOURCES = {
    "us": ("holidays.US()", lambda: lib("US")),
    "usps": ("holidays.US(observed=False), Sunday holidays also closing Monday", usps),
    "ups": ("holidays.US(), the six UPS holidays", carrier),
    "fedex": ("holidays.US(), the six FedEx holidays", carrier),
    "ca": ("holidays.CA()", lambda: lib("CA")),
    "ca-on": ("holidays.CA(subdiv='ON')", lambda: lib("CA", "ON")),
    "ca-qc": ("holidays.CA(subdiv='QC')", lambda: lib("CA", "QC")),
    "ca-bc": ("holidays.CA(subdiv='BC')", lambda: lib("CA", "BC")),
    "ca-ab": ("holidays.CA(subdiv='AB')", lambda: lib("CA", "AB")),
    "gb-eng": ("holidays.GB(subdiv='ENG')", lambda: lib("GB", "ENG")),
    "gb-sct": ("holidays.GB(subdiv='SCT')", lambda: lib("GB", "SCT")),
    "gb-nir": ("holidays.GB(subdiv='NIR')", lambda: lib("GB", "NIR")),
}
for cc in ["IE", "DE", "FR", "NL", "BE", "ES", "IT", "AT", "PL", "DK", "NO", "FI", "AU", "NZ", "MX", "BR", "JP"]:
    SOURCES[cc.lower()] = (f"holidays.{cc}()", (lambda c: lambda: lib(c))(cc))
# Sweden closes on Midsummer Eve, Christmas Eve and New Year's Eve in practice.
SOURCES["se"] = ("holidays.SE(categories=('public', 'de_facto'))", lambda: lib("SE", categories=("public", "de_facto")))


def holiday_fixture():
    presets = {}
    for pid, (source, make) in SOURCES.items():
        years = {}
        for d in sorted(make()):
            if FIRST <= d.year <= LAST and d.weekday() != 6:
                years.setdefault(str(d.year), []).append(d.strftime("%m%d"))
        presets[pid] = {"source": source, "dates": {y: " ".join(v) for y, v in years.items()}}
    return {
        "generator": "scripts/gen_calendar_fixtures.py",
        "holidays": holidays.__version__,
        "years": [FIRST, LAST],
        "compared": "Monday to Saturday",
        "presets": presets,
    }


def busday_fixture(calendars=100, per_calendar=40, seed=20261128):
    """Random calendars (weekmask + holidays within a two-year window), each with cases that
    start in or near its window. Cases are [date, n, offset result, until, count]."""
    rng = random.Random(seed)
    first, span = date(FIRST, 1, 1), (date(LAST, 12, 31) - date(FIRST, 1, 1)).days
    out = []
    for _ in range(calendars):
        mask = [rng.random() < 0.7 for _ in range(7)]
        if not any(mask):
            mask[rng.randrange(7)] = True
        base = first + timedelta(days=rng.randrange(400, span - 1100))
        hols = sorted({base + timedelta(days=rng.randrange(0, 730)) for _ in range(rng.randrange(0, 60))})
        hol = np.array(hols, dtype="datetime64[D]")
        cases = []
        for _ in range(per_calendar):
            d = base + timedelta(days=rng.randrange(-30, 760))
            k = rng.randrange(-80, 81)
            end = d + timedelta(days=rng.randrange(-300, 301))
            # n > 0 counts from the day itself (roll back), n <= 0 rolls forward: the
            # semantics of Calendar::add_working_days.
            roll = "backward" if k > 0 else "forward"
            got = np.busday_offset(np.datetime64(d), k, roll=roll, weekmask=mask, holidays=hol)
            count = int(np.busday_count(np.datetime64(d), np.datetime64(end), weekmask=mask, holidays=hol))
            cases.append([d.isoformat(), k, str(got), end.isoformat(), count])
        out.append({"weekmask": "".join("1" if m else "0" for m in mask), "holidays": [h.isoformat() for h in hols], "cases": cases})
    return {"generator": "scripts/gen_calendar_fixtures.py", "numpy": np.__version__, "seed": seed, "calendars": out}


def write(name, data):
    path = ROOT / "tests" / "fixtures" / name
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    write("holidays.json", holiday_fixture())
    write("busday.json", busday_fixture())
