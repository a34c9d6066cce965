import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from calapp.contacts import service
from calapp.contacts.models import Contact
from calapp.errors import Conflict, NotFound, ValidationError
from calapp.extensions import db
from calapp.security import Principal
from calapp.users.service import now


@pytest.fixture
def me(user):
    return Principal(user_id=user.id)


def _walk(principal, limit, search=None):
    seen, cursor = [], None
    while True:
        rows, cursor = service.list_page(principal, search, limit, cursor)
        seen.extend(rows)
        if cursor is None:
            return seen


# --- pure helpers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "e164"),
    [
        ("+1 (415) 555-2671", "+14155552671"),
        (" +1 415 555 2671", "+14155552671"),
        ("+1 415 555 2671 ext 9", "+14155552671"),
        ("+44 20 7946 0958", "+442079460958"),
        ("555-2671", None),  # no country code: no region is guessed
        ("(415) 555-2671", None),
        ("+1 555", None),  # too short to be valid
        ("+999 123 456", None),  # no such country code
        ("", None),
        (None, None),
    ],
)
def test_to_e164(phone, e164):
    assert service.to_e164(phone) == e164


@pytest.mark.parametrize(
    ("term", "pattern"),
    [
        ("ada", "%ada%"),
        ("100%", "%100\\%%"),
        ("a_b", "%a\\_b%"),
        ("back\\slash", "%back\\\\slash%"),
        ("\\%_", "%\\\\\\%\\_%"),
    ],
)
def test_like_pattern_escapes_wildcards(term, pattern):
    assert service.like_pattern(term) == pattern


def test_generated_uids_are_unique():
    assert len({service.new_uid() for _ in range(100)}) == 100


# --- create / update / delete -------------------------------------------------------


def test_create_needs_something_identifying(ctx, me):
    with pytest.raises(ValidationError) as exc:
        service.create(me, {"notes": "who?"}, now())
    assert "_schema" in exc.value.details


def test_create_normalises_the_phone_and_generates_a_uid(ctx, me):
    contact = service.create(me, {"phone": "+1 (415) 555-2671"}, now())
    assert contact.phone == "+1 (415) 555-2671"
    assert contact.phone_e164 == "+14155552671"
    assert contact.uid.endswith("@calapp")
    assert contact.owner_id == me.user_id


def test_a_uid_conflict_leaves_the_session_usable(ctx, me):
    service.create(me, {"first_name": "Ada", "uid": "u1"}, now())
    with pytest.raises(Conflict):
        service.create(me, {"first_name": "Bob", "uid": "u1"}, now())
    assert [c.first_name for c in _walk(me, 10)] == ["Ada"]


def test_a_refused_update_is_undone_and_the_session_stays_usable(ctx, me):
    service.create(me, {"first_name": "Ada", "uid": "u1"}, now())
    bob = service.create(me, {"first_name": "Bob", "uid": "u2"}, now())
    with pytest.raises(Conflict):
        service.update(me, bob.id, {"uid": "u1", "last_name": "B"}, now())
    with pytest.raises(ValidationError):
        service.update(me, bob.id, {"first_name": None}, now())
    assert (bob.uid, bob.first_name, bob.last_name) == ("u2", "Bob", None)
    assert sorted(c.uid for c in _walk(me, 10)) == ["u1", "u2"]
    assert service.update(me, bob.id, {"last_name": "B"}, now()).last_name == "B"


def test_update_recomputes_e164_and_keeps_other_fields(ctx, me):
    contact = service.create(
        me, {"first_name": "Ada", "phone": "+1 415 555 2671"}, now()
    )
    later = now() + timedelta(seconds=1)
    updated = service.update(me, contact.id, {"phone": "555-2671"}, later)
    assert updated.phone_e164 is None and updated.first_name == "Ada"
    assert updated.updated_at == later


def test_update_checks_if_match_before_changing(ctx, me):
    contact = service.create(me, {"first_name": "Ada"}, now())

    class Stale(Exception):
        pass

    def refuse(etag):
        assert etag == service.etag(contact)
        raise Stale

    with pytest.raises(Stale):
        service.update(me, contact.id, {"first_name": "Bob"}, now(), if_match=refuse)
    assert contact.first_name == "Ada"


def test_other_principals_cannot_touch_a_contact(ctx, me, make_user):
    contact = service.create(me, {"first_name": "Ada"}, now())
    stranger = Principal(user_id=make_user().id)
    with pytest.raises(NotFound):
        service.get(stranger, contact.id)
    with pytest.raises(NotFound):
        service.update(stranger, contact.id, {"first_name": "Eve"}, now())
    with pytest.raises(NotFound):
        service.delete(stranger, contact.id, now())
    assert service.list_page(stranger, None, 10, None) == ([], None)


def test_delete_is_soft_and_frees_the_uid(ctx, me):
    contact = service.create(me, {"first_name": "Ada", "uid": "u1"}, now())
    service.delete(me, contact.id, now())
    assert db.session.get(Contact, contact.id).deleted_at is not None
    with pytest.raises(NotFound):
        service.get(me, contact.id)
    assert service.create(me, {"first_name": "Bob", "uid": "u1"}, now()).uid == "u1"


# --- listing ------------------------------------------------------------------------


def test_keyset_walk_is_null_safe(ctx, me):
    """Rows without names (NULL sort columns) are neither skipped nor repeated."""
    made = [service.create(me, {"company": f"Co{i}"}, now()) for i in range(4)]
    made += [service.create(me, {"first_name": f"F{i}"}, now()) for i in range(3)]
    made += [service.create(me, {"last_name": f"L{i}"}, now()) for i in range(3)]
    made += [
        service.create(me, {"first_name": "Same", "last_name": "Name"}, now())
        for _ in range(3)
    ]
    for limit in (1, 2, 3, 50):
        seen = [c.id for c in _walk(me, limit)]
        assert len(seen) == len(set(seen)) == len(made)


def test_search_escapes_like_wildcards(ctx, me):
    service.create(me, {"company": "100% Cotton"}, now())
    service.create(me, {"company": "100 Cotton"}, now())
    service.create(me, {"email": "a_b@example.com"}, now())
    service.create(me, {"email": "axb@example.com"}, now())
    rows, _ = service.list_page(me, "%", 10, None)
    assert [c.company for c in rows] == ["100% Cotton"]
    rows, _ = service.list_page(me, "a_b", 10, None)
    assert [c.email for c in rows] == ["a_b@example.com"]


def _plan(statement: sa.Select) -> str:
    """The plan PostgreSQL picks once a sequential scan is priced out."""
    connection = db.session.connection()
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    compiled = statement.compile(dialect=connection.dialect)
    rows = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    return "\n".join(row[0] for row in rows)


def test_the_list_order_and_the_search_use_their_indexes(ctx, me):
    owner = Contact.owner_id == me.user_id
    live = Contact.deleted_at.is_(None)
    page = (
        sa.select(Contact)
        .where(
            owner,
            live,
            sa.tuple_(service.SORT_LAST, service.SORT_FIRST, Contact.id)
            > sa.tuple_(
                sa.literal("m", sa.String),
                sa.literal("", sa.String),
                sa.literal(uuid.uuid4(), Contact.id.type),
            ),
        )
        .order_by(service.SORT_LAST, service.SORT_FIRST, Contact.id)
        .limit(51)
    )
    assert "ix_contacts_owner_sort" in _plan(page)
    # The search expression must be the indexed one, character for character.
    search = sa.select(Contact.id).where(
        service._SEARCH.ilike(service.like_pattern("love_lace"), escape="\\")
    )
    assert "ix_contacts_search_trgm" in _plan(search)
