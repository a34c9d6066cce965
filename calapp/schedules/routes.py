from datetime import date

from flask.views import MethodView

from calapp.api import Blueprint, current_principal, page_of
from calapp.extensions import db
from calapp.schedules import holidays, service
from calapp.schedules.schemas import (
    HolidayArgsSchema,
    HolidayListSchema,
    ScheduleCreateSchema,
    ScheduleListArgsSchema,
    ScheduleSchema,
    ScheduleUpdateSchema,
    TimeOffCreateSchema,
    TimeOffListArgsSchema,
    TimeOffSchema,
    TimeOffUpdateSchema,
)
from calapp.users.service import now

blp = Blueprint(
    "schedules",
    __name__,
    url_prefix="/schedules",
    description="Your availability schedules: weekly windows and date overrides",
)
time_off_blp = Blueprint(
    "time-off",
    __name__,
    url_prefix="/time-off",
    description="Your time off: busy in every availability answer",
)
holidays_blp = Blueprint(
    "holidays",
    __name__,
    url_prefix="/holidays",
    description="Public holidays of a country or one of its regions",
)


def _shown(schedule, default_ids: set) -> dict:
    return {
        "id": schedule.id,
        "name": schedule.name,
        "timezone": schedule.timezone,
        "weekly": schedule.weekly,
        "date_overrides": [
            {"date": date.fromisoformat(o["date"]), "windows": o["windows"]}
            for o in schedule.date_overrides
        ],
        "is_default": schedule.id in default_ids,
        "created_at": schedule.created_at,
        "updated_at": schedule.updated_at,
    }


def _one(schedule) -> dict:
    return _shown(schedule, service.default_ids([schedule.owner_id]))


@blp.route("")
class SchedulesView(MethodView):
    @blp.doc(operationId="listSchedules")
    @blp.auth_required("availability:read")
    @blp.arguments(ScheduleListArgsSchema, location="query")
    @blp.response(200, page_of(ScheduleSchema))
    def get(self, args):
        """List your availability schedules, oldest first

        Every schedule of the signed-in user with its weekly windows, date overrides
        and whether it is the default one that booking links and slot finding use.
        """
        principal = current_principal()
        items, cursor = service.schedules_page(principal, args["limit"], args["cursor"])
        defaults = service.default_ids([principal.user_id])
        return {"items": [_shown(s, defaults) for s in items], "next_cursor": cursor}

    @blp.doc(operationId="createSchedule")
    @blp.auth_required("availability:write")
    @blp.arguments(ScheduleCreateSchema)
    @blp.response(201, ScheduleSchema)
    def post(self, data):
        """Create an availability schedule

        Weekly windows per weekday (several a day, HH:MM local wall times in the
        schedule's IANA zone, no overlaps) and date overrides that replace a day's
        windows or mark it unavailable. Your first schedule becomes your default.
        """
        schedule = service.create_schedule(current_principal(), data, now())
        db.session.commit()
        return _one(schedule)


@blp.route("/<uuid:schedule_id>")
class ScheduleByIdView(MethodView):
    @blp.doc(operationId="getSchedule")
    @blp.auth_required("availability:read")
    @blp.response(200, ScheduleSchema)
    @blp.errors(404)
    def get(self, schedule_id):
        """Get one of your availability schedules

        The schedule's zone, weekly windows and date overrides, as booking links
        that reference it read them. Someone else's schedule is a 404.
        """
        return _one(service.get_schedule(current_principal(), schedule_id))

    @blp.doc(operationId="updateSchedule")
    @blp.auth_required("availability:write")
    @blp.arguments(ScheduleUpdateSchema)
    @blp.response(200, ScheduleSchema)
    @blp.errors(404)
    def put(self, changes, schedule_id):
        """Update an availability schedule (partial; weekly and overrides replaced)

        Change the name, zone, weekly windows or date overrides; the booking links
        using the schedule offer the new times at once. is_default true makes it
        your default schedule.
        """
        schedule = service.update_schedule(
            current_principal(), schedule_id, changes, now()
        )
        db.session.commit()
        return _one(schedule)

    @blp.doc(operationId="deleteSchedule")
    @blp.auth_required("availability:write")
    @blp.response(204)
    @blp.errors(404, 409)
    def delete(self, schedule_id):
        """Delete an availability schedule

        A schedule a booking link still uses cannot be deleted (409: point the link
        at other hours first). Deleting your default leaves you without a default.
        """
        service.delete_schedule(current_principal(), schedule_id, now())
        db.session.commit()


# --- time off -------------------------------------------------------------------------


@time_off_blp.route("")
class TimeOffListView(MethodView):
    @time_off_blp.doc(operationId="listTimeOff")
    @time_off_blp.auth_required("availability:read")
    @time_off_blp.arguments(TimeOffListArgsSchema, location="query")
    @time_off_blp.response(200, page_of(TimeOffSchema))
    def get(self, args):
        """List your time off by start, optionally within a window

        Every absence of the signed-in user, earliest first; start and end keep only
        those overlapping that window. Time off is busy in free/busy, booking links
        and slot finding.
        """
        items, cursor = service.time_off_page(
            current_principal(),
            args["limit"],
            args["cursor"],
            args.get("start"),
            args.get("end"),
        )
        return {"items": items, "next_cursor": cursor}

    @time_off_blp.doc(operationId="createTimeOff")
    @time_off_blp.auth_required("availability:write")
    @time_off_blp.arguments(TimeOffCreateSchema)
    @time_off_blp.response(201, TimeOffSchema)
    def post(self, data):
        """Add time off (timed, or whole days)

        Timed with start_time and end_time, or all_day with start_date and end_date
        (inclusive) in a zone. From then on you are busy for the whole span in
        free/busy, your booking links and slot finding; the reason stays private.
        """
        entry = service.create_time_off(current_principal(), data, now())
        db.session.commit()
        return entry


@time_off_blp.route("/<uuid:time_off_id>")
class TimeOffByIdView(MethodView):
    @time_off_blp.doc(operationId="getTimeOff")
    @time_off_blp.auth_required("availability:read")
    @time_off_blp.response(200, TimeOffSchema)
    @time_off_blp.errors(404)
    def get(self, time_off_id):
        """Get one of your absences

        The span of one absence with its dates, zone and private reason. Someone
        else's time off is a 404.
        """
        return service.get_time_off(current_principal(), time_off_id)

    @time_off_blp.doc(operationId="updateTimeOff")
    @time_off_blp.auth_required("availability:write")
    @time_off_blp.arguments(TimeOffUpdateSchema)
    @time_off_blp.response(200, TimeOffSchema)
    @time_off_blp.errors(404)
    def put(self, changes, time_off_id):
        """Update time off (partial)

        Move or extend an absence, change its reason, or switch between timed and
        all-day (then give the other kind's fields). Availability follows at once.
        """
        entry = service.update_time_off(
            current_principal(), time_off_id, changes, now()
        )
        db.session.commit()
        return entry

    @time_off_blp.doc(operationId="deleteTimeOff")
    @time_off_blp.auth_required("availability:write")
    @time_off_blp.response(204)
    @time_off_blp.errors(404)
    def delete(self, time_off_id):
        """Delete time off

        Cancel an absence: its span is free again wherever your calendars and
        schedules say so.
        """
        service.delete_time_off(current_principal(), time_off_id, now())
        db.session.commit()


# --- holidays -------------------------------------------------------------------------


@holidays_blp.route("")
class HolidaysView(MethodView):
    @holidays_blp.doc(operationId="listHolidays")
    @holidays_blp.auth_required("availability:read")
    @holidays_blp.arguments(HolidayArgsSchema, location="query")
    @holidays_blp.response(200, HolidayListSchema)
    def get(self, args):
        """List the public holidays of a country (or subdivision) in a year

        A year's public holidays by date, in English, for a country code (DE, US,
        AU) and optionally one of its subdivisions (BY, CA, NSW): the days that block
        your schedule when holiday_country is set and holidays_block is true. The
        list is a year long, so it is never paged.
        """
        country, subdivision = holidays.region(args["country"], args.get("subdivision"))
        days = holidays.of_year(country, subdivision, args["year"])
        return {
            "country": country,
            "subdivision": subdivision,
            "year": args["year"],
            "items": [{"date": d, "name": n} for d, n in days],
        }
