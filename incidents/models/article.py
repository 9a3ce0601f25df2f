"""News feeds and the articles fetched from them."""

from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Feed(models.Model):
    url = models.URLField(_("feed URL"), max_length=1000, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("Expected language, e.g. fr.")
    )
    active = models.BooleanField(_("active"), default=True)
    poll_interval_minutes = models.PositiveIntegerField(
        _("poll interval (minutes)"), default=30, validators=[MinValueValidator(1)]
    )
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified header"), max_length=100, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Polling bookkeeping changes every few minutes; editors' changes are what matter.
    history = HistoricalRecords(excluded_fields=["last_polled_at", "etag", "last_modified"])

    class Meta:
        ordering = ["title", "url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(poll_interval_minutes__gte=1),
                name="feed_poll_interval_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class ArticleStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be fetched")
    FETCHED = "fetched", _("Fetched, waiting for extraction")
    PROCESSED = "processed", _("Processed")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (duplicate or not news)")


class Article(models.Model):
    url = models.URLField(_("canonical URL"), max_length=2000, unique=True)
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "SHA-256 of the normalised text; the same story under two URLs is stored once."
        ),
    )
    feed = models.ForeignKey(
        Feed,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("feed"),
    )
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.PENDING
    )
    error = models.TextField(_("processing error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(
        _("last queued"),
        null=True,
        blank=True,
        help_text=_(
            "When the article was last handed to the queue or picked up by a "
            "worker; the sweeper queues it again when this gets too old."
        ),
    )
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["attempts"])

    # Not stored: on an article a submission returns, whether it could be
    # queued (an incidents.tasks.QueueTicket; see incidents.ingest.submit).
    queue_ticket: Any = None

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
        ]
        indexes = [
            # The worker picks up work with status = pending/fetched.
            models.Index(fields=["status", "created_at"], name="article_status_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url
