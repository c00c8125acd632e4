"""Need-to-know for client identity: practitioners of the client's own unit, and nobody else
(the object rule of `Can.SEE_CLIENT_IDENTITY` in `liaison.permissions`)."""

from liaison.permissions import Can, can


def sees_identity(user, client) -> bool:
    membership = user.membership if user.is_authenticated else None
    return (
        can(user, Can.SEE_CLIENT_IDENTITY)
        and membership.agency_id == client.agency_id
        and membership.unit_id == client.unit_id
    )
