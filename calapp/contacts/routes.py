from flask.views import MethodView

from calapp.api import (
    Blueprint,
    check_if_match,
    current_principal,
    page_of,
    with_etag,
)
from calapp.contacts import service
from calapp.contacts.schemas import (
    ContactCreateSchema,
    ContactListArgsSchema,
    ContactSchema,
    ContactUpdateSchema,
    DeletedContactSchema,
)
from calapp.extensions import db
from calapp.users.service import now

blp = Blueprint(
    "contacts",
    __name__,
    url_prefix="/contacts",
    description="Your address book: private contacts with search. A contact needs "
    "at least one of first_name, last_name, email, phone or company; blank strings "
    "are stored as null; phone is kept as typed and normalised into phone_e164 when "
    "it starts with + and a country code.",
)


@blp.route("")
class ContactsView(MethodView):
    @blp.doc(operationId="listContacts")
    @blp.auth_required("contacts:read")
    @blp.arguments(ContactListArgsSchema, location="query")
    @blp.response(200, page_of(ContactSchema, DeletedContactSchema))
    @blp.errors(410)
    def get(self, args):
        """List your contacts by name (or search), or those changed since sync_token

        Your private address book, ordered by name; search matches names, email, phone
        and company case-insensitively. With sync_token, what changed since.
        """
        return service.listing(current_principal(), args)

    @blp.doc(operationId="createContact")
    @blp.auth_required("contacts:write")
    @blp.arguments(ContactCreateSchema)
    @blp.response(201, ContactSchema)
    @blp.errors(409)
    def post(self, data):
        """Create a contact

        A new contact in your address book; at least one of the name fields, email,
        phone or company is needed.
        """
        contact = service.create(current_principal(), data, now())
        db.session.commit()
        return with_etag(contact, service.etag(contact), 201)


@blp.route("/<uuid:contact_id>")
class ContactByIdView(MethodView):
    @blp.doc(operationId="getContact")
    @blp.auth_required("contacts:read")
    @blp.response(200, ContactSchema)
    @blp.etag_get()
    @blp.errors(400, 404)
    def get(self, contact_id):
        """Get a contact

        One contact of your address book with its ETag.
        """
        contact = service.get(current_principal(), contact_id)
        return with_etag(contact, service.etag(contact))

    @blp.doc(operationId="updateContact")
    @blp.auth_required("contacts:write")
    @blp.arguments(ContactUpdateSchema)
    @blp.response(200, ContactSchema)
    @blp.errors(404, 409, 412)
    def put(self, changes, contact_id):
        """Update a contact (partial bodies allowed)

        Change the fields sent and keep the others; null clears a field. If-Match guards
        against lost updates.
        """
        contact = service.update(
            current_principal(), contact_id, changes, now(), if_match=check_if_match
        )
        db.session.commit()
        return with_etag(contact, service.etag(contact))

    @blp.doc(operationId="deleteContact")
    @blp.auth_required("contacts:write")
    @blp.response(204)
    @blp.errors(400, 404, 412)
    def delete(self, contact_id):
        """Delete a contact

        Removes a contact from your address book (and from CardDAV clients on their next
        sync).
        """
        service.delete(current_principal(), contact_id, now(), if_match=check_if_match)
        db.session.commit()
