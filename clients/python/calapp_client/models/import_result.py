from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.import_result_mode import ImportResultMode

if TYPE_CHECKING:
    from ..models.import_error import ImportError_
    from ..models.import_result_skipped_components import ImportResultSkippedComponents
    from ..models.repair import Repair


T = TypeVar("T", bound="ImportResult")


@_attrs_define
class ImportResult:
    """
    Example:
        {'calendar_id': '0b9f3c2e-5d4a-4e8b-9c1f-2a7d6e4b8c10', 'created': 42, 'deleted': 0, 'dry_run': False, 'errors':
            [{'error': 'DTSTART is missing', 'uid': 'broken-7@example.com'}], 'mode': 'merge', 'repaired': [{'uid': None,
            'what': "TZID 'Eastern Standard Time' read as America/New_York"}], 'skipped': 1, 'skipped_components': {'VTODO':
            2}, 'updated': 3}

    Attributes:
        calendar_id (None | UUID): null only for a dry run into a new calendar
        created (int):
        deleted (int): Events deleted: with mode=replace those the file no longer has; always, changed occurrences a new
            rule no longer has
        dry_run (bool):
        errors (list[ImportError_]): Items not imported, and why (the rest are)
        mode (ImportResultMode):
        repaired (list[Repair]): What was fixed or read in a particular way
        skipped (int): Unchanged, or older than what is stored
        skipped_components (ImportResultSkippedComponents): Components not imported, by name (VTODO, ...)
        updated (int):
    """

    calendar_id: None | UUID
    created: int
    deleted: int
    dry_run: bool
    errors: list[ImportError_]
    mode: ImportResultMode
    repaired: list[Repair]
    skipped: int
    skipped_components: ImportResultSkippedComponents
    updated: int

    def to_dict(self) -> dict[str, Any]:
        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        created = self.created

        deleted = self.deleted

        dry_run = self.dry_run

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        mode = self.mode.value

        repaired = []
        for repaired_item_data in self.repaired:
            repaired_item = repaired_item_data.to_dict()
            repaired.append(repaired_item)

        skipped = self.skipped

        skipped_components = self.skipped_components.to_dict()

        updated = self.updated

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "calendar_id": calendar_id,
                "created": created,
                "deleted": deleted,
                "dry_run": dry_run,
                "errors": errors,
                "mode": mode,
                "repaired": repaired,
                "skipped": skipped,
                "skipped_components": skipped_components,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_error import ImportError_  # noqa: PLC0415
        from ..models.import_result_skipped_components import ImportResultSkippedComponents  # noqa: PLC0415
        from ..models.repair import Repair  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        created = d.pop("created")

        deleted = d.pop("deleted")

        dry_run = d.pop("dry_run")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ImportError_.from_dict(errors_item_data)

            errors.append(errors_item)

        mode = ImportResultMode(d.pop("mode"))

        repaired = []
        _repaired = d.pop("repaired")
        for repaired_item_data in _repaired:
            repaired_item = Repair.from_dict(repaired_item_data)

            repaired.append(repaired_item)

        skipped = d.pop("skipped")

        skipped_components = ImportResultSkippedComponents.from_dict(d.pop("skipped_components"))

        updated = d.pop("updated")

        import_result = cls(
            calendar_id=calendar_id,
            created=created,
            deleted=deleted,
            dry_run=dry_run,
            errors=errors,
            mode=mode,
            repaired=repaired,
            skipped=skipped,
            skipped_components=skipped_components,
            updated=updated,
        )

        return import_result
