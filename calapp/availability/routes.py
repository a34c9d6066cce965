from flask.views import MethodView

from calapp.api import Blueprint, current_principal
from calapp.availability import explain, service
from calapp.availability.schemas import (
    AvailabilityArgsSchema,
    AvailabilitySchema,
    ExplainSchema,
    FindSlotsSchema,
    FoundSlotsSchema,
    MonthSchema,
    MyMonthArgsSchema,
    SlotExplanationSchema,
)

blp = Blueprint(
    "availability",
    __name__,
    url_prefix="/availability",
    description="Free/busy of calendars and people who share theirs with you, and "
    "common free slots",
)


@blp.route("")
class AvailabilityView(MethodView):
    @blp.doc(operationId="getFreeBusy")
    @blp.auth_required("availability:read")
    @blp.arguments(AvailabilityArgsSchema, location="query")
    @blp.response(200, AvailabilitySchema)
    @blp.errors(404)
    def get(self, args):
        """Get busy blocks of calendars or people (recurring events expanded)

        Merged busy blocks in a window of the calendars you hold any role on
        (freebusy included) and of participants (by user id or email: the calendars
        they share with you), without titles, ids or attendees: cancelled events,
        free (transparent) events and declined invitations do not count. Use it
        before proposing a time.
        """
        return service.free_busy(
            current_principal(),
            args["calendar_id"],
            args["start"],
            args["end"],
            args["participant"],
        )


@blp.route("/find")
class FindSlotsView(MethodView):
    @blp.doc(operationId="findFreeSlots")
    @blp.auth_required("availability:read")
    @blp.arguments(FindSlotsSchema)
    @blp.response(200, FoundSlotsSchema)
    @blp.errors(404)
    def post(self, data):
        """Find slots free for every listed calendar and person, within working hours

        Slots of the given duration free in every listed calendar and for every
        required participant (by user id or email: the calendars they share with
        you, role freebusy or above) at once, inside working hours in the given time
        zone (or one of your schedules, by schedule_id) and inside each participant's
        own default schedule, outside the owners' and participants' time off and
        blocking holidays. With optional_participants, slots where at least
        min_required of them are free, ranked by how many are (their schedules and
        time off count). Use it to schedule a meeting between several people.
        """
        return service.find_common_slots(current_principal(), data)


@blp.route("/month")
class MonthView(MethodView):
    @blp.doc(operationId="getAvailabilityMonth")
    @blp.auth_required("availability:read")
    @blp.arguments(MyMonthArgsSchema, location="query")
    @blp.response(200, MonthSchema)
    @blp.errors(400, 404)
    def get(self, args):
        """Get your month: each day's status and number of free slots

        One entry per local day of the month in `timezone` (default: the
        schedule's): available, partial, full, off, holiday or time_off, the
        holiday's name, and how many slots of duration_minutes your schedule
        (schedule_id, default your default schedule) leaves free after the busy
        time of your calendars, your time off and blocking public holidays. With
        participant (repeatable), the month of a group: slots every participant is
        free in too. A 400 when you have no default schedule and give none.
        """
        return service.my_month(current_principal(), args)


@blp.route("/explain")
class ExplainView(MethodView):
    @blp.auth_required("availability:read")
    @blp.doc(operationId="explainAvailability")
    @blp.arguments(ExplainSchema)
    @blp.response(200, SlotExplanationSchema)
    @blp.errors(404)
    def post(self, data):
        """Explain whether a slot is free for the calendars and people, and why not

        Judges one slot (start plus duration_minutes or end) with the rules of
        POST /availability/find and answers whether find would offer it; if not,
        every reason as a code with detail: outside_working_hours,
        not_on_interval, busy, buffer, time_off or holiday. A busy reason names
        the event (id, title, calendar) only when you may read it and hold
        events:read; otherwise (a calendar shared with you at freebusy) it says
        only when the calendar is busy. With participants, their busy time, time
        off, holidays and own working hours too, each reason naming the participant.
        """
        return explain.explain(current_principal(), data)
