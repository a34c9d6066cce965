from enum import StrEnum


class ApiKeyCreateScopesType0Item(StrEnum):
    ACCOUNTREAD = "account:read"
    ACCOUNTWRITE = "account:write"
    AVAILABILITYREAD = "availability:read"
    AVAILABILITYWRITE = "availability:write"
    BOOKINGREAD = "booking:read"
    BOOKINGWRITE = "booking:write"
    CALENDARSREAD = "calendars:read"
    CALENDARSWRITE = "calendars:write"
    CONTACTSREAD = "contacts:read"
    CONTACTSWRITE = "contacts:write"
    EVENTSREAD = "events:read"
    EVENTSWRITE = "events:write"

    def __str__(self) -> str:
        return str(self.value)
