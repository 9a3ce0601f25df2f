"""Sources of an incident: add an article as a source, remove one with a
reason. The source's own history (with its quote) survives its removal, and
both move the incident's ``updated_at`` so partners' sync delivers it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incidents.models import Article, Incident, IncidentSource
from incidents.services.history import act_words, mark_history, save_with_history


def _article_words(article: Article) -> str:
    return f"#{article.pk} «{(article.title or article.url)[:120]}»"


@transaction.atomic
def add_source(
    *, incident: Incident, article: Article, quote: str = "", user: User | None = None
) -> tuple[IncidentSource, bool]:
    """Link ``article`` to ``incident`` with the quoted words; a source the
    incident already has is left as it is. Returns ``(source, created)``."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    existing = IncidentSource.objects.filter(incident=incident, article=article).first()
    if existing is not None:
        return existing, False
    source = IncidentSource(incident=incident, article=article, quote=quote[:2000])
    act = _("added source %(article)s") % {"article": _article_words(article)}
    save_with_history(source, user=user, act=act)
    save_with_history(incident, user=user, act=act, fields=[])
    return source, True


@transaction.atomic
def remove_source(*, source: IncidentSource, user: User | None, reason: str) -> None:
    """Unlink a source. The reason is required; the source's history keeps
    the article and the quote, the incident's history says who and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this source is removed.")})
    source = IncidentSource.objects.select_for_update().select_related("article").get(pk=source.pk)
    incident = Incident.objects.select_for_update().get(pk=source.incident_id)
    act = act_words(
        _("removed source %(article)s") % {"article": _article_words(source.article)}, reason
    )
    mark_history(source, user=user, act=act)
    source.delete()
    save_with_history(incident, user=user, act=act, fields=[])
