import uuid

import pytest

from calapp.api import UNSTORABLE

CONTACT_FIELDS = {
    "id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "phone_e164",
    "company",
    "notes",
    "uid",
    "created_at",
    "updated_at",
}


def _create(client, headers, **fields):
    r = client.post("/contacts", json=fields, headers=headers)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _names(page: dict) -> list[str]:
    return [c["first_name"] for c in page["items"]]


def _search(client, headers, term: str) -> list[str]:
    r = client.get("/contacts", query_string={"search": term}, headers=headers)
    assert r.status_code == 200, r.get_json()
    return sorted(_names(r.get_json()))


@pytest.fixture
def other_headers(auth, make_user):
    return auth.jwt(make_user())


# --- create -------------------------------------------------------------------------


def test_create_returns_the_contact_with_an_etag(client, headers):
    r = client.post(
        "/contacts",
        json={
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.com",
            "phone": "+44 20 7946 0958",
            "company": "Analytical Engines",
            "notes": "Met at the\nRoyal Society  ",
        },
        headers=headers,
    )
    assert r.status_code == 201
    body = r.get_json()
    assert set(body) == CONTACT_FIELDS
    assert body["first_name"] == "Ada" and body["last_name"] == "Lovelace"
    assert body["email"] == "ada@example.com"
    assert body["phone"] == "+44 20 7946 0958"
    assert body["phone_e164"] == "+442079460958"
    assert body["company"] == "Analytical Engines"
    assert body["notes"] == "Met at the\nRoyal Society  "  # notes are kept as given
    assert body["uid"].endswith("@calapp")
    uuid.UUID(body["uid"].removesuffix("@calapp"))
    assert body["created_at"].endswith("Z") and body["updated_at"].endswith("Z")
    assert r.headers["ETag"]


def test_create_with_only_a_company(client, headers):
    body = _create(client, headers, company="ACME")
    assert body["first_name"] is None and body["last_name"] is None
    assert body["email"] is None and body["phone"] is None
    assert body["phone_e164"] is None and body["notes"] is None


def test_names_are_trimmed_and_blank_strings_stored_as_null(client, headers):
    body = _create(
        client, headers, first_name="  Ada ", last_name="", email=" ", phone="  "
    )
    assert body["first_name"] == "Ada"
    assert body["last_name"] is None and body["email"] is None
    assert body["phone"] is None


def test_create_keeps_a_given_uid(client, headers):
    body = _create(client, headers, first_name="Ada", uid="vcard-123@example.org")
    assert body["uid"] == "vcard-123@example.org"


def test_duplicate_uid_is_409(client, headers):
    _create(client, headers, first_name="Ada", uid="same")
    r = client.post(
        "/contacts", json={"first_name": "Bob", "uid": "same"}, headers=headers
    )
    assert r.status_code == 409
    body = r.get_json()
    assert body["code"] == "conflict" and "uid" in body["details"]


def test_a_deleted_contacts_uid_can_be_reused(client, headers):
    first = _create(client, headers, first_name="Ada", uid="same")
    assert client.delete(f"/contacts/{first['id']}", headers=headers).status_code == 204
    assert _create(client, headers, first_name="Bob", uid="same")["uid"] == "same"


def test_uids_are_unique_per_owner_only(client, headers, other_headers):
    _create(client, headers, first_name="Ada", uid="same")
    assert _create(client, other_headers, first_name="Bob", uid="same")["uid"] == "same"


def test_uid_may_not_be_changed_to_a_taken_one(client, headers):
    _create(client, headers, first_name="Ada", uid="taken")
    bob = _create(client, headers, first_name="Bob")
    r = client.put(f"/contacts/{bob['id']}", json={"uid": "taken"}, headers=headers)
    assert r.status_code == 409
    again = client.get(f"/contacts/{bob['id']}", headers=headers).get_json()
    assert again["uid"] == bob["uid"]


# --- validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"notes": "only notes"},
        {"first_name": "", "last_name": "  ", "email": "", "phone": "", "company": ""},
        {"first_name": None, "uid": "x"},
    ],
)
def test_a_contact_needs_a_name_email_phone_or_company(client, headers, body):
    r = client.post("/contacts", json=body, headers=headers)
    assert r.status_code == 400
    payload = r.get_json()
    assert payload["code"] == "validation_error"
    assert "at least one of" in payload["error"]
    assert "_schema" in payload["details"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": "A" * 201}, "first_name"),
        ({"last_name": "A" * 201}, "last_name"),
        ({"company": "A" * 201}, "company"),
        ({"first_name": "Ada", "notes": "n" * 10_001}, "notes"),
        ({"first_name": "Ada", "uid": "u" * 256}, "uid"),
        ({"first_name": "Ada", "uid": ""}, "uid"),
        ({"first_name": "Ada", "uid": None}, "uid"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "ada@localhost"}, "email"),
        ({"phone": "1" * 65}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "+1 415 555 2671; drop table"}, "phone"),
        ({"first_name": 5}, "first_name"),
        ({"first_name": ["Ada"]}, "first_name"),
        ({"first_name": "Ada", "id": str(uuid.uuid4())}, "id"),
        ({"first_name": "Ada", "owner_id": str(uuid.uuid4())}, "owner_id"),
        ({"first_name": "Ada", "phone_e164": "+14155552671"}, "phone_e164"),
        ({"first_name": "Ada", "created_at": "2024-01-01T00:00:00Z"}, "created_at"),
    ],
)
def test_invalid_fields_are_400(client, headers, body, field):
    r = client.post("/contacts", json=body, headers=headers)
    assert r.status_code == 400
    payload = r.get_json()
    assert payload["code"] == "validation_error"
    assert field in payload["details"]


@pytest.mark.parametrize(
    "field", ["first_name", "last_name", "email", "phone", "company", "notes", "uid"]
)
def test_nul_characters_are_400(client, headers, field):
    body = {"company": "ACME", field: "a\x00b"}
    r = client.post("/contacts", json=body, headers=headers)
    assert r.status_code == 400
    assert field in r.get_json()["details"]


def test_lone_surrogates_are_400(client, headers):
    r = client.post(
        "/contacts",
        data='{"first_name": "\\ud800"}',
        content_type="application/json",
        headers=headers,
    )
    assert r.status_code == 400
    assert r.get_json()["details"] == {"first_name": [UNSTORABLE]}


def test_longest_allowed_values_are_accepted(client, headers):
    body = _create(
        client,
        headers,
        first_name="F" * 200,
        last_name="L" * 200,
        company="C" * 200,
        notes="n" * 10_000,
        phone="1" * 64,
        uid="u" * 255,
    )
    assert len(body["notes"]) == 10_000 and body["phone_e164"] is None


def test_non_object_bodies_are_400(client, headers):
    r = client.post("/contacts", json=["Ada"], headers=headers)
    assert r.status_code == 400
    r = client.post(
        "/contacts", data="{", content_type="application/json", headers=headers
    )
    assert r.status_code == 400 and r.get_json()["code"] == "invalid_json"


# --- phone --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "e164"),
    [
        ("+1 (415) 555-2671", "+14155552671"),
        ("+1-415-555-2671", "+14155552671"),
        ("+1 415 555 2671 ext. 12", "+14155552671"),
        ("+1 415.555.2671 x12", "+14155552671"),
        ("+49 30 1234567", "+49301234567"),
        ("555-2671", None),
        ("(415) 555-2671", None),
        ("0049 30 1234567", None),
        ("+999 123", None),
        ("+1 000", None),
    ],
)
def test_phone_is_kept_and_normalised_when_it_parses(client, headers, phone, e164):
    body = _create(client, headers, phone=phone)
    assert body["phone"] == phone
    assert body["phone_e164"] == e164


def test_call_me_is_not_a_phone_number(client, headers):
    r = client.post(
        "/contacts", json={"first_name": "Ada", "phone": "call me"}, headers=headers
    )
    assert r.status_code == 400
    assert r.get_json()["details"]["phone"][0].startswith("must be a phone number")


def test_changing_the_phone_renormalises_it(client, headers):
    contact = _create(client, headers, first_name="Ada", phone="+1 (415) 555-2671")
    url = f"/contacts/{contact['id']}"
    r = client.put(url, json={"phone": "555-2671"}, headers=headers)
    assert r.get_json()["phone"] == "555-2671"
    assert r.get_json()["phone_e164"] is None
    r = client.put(url, json={"phone": "+44 20 7946 0958"}, headers=headers)
    assert r.get_json()["phone_e164"] == "+442079460958"
    r = client.put(url, json={"phone": None}, headers=headers)
    assert r.get_json()["phone"] is None and r.get_json()["phone_e164"] is None


# --- read, update, delete -----------------------------------------------------------


def test_get_a_contact(client, headers):
    contact = _create(client, headers, first_name="Ada")
    r = client.get(f"/contacts/{contact['id']}", headers=headers)
    assert r.status_code == 200
    assert r.get_json() == contact
    assert r.headers["ETag"]


def test_unknown_and_malformed_ids(client, headers):
    r = client.get(f"/contacts/{uuid.uuid4()}", headers=headers)
    assert r.status_code == 404 and r.get_json()["code"] == "not_found"
    r = client.get("/contacts/not-a-uuid", headers=headers)
    assert r.status_code == 400 and r.get_json()["code"] == "validation_error"
    r = client.delete("/contacts/not-a-uuid", headers=headers)
    assert r.status_code == 400


def test_put_is_partial(client, headers):
    contact = _create(
        client, headers, first_name="Ada", last_name="Byron", email="ada@example.com"
    )
    r = client.put(
        f"/contacts/{contact['id']}",
        json={"last_name": "Lovelace", "notes": "Countess"},
        headers=headers,
    )
    assert r.status_code == 200
    body = r.get_json()
    assert body["first_name"] == "Ada" and body["last_name"] == "Lovelace"
    assert body["email"] == "ada@example.com" and body["notes"] == "Countess"
    assert body["uid"] == contact["uid"]
    assert body["created_at"] == contact["created_at"]
    assert body["updated_at"] >= contact["updated_at"]
    assert client.get(f"/contacts/{contact['id']}", headers=headers).get_json() == body


def test_put_with_an_empty_body_changes_nothing(client, headers):
    contact = _create(client, headers, first_name="Ada")
    r = client.put(f"/contacts/{contact['id']}", json={}, headers=headers)
    assert r.status_code == 200
    assert r.get_json()["first_name"] == "Ada"


def test_put_may_not_leave_the_contact_empty(client, headers):
    contact = _create(client, headers, first_name="Ada", notes="keep")
    r = client.put(
        f"/contacts/{contact['id']}", json={"first_name": ""}, headers=headers
    )
    assert r.status_code == 400
    assert "_schema" in r.get_json()["details"]
    again = client.get(f"/contacts/{contact['id']}", headers=headers).get_json()
    assert again["first_name"] == "Ada"


def test_put_validates_like_post(client, headers):
    contact = _create(client, headers, first_name="Ada")
    url = f"/contacts/{contact['id']}"
    assert (
        client.put(url, json={"phone": "call me"}, headers=headers).status_code == 400
    )
    assert client.put(url, json={"owner_id": "x"}, headers=headers).status_code == 400
    assert client.put(url, json={"notes": "\x00"}, headers=headers).status_code == 400


def test_delete_is_soft(client, headers, app):
    from calapp.contacts.models import Contact
    from calapp.extensions import db

    contact = _create(client, headers, first_name="Ada")
    url = f"/contacts/{contact['id']}"
    r = client.delete(url, headers=headers)
    assert r.status_code == 204 and r.data == b""
    assert client.get(url, headers=headers).status_code == 404
    assert client.put(url, json={"notes": "x"}, headers=headers).status_code == 404
    assert client.delete(url, headers=headers).status_code == 404
    assert client.get("/contacts", headers=headers).get_json()["items"] == []
    with app.app_context():
        row = db.session.get(Contact, uuid.UUID(contact["id"]))
        assert row is not None and row.deleted_at is not None


# --- privacy and scopes -------------------------------------------------------------


def test_another_users_contact_is_404(client, headers, other_headers):
    contact = _create(client, headers, first_name="Ada")
    url = f"/contacts/{contact['id']}"
    assert client.get(url, headers=other_headers).status_code == 404
    r = client.put(url, json={"first_name": "Eve"}, headers=other_headers)
    assert r.status_code == 404
    assert client.delete(url, headers=other_headers).status_code == 404
    assert client.get("/contacts", headers=other_headers).get_json()["items"] == []
    assert client.get(url, headers=headers).get_json()["first_name"] == "Ada"


def test_another_users_contacts_are_not_searched(client, headers, other_headers):
    _create(client, headers, first_name="Ada")
    assert _search(client, other_headers, "Ada") == []


def test_read_scope_reads_but_cannot_write(client, headers, auth, user):
    contact = _create(client, headers, first_name="Ada")
    url = f"/contacts/{contact['id']}"
    key = auth.key(user, ["contacts:read"])
    assert client.get("/contacts", headers=key).status_code == 200
    assert client.get(url, headers=key).status_code == 200
    for r in (
        client.post("/contacts", json={"first_name": "Bob"}, headers=key),
        client.put(url, json={"first_name": "Bob"}, headers=key),
        client.delete(url, headers=key),
    ):
        assert r.status_code == 403
        body = r.get_json()
        assert body["code"] == "insufficient_scope"
        assert body["details"]["required"] == ["contacts:write"]
    assert client.get(url, headers=headers).get_json()["first_name"] == "Ada"


def test_write_scope_implies_read(client, auth, user):
    key = auth.key(user, ["contacts:write"])
    contact = _create(client, key, first_name="Ada")
    assert client.get(f"/contacts/{contact['id']}", headers=key).status_code == 200


def test_a_key_without_a_contacts_scope_is_403(client, headers, auth, user):
    contact = _create(client, headers, first_name="Ada")
    key = auth.key(user, ["events:write", "calendars:write"])
    for r in (
        client.get("/contacts", headers=key),
        client.get(f"/contacts/{contact['id']}", headers=key),
        client.post("/contacts", json={"first_name": "Bob"}, headers=key),
    ):
        assert r.status_code == 403
        assert r.get_json()["code"] == "insufficient_scope"


def test_without_credentials_is_401(client):
    assert client.get("/contacts").status_code == 401
    assert client.post("/contacts", json={"first_name": "A"}).status_code == 401
    assert client.get(f"/contacts/{uuid.uuid4()}").status_code == 401


# --- search -------------------------------------------------------------------------


@pytest.fixture
def address_book(client, headers):
    _create(
        client,
        headers,
        first_name="Ada",
        last_name="Lovelace",
        email="countess@analytical.example",
        phone="+44 20 7946 0958",
        company="Engines Ltd",
    )
    _create(
        client,
        headers,
        first_name="Grace",
        last_name="Hopper",
        email="grace@navy.example",
        phone="+1 (415) 555-2671",
        company="US Navy",
        notes="Lovelace fan",
    )
    _create(client, headers, first_name="Alan", last_name="Turing", phone="555-0199")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("ada", ["Ada"]),  # first name
        ("HOPPER", ["Grace"]),  # last name, case-insensitive
        ("tUrInG", ["Alan"]),
        ("navy.EXAMPLE", ["Grace"]),  # email
        ("Analytical", ["Ada"]),
        ("engines", ["Ada"]),  # company
        ("us navy", ["Grace"]),
        ("555-0199", ["Alan"]),  # phone as typed
        ("(415) 555", ["Grace"]),
        ("4155552671", ["Grace"]),  # phone digits, through phone_e164
        ("+442079460958", ["Ada"]),
        ("Ada Lovelace", ["Ada"]),  # across first and last name
        ("a", ["Ada", "Alan", "Grace"]),
        ("  ada  ", ["Ada"]),  # trimmed
        ("fan", []),  # notes are not searched
        ("nobody", []),
    ],
)
def test_search(client, headers, address_book, term, expected):
    assert _search(client, headers, term) == expected


def test_an_empty_search_lists_everything(client, headers, address_book):
    assert _search(client, headers, "") == ["Ada", "Alan", "Grace"]
    assert _search(client, headers, "   ") == ["Ada", "Alan", "Grace"]


def test_search_wildcards_are_literal(client, headers):
    _create(client, headers, first_name="Percent", company="100% Cotton")
    _create(client, headers, first_name="Underscore", email="first_last@example.com")
    _create(client, headers, first_name="Backslash", company="Back\\Slash")
    _create(client, headers, first_name="Plain", company="Firstxlast Cotton")
    assert _search(client, headers, "%") == ["Percent"]
    assert _search(client, headers, "_") == ["Underscore"]
    assert _search(client, headers, "first_last") == ["Underscore"]
    assert _search(client, headers, "\\") == ["Backslash"]
    assert _search(client, headers, "k\\s") == ["Backslash"]
    assert _search(client, headers, "0% c") == ["Percent"]


def test_deleted_contacts_are_not_found(client, headers):
    contact = _create(client, headers, first_name="Ada")
    client.delete(f"/contacts/{contact['id']}", headers=headers)
    assert _search(client, headers, "Ada") == []


@pytest.mark.parametrize(
    "query",
    [
        {"search": "a\x00b"},
        {"search": "x" * 201},
        {"limit": "0"},
        {"limit": "201"},
        {"limit": "ten"},
        {"cursor": "not-a-cursor"},
    ],
)
def test_bad_list_arguments_are_400(client, headers, query):
    r = client.get("/contacts", query_string=query, headers=headers)
    assert r.status_code == 400
    assert r.get_json()["code"] == "validation_error"


# --- order and pagination -----------------------------------------------------------


def test_list_order_is_last_then_first_name_case_insensitively(client, headers):
    for first, last in [
        ("Zoe", "baker"),
        ("Amy", "Baker"),
        ("Carl", "adams"),
        ("Dan", "Carter"),
        ("NoLast", None),
        ("Bob", "Baker"),
    ]:
        _create(client, headers, first_name=first, last_name=last)
    _create(client, headers, company="Nameless Inc")
    items = client.get("/contacts", headers=headers).get_json()["items"]
    # Contacts without a last name (or any name) come first.
    assert [(c["last_name"], c["first_name"]) for c in items] == [
        (None, None),
        (None, "NoLast"),
        ("adams", "Carl"),
        ("Baker", "Amy"),
        ("Baker", "Bob"),
        ("baker", "Zoe"),
        ("Carter", "Dan"),
    ]


def _walk(client, headers, limit: int, between=None, **query) -> list[dict]:
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": limit, **query}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/contacts", query_string=params, headers=headers)
        assert r.status_code == 200, r.get_json()
        page = r.get_json()
        assert len(page["items"]) <= limit
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        pages += 1
        if cursor is None:
            return seen
        if between:
            between(pages)


def test_pagination_walk_with_inserts_between_pages(client, headers):
    originals = [
        _create(client, headers, first_name=first, last_name=last)
        for first, last in [
            ("Ann", "Lee"),
            ("Ann", "Lee"),  # same names: the id breaks the tie
            ("Ben", None),
            ("Cy", "Moss"),
            ("Di", "lee"),
            ("Ed", "Zed"),
        ]
    ]
    originals.append(_create(client, headers, company="Only a company"))
    inserted_after = []

    def insert(page: int) -> None:
        # One row sorting before everything already read, one after it.
        _create(client, headers, first_name=f"Aaa-early{page}")
        inserted_after.append(
            _create(client, headers, first_name=f"Late{page}", last_name="Zzz")
        )

    seen = _walk(client, headers, 2, between=insert)
    ids = [c["id"] for c in seen]
    assert len(ids) == len(set(ids)), "a row was repeated"
    assert {c["id"] for c in originals} <= set(ids), "a row was skipped"
    assert {c["id"] for c in inserted_after} <= set(ids)
    assert not any((c["first_name"] or "").startswith("Aaa-early") for c in seen)
    keys = [
        ((c["last_name"] or "").lower(), (c["first_name"] or "").lower(), c["id"])
        for c in seen
    ]
    assert keys == sorted(keys)


def test_pagination_with_search(client, headers):
    for i in range(5):
        _create(client, headers, first_name=f"Match{i}", company="Wanted")
        _create(client, headers, first_name=f"Other{i}", company="Elsewhere")
    seen = _walk(client, headers, 2, search="e")
    assert len(seen) == 10
    seen = _walk(client, headers, 2, search=" WANTED")
    assert sorted(_names({"items": seen})) == [f"Match{i}" for i in range(5)]


def test_a_cursor_from_another_list_is_rejected(client, headers, auth, user):
    for name in ("A", "B", "C"):
        _create(client, headers, first_name=name)
    page = client.get("/contacts?limit=1", headers=headers).get_json()
    cursor = page["next_cursor"]
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    r = client.get("/contacts", query_string={"cursor": tampered}, headers=headers)
    assert r.status_code == 400
    assert "cursor" in r.get_json()["details"]


def test_a_list_page_costs_a_constant_number_of_statements(client, headers, statements):
    def count_for_a_page() -> tuple[int, int]:
        statements.clear()
        r = client.get("/contacts?limit=100", headers=headers)
        assert r.status_code == 200
        assert sum("FROM contacts" in s for s in statements) == 1
        return len(statements), len(r.get_json()["items"])

    for i in range(3):
        _create(client, headers, first_name=f"C{i}", phone="+1 415 555 2671")
    few, n = count_for_a_page()
    assert n == 3
    for i in range(3, 30):
        _create(client, headers, first_name=f"C{i}", phone="+1 415 555 2671")
    many, n = count_for_a_page()
    assert n == 30
    assert few == many
    assert few <= 6, statements


# --- ETags --------------------------------------------------------------------------


def test_if_none_match_gives_304(client, headers):
    contact = _create(client, headers, first_name="Ada")
    url = f"/contacts/{contact['id']}"
    etag = client.get(url, headers=headers).headers["ETag"]
    r = client.get(url, headers={**headers, "If-None-Match": etag})
    assert r.status_code == 304 and r.data == b""
    assert r.headers["ETag"] == etag
    r = client.get(url, headers={**headers, "If-None-Match": '"other"'})
    assert r.status_code == 200


def test_the_etag_changes_when_the_contact_does(client, headers):
    created = client.post("/contacts", json={"first_name": "Ada"}, headers=headers)
    url = f"/contacts/{created.get_json()['id']}"
    assert client.get(url, headers=headers).headers["ETag"] == created.headers["ETag"]
    updated = client.put(url, json={"last_name": "L"}, headers=headers)
    assert updated.headers["ETag"] != created.headers["ETag"]
    assert client.get(url, headers=headers).headers["ETag"] == updated.headers["ETag"]


def test_a_stale_if_match_is_412(client, headers):
    created = client.post("/contacts", json={"first_name": "Ada"}, headers=headers)
    stale = created.headers["ETag"]
    url = f"/contacts/{created.get_json()['id']}"
    fresh = client.put(
        url, json={"last_name": "L"}, headers={**headers, "If-Match": stale}
    )
    assert fresh.status_code == 200
    r = client.put(url, json={"last_name": "X"}, headers={**headers, "If-Match": stale})
    assert r.status_code == 412
    assert r.get_json()["code"] == "precondition_failed"
    assert client.get(url, headers=headers).get_json()["last_name"] == "L"
    r = client.delete(url, headers={**headers, "If-Match": stale})
    assert r.status_code == 412
    r = client.delete(url, headers={**headers, "If-Match": fresh.headers["ETag"]})
    assert r.status_code == 204


# --- documentation ------------------------------------------------------------------


def test_every_operation_documents_scope_and_errors(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    expected = {
        ("/contacts", "get"): ("contacts:read", {"400", "401", "403"}),
        ("/contacts", "post"): ("contacts:write", {"400", "401", "403", "409"}),
        ("/contacts/{contact_id}", "get"): ("contacts:read", {"304", "401", "404"}),
        ("/contacts/{contact_id}", "put"): (
            "contacts:write",
            {"400", "401", "403", "404", "409", "412"},
        ),
        ("/contacts/{contact_id}", "delete"): (
            "contacts:write",
            {"401", "403", "404", "412"},
        ),
    }
    for (path, method), (scope, statuses) in expected.items():
        operation = paths[path][method]
        assert operation["x-required-scopes"] == [scope]
        assert statuses <= set(operation["responses"])
        summary = operation["summary"]
        assert summary and "\n" not in summary and summary[0].isupper()
