"""Small spherical-geometry helpers and road (polyline) projection, pure Python.

Projection onto a route works segment by segment in a local equirectangular frame
centred on the segment, which is accurate to metres over the few-km segments of a
road; chainage (km from the first vertex) sums great-circle segment lengths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_KM = 6371.0088

BEARINGS = {
    "north": 0,
    "nord": 0,
    "northeast": 45,
    "north-east": 45,
    "nord-est": 45,
    "east": 90,
    "est": 90,
    "southeast": 135,
    "south-east": 135,
    "sud-est": 135,
    "south": 180,
    "sud": 180,
    "southwest": 225,
    "south-west": 225,
    "sud-ouest": 225,
    "west": 270,
    "ouest": 270,
    "northwest": 315,
    "north-west": 315,
    "nord-ouest": 315,
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Great-circle midpoint (lat, lon)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    l1, dl = math.radians(lon1), math.radians(lon2 - lon1)
    bx, by = math.cos(p2) * math.cos(dl), math.cos(p2) * math.sin(dl)
    lat = math.atan2(math.sin(p1) + math.sin(p2), math.sqrt((math.cos(p1) + bx) ** 2 + by**2))
    lon = l1 + math.atan2(by, math.cos(p1) + bx)
    return math.degrees(lat), (math.degrees(lon) + 540) % 360 - 180


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) along ``bearing_deg`` (0 = north)."""
    d = km / EARTH_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Bearing in degrees (0 = north) from the first point toward the second."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


@dataclass(frozen=True, slots=True)
class Projection:
    km: float  # chainage along the line
    offset_km: float  # distance from the point to the line
    lat: float
    lon: float


class Polyline:
    """A road as (lon, lat) vertices with precomputed cumulative km."""

    def __init__(self, coordinates: tuple[tuple[float, float], ...]):
        self.coords = coordinates
        self.cum = [0.0]
        for (lo1, la1), (lo2, la2) in zip(coordinates, coordinates[1:], strict=False):
            self.cum.append(self.cum[-1] + haversine_km(la1, lo1, la2, lo2))

    @property
    def length_km(self) -> float:
        return self.cum[-1]

    def project(self, lat: float, lon: float) -> Projection | None:
        best: Projection | None = None
        for i in range(len(self.coords) - 1):
            (lo1, la1), (lo2, la2) = self.coords[i], self.coords[i + 1]
            kx = math.cos(math.radians((la1 + la2) / 2)) * 111.32
            ky = 110.57
            ax, ay = 0.0, 0.0
            bx, by = (lo2 - lo1) * kx, (la2 - la1) * ky
            px, py = (lon - lo1) * kx, (lat - la1) * ky
            seg2 = bx * bx + by * by
            t = 0.0 if seg2 == 0 else max(0.0, min(1.0, (px * bx + py * by) / seg2))
            qx, qy = ax + t * bx, ay + t * by
            off = math.hypot(px - qx, py - qy)
            if best is None or off < best.offset_km:
                seg_len = self.cum[i + 1] - self.cum[i]
                best = Projection(
                    self.cum[i] + t * seg_len, off, la1 + t * (la2 - la1), lo1 + t * (lo2 - lo1)
                )
        return best

    def point_at(self, km: float) -> tuple[float, float]:
        """(lat, lon) at chainage ``km``."""
        km = max(0.0, min(self.length_km, km))
        for i in range(len(self.coords) - 1):
            if self.cum[i + 1] >= km:
                seg = self.cum[i + 1] - self.cum[i]
                t = 0.0 if seg == 0 else (km - self.cum[i]) / seg
                (lo1, la1), (lo2, la2) = self.coords[i], self.coords[i + 1]
                return la1 + t * (la2 - la1), lo1 + t * (lo2 - lo1)
        lo, la = self.coords[-1]
        return la, lo
