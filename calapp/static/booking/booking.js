/*
 * calapp booking page: plain JavaScript, no build step, no third-party code.
 *
 * The page is static; the link's token is the last segment of its URL
 * (/booking/{token} or /book/{token}). Everything else comes from the public
 * JSON API of the same origin:
 *   GET  /booking/{token}                 title, description, duration, zone
 *   GET  /booking/{token}/availability    free slots in [start, end)
 *   POST /booking/{token}/reserve         the booking (409 when just taken)
 * Times are shown in the visitor's zone (the browser's by default).
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var DAYS_SHOWN = 14;
  var MAX_WEEKS_AHEAD = 52;
  var COMMON_ZONES = [
    "UTC",
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Mexico_City",
    "America/Bogota",
    "America/Asuncion",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Atlantic/Reykjavik",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
  ];

  var $ = function (id) {
    return document.getElementById(id);
  };

  var state = {
    token: tokenFromUrl(),
    link: null,
    zone: browserZone(),
    weekOffset: 0,
    slots: [],
    selected: null, // {start, end}: ISO strings, as the API gave them
    loadSeq: 0,
  };

  // --- URLs and HTTP -----------------------------------------------------------

  function tokenFromUrl() {
    var parts = location.pathname.split("/").filter(Boolean);
    return decodeURIComponent(parts[parts.length - 1] || "");
  }

  // Relative to the page, so the app may live under a path prefix.
  function apiUrl(suffix) {
    var path = "../booking/" + encodeURIComponent(state.token) + (suffix || "");
    return new URL(path, location.href).toString();
  }

  function request(url, options) {
    var opts = options || {};
    var headers = { Accept: "application/json" };
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(url, {
      method: opts.method || "GET",
      headers: headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "omit",
      cache: "no-store",
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (body) {
          return { status: response.status, body: body };
        });
    });
  }

  // --- time zones and dates ---------------------------------------------------

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch (e) {
      return "UTC";
    }
  }

  function isZone(zone) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch (e) {
      return false;
    }
  }

  function offsetLabel(zone) {
    try {
      var parts = new Intl.DateTimeFormat("en", {
        timeZone: zone,
        timeZoneName: "shortOffset",
      }).formatToParts(new Date());
      var named = parts.filter(function (p) {
        return p.type === "timeZoneName";
      })[0];
      return named ? named.value : "";
    } catch (e) {
      return "";
    }
  }

  var keyFormats = {};
  // "YYYY-MM-DD": the local date of an instant in a zone.
  function dateKey(instant, zone) {
    if (!keyFormats[zone]) {
      keyFormats[zone] = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    }
    var p = {};
    keyFormats[zone].formatToParts(instant).forEach(function (part) {
      p[part.type] = part.value;
    });
    return p.year + "-" + p.month + "-" + p.day;
  }

  // A calendar date as noon UTC: safe to format with timeZone "UTC".
  function keyToDate(key) {
    var n = key.split("-").map(Number);
    return new Date(Date.UTC(n[0], n[1] - 1, n[2], 12));
  }

  function addDays(key, days) {
    return new Date(keyToDate(key).getTime() + days * DAY_MS).toISOString().slice(0, 10);
  }

  function formatDay(key, options) {
    var opts = Object.assign({ timeZone: "UTC" }, options);
    return new Intl.DateTimeFormat(undefined, opts).format(keyToDate(key));
  }

  function formatTime(instant) {
    return new Intl.DateTimeFormat(undefined, {
      hour: "numeric",
      minute: "2-digit",
      timeZone: state.zone,
    }).format(instant);
  }

  function formatSlot(start, end) {
    var fmt = new Intl.DateTimeFormat(undefined, {
      weekday: "long",
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone: state.zone,
    });
    var text = fmt.formatRange ? fmt.formatRange(start, end) : fmt.format(start);
    return text + " (" + state.zone.replace(/_/g, " ") + ")";
  }

  // --- status -----------------------------------------------------------------

  function say(message, kind) {
    var status = $("status");
    status.textContent = message || "";
    status.className = "notice" + (kind ? " " + kind : "");
    status.hidden = !message;
  }

  // --- the link -----------------------------------------------------------------

  function loadLink() {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(state.token)) {
      return Promise.resolve(notFound());
    }
    return request(apiUrl(""))
      .then(function (r) {
        if (r.status === 404) return notFound();
        if (r.status !== 200) {
          throw new Error(r.body.error || "HTTP " + r.status);
        }
        state.link = r.body;
        showLink();
        return loadSlots();
      })
      .catch(function () {
        say("The booking page could not be loaded. Check your connection and reload the page.", "error");
      })
      .then(function () {
        $("app").removeAttribute("aria-busy");
      });
  }

  function notFound() {
    document.title = "Booking link not found";
    $("title").textContent = "This booking link does not exist";
    $("meta").textContent = "It may have been switched off by its owner, or the address may be mistyped.";
    $("booking").hidden = true;
  }

  function showLink() {
    var link = state.link;
    document.title = "Book: " + link.title;
    $("title").textContent = link.title;
    $("meta").textContent = link.duration_minutes + " minutes";
    if (link.description) {
      $("description").textContent = link.description;
      $("description").hidden = false;
    }
    buildZones();
    $("booking").hidden = false;
  }

  function buildZones() {
    var select = $("zone");
    var zones = [state.zone, state.link.timezone].concat(COMMON_ZONES);
    var seen = {};
    select.textContent = "";
    zones.forEach(function (zone, index) {
      if (!zone || seen[zone] || !isZone(zone)) return;
      seen[zone] = true;
      var option = document.createElement("option");
      option.value = zone;
      var label = zone.replace(/_/g, " ");
      var offset = offsetLabel(zone);
      if (offset) label += " (" + offset + ")";
      if (index === 0) label += " (your time zone)";
      else if (zone === state.link.timezone) label += " (host's time zone)";
      option.textContent = label;
      select.appendChild(option);
    });
    if (!seen[state.zone]) state.zone = "UTC";
    select.value = state.zone;
  }

  // --- slots --------------------------------------------------------------------

  function anchor() {
    return new Date(Date.now() + state.weekOffset * 7 * DAY_MS);
  }

  // announce: say how many times are free (not after a conflict: its message stays).
  function loadSlots(announce) {
    var from = anchor();
    // Two days of margin each side: whole local days in any zone, DST included.
    var start = new Date(from.getTime() - 2 * DAY_MS);
    var end = new Date(from.getTime() + (DAYS_SHOWN + 2) * DAY_MS);
    var query =
      "?start=" + encodeURIComponent(start.toISOString()) +
      "&end=" + encodeURIComponent(end.toISOString());
    var seq = ++state.loadSeq;
    $("days").setAttribute("aria-busy", "true");
    return request(apiUrl("/availability" + query))
      .then(function (r) {
        if (seq !== state.loadSeq) return; // a later week was asked for meanwhile
        if (r.status === 404) return notFound();
        if (r.status === 429) {
          say("Too many requests: please wait a minute and try again.", "error");
          return;
        }
        if (r.status !== 200) throw new Error(r.body.error || "HTTP " + r.status);
        state.slots = r.body.slots.map(function (slot) {
          return { start: slot.start, end: slot.end, at: new Date(slot.start) };
        });
        renderSlots(announce !== false);
      })
      .catch(function () {
        if (seq === state.loadSeq) {
          say("The free times could not be loaded. Check your connection and try again.", "error");
        }
      })
      .then(function () {
        if (seq === state.loadSeq) $("days").removeAttribute("aria-busy");
      });
  }

  function renderSlots(announce) {
    var firstKey = dateKey(anchor(), state.zone);
    var lastKey = addDays(firstKey, DAYS_SHOWN - 1);
    var byDay = {};
    state.slots.forEach(function (slot) {
      var key = dateKey(slot.at, state.zone);
      (byDay[key] = byDay[key] || []).push(slot);
    });
    var days = $("days");
    days.textContent = "";
    var total = 0;
    for (var i = 0; i < DAYS_SHOWN; i++) {
      var key = addDays(firstKey, i);
      var daySlots = byDay[key] || [];
      total += daySlots.length;
      days.appendChild(renderDay(key, daySlots));
    }
    var from = formatDay(firstKey, { day: "numeric", month: "short" });
    var to = formatDay(lastKey, { day: "numeric", month: "short", year: "numeric" });
    $("range").textContent = from + " – " + to;
    $("prev").disabled = state.weekOffset <= 0;
    $("next").disabled = state.weekOffset >= MAX_WEEKS_AHEAD;
    if (announce) {
      var span = " from " + from + " to " + to + ".";
      say(
        total === 0
          ? "No free times" + span + " Try the next week."
          : total + (total === 1 ? " free time" : " free times") + span
      );
    }
  }

  function renderDay(key, daySlots) {
    var fieldset = document.createElement("fieldset");
    fieldset.className = "day" + (daySlots.length ? "" : " empty");
    var legend = document.createElement("legend");
    var weekday = document.createElement("span");
    weekday.className = "weekday";
    weekday.textContent = formatDay(key, { weekday: "short" });
    var date = document.createElement("span");
    date.className = "date";
    date.textContent = formatDay(key, { day: "numeric", month: "short" });
    var full = document.createElement("span");
    full.className = "visually-hidden";
    full.textContent = formatDay(key, { weekday: "long", day: "numeric", month: "long" });
    weekday.setAttribute("aria-hidden", "true");
    date.setAttribute("aria-hidden", "true");
    legend.append(weekday, date, full);
    fieldset.appendChild(legend);
    if (!daySlots.length) {
      var none = document.createElement("p");
      none.className = "none";
      none.textContent = "No free times";
      fieldset.appendChild(none);
      return fieldset;
    }
    var list = document.createElement("div");
    list.className = "slots";
    daySlots.forEach(function (slot) {
      var id = "slot-" + slot.start.replace(/[^0-9A-Za-z]/g, "");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "slot";
      input.id = id;
      input.value = slot.start;
      input.className = "visually-hidden";
      input.checked = !!state.selected && state.selected.start === slot.start;
      input.addEventListener("change", function () {
        if (input.checked) select(slot);
      });
      var label = document.createElement("label");
      label.htmlFor = id;
      label.className = "slot";
      label.textContent = formatTime(slot.at);
      list.append(input, label);
    });
    fieldset.appendChild(list);
    return fieldset;
  }

  function select(slot) {
    state.selected = slot ? { start: slot.start, end: slot.end } : null;
    var chosen = $("chosen");
    if (slot) {
      chosen.textContent = "Your time: " + formatSlot(new Date(slot.start), new Date(slot.end));
      chosen.classList.add("picked");
    } else {
      chosen.textContent = "No time picked yet.";
      chosen.classList.remove("picked");
    }
  }

  // --- reserving ----------------------------------------------------------------

  var FIELDS = ["name", "email", "notes"];

  function clearErrors() {
    FIELDS.forEach(function (name) {
      $(name).removeAttribute("aria-invalid");
      $(name + "-error").hidden = true;
      $(name + "-error").textContent = "";
    });
  }

  function showFieldErrors(details) {
    var first = null;
    FIELDS.forEach(function (name) {
      var messages = details && details[name];
      if (!messages) return;
      $(name).setAttribute("aria-invalid", "true");
      $(name + "-error").textContent = [].concat(messages).join(" ");
      $(name + "-error").hidden = false;
      first = first || $(name);
    });
    if (first) first.focus();
    return !!first;
  }

  function onSubmit(event) {
    event.preventDefault();
    clearErrors();
    if (!state.selected) {
      say("Pick a time first.", "error");
      var firstSlot = document.querySelector("#days input[name=slot]");
      (firstSlot || $("picker")).focus();
      return;
    }
    var body = {
      name: $("name").value.trim(),
      email: $("email").value.trim(),
      slot_start: state.selected.start,
      slot_end: state.selected.end,
    };
    var notes = $("notes").value.trim();
    if (notes) body.notes = notes;
    var button = $("submit");
    button.disabled = true;
    $("form").setAttribute("aria-busy", "true");
    say("Booking…");
    request(apiUrl("/reserve"), { method: "POST", body: body })
      .then(function (r) {
        if (r.status === 200) return confirmed(r.body, body);
        if (r.status === 409) {
          say("Sorry, that time was just taken or is no longer free. Please pick another time.", "error");
          select(null);
          return loadSlots(false).then(function () {
            $("picker").focus();
          });
        }
        if (r.status === 400) {
          say(r.body.error ? "Please check the form: " + r.body.error : "Please check the form.", "error");
          showFieldErrors(r.body.details);
          return;
        }
        if (r.status === 404) return notFound();
        if (r.status === 429) {
          say("Too many attempts: please wait a minute and try again.", "error");
          return;
        }
        say("Something went wrong (" + r.status + "). Please try again.", "error");
      })
      .catch(function () {
        say("The booking could not be sent. Check your connection and try again.", "error");
      })
      .then(function () {
        button.disabled = false;
        $("form").removeAttribute("aria-busy");
      });
  }

  function confirmed(result, sent) {
    var start = new Date(result.booking.slot_start);
    var end = new Date(result.booking.slot_end);
    var title = (result.event && result.event.title) || state.link.title;
    $("confirm-what").textContent = title;
    $("confirm-when").textContent = formatSlot(start, end);
    var pending = result.status === "pending";
    $("confirm-heading").textContent = pending ? "Request sent" : "You're booked";
    $("confirm-who").textContent = pending
      ? "Thank you, " + sent.name + ". The time is held for you until the organizer " +
        "confirms it; you will hear by email (" + sent.email + ")."
      : "Thank you, " + sent.name + ". The time is reserved for you (" + sent.email + ").";
    var ics = $("ics");
    if (ics.href && ics.href.indexOf("blob:") === 0) URL.revokeObjectURL(ics.href);
    var uid = (result.event && result.event.ical_uid) || result.booking.id + "@" + location.host;
    ics.href = URL.createObjectURL(
      new Blob([icsCalendar(uid, title, start, end, state.link.description)], {
        type: "text/calendar;charset=utf-8",
      })
    );
    ics.download = "booking-" + icsInstant(start).slice(0, 8) + ".ics";
    $("booking").hidden = true;
    say("");
    var section = $("confirmation");
    section.hidden = false;
    section.focus();
  }

  // --- iCalendar (RFC 5545) -------------------------------------------------------

  function icsInstant(date) {
    // 2025-11-25T10:00:00.000Z -> 20251125T100000Z
    return date.toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");
  }

  function icsEscape(value) {
    return String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  // Lines longer than 75 octets are folded: CRLF then one space (§3.1).
  function fold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var octets = 0;
    Array.from(line).forEach(function (ch) {
      var size = encoder.encode(ch).length;
      if (octets + size > 75) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function icsCalendar(uid, title, start, end, description) {
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//calapp//booking page//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:" + icsEscape(uid),
      "DTSTAMP:" + icsInstant(new Date()),
      "DTSTART:" + icsInstant(start),
      "DTEND:" + icsInstant(end),
      "SUMMARY:" + icsEscape(title),
    ];
    if (description) lines.push("DESCRIPTION:" + icsEscape(description));
    lines.push("END:VEVENT", "END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // --- wiring -------------------------------------------------------------------

  function start() {
    $("zone").addEventListener("change", function (event) {
      state.zone = event.target.value;
      renderSlots(true);
      if (state.selected) select(state.selected);
    });
    $("prev").addEventListener("click", function () {
      if (state.weekOffset > 0) {
        state.weekOffset -= 1;
        loadSlots();
      }
    });
    $("next").addEventListener("click", function () {
      if (state.weekOffset < MAX_WEEKS_AHEAD) {
        state.weekOffset += 1;
        loadSlots();
      }
    });
    $("form").addEventListener("submit", onSubmit);
    loadLink();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
