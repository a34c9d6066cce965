/*
 * calapp booking page: plain JavaScript, no build step, no third-party code.
 *
 * The page is static; the link's token is the last segment of its URL
 * (/booking/{token} or /book/{token}). Everything else comes from the public
 * JSON API of the same origin:
 *   GET  /booking/{token}                 title, description, duration, zone
 *   GET  /booking/{token}/month           each day's status and free slots
 *   GET  /booking/{token}/availability    free slots in [start, end)
 *   POST /booking/{token}/reserve         the booking (409 when just taken)
 *   GET  /booking/{token}/bookings/{id}   the visitor's booking (manage secret)
 *   POST /booking/{token}/bookings/{id}/cancel|reschedule
 * Times are shown in the visitor's zone (the browser's by default).
 *
 * The manage link is this page with "#manage=<booking id>.<secret>": the
 * fragment never reaches a server (no access log, no Referer).
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var MAX_MONTHS_AHEAD = 12;
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
    year: 0,
    month: 0,
    days: null, // the month view's days
    day: null, // the chosen "YYYY-MM-DD"
    slots: [],
    manage: manageFromUrl(), // {id, secret} from a manage link
    booking: null, // the managed booking, as the API shows it
    rescheduling: false,
    selected: null, // {start, end}: ISO strings, as the API gave them
    loadSeq: 0,
  };

  // --- URLs and HTTP -----------------------------------------------------------

  function tokenFromUrl() {
    var parts = location.pathname.split("/").filter(Boolean);
    return decodeURIComponent(parts[parts.length - 1] || "");
  }

  function manageFromUrl() {
    var match = /^#manage=([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,128})$/.exec(location.hash);
    return match ? { id: match[1], secret: match[2] } : null;
  }

  // Relative to the page, so the app may live under a path prefix.
  function apiUrl(suffix) {
    var path = "../booking/" + encodeURIComponent(state.token) + (suffix || "");
    return new URL(path, location.href).toString();
  }

  function request(url, options) {
    var opts = options || {};
    var headers = Object.assign({ Accept: "application/json" }, opts.headers);
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
        // A link switched off by its owner: its visitors can still cancel.
        if (r.status === 404 && state.manage) return loadManaged(true);
        if (r.status === 404) return notFound();
        if (r.status !== 200) {
          throw new Error(r.body.error || "HTTP " + r.status);
        }
        state.link = r.body;
        showLink();
        if (state.manage) return loadManaged();
        return startMonth();
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
    renderWeekdays();
    showZoneNow();
    if (!state.manage) $("booking").hidden = false;
  }

  // The current month in the visitor's zone; on to the next while nothing is free.
  function startMonth() {
    setView(firstIndex());
    return loadMonth(true, 2);
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

  // --- the month calendar -------------------------------------------------------

  function todayKey() {
    return dateKey(new Date(), state.zone);
  }

  function monthIndex(year, month) {
    return year * 12 + (month - 1);
  }

  function viewIndex() {
    return monthIndex(state.year, state.month);
  }

  function firstIndex() {
    var today = todayKey().split("-").map(Number);
    return monthIndex(today[0], today[1]);
  }

  function setView(index) {
    state.year = Math.floor(index / 12);
    state.month = (index % 12) + 1;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function monthKey() {
    return state.year + "-" + pad(state.month);
  }

  // The month's statuses and its free slots, in the chosen zone.
  // announce: say how many days are free (not after a conflict: its message stays).
  // autoAdvance: months to skip forward while the shown one has nothing free.
  function loadMonth(announce, autoAdvance) {
    var first = Date.UTC(state.year, state.month - 1, 1);
    var next = Date.UTC(state.year, state.month, 1);
    // Two days of margin each side: whole local days in any zone, DST included.
    var start = new Date(first - 2 * DAY_MS);
    var end = new Date(next + 2 * DAY_MS);
    var monthQuery =
      "?year=" + state.year + "&month=" + state.month +
      "&timezone=" + encodeURIComponent(state.zone);
    var slotQuery =
      "?start=" + encodeURIComponent(start.toISOString()) +
      "&end=" + encodeURIComponent(end.toISOString());
    var seq = ++state.loadSeq;
    $("days").setAttribute("aria-busy", "true");
    $("month").setAttribute("aria-busy", "true");
    return Promise.all([
      request(apiUrl("/month" + monthQuery)),
      request(apiUrl("/availability" + slotQuery)),
    ])
      .then(function (answers) {
        if (seq !== state.loadSeq) return; // another month was asked for meanwhile
        var bad = answers.filter(function (r) {
          return r.status !== 200;
        })[0];
        if (bad && bad.status === 404) return notFound();
        if (bad && bad.status === 429) {
          say("Too many requests: please wait a minute and try again.", "error");
          return;
        }
        if (bad) throw new Error(bad.body.error || "HTTP " + bad.status);
        state.days = answers[0].body.days;
        state.slots = answers[1].body.slots.map(function (slot) {
          return { start: slot.start, end: slot.end, at: new Date(slot.start) };
        });
        var free = freeDays();
        if (!free.length && autoAdvance > 0 && viewIndex() < firstIndex() + MAX_MONTHS_AHEAD) {
          setView(viewIndex() + 1);
          return loadMonth(announce, autoAdvance - 1);
        }
        if (!state.day || state.day.slice(0, 7) !== monthKey() || free.indexOf(state.day) < 0) {
          state.day = free[0] || null;
        }
        renderMonth();
        renderTimes();
        if (announce !== false) {
          var label = $("month-label").textContent;
          say(
            free.length === 0
              ? "No free times in " + label + ". Try the next month."
              : free.length + (free.length === 1 ? " day" : " days") + " with free times in " + label + "."
          );
        }
      })
      .catch(function () {
        if (seq === state.loadSeq) {
          say("The free times could not be loaded. Check your connection and try again.", "error");
        }
      })
      .then(function () {
        if (seq === state.loadSeq) {
          $("days").removeAttribute("aria-busy");
          $("month").removeAttribute("aria-busy");
        }
      });
  }

  function freeDays() {
    return (state.days || [])
      .filter(function (day) {
        return day.slots > 0;
      })
      .map(function (day) {
        return day.date;
      });
  }

  function renderWeekdays() {
    var row = $("weekdays");
    row.textContent = "";
    // 2024-01-01 was a Monday: weeks start on Monday.
    for (var i = 0; i < 7; i++) {
      var key = addDays("2024-01-01", i);
      var th = document.createElement("th");
      th.scope = "col";
      th.abbr = formatDay(key, { weekday: "long" });
      th.textContent = formatDay(key, { weekday: "short" });
      row.appendChild(th);
    }
  }

  var STATUS_TEXT = {
    available: "free times",
    partial: "some free times",
    full: "fully booked",
    off: "no free times",
    holiday: "holiday",
    time_off: "host away",
  };

  function renderMonth() {
    var label = formatDay(monthKey() + "-01", { month: "long", year: "numeric" });
    $("month-label").textContent = label;
    $("prev").disabled = viewIndex() <= firstIndex();
    $("next").disabled = viewIndex() >= firstIndex() + MAX_MONTHS_AHEAD;
    var today = todayKey();
    var body = $("weeks");
    body.textContent = "";
    var days = state.days || [];
    if (!days.length) return;
    // Monday = 0 ... Sunday = 6.
    var lead = (keyToDate(days[0].date).getUTCDay() + 6) % 7;
    var cells = [];
    for (var i = 0; i < lead; i++) cells.push(null);
    days.forEach(function (day) {
      cells.push(day);
    });
    while (cells.length % 7) cells.push(null);
    for (var w = 0; w < cells.length; w += 7) {
      var tr = document.createElement("tr");
      cells.slice(w, w + 7).forEach(function (day) {
        var td = document.createElement("td");
        if (day) td.appendChild(dayButton(day, today));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  }

  function dayButton(day, today) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "day status-" + day.status;
    button.dataset.date = day.date;
    button.textContent = String(Number(day.date.slice(8)));
    var free = day.slots > 0;
    var words = [formatDay(day.date, { weekday: "long", day: "numeric", month: "long" })];
    if (day.date === today) {
      words.push("today");
      button.classList.add("today");
      button.setAttribute("aria-current", "date");
    }
    if (day.holiday_name) words.push(day.holiday_name);
    words.push(
      free ? day.slots + (day.slots === 1 ? " free time" : " free times") : STATUS_TEXT[day.status] || "no free times"
    );
    button.setAttribute("aria-label", words.join(", "));
    if (day.holiday_name) button.title = day.holiday_name;
    button.disabled = !free;
    button.setAttribute("aria-pressed", String(day.date === state.day));
    button.tabIndex = day.date === (state.day || freeDays()[0]) ? 0 : -1;
    button.addEventListener("click", function () {
      chooseDay(day.date);
    });
    return button;
  }

  function chooseDay(key) {
    state.day = key;
    Array.prototype.forEach.call($("weeks").querySelectorAll("button.day"), function (b) {
      var on = b.dataset.date === key;
      b.setAttribute("aria-pressed", String(on));
      b.tabIndex = on ? 0 : -1;
    });
    renderTimes();
  }

  // Arrow keys move between the days that have free times; Home/End to the
  // first/last of them.
  function onGridKey(event) {
    var target = event.target;
    if (!target.dataset || !target.dataset.date) return;
    var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    var free = freeDays();
    var key = null;
    if (steps[event.key]) {
      key = target.dataset.date;
      for (var i = 0; i < 62; i++) {
        key = addDays(key, steps[event.key]);
        if (key.slice(0, 7) !== monthKey()) {
          key = null;
          break;
        }
        if (free.indexOf(key) >= 0) break;
      }
    } else if (event.key === "Home") {
      key = free[0];
    } else if (event.key === "End") {
      key = free[free.length - 1];
    } else {
      return;
    }
    event.preventDefault();
    if (!key) return;
    var button = $("weeks").querySelector('button[data-date="' + key + '"]');
    if (button && !button.disabled) {
      chooseDay(key);
      button.focus();
    }
  }

  function renderTimes() {
    var list = $("days");
    list.textContent = "";
    var heading = $("times-heading");
    if (!state.day) {
      heading.textContent = "No day with free times";
      return;
    }
    heading.textContent = formatDay(state.day, { weekday: "long", day: "numeric", month: "long" });
    var daySlots = state.slots.filter(function (slot) {
      return dateKey(slot.at, state.zone) === state.day;
    });
    if (!daySlots.length) {
      var none = document.createElement("p");
      none.className = "none";
      none.textContent = "No free times left on this day.";
      list.appendChild(none);
      return;
    }
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
  }

  function showZoneNow() {
    $("zone-now").textContent =
      "Times are shown in " + state.zone.replace(/_/g, " ") + ": it is " +
      formatTime(new Date()) + " there now.";
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
    if (state.rescheduling) return reschedule();
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
          return loadMonth(false, 0).then(function () {
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
    var offer = $("manage-offer");
    offer.hidden = !result.booking.manage_token;
    if (result.booking.manage_token) {
      $("manage-link").href = manageUrl(result.booking.id, result.booking.manage_token);
    }
    $("booking").hidden = true;
    say("");
    var section = $("confirmation");
    section.hidden = false;
    section.focus();
  }

  // --- managing a booking (the manage link) --------------------------------------

  function manageUrl(id, secret) {
    var url = new URL(location.href);
    url.hash = "manage=" + id + "." + secret;
    return url.toString();
  }

  function manageRequest(suffix, body) {
    var path = "/bookings/" + encodeURIComponent(state.manage.id) + (suffix || "");
    if (body === undefined) {
      return request(apiUrl(path), { headers: { "Manage-Token": state.manage.secret } });
    }
    body.manage_token = state.manage.secret;
    return request(apiUrl(path), { method: "POST", body: body });
  }

  // inactive: the link is switched off (cancelling is all that is left).
  function loadManaged(inactive) {
    return manageRequest("").then(function (r) {
      if (r.status === 404) {
        $("title").textContent = "This manage link does not work";
        $("meta").textContent = "The booking was not found: check that the whole link was copied.";
        return;
      }
      if (r.status !== 200) throw new Error(r.body.error || "HTTP " + r.status);
      if (inactive) {
        var title = (r.body.event && r.body.event.title) || "Your booking";
        state.link = { title: title, timezone: state.zone, inactive: true };
        document.title = title;
        $("title").textContent = title;
        $("meta").textContent = "This booking page is closed: you can still cancel your booking.";
      }
      showManaged(r.body.booking);
    });
  }

  var STATE_TEXT = {
    active: "Confirmed.",
    pending: "Waiting for the organizer's confirmation.",
    cancelled: "Cancelled.",
    declined: "Declined by the organizer.",
  };

  function showManaged(booking, note) {
    state.booking = booking;
    state.rescheduling = false;
    var start = new Date(booking.slot_start);
    var end = new Date(booking.slot_end);
    $("manage-what").textContent = state.link.title;
    $("manage-when").textContent = formatSlot(start, end);
    $("manage-state").textContent = (note ? note + " " : "") + (STATE_TEXT[booking.status] || "");
    var live = booking.status === "active" || booking.status === "pending";
    $("manage-actions").hidden = !live;
    $("reschedule").hidden = !!state.link.inactive;
    $("cancel-confirm").hidden = true;
    $("booking").hidden = true;
    var section = $("manage");
    section.hidden = false;
    section.focus();
  }

  function startReschedule() {
    state.rescheduling = true;
    select(null);
    $("manage").hidden = true;
    $("details-heading").lastChild.textContent = " Confirm the new time";
    $("visitor-fields").hidden = true;
    ["name", "email", "notes"].forEach(function (name) {
      $(name).disabled = true;
    });
    $("submit").textContent = "Reschedule to this time";
    $("booking").hidden = false;
    say("Pick a new time for your booking.");
    startMonth().then(function () {
      $("picker").focus();
    });
  }

  function reschedule() {
    var button = $("submit");
    button.disabled = true;
    say("Rescheduling…");
    return manageRequest("/reschedule", {
      slot_start: state.selected.start,
      slot_end: state.selected.end,
    })
      .then(function (r) {
        if (r.status === 200) {
          say("");
          return showManaged(r.body.booking, "Rescheduled.");
        }
        if (r.status === 409) {
          say("Sorry, that time was just taken or is no longer free. Please pick another time.", "error");
          select(null);
          return loadMonth(false, 0);
        }
        if (r.status === 429) {
          say("Too many attempts: please wait a minute and try again.", "error");
          return;
        }
        say("Something went wrong (" + r.status + "). Please try again.", "error");
      })
      .catch(function () {
        say("The change could not be sent. Check your connection and try again.", "error");
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function cancelBooking() {
    var button = $("cancel-yes");
    button.disabled = true;
    say("Cancelling…");
    return manageRequest("/cancel", {})
      .then(function (r) {
        if (r.status !== 200) {
          say("The booking could not be cancelled (" + r.status + "). Please try again.", "error");
          return;
        }
        say("");
        showManaged(r.body.booking);
      })
      .catch(function () {
        say("The cancellation could not be sent. Check your connection and try again.", "error");
      })
      .then(function () {
        button.disabled = false;
      });
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
      showZoneNow();
      if (state.selected) select(state.selected);
      // Local days differ between zones: the month is asked for again.
      if (viewIndex() < firstIndex()) setView(firstIndex());
      loadMonth(true, 0);
    });
    $("prev").addEventListener("click", function () {
      if (viewIndex() > firstIndex()) {
        setView(viewIndex() - 1);
        loadMonth(true, 0);
      }
    });
    $("next").addEventListener("click", function () {
      if (viewIndex() < firstIndex() + MAX_MONTHS_AHEAD) {
        setView(viewIndex() + 1);
        loadMonth(true, 0);
      }
    });
    $("weeks").addEventListener("keydown", onGridKey);
    $("reschedule").addEventListener("click", startReschedule);
    $("cancel").addEventListener("click", function () {
      $("manage-actions").hidden = true;
      $("cancel-confirm").hidden = false;
      $("cancel-no").focus();
    });
    $("cancel-no").addEventListener("click", function () {
      $("cancel-confirm").hidden = true;
      $("manage-actions").hidden = false;
      $("cancel").focus();
    });
    $("cancel-yes").addEventListener("click", cancelBooking);
    // A manage link opened from the confirmation: same document, new fragment.
    window.addEventListener("hashchange", function () {
      location.reload();
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
