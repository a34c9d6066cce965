from enum import StrEnum


class WebhookReminderDueType(StrEnum):
    REMINDER_DUE = "reminder.due"

    def __str__(self) -> str:
        return str(self.value)
