"""ICS (RFC 5545) and vCard (RFC 6350 / 2426) import and export.

- ``text``: content lines — unfolding, parameters, escaping, folding (both formats).
- ``zones``: TZIDs to IANA zones (Windows names, vendor prefixes, custom
  VTIMEZONEs) and VTIMEZONE components for export.
- ``export``: the streamed VCALENDAR of a calendar and its ETag.
- ``times``: when a VEVENT happens (dates, zones, durations, recurrence).
- ``mapping``: one VEVENT to event columns, with the repairs it needed.
- ``matching``: VEVENTs against a calendar's events: created, updated, skipped.
- ``import_``: a whole file into a calendar, in one transaction.
- ``service``: what the routes call (access checks, public feeds, limits).
- ``vcard``: contacts to and from vCard 3.0 / 4.0.
"""
