"""Renderers. JSON goes through orjson; GeoJSON and CSV of incidents are
streamed by incidents.api.exports, so their renderers only announce the formats
to content negotiation (and the OpenAPI schema)."""

import orjson
from rest_framework.renderers import BaseRenderer, JSONRenderer


def _default(value):
    # Lazy translation strings, Decimals and the like.
    return str(value)


class FastJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(data, default=_default,
                            option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z)


class GeoJSONRenderer(BaseRenderer):
    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return orjson.dumps(data, default=_default)


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Exports stream their own CSV; errors are switched to JSON.
        return b""
