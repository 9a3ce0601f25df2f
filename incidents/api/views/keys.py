"""The calling partner key, as its owner sees it: when it was last used and
how many requests it has made."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from incidents.api import docs
from incidents.api.auth import partner_key
from partners.lookup import pending_requests


class CurrentKeyView(APIView):
    @extend_schema(
        summary="Your API key: last use and request count",
        responses={
            200: inline_serializer(
                "ApiKeyUsage",
                {
                    "partner": serializers.CharField(),
                    "name": serializers.CharField(),
                    "prefix": serializers.CharField(),
                    "created": serializers.DateTimeField(),
                    "expiry_date": serializers.DateTimeField(allow_null=True),
                    "last_used_at": serializers.DateTimeField(
                        allow_null=True, help_text="Updated at most once a minute."
                    ),
                    "request_count": serializers.IntegerField(),
                },
            ),
            **docs.errors(403),
        },
    )
    def get(self, request):
        api_key = partner_key(request)
        if api_key is None:
            raise PermissionDenied(_("This endpoint describes the partner key you call it with."))
        api_key.refresh_from_db(fields=["last_used_at", "request_count"])
        return Response(
            {
                "partner": api_key.partner.name,
                "name": api_key.name,
                "prefix": api_key.prefix,
                "created": api_key.created,
                "expiry_date": api_key.expiry_date,
                "last_used_at": api_key.last_used_at,
                "request_count": api_key.request_count + pending_requests(api_key.prefix),
            }
        )
