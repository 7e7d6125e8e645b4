"""Offline map geometry for the report: Europe's country outlines, and an SVG choropleth renderer.

The shipped file ``assets/europe.geojson`` is built by :func:`build` from Natural Earth 1:50m Admin 0
boundaries (public domain) as redistributed in TopoJSON by the npm package ``world-atlas@2``
(ISC licence, Mike Bostock): ``npm pack world-atlas@2``, unpack, then

    python -m redline.report.geometry package/countries-50m.json

The build decodes the TopoJSON (delta-decoded quantised arcs, stitched into rings), keeps the
countries that reach into the map window, clamps coordinates to a box around it (invisible outside
the window, and keeps Russia small), rounds to 0.01° and tags each feature with its ISO3 code.
Nothing is fetched at run time and the report loads no map tiles or CDN files.

Natural Earth draws de facto boundaries; :func:`load_europe` redraws them as internationally recognised
(Crimea inside Ukraine, hatched and labelled as occupied; see :data:`OCCUPIED`).
"""

from __future__ import annotations

import json
import math
import sys
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

__all__ = [
    "ASSET",
    "NAME_TO_ISO3",
    "OCCUPIED",
    "build",
    "choropleth_svg",
    "load_europe",
    "map_point",
    "recognised_borders",
    "topojson_to_geojson",
]

ASSET = Path(__file__).with_name("assets") / "europe.geojson"

WINDOW = (-25.0, 33.0, 50.0, 71.5)
"""lon_min, lat_min, lon_max, lat_max of the map (Europe with Turkey, the Caucasus and Ukraine)."""

_CLAMP = (-40.0, 20.0, 100.0, 82.0)

NAME_TO_ISO3 = {
    "Albania": "ALB",
    "Andorra": "AND",
    "Armenia": "ARM",
    "Austria": "AUT",
    "Azerbaijan": "AZE",
    "Belarus": "BLR",
    "Belgium": "BEL",
    "Bosnia and Herz.": "BIH",
    "Bulgaria": "BGR",
    "Croatia": "HRV",
    "Cyprus": "CYP",
    "Czechia": "CZE",
    "Denmark": "DNK",
    "Estonia": "EST",
    "Finland": "FIN",
    "France": "FRA",
    "Georgia": "GEO",
    "Germany": "DEU",
    "Greece": "GRC",
    "Hungary": "HUN",
    "Iceland": "ISL",
    "Ireland": "IRL",
    "Italy": "ITA",
    "Kosovo": "XKX",
    "Latvia": "LVA",
    "Liechtenstein": "LIE",
    "Lithuania": "LTU",
    "Luxembourg": "LUX",
    "Macedonia": "MKD",
    "Malta": "MLT",
    "Moldova": "MDA",
    "Monaco": "MCO",
    "Montenegro": "MNE",
    "Netherlands": "NLD",
    "Norway": "NOR",
    "Poland": "POL",
    "Portugal": "PRT",
    "Romania": "ROU",
    "Russia": "RUS",
    "San Marino": "SMR",
    "Serbia": "SRB",
    "Slovakia": "SVK",
    "Slovenia": "SVN",
    "Spain": "ESP",
    "Sweden": "SWE",
    "Switzerland": "CHE",
    "Turkey": "TUR",
    "Ukraine": "UKR",
    "United Kingdom": "GBR",
    "Vatican": "VAT",
    "Kazakhstan": "KAZ",
    "Syria": "SYR",
    "Iraq": "IRQ",
    "Iran": "IRN",
    "Lebanon": "LBN",
    "Israel": "ISR",
    "Jordan": "JOR",
    "Morocco": "MAR",
    "Algeria": "DZA",
    "Tunisia": "TUN",
    "Libya": "LBY",
    "Egypt": "EGY",
    "Faeroe Is.": "FRO",
    "Åland": "ALA",
    "Isle of Man": "IMN",
    "Jersey": "JEY",
    "Guernsey": "GGY",
    "N. Cyprus": "CYN",
    "Palestine": "PSE",
    "Saudi Arabia": "SAU",
    "Turkmenistan": "TKM",
    "Uzbekistan": "UZB",
    "Greenland": "GRL",
}
"""Natural Earth short names (as in world-atlas) → ISO 3166-1 alpha-3 (``XKX``/``CYN`` user codes)."""


# --------------------------------------------------------------------------------------- TopoJSON
def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat of every arc (delta decoding and de-quantisation, TopoJSON spec §2.1.3)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into a ring; a negative index ``~i`` means arc ``i`` reversed (spec §2.2.2)."""
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def topojson_to_geojson(topology: dict[str, Any], name: str) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of the geometry collection ``name`` (Polygon/MultiPolygon)."""
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coords = [[_ring(r, arcs) for r in geometry["arcs"]]]
        elif kind == "MultiPolygon":
            coords = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": dict(geometry.get("properties", {})),
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build(source: str | Path, out: str | Path = ASSET) -> Path:
    """Build ``assets/europe.geojson`` from world-atlas ``countries-50m.json`` (see module docstring)."""
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    collection = topojson_to_geojson(topology, "countries")
    lon0, lat0, lon1, lat1 = WINDOW
    c0, d0, c1, d1 = _CLAMP
    kept = []
    for feature in collection["features"]:
        polygons = []
        for polygon in feature["geometry"]["coordinates"]:
            xs = [p[0] for p in polygon[0]]
            ys = [p[1] for p in polygon[0]]
            if max(xs) < lon0 or min(xs) > lon1 or max(ys) < lat0 or min(ys) > lat1:
                continue
            rings = []
            for ring in polygon:
                clamped: list[list[float]] = []
                for x, y in ring:
                    point = [round(min(max(x, c0), c1), 2), round(min(max(y, d0), d1), 2)]
                    if not clamped or point != clamped[-1]:
                        clamped.append(point)
                if len(clamped) >= 4:
                    rings.append(clamped)
            if rings:
                polygons.append(rings)
        if not polygons:
            continue
        name = feature["properties"].get("name", "")
        kept.append(
            {
                "type": "Feature",
                "id": NAME_TO_ISO3.get(name, f"N{feature['id']}"),
                "properties": {"name": name, "iso_n3": feature["id"]},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    result = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m Admin 0 (v4.1.0, public domain) via npm world-atlas@2 "
        "(countries-50m.json, ISC licence); built by redline.report.geometry",
        "window": list(WINDOW),
        "features": kept,
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, separators=(",", ":")), encoding="utf-8")
    return out


OCCUPIED = (
    {
        "area": "Crimea",
        "state": "UKR",
        "held_by": "RUS",
        "since": "2014",
        "point": (34.10, 44.95),  # Simferopol
        "label_at": (33.2, 44.2),
    },
)
"""Areas drawn inside the state that international law recognises, hatched as occupied.

Natural Earth draws the de facto line: Crimea (with Sevastopol) is a polygon of Russia. It is moved to
Ukraine (UN General Assembly resolution 68/262, 27 March 2014) and hatched as occupied. The polygon is
found by a point inside it, so a rebuilt asset needs no hand-edited coordinates.
"""

NOT_OUTLINED = (
    "Russian-occupied parts of Ukraine's Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts, Transnistria "
    "(Moldova), Abkhazia and South Ossetia (Georgia) lie inside their states' recognised borders but are "
    "not outlined: no dated boundary geometry for them ships with Redline."
)


def _inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    """Even-odd ray casting: is ``point`` inside the closed ``ring`` of lon/lat pairs?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def recognised_borders(collection: dict[str, Any]) -> dict[str, Any]:
    """Redraw ``collection`` with internationally recognised borders (see :data:`OCCUPIED`).

    Each occupied polygon moves from the holder's feature to the recognised state's feature and is
    listed in that feature's ``properties["occupied"]`` (area, holder, since, polygon index).
    """
    features = {f["id"]: f for f in collection["features"]}
    for area in OCCUPIED:
        holder, state = features.get(area["held_by"]), features.get(area["state"])
        if holder is None or state is None:
            continue
        polygons = holder["geometry"]["coordinates"]
        found = [i for i, polygon in enumerate(polygons) if _inside(area["point"], polygon[0])]
        for index in reversed(found):
            polygon = polygons.pop(index)
            state["geometry"]["coordinates"].append(polygon)
            state["properties"].setdefault("occupied", []).append(
                {
                    "area": area["area"],
                    "held_by": area["held_by"],
                    "since": area["since"],
                    "polygon": len(state["geometry"]["coordinates"]) - 1,
                    "label_at": list(area["label_at"]),
                }
            )
    return collection


def load_europe() -> dict[str, Any]:
    """The shipped Europe FeatureCollection (``id`` = ISO3), with internationally recognised borders."""
    return recognised_borders(json.loads(ASSET.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------------------- rendering
def _project(lon: float, lat: float, lon0: float = 15.0, lat0: float = 52.0) -> tuple[float, float]:
    """Lambert azimuthal equal-area projection centred on (lon0, lat0) (Snyder 1987, eq. 24-1..3)."""
    phi, lam, phi0 = math.radians(lat), math.radians(lon - lon0), math.radians(lat0)
    k = math.sqrt(
        2.0 / (1.0 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam))
    )
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, -y


def _colour(value: float, scale: list[tuple[float, str]]) -> str:
    """Linear interpolation in an RGB colour scale ``[(stop, '#rrggbb'), ...]`` over [0, 1]."""
    value = min(max(value, 0.0), 1.0)
    for (s0, c0), (s1, c1) in zip(scale, scale[1:], strict=False):
        if value <= s1:
            t = 0.0 if s1 == s0 else (value - s0) / (s1 - s0)
            a = [int(c0[i : i + 2], 16) for i in (1, 3, 5)]
            b = [int(c1[i : i + 2], 16) for i in (1, 3, 5)]
            return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))
    return scale[-1][1]


_VIEW = [(-24.5, 63.0), (-10.0, 36.0), (47.0, 39.0), (50.0, 56.0), (28.0, 71.0), (20.0, 34.0), (-9.5, 52.0)]
"""Points the map view must contain (Iceland, Iberia, the Caucasus, the Volga, North Cape, Crete)."""

RED_GREEN = [(0.0, "#b2182b"), (0.25, "#ef8a62"), (0.5, "#fddbc7"), (0.75, "#91cf60"), (1.0, "#1a9850")]
GREEN_RED = [(1.0 - stop, colour) for stop, colour in reversed(RED_GREEN)]


@lru_cache(maxsize=1)
def _frame() -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) of the projected :data:`_VIEW` (the same for every point drawn)."""
    frame = [_project(x, y) for x, y in _VIEW]
    return (
        min(c[0] for c in frame),
        max(c[0] for c in frame),
        min(c[1] for c in frame),
        max(c[1] for c in frame),
    )


def map_point(lon: float, lat: float, width: int = 900, height: int = 720) -> tuple[float, float]:
    """SVG user coordinates of (lon, lat) on a :func:`choropleth_svg` map of that size."""
    xmin, xmax, ymin, ymax = _frame()
    s = min(width / (xmax - xmin), (height - 60) / (ymax - ymin))
    px, py = _project(lon, lat)
    return (px - xmin) * s, (py - ymin) * s


class Scale:
    """Where a value falls on the colour bar (0..1), linear or logarithmic, with tick labels."""

    def __init__(self, lo: float, hi: float, log: bool = False, percent: bool = False):
        if log and lo <= 0:
            raise ValueError("a logarithmic scale needs lo > 0")
        self.lo, self.hi, self.log, self.percent = lo, hi, log, percent

    def __call__(self, value: float) -> float:
        if self.log:
            value = max(value, self.lo)
            t = (math.log10(value) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            t = (value - self.lo) / (self.hi - self.lo) if self.hi > self.lo else 0.5
        return min(max(t, 0.0), 1.0)

    def ticks(self) -> list[tuple[float, str]]:
        """(position on the bar, label) of a few round values."""
        if self.log:
            first, last = math.floor(math.log10(self.lo)), math.ceil(math.log10(self.hi))
            step = max(1, math.ceil((last - first) / 5))
            values = [10.0**k for k in range(first, last + 1, step) if self.lo <= 10.0**k <= self.hi]
            values = sorted({self.lo, *values, self.hi})
        else:
            values = [self.lo + (self.hi - self.lo) * k / 4 for k in range(5)]
        return [(self(v), self.label(v)) for v in values]

    def label(self, value: float) -> str:
        if self.percent:
            pct = value * 100
            return f"{pct:.1f}%" if pct < 1 and pct != 0 else f"{pct:.0f}%"
        return f"{value:.2g}"


def _svg_path(polygons: list, xy: Any) -> str:
    return " ".join(
        "M" + " L".join(xy(x, y) for x, y in ring) + " Z" for polygon in polygons for ring in polygon
    )


@lru_cache(maxsize=4)
def _projected(width: int, height: int) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
    """The map's features and, per state, the SVG path of each of its polygons at this size.

    Projecting every vertex is most of a map's cost and does not depend on the values shown, so it is
    done once per size (a run's report draws several maps).
    """
    europe = load_europe()

    def xy(lon: float, lat: float) -> str:
        px, py = map_point(lon, lat, width, height)
        return f"{px:.1f},{py:.1f}"

    paths = {
        feature["id"]: tuple(_svg_path([polygon], xy) for polygon in feature["geometry"]["coordinates"])
        for feature in europe["features"]
    }
    return europe, paths


def choropleth_svg(
    values: dict[str, float],
    labels: dict[str, str] | None = None,
    *,
    title: str = "",
    legend: str = "",
    scale: list[tuple[float, str]] = RED_GREEN,
    domain: Scale | None = None,
    links: dict[str, str] | None = None,
    width: int = 900,
    height: int = 720,
) -> str:
    """An inline SVG map of Europe with internationally recognised borders, coloured by ``values``.

    ``values`` maps ISO3 to a number placed on the colour bar by ``domain`` (default: linear 0..1).
    Countries without a value are grey; ``labels`` (ISO3 → text) become hover tooltips (SVG
    ``<title>``); ``links`` (ISO3 → href) make a state clickable. Occupied areas (:data:`OCCUPIED`)
    are hatched over the recognised state's colour and labelled. Every state's path carries
    ``data-iso3``. Self-contained: no script, no external resource.
    """
    labels, links = labels or {}, links or {}
    domain = domain or Scale(0.0, 1.0)
    europe, paths = _projected(width, height)
    parts = [
        f'<svg class="map" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;background:#eaf2f8;border:1px solid #ccc" role="img">',
        f"<title>{escape(title)}</title>",
        '<defs><pattern id="occupied-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#222" stroke-width="1.6"/></pattern></defs>',
    ]
    overlays = []
    for feature in europe["features"]:
        iso3 = feature["id"]
        polygons = feature["geometry"]["coordinates"]
        if not polygons:
            continue
        value = values.get(iso3)
        has = value is not None and not (isinstance(value, float) and math.isnan(value))
        fill = _colour(domain(value), scale) if has else "#d9d9d9"
        tip = labels.get(iso3) or f"{feature['properties']['name']}: no value"
        path = (
            f'<path d="{" ".join(paths[iso3])}" fill="{fill}" stroke="#555" stroke-width="0.5" '
            f'fill-rule="evenodd" data-iso3="{escape(iso3)}"><title>{escape(tip)}</title></path>'
        )
        if iso3 in links:
            path = f'<a href="{escape(links[iso3])}" class="map-link">{path}</a>'
        parts.append(path)
        for area in feature["properties"].get("occupied", []):
            text = (
                f"{area['area']} ({feature['properties']['name']}): occupied by "
                f"{area['held_by']} since {area['since']}"
            )
            shape = (
                f'<path d="{paths[iso3][area["polygon"]]}" fill="url(#occupied-hatch)" '
                f'stroke="#222" stroke-width="0.6" data-iso3="{escape(iso3)}" '
                f'data-occupied-by="{escape(area["held_by"])}"><title>{escape(tip)} — {escape(text)}'
                "</title></path>"
            )
            if iso3 in links:
                shape = f'<a href="{escape(links[iso3])}" class="map-link">{shape}</a>'
            lx, ly = map_point(*area["label_at"], width, height)
            overlays.append(shape)
            overlays.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="10" text-anchor="end" '
                f'pointer-events="none" class="map-label">{escape(area["area"])} (occupied)</text>'
            )
    parts.extend(overlays)
    # legend: colour bar with ticks, grey for "not modelled", hatch for "occupied"
    y0 = height - 40
    for i in range(101):
        parts.append(
            f'<rect x="{20 + i * 3}" y="{y0}" width="3.2" height="14" fill="{_colour(i / 100, scale)}"/>'
        )
    for position, text in domain.ticks():
        anchor = "start" if position < 0.05 else "end" if position > 0.95 else "middle"
        parts.append(
            f'<text x="{20 + position * 300:.1f}" y="{y0 + 28}" font-size="11" '
            f'text-anchor="{anchor}">{escape(text)}</text>'
        )
    if domain.log:
        parts.append(f'<text x="20" y="{y0 + 40}" font-size="10" fill="#555">logarithmic scale</text>')
    parts.append(
        f'<rect x="345" y="{y0}" width="14" height="14" fill="#d9d9d9" stroke="#555" stroke-width="0.5"/>'
    )
    parts.append(f'<text x="364" y="{y0 + 12}" font-size="12">not modelled</text>')
    parts.append(
        f'<rect x="460" y="{y0}" width="14" height="14" fill="url(#occupied-hatch)" stroke="#222" '
        'stroke-width="0.5"/>'
    )
    parts.append(f'<text x="479" y="{y0 + 12}" font-size="12">occupied (inside its recognised state)</text>')
    parts.append(f'<text x="20" y="{y0 - 8}" font-size="13" font-weight="bold">{escape(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)


if __name__ == "__main__":  # pragma: no cover - build step
    if len(sys.argv) != 2:
        sys.exit("usage: python -m redline.report.geometry path/to/world-atlas/countries-50m.json")
    print(build(sys.argv[1]))
