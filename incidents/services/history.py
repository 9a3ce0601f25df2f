"""How services record an editorial act: in the incident's history
(django-simple-history), with who did it and the act in words as the change
reason, e.g. "pinned 32 (local official and NGO) — reason: the army's figure
excludes civilians". The admin's history page lists them with the time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _


def figure_words(revision) -> str:
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


def save_with_history(
    instance: models.Model, *, user, act: str, fields: list[str] | None = None
) -> None:
    """Save ``instance`` so its historical record names ``user`` and ``act``.

    With ``fields``, only those columns (and ``updated_at`` when the model
    has one) are written."""
    if user is not None:
        instance._history_user = user
    instance._change_reason = act
    if fields is None:
        instance.save()
        return
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        fields = [*fields, "updated_at"]
    instance.save(update_fields=sorted(set(fields)))


def delete_with_history(instance: models.Model, *, user, act: str) -> None:
    """Delete ``instance``; its last historical record (type "-") keeps its
    fields, ``user`` and ``act``."""
    if user is not None:
        instance._history_user = user  # type: ignore[attr-defined]
    instance._change_reason = act  # type: ignore[attr-defined]
    instance.delete()
