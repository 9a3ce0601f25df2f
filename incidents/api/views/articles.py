"""Submit an article for ingestion and follow its processing."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from incidents.api import docs
from incidents.api.filters import StrictParametersMixin
from incidents.api.permissions import SubmitArticles
from incidents.api.renderers import FastJSONRenderer
from incidents.api.serializers import ArticleStatusSerializer, ArticleSubmitSerializer
from incidents.api.submit import submit_article
from incidents.api.views.incidents import MAX_ID
from incidents.ingest.submit import queue_message
from incidents.models import Article


def article_status(article: Article, request, created: bool | None = None) -> dict:
    body = {
        "id": article.pk,
        "url": article.url,
        "status": article.status,
        "error": article.error,
        "title": article.title,
        "created_at": article.created_at,
        "processed_at": article.processed_at,
        "incidents": sorted(article.incident_sources.values_list("incident_id", flat=True)),
        "status_url": request.build_absolute_uri(f"/api/v1/articles/{article.pk}/"),
    }
    if created is not None:
        body["created"] = created
    return body


class ArticleViewSet(StrictParametersMixin, viewsets.GenericViewSet):
    permission_classes = [SubmitArticles]
    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer]
    parser_classes = [JSONParser]
    serializer_class = ArticleSubmitSerializer
    queryset = Article.objects.all()
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="Submit a URL or pasted text for ingestion (editors, trusted partners)",
        request=ArticleSubmitSerializer,
        responses={
            202: ArticleStatusSerializer,
            200: ArticleStatusSerializer,
            **docs.errors(400, 415),
        },
        examples=[
            OpenApiExample(
                "A URL", request_only=True, value={"url": "https://news.example.org/2025/02/gao"}
            )
        ],
    )
    def create(self, request):
        payload = ArticleSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        article, created = submit_article(**payload.validated_data)
        body = article_status(article, request, created)
        ticket = getattr(article, "queue_ticket", None)
        body["queued"] = bool(ticket and ticket.queued)
        body["queue_message"] = queue_message(article)
        return Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)

    @extend_schema(
        summary="Processing status of a submitted article",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Article id.")],
        responses={200: ArticleStatusSerializer, **docs.errors(400, 404)},
    )
    def retrieve(self, request, pk=None):
        if not str(pk).isdigit() or int(pk) > MAX_ID:
            raise Http404
        article = self.get_object()
        return Response(article_status(article, request))
