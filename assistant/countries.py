"""Gazetteer of the 193 UN member states plus a few groupings.

Used to tag text chunks with the countries they mention and to detect
country filters in questions. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Country:
    name: str
    variants: tuple[str, ...]
    demonyms: tuple[str, ...]


# One line per state: name | variants ; ... | demonyms ; ...
# A trailing "+" on a demonym also adds its plural ("Iranian+" -> "Iranians").
# "Congolese" is left out on purpose: it is ambiguous between the two Congos.
# "Dominican" goes to the Dominican Republic, the far more frequent referent.
_TABLE = """\
Afghanistan|Islamic Republic of Afghanistan;Islamic Emirate of Afghanistan|Afghan+
Albania|Republic of Albania|Albanian+
Algeria|People's Democratic Republic of Algeria|Algerian+
Andorra|Principality of Andorra|Andorran+
Angola|Republic of Angola|Angolan+
Antigua and Barbuda|Antigua|Antiguan+;Barbudan+
Argentina|Argentine Republic|Argentine+;Argentinian+
Armenia|Republic of Armenia|Armenian+
Australia|Commonwealth of Australia|Australian+
Austria|Republic of Austria|Austrian+
Azerbaijan|Republic of Azerbaijan|Azerbaijani+;Azeri+
Bahamas|Commonwealth of the Bahamas|Bahamian+
Bahrain|Kingdom of Bahrain|Bahraini+
Bangladesh|People's Republic of Bangladesh|Bangladeshi+
Barbados||Barbadian+;Bajan+
Belarus|Republic of Belarus|Belarusian+
Belgium|Kingdom of Belgium|Belgian+
Belize||Belizean+
Benin|Republic of Benin|Beninese
Bhutan|Kingdom of Bhutan|Bhutanese
Bolivia|Bolivia (Plurinational State of);Plurinational State of Bolivia|Bolivian+
Bosnia and Herzegovina|Bosnia-Herzegovina;Bosnia|Bosnian+;Herzegovinian+
Botswana|Republic of Botswana|Motswana;Batswana
Brazil|Federative Republic of Brazil|Brazilian+
Brunei|Brunei Darussalam|Bruneian+
Bulgaria|Republic of Bulgaria|Bulgarian+
Burkina Faso||Burkinabe;Burkinabè
Burundi|Republic of Burundi|Burundian+
Cabo Verde|Cape Verde;Republic of Cabo Verde|Cabo Verdean+;Cape Verdean+
Cambodia|Kingdom of Cambodia|Cambodian+
Cameroon|Republic of Cameroon|Cameroonian+
Canada||Canadian+
Central African Republic|CAR|
Chad|Republic of Chad|Chadian+
Chile|Republic of Chile|Chilean+
China|People's Republic of China;PRC|Chinese
Colombia|Republic of Colombia|Colombian+
Comoros|Union of the Comoros|Comoran+;Comorian+
Congo|Republic of the Congo;Republic of Congo;Congo-Brazzaville;Congo, Republic of the|
Costa Rica|Republic of Costa Rica|Costa Rican+
Côte d'Ivoire|Cote d'Ivoire;Ivory Coast;Republic of Côte d'Ivoire|Ivorian+
Croatia|Republic of Croatia|Croatian+;Croat+
Cuba|Republic of Cuba|Cuban+
Cyprus|Republic of Cyprus|Cypriot+
Czechia|Czech Republic|Czech;Czechs
Democratic Republic of the Congo|Democratic Republic of Congo;DR Congo;DRC;Congo-Kinshasa;Congo, Democratic Republic of the;Congo (Democratic Republic of the)|
Denmark|Kingdom of Denmark|Danish;Dane+
Djibouti|Republic of Djibouti|Djiboutian+
Dominica|Commonwealth of Dominica|
Dominican Republic||Dominican+
Ecuador|Republic of Ecuador|Ecuadorian+;Ecuadorean+
Egypt|Arab Republic of Egypt|Egyptian+
El Salvador|Republic of El Salvador|Salvadoran+;Salvadorian+
Equatorial Guinea|Republic of Equatorial Guinea|Equatorial Guinean+;Equatoguinean+
Eritrea|State of Eritrea|Eritrean+
Estonia|Republic of Estonia|Estonian+
Eswatini|Kingdom of Eswatini;Swaziland|Swazi+;Emaswati
Ethiopia|Federal Democratic Republic of Ethiopia|Ethiopian+
Fiji|Republic of Fiji|Fijian+
Finland|Republic of Finland|Finnish;Finn+
France|French Republic|French
Gabon|Gabonese Republic|Gabonese
Gambia|Republic of the Gambia|Gambian+
Georgia|Sakartvelo|Georgian+
Germany|Federal Republic of Germany|German+
Ghana|Republic of Ghana|Ghanaian+
Greece|Hellenic Republic|Greek+
Grenada||Grenadian+
Guatemala|Republic of Guatemala|Guatemalan+
Guinea|Republic of Guinea|Guinean+
Guinea-Bissau|Republic of Guinea-Bissau|Bissau-Guinean+
Guyana|Co-operative Republic of Guyana|Guyanese
Haiti|Republic of Haiti|Haitian+
Honduras|Republic of Honduras|Honduran+
Hungary||Hungarian+
Iceland||Icelandic;Icelander+
India|Republic of India;Bharat|Indian+
Indonesia|Republic of Indonesia|Indonesian+
Iran|Iran (Islamic Republic of);Islamic Republic of Iran|Iranian+
Iraq|Republic of Iraq|Iraqi+
Ireland|Republic of Ireland;Eire|Irish
Israel|State of Israel|Israeli+
Italy|Italian Republic|Italian+
Jamaica||Jamaican+
Japan||Japanese
Jordan|Hashemite Kingdom of Jordan|Jordanian+
Kazakhstan|Republic of Kazakhstan|Kazakh+;Kazakhstani+
Kenya|Republic of Kenya|Kenyan+
Kiribati|Republic of Kiribati|I-Kiribati
Kuwait|State of Kuwait|Kuwaiti+
Kyrgyzstan|Kyrgyz Republic|Kyrgyz;Kyrgyzstani+
Laos|Lao People's Democratic Republic;Lao PDR|Lao;Laotian+
Latvia|Republic of Latvia|Latvian+
Lebanon|Lebanese Republic|Lebanese
Lesotho|Kingdom of Lesotho|Basotho;Mosotho
Liberia|Republic of Liberia|Liberian+
Libya|State of Libya;Libyan Arab Jamahiriya|Libyan+
Liechtenstein|Principality of Liechtenstein|Liechtensteiner+
Lithuania|Republic of Lithuania|Lithuanian+
Luxembourg|Grand Duchy of Luxembourg|Luxembourger+;Luxembourgish
Madagascar|Republic of Madagascar|Malagasy
Malawi|Republic of Malawi|Malawian+
Malaysia||Malaysian+
Maldives|Republic of Maldives|Maldivian+
Mali|Republic of Mali|Malian+
Malta|Republic of Malta|Maltese
Marshall Islands|Republic of the Marshall Islands|Marshallese
Mauritania|Islamic Republic of Mauritania|Mauritanian+
Mauritius|Republic of Mauritius|Mauritian+
Mexico|United Mexican States|Mexican+
Micronesia|Micronesia (Federated States of);Federated States of Micronesia|Micronesian+
Monaco|Principality of Monaco|Monegasque+
Mongolia||Mongolian+
Montenegro||Montenegrin+
Morocco|Kingdom of Morocco|Moroccan+
Mozambique|Republic of Mozambique|Mozambican+
Myanmar|Republic of the Union of Myanmar;Burma|Burmese
Namibia|Republic of Namibia|Namibian+
Nauru|Republic of Nauru|Nauruan+
Nepal|Federal Democratic Republic of Nepal|Nepali+;Nepalese
Netherlands|Kingdom of the Netherlands;Holland|Dutch
New Zealand|Aotearoa|New Zealander+
Nicaragua|Republic of Nicaragua|Nicaraguan+
Niger|Republic of the Niger;Republic of Niger|Nigerien+
Nigeria|Federal Republic of Nigeria|Nigerian+
North Korea|Democratic People's Republic of Korea;DPRK;Korea, Democratic People's Republic of;Korea (Democratic People's Republic of);Korea DPR|North Korean+
North Macedonia|Republic of North Macedonia;Macedonia;former Yugoslav Republic of Macedonia|Macedonian+
Norway|Kingdom of Norway|Norwegian+
Oman|Sultanate of Oman|Omani+
Pakistan|Islamic Republic of Pakistan|Pakistani+
Palau|Republic of Palau|Palauan+
Panama|Republic of Panama|Panamanian+
Papua New Guinea|Independent State of Papua New Guinea|Papua New Guinean+
Paraguay|Republic of Paraguay|Paraguayan+
Peru|Republic of Peru|Peruvian+
Philippines|Republic of the Philippines|Filipino+;Filipina+;Philippine
Poland|Republic of Poland|Polish
Portugal|Portuguese Republic|Portuguese
Qatar|State of Qatar|Qatari+
Korea|Republic of Korea;South Korea;Korea, Republic of;Korea (Republic of);ROK|Korean+;South Korean+
Moldova|Republic of Moldova|Moldovan+
Romania||Romanian+
Russia|Russian Federation|Russian+
Rwanda|Republic of Rwanda|Rwandan+
Saint Kitts and Nevis|St Kitts and Nevis;St. Kitts and Nevis|Kittitian+;Nevisian+
Saint Lucia|St Lucia;St. Lucia|Saint Lucian+
Saint Vincent and the Grenadines|St Vincent and the Grenadines;St. Vincent and the Grenadines|Vincentian+
Samoa|Independent State of Samoa|Samoan+
San Marino|Republic of San Marino|Sammarinese
Sao Tome and Principe|São Tomé and Príncipe|Sao Tomean+
Saudi Arabia|Kingdom of Saudi Arabia|Saudi+;Saudi Arabian+
Senegal|Republic of Senegal|Senegalese
Serbia|Republic of Serbia|Serbian+;Serb+
Seychelles|Republic of Seychelles|Seychellois
Sierra Leone|Republic of Sierra Leone|Sierra Leonean+
Singapore|Republic of Singapore|Singaporean+
Slovakia|Slovak Republic|Slovak+;Slovakian+
Slovenia|Republic of Slovenia|Slovenian+;Slovene+
Solomon Islands||Solomon Islander+
Somalia|Federal Republic of Somalia|Somali+;Somalian+
South Africa|Republic of South Africa|South African+
South Sudan|Republic of South Sudan|South Sudanese
Spain|Kingdom of Spain|Spanish;Spaniard+
Sri Lanka|Democratic Socialist Republic of Sri Lanka;Ceylon|Sri Lankan+
Sudan|Republic of the Sudan;Republic of Sudan|Sudanese
Suriname|Republic of Suriname|Surinamese
Sweden|Kingdom of Sweden|Swedish;Swede+
Switzerland|Swiss Confederation|Swiss
Syria|Syrian Arab Republic|Syrian+
Tajikistan|Republic of Tajikistan|Tajik+;Tajikistani+
Thailand|Kingdom of Thailand|Thai+
Timor-Leste|East Timor;Democratic Republic of Timor-Leste|Timorese
Togo|Togolese Republic|Togolese
Tonga|Kingdom of Tonga|Tongan+
Trinidad and Tobago|Republic of Trinidad and Tobago;Trinidad|Trinidadian+;Tobagonian+
Tunisia|Republic of Tunisia|Tunisian+
Turkey|Türkiye;Turkiye;Republic of Türkiye;Republic of Turkey|Turkish;Turk+
Turkmenistan||Turkmen+
Tuvalu||Tuvaluan+
Uganda|Republic of Uganda|Ugandan+
Ukraine||Ukrainian+
United Arab Emirates|UAE;U.A.E.|Emirati+
United Kingdom|United Kingdom of Great Britain and Northern Ireland;UK;U.K.;Great Britain;Britain;Northern Ireland|British;Briton+
Tanzania|United Republic of Tanzania|Tanzanian+
United States|United States of America;USA;U.S.A.;US;U.S.;America|American+
Uruguay|Oriental Republic of Uruguay|Uruguayan+
Uzbekistan|Republic of Uzbekistan|Uzbek+;Uzbekistani+
Vanuatu|Republic of Vanuatu|Ni-Vanuatu
Venezuela|Venezuela (Bolivarian Republic of);Bolivarian Republic of Venezuela|Venezuelan+
Vietnam|Viet Nam;Socialist Republic of Viet Nam|Vietnamese
Yemen|Republic of Yemen|Yemeni+
Zambia|Republic of Zambia|Zambian+
Zimbabwe|Republic of Zimbabwe|Zimbabwean+
"""


def _split(field: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in filter(None, (s.strip() for s in field.split(";"))):
        out += [item[:-1], item[:-1] + "s"] if item.endswith("+") else [item]
    return tuple(out)


COUNTRIES: tuple[Country, ...] = tuple(
    Country(name, _split(variants), _split(demonyms))
    for name, variants, demonyms in (line.split("|") for line in _TABLE.splitlines())
)

# D-8 as specified for our corpus (Azerbaijan's 2024 accession deliberately not added).
GROUPS: dict[str, tuple[str, ...]] = {
    "D-8": ("Bangladesh", "Egypt", "Indonesia", "Iran", "Malaysia", "Nigeria", "Pakistan",
            "Turkey"),
    "G7": ("Canada", "France", "Germany", "Italy", "Japan", "United Kingdom", "United States"),
    "GCC": ("Bahrain", "Kuwait", "Oman", "Qatar", "Saudi Arabia", "United Arab Emirates"),
}
_GROUP_VARIANTS: dict[str, tuple[str, ...]] = {
    "D-8": ("D-8", "D8", "Developing-8", "Developing 8", "Developing Eight", "D-8 members",
            "D-8 countries", "D-8 Organization for Economic Cooperation"),
    "G7": ("G7", "G-7", "Group of Seven"),
    "GCC": ("GCC", "Gulf Cooperation Council"),
}

# Phrases that contain a country name/demonym but do not refer to that country.
# They take part in longest-match so they swallow the shorter name; None = no country.
_EXTRA: dict[str, str | None] = {
    "Niger Delta": "Nigeria",
    **dict.fromkeys((
        "Latin America", "Latin American", "Latin Americans", "South America", "South American",
        "South Americans", "North America", "North American", "North Americans",
        "Central America", "Central American", "Central Americans", "African American",
        "African Americans", "Native American", "Native Americans", "American Indian",
        "American Indians", "American Samoa", "Indian Ocean", "New Mexico", "New Guinea",
        "New Guinean", "Guinea pig", "Guinea pigs", "Guinea worm", "Gulf of Guinea",
        "Turks and Caicos",
    )),
}

# Also common English words: only count them when capitalised in the original text.
_NEEDS_CAPITAL = frozenset({
    "chad", "jordan", "georgia", "guinea", "turkey", "niger", "china", "oman", "mali", "togo",
    "peru", "cuba", "monaco", "japan", "chile", "panama", "tonga", "afghan", "afghans", "polish",
    "dutch", "danish", "french", "swiss", "turkish", "turk", "turks", "greek", "swede", "swedes",
    "america", "bharat",
})
# Acronyms that collide with words ("us", "car", "rok"): require all-caps in the original.
_NEEDS_UPPER = frozenset({"us", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "uae", "u.a.e.", "drc",
                          "dprk", "rok", "prc", "car"})

_SEP = r"[\s\-]+"  # spaces, line breaks and hyphens are interchangeable between words
_FOLD_SPECIAL = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u0131": "i",
                 **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    # Strictly one char in, one char out, so match offsets map back to the original text.
    if c in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[c]
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    base = base.lower() if len(base) == 1 else c.lower()
    return base if len(base) == 1 else c


def _fold(text: str) -> str:
    """Lower-case and strip diacritics, preserving length."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _key(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", _fold(s)).strip()


def _alternation(phrases) -> str:
    # Longest first: Python's alternation takes the first branch that matches, so this
    # makes "Papua New Guinea" / "North Korea" / "South Sudan" win over their suffixes.
    keys = sorted(set(phrases), key=lambda k: (-len(k), k))
    body = "|".join(_SEP.join(map(re.escape, k.split(" "))) for k in keys)
    return rf"(?<!\w)(?:{body})(?!\w)"


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str | None], re.Pattern[str]]:
    lookup: dict[str, str | None] = {}
    for c in COUNTRIES:
        for alias in (c.name, *c.variants, *c.demonyms):
            k = _key(alias)
            if lookup.setdefault(k, c.name) != c.name:
                raise ValueError(f"alias {alias!r} maps to {lookup[k]!r} and {c.name!r}")
    for alias, target in _EXTRA.items():
        if _key(alias) in lookup:
            raise ValueError(f"extra phrase {alias!r} collides with a country alias")
        lookup[_key(alias)] = target
    return lookup, re.compile(_alternation(lookup))


@lru_cache(maxsize=1)
def _group_index() -> tuple[dict[str, str], re.Pattern[str]]:
    lookup = {_key(v): g for g, vs in _GROUP_VARIANTS.items() for v in (g, *vs)}
    return lookup, re.compile(_alternation(lookup))


def canonical(name: str) -> str | None:
    """Any name, variant or demonym (case/diacritic-insensitive) -> canonical name."""
    k = _key(name)
    k = re.sub(r"^the ", "", re.sub(r"'s?$", "", k))  # "the Gambia", "Egypt's"
    return _index()[0].get(k)


def _accept(key: str, original: str, following: str) -> bool:
    if following == "$":  # "US$ 5 million" is a currency, not a country mention
        return False
    if key in _NEEDS_UPPER:
        return original.isupper()
    if key in _NEEDS_CAPITAL:
        return original[0].isupper()
    return True


def find_countries(text: str) -> list[str]:
    """Canonical names mentioned in text, in order of first appearance, no duplicates."""
    lookup, pattern = _index()
    folded = _fold(text)
    found: dict[str, None] = {}
    for m in pattern.finditer(folded):
        k = re.sub(r"[\s\-]+", " ", m.group())
        name = lookup.get(k)
        start, end = m.span()
        if name and name not in found and _accept(k, text[start:end], text[end : end + 1]):
            found[name] = None
    return list(found)


def find_groups(text: str) -> dict[str, tuple[str, ...]]:
    """Groups mentioned in text (e.g. "D-8 members") -> their member canonical names."""
    lookup, pattern = _group_index()
    found: dict[str, tuple[str, ...]] = {}
    for m in pattern.finditer(_fold(text)):
        g = lookup[re.sub(r"[\s\-]+", " ", m.group())]
        found.setdefault(g, GROUPS[g])
    return found
