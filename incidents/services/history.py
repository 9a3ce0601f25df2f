"""How services record an editorial act: in the incident's history
(django-simple-history), with who did it and the act in words as the change
reason, e.g. "pinned 32 (local official and NGO) — reason: the army's figure
excludes civilians". The admin's history page lists them with the time."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import connection, models
from django.utils import timezone
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


def delete_with_history(instance: models.Model, *, user: User | None, act: str) -> None:
    """Delete ``instance``; its last historical record (type "-") keeps its
    fields, ``user`` and ``act``."""
    mark_history(instance, user=user, act=act)
    instance.delete()


def touch_with_history(queryset: models.QuerySet[Any], *, user: User | None, act: str) -> int:
    """Move ``updated_at`` of every row of ``queryset`` and give each row a
    historical record naming ``user`` and ``act`` — in two statements
    however many rows (an UPDATE, then an INSERT … SELECT of the rows into
    their history table), for an act that changes what thousands of
    incidents show, such as an actor's rename. Returns the number of rows."""
    model = queryset.model
    now = timezone.now()
    ids = queryset.order_by().values("pk")
    count = model._default_manager.filter(pk__in=ids).update(updated_at=now)
    if not count:
        return 0
    historical = model.history.model
    own = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
    columns = [f.column for f in historical._meta.concrete_fields if f.name not in own]
    id_sql, id_params = (
        model._default_manager.filter(pk__in=ids).values("pk").query.sql_with_params()
    )
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    sql = (
        f"INSERT INTO {quote(historical._meta.db_table)} "  # nosec B608 # names from the models
        f"({names}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {names}, %s, %s, '~', %s FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} IN ({id_sql})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, act, getattr(user, "pk", None), *id_params])
    return int(count)
