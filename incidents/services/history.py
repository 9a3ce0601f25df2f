"""How services record an editorial act: in the incident's history
(django-simple-history), with who did it and the act in words as the change
reason, e.g. "pinned 32 (local official and NGO) — reason: the army's figure
excludes civilians". The admin's history page lists them with the time."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext as _

from incidents.models import TollRevision


def figure_words(revision: TollRevision) -> str:
    """A revision as an editor names it: "32 (local official and NGO)"."""
    if revision.killed is None:
        figure = _("%(n)s wounded") % {"n": revision.wounded}
    elif revision.low != revision.high:
        figure = f"{revision.killed} ({revision.low}–{revision.high})"
    else:
        figure = str(revision.killed)
    return f"{figure} ({revision.said_by})" if revision.said_by else figure


def act_words(act: str, reason: str = "") -> str:
    """The act followed by the editor's reason, when one was given."""
    reason = " ".join(reason.split())
    return _("%(act)s — reason: %(reason)s") % {"act": act, "reason": reason} if reason else act


def mark_history(instance: models.Model, *, user: User | None, act: str) -> None:
    """Tell django-simple-history who made the next change to ``instance``
    and why: it reads these two attributes of the instance when it writes the
    historical record (its documented way to pass them without a request)."""
    if user is not None:
        setattr(instance, "_history_user", user)  # noqa: B010 # not a model attribute
    setattr(instance, "_change_reason", act)  # noqa: B010


def save_with_history(
    instance: models.Model, *, user: User | None, act: str, fields: list[str] | None = None
) -> None:
    """Save ``instance`` so its historical record names ``user`` and ``act``.

    With ``fields``, only those columns (and ``updated_at`` when the model
    has one) are written."""
    mark_history(instance, user=user, act=act)
    if fields is None:
        instance.save()
        return
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        fields = [*fields, "updated_at"]
    instance.save(update_fields=sorted(set(fields)))
