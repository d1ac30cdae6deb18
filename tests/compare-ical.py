#!/usr/bin/env python3
"""Compares the occurrences Ankerort's `ical` parser finds with those of
python3-icalendar + python3-recurring-ical-events (dateutil) for every
fixture feed and a few windows. Exits 77 (skipped) when they are missing.

Usage: compare-ical.py EVENTS-DUMP FIXTURES-DIR
"""

import datetime
import glob
import json
import os
import subprocess
import sys

try:
    import icalendar
    import recurring_ical_events
    import pytz
except ImportError as e:
    print("1..0 # SKIP reference implementation missing: %s" % e)
    sys.exit(77)

ZONE = "Europe/Berlin"
WINDOWS = [
    ("2026-03-09T00:00:00", "2026-04-27T00:00:00"),   # across the spring DST change
    ("2026-03-28T12:00:00", "2026-03-30T00:00:00"),   # the DST weekend only
    ("2026-10-19T00:00:00", "2026-11-02T00:00:00"),   # across the autumn change
    ("2027-01-01T00:00:00", "2027-01-15T00:00:00"),   # far from DTSTART
]
tz = pytz.timezone(ZONE)


def iso(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = tz.localize(value)
        return value.astimezone(tz).isoformat()
    return value.isoformat()


def start_instant(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = tz.localize(value)
        return value
    return tz.localize(datetime.datetime(value.year, value.month, value.day))


def reference(path, start, stop):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    lo = tz.localize(datetime.datetime.fromisoformat(start))
    hi = tz.localize(datetime.datetime.fromisoformat(stop))
    out = []
    for event in recurring_ical_events.of(cal).between(lo, hi):
        dtstart = event["DTSTART"].dt
        if not (lo <= start_instant(dtstart) < hi):
            continue
        if "DTEND" in event:
            dtend = event["DTEND"].dt
        elif "DURATION" in event:
            dtend = dtstart + event["DURATION"].dt
        elif isinstance(dtstart, datetime.datetime):
            dtend = dtstart
        else:
            dtend = dtstart + datetime.timedelta(days=1)
        status = "cancelled" if str(event.get("STATUS", "")).upper() == "CANCELLED" else "confirmed"
        out.append((str(event["UID"]), iso(dtstart), iso(dtend), status))
    return sorted(out)


def ours(dump, path, start, stop):
    run = subprocess.run([dump, "ical", path, start, stop, ZONE],
                         capture_output=True, text=True, check=True)
    out = []
    for line in run.stdout.splitlines():
        item = json.loads(line)
        out.append((item["uid"], item["start"], item["end"], item["status"]))
    return sorted(out)


def main():
    dump, fixtures = sys.argv[1], sys.argv[2]
    paths = sorted(p for p in glob.glob(os.path.join(fixtures, "*.ics"))
                   if not os.path.basename(p).startswith("broken"))
    cases = [(p, w) for p in paths for w in WINDOWS]
    print("1..%d" % len(cases))
    failed = 0
    for n, (path, (start, stop)) in enumerate(cases, 1):
        name = "%s %s..%s" % (os.path.basename(path), start, stop)
        expected = reference(path, start, stop)
        got = ours(dump, path, start, stop)
        if expected == got:
            print("ok %d - %s (%d occurrences)" % (n, name, len(got)))
            continue
        failed += 1
        print("not ok %d - %s" % (n, name))
        for item in sorted(set(expected) - set(got)):
            print("# only in reference: %s" % (item,))
        for item in sorted(set(got) - set(expected)):
            print("# only in ours:      %s" % (item,))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
