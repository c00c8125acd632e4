"""Need-to-know for client identity: practitioners of the client's own unit, and nobody else."""

from liaison.models import StaffMembership

Role = StaffMembership.Role
REFERRAL_ROLES = (Role.PRACTITIONER, Role.LIAISON)


def sees_identity(user, client) -> bool:
    membership = user.membership if user.is_authenticated else None
    return (
        membership is not None
        and membership.role == Role.PRACTITIONER
        and membership.agency_id == client.agency_id
        and membership.unit_id == client.unit_id
    )
