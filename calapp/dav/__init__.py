"""CalDAV (RFC 4791) and CardDAV (RFC 6352) under ``/dav/``: a face over the
same calendars, events, contacts, permissions and change log as the REST API.

- ``xml``: namespaces, parsing (defusedxml), multistatus and error bodies;
- ``auth``: HTTP Basic with an email and a password or an API key;
- ``calendars``: calendar objects (one per UID: a series and its exceptions)
  read, written and searched through the ICS code of ``calapp.ics``;
- ``cards``: the address book, through the vCard code of ``calapp.ics.vcard``;
- ``routes``: the WebDAV methods (PROPFIND, REPORT, MKCALENDAR, ...).
"""
