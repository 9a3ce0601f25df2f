"""A partner organisation and its API keys.

Keys are hashed by djangorestframework-api-key (only an 8-character prefix is
kept in clear, to find the row); the secret is shown once, when the key is
created in the admin. A key is read-only unless its partner may submit
articles; requests are throttled per key at the partner's rate.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey
from simple_history.models import HistoricalRecords


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to refuse every key of this partner at once."),
    )
    can_submit = models.BooleanField(
        _("may submit articles"),
        default=False,
        help_text=_("Trusted partners may POST articles for ingestion; others only read."),
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=120,
        validators=[MinValueValidator(1)],
        help_text=_("Throttle applied to each of this partner's keys."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requests_per_minute__gte=1),
                name="partner_rate_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerAPIKey(AbstractAPIKey):
    # AbstractAPIKey's fields as they are, under names and help in our catalogue
    # (the library ships no French).
    id = models.CharField(
        _("identifier"), max_length=150, unique=True, primary_key=True, editable=False
    )
    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    hashed_key = models.CharField(_("hashed key"), max_length=150, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    name = models.CharField(
        _("name"),
        max_length=50,
        blank=False,
        default=None,
        help_text=_("What the key is for, e.g. the system that uses it (50 characters at most)."),
    )
    revoked = models.BooleanField(
        _("revoked"),
        blank=True,
        default=False,
        help_text=_("A revoked key is refused from then on; revoking cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        _("expires"),
        blank=True,
        null=True,
        help_text=_("After this moment the key is refused."),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="api_keys",
        verbose_name=_("partner"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # Requests made with the key, counted in the cache and added here when
    # last_used_at is written (at most once a minute; see partners.lookup).
    request_count = models.PositiveBigIntegerField(_("requests"), default=0)
    # Not a column: the cache generation a key was read under (partners.lookup).
    cache_generation: int | None = None
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
        help_text=_("The key issued when this one was rotated."),
    )

    # Who created, revoked or re-scoped a key, and when (not every use).
    history = HistoricalRecords(excluded_fields=["last_used_at", "request_count"])

    class Meta:  # AbstractAPIKey.Meta's ordering, with our (translated) names
        ordering = ("-created",)
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        permissions = [("rotate_partnerapikey", _("Can rotate and revoke partner API keys"))]
