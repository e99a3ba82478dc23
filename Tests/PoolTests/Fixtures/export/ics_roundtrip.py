"""Round trip of Pool's .ics files through the `icalendar` parser (run by ExportICSTests).

Usage: python ics_roundtrip.py FILE.ics ...   Prints one JSON document on stdout:
  files: per file, the calendar name, parse errors and every event with its properties and its
         start/end in UTC twice: resolved through the tz database (zoneinfo Europe/Helsinki)
         and through the file's own VTIMEZONE (icalendar's to_tz without tzid lookup);
  vtimezone_mismatches: UTC instants around every DST change 2020-2040 where the file's
         VTIMEZONE gives a different UTC offset than the tz database.
"""
import json
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar

HELSINKI = ZoneInfo("Europe/Helsinki")


def last_sunday(year, month):
    day = datetime(year, month + 1, 1) - timedelta(days=1) if month < 12 else datetime(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def main(paths):
    out = {"files": {}, "vtimezone_mismatches": []}
    for path in paths:
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        errors = [str(e) for c in cal.walk() for e in getattr(c, "errors", [])]
        vtz = [c for c in cal.walk("VTIMEZONE")]
        own_tz = vtz[0].to_tz(lookup_tzid=False) if vtz else None
        events = []
        for ev in cal.walk("VEVENT"):
            start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
            naive_start, naive_end = start.replace(tzinfo=None), end.replace(tzinfo=None)
            events.append({
                "uid": str(ev.get("UID")),
                "summary": str(ev.get("SUMMARY")),
                "location": str(ev.get("LOCATION")),
                "description": str(ev.get("DESCRIPTION")),
                "tzid": ev["DTSTART"].params.get("TZID"),
                "start_local": naive_start.isoformat(),
                "start_utc": start.astimezone(timezone.utc).isoformat(),
                "end_utc": end.astimezone(timezone.utc).isoformat(),
                "start_utc_own_vtimezone": naive_start.replace(tzinfo=own_tz).astimezone(timezone.utc).isoformat()
                if own_tz else None,
                "end_utc_own_vtimezone": naive_end.replace(tzinfo=own_tz).astimezone(timezone.utc).isoformat()
                if own_tz else None,
            })
        out["files"][path.rsplit("/", 1)[-1]] = {
            "calname": str(cal.get("X-WR-CALNAME")),
            "errors": errors,
            "timezones": [str(c.get("TZID")) for c in vtz],
            "events": events,
        }
        if own_tz and not out["vtimezone_mismatches"] and path == paths[0]:
            for year in range(2020, 2041):
                for month in (3, 10):
                    change = last_sunday(year, month).replace(hour=1, tzinfo=timezone.utc)
                    for k in range(-6, 7):
                        instant = change + timedelta(minutes=30 * k)
                        ours, reference = instant.astimezone(own_tz).utcoffset(), instant.astimezone(HELSINKI).utcoffset()
                        if ours != reference:
                            out["vtimezone_mismatches"].append(f"{path}: {instant.isoformat()} {ours} != {reference}")
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
