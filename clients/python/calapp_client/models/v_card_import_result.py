from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.import_error import ImportError_
    from ..models.repair import Repair


T = TypeVar("T", bound="VCardImportResult")


@_attrs_define
class VCardImportResult:
    """
    Example:
        {'created': 120, 'dry_run': False, 'errors': [], 'repaired': [], 'skipped': 0, 'updated': 4}

    Attributes:
        created (int):
        dry_run (bool):
        errors (list[ImportError_]): Items not imported, and why (the rest are)
        repaired (list[Repair]): What was fixed or read in a particular way
        skipped (int): Unchanged, or older than what is stored
        updated (int):
    """

    created: int
    dry_run: bool
    errors: list[ImportError_]
    repaired: list[Repair]
    skipped: int
    updated: int

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        dry_run = self.dry_run

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        repaired = []
        for repaired_item_data in self.repaired:
            repaired_item = repaired_item_data.to_dict()
            repaired.append(repaired_item)

        skipped = self.skipped

        updated = self.updated

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created": created,
                "dry_run": dry_run,
                "errors": errors,
                "repaired": repaired,
                "skipped": skipped,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_error import ImportError_  # noqa: PLC0415
        from ..models.repair import Repair  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        dry_run = d.pop("dry_run")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ImportError_.from_dict(errors_item_data)

            errors.append(errors_item)

        repaired = []
        _repaired = d.pop("repaired")
        for repaired_item_data in _repaired:
            repaired_item = Repair.from_dict(repaired_item_data)

            repaired.append(repaired_item)

        skipped = d.pop("skipped")

        updated = d.pop("updated")

        v_card_import_result = cls(
            created=created,
            dry_run=dry_run,
            errors=errors,
            repaired=repaired,
            skipped=skipped,
            updated=updated,
        )

        return v_card_import_result
