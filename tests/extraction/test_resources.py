import json

from incidents.extraction import load_actors_json, load_places_csv, load_routes_geojson
from incidents.extraction.resources import DATA_DIR

CANONICAL = {
    "Malian Armed Forces",
    "Wagner Group",
    "Africa Corps",
    "JNIM",
    "Islamic State Sahel",
    "Civilians",
    "Burkina Faso Armed Forces",
    "Volunteers for the Defense of the Homeland",
    "Niger Armed Forces",
    "Dan Na Ambassagou",
    "Azawad Liberation Front",
    "Unidentified Armed Group (Mali)",
    "Unidentified Armed Group (Burkina Faso)",
    "Unidentified Armed Group (Niger)",
    "MINUSMA",
}


def test_actors_json_has_the_canonical_actors_with_english_and_french_aliases():
    raw = json.loads((DATA_DIR / "actors.json").read_text(encoding="utf-8"))
    assert CANONICAL <= {a["name"] for a in raw}
    keys = {a["key"] for a in raw}
    for a in raw:
        assert set(a) == {
            "key",
            "name",
            "short_name",
            "kind",
            "parent",
            "country",
            "inter_code",
            "aliases",
        }
        assert a["parent"] is None or a["parent"] in keys
        assert 1 <= a["inter_code"] <= 8
        assert {"en", "fr"} <= {al["lang"] for al in a["aliases"]}
    assert len(load_actors_json(DATA_DIR / "actors.json")) == len(raw)


def test_places_and_routes_load_when_present(tmp_path):
    csv = tmp_path / "places.csv"
    csv.write_text(
        "key,name,alternate_names,latitude,longitude,country_code,country,admin1,"
        "admin2,population,kind,geonameid,source,approximate\n"
        "ml-gao,Gao,Gao|Gaô,16.27167,-0.04472,ML,Mali,Gao,Gao,86633,admin1_capital,"
        "2457163,geonames,0\n",
        encoding="utf-8",
    )
    [gao] = load_places_csv(csv)
    assert (gao.key, gao.country, gao.alternate_names, gao.population) == (
        "ml-gao",
        "Mali",
        ("Gao", "Gaô"),
        86633,
    )
    geo = tmp_path / "routes.geojson"
    geo.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"slug": "gao-ansongo", "name": "Gao–Ansongo road"},
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[-0.04, 16.27], [0.50, 15.66]],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    [road] = load_routes_geojson(geo)
    assert road.key == "gao-ansongo" and road.coordinates[0] == (-0.04, 16.27)
