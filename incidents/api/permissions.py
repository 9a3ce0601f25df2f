"""Who may call what.

Reading needs a usable partner key or a signed-in user allowed to view
incidents (analysts, editors). Writing (submitting articles) needs a key of a
partner trusted to submit, or a user allowed to add articles (editors).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from incidents.api.auth import partner_key


def can_read(request) -> bool:
    if partner_key(request) is not None:
        return True
    user = request.user
    return bool(user and user.is_authenticated and user.has_perm("incidents.view_incident"))


def can_submit(request) -> bool:
    key = partner_key(request)
    if key is not None:
        return key.partner.can_submit
    user = request.user
    return bool(user and user.is_authenticated and user.has_perm("incidents.add_article"))


class ReadIncidents(BasePermission):
    """Read-only access for partners and signed-in staff; writes refused."""

    message = _("This API is read-only for your account.")

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS and can_read(request)


class SubmitArticles(BasePermission):
    message = _("Submitting articles needs a trusted partner key or an editor account.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return can_read(request)
        return can_submit(request)
