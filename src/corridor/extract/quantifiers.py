"""The words around numbers that the quantity grammar (numbers.py) reads.

Bounds ("more than"), hedges ("about"), zeros ("not a single"), vague amounts
("dozens" 24-99), scales ("million"), units (percent, durations in days,
tonnes) and the words that mark a number as something other than an amount
(money, clock times, distances, "page 12"). Phrases are tuples of lower-cased
spaCy tokens.
"""

from __future__ import annotations

from corridor.extract.lexicon import words

SCALES: dict[str, float] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
}
UNIT_WORDS = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty "
    "fifty sixty seventy eighty ninety"
)
NUMBER_WORDS: frozenset[str] = frozenset([*UNIT_WORDS, "hundred", "thousand"]) | {
    "million",
    "billion",
}

LOWER_BOUNDS: dict[tuple[str, ...], str] = {
    ("more", "than"): "lower",
    ("more", "then"): "lower",  # a common misspelling in witness messages
    ("over",): "lower",
    ("above",): "lower",
    ("at", "least"): "lower",
    ("in", "excess", "of"): "lower",
    ("upwards", "of"): "lower",
    ("no", "fewer", "than"): "lower",
    ("no", "less", "than"): "lower",
    ("a", "minimum", "of"): "lower",
    ("well", "over"): "lower",
    ("well", "above"): "lower",
    ("exceeding",): "lower",
    ("just", "over"): "lower",
    ("a", "bit", "over"): "lower",
    ("a", "little", "over"): "lower",
    ("slightly", "over"): "lower",
    ("slightly", "more", "than"): "lower",
    ("exceeded",): "lower",  # "has now passed 12,000": a verb that is a bound
    ("passed",): "lower",
    ("topped",): "lower",
    ("surpassed",): "lower",
}
UPPER_BOUNDS: dict[tuple[str, ...], str] = {
    ("up", "to"): "upper",
    ("as", "many", "as"): "upper",
    ("less", "than"): "upper",
    ("fewer", "than"): "upper",
    ("under",): "upper",
    ("below",): "upper",
    ("at", "most"): "upper",
    ("no", "more", "than"): "upper",
    ("never", "more", "than"): "upper",
    ("not", "more", "than"): "upper",
    ("a", "maximum", "of"): "upper",
}
NEAR_BOUNDS: dict[tuple[str, ...], str] = {
    ("nearly",): "near",
    ("almost",): "near",
    ("close", "to"): "near",
    ("just", "under"): "near",
    ("approaching",): "near",
    ("just", "short", "of"): "near",
}
HEDGES: dict[tuple[str, ...], str] = {
    ("about",): "hedge",
    ("around",): "hedge",
    ("some",): "hedge",
    ("an", "estimated"): "hedge",
    ("estimated",): "hedge",
    ("approximately",): "hedge",
    ("roughly",): "hedge",
    ("approx",): "hedge",
    ("aprox",): "hedge",  # misspellings in witness messages
    ("arround",): "hedge",
    ("aproximately",): "hedge",
    ("approximatly",): "hedge",
    ("approx.",): "hedge",
    ("approx", "."): "hedge",  # spaCy splits "approx." off before a figure
    ("ca", "."): "hedge",
    ("c.",): "hedge",
    ("circa",): "hedge",
    ("perhaps",): "hedge",
    ("possibly",): "hedge",
    ("maybe",): "hedge",
    ("~",): "hedge",
    ("an", "approximate"): "hedge",
    ("a", "reported"): "hedge",
}
PREFIXES: dict[tuple[str, ...], str] = {
    **LOWER_BOUNDS,
    **UPPER_BOUNDS,
    **NEAR_BOUNDS,
    **HEDGES,
}

ZEROS: tuple[tuple[str, ...], ...] = (
    ("not", "a", "single"),
    ("not", "one"),
    ("no", "one"),  # before ("no",): "no one had crossed"
    ("nobody",),
    ("no-one",),
    ("none", "of", "the"),
    ("none",),
    # only after a negation ("have not seen anyone", "not met a single person")
    ("a", "single"),
    ("anyone",),
    ("anybody",),
    ("without", "a"),
    ("without", "any"),
    ("no",),
    ("zero",),
)
VAGUE_PLURALS: dict[tuple[str, ...], tuple[float, float]] = {
    ("hundreds", "of", "thousands"): (100_000, 999_999),
    ("tens", "of", "thousands"): (10_000, 99_999),
    ("tens", "of", "millions"): (10_000_000, 99_999_999),
    ("dozens",): (24, 99),
    ("scores",): (40, 99),
    ("hundreds",): (100, 999),
    ("thousands",): (1_000, 9_999),
    ("millions",): (1_000_000, 9_999_999),
}
VAGUE_MULTIPLIERS: dict[tuple[str, ...], tuple[float, float]] = {
    ("a", "handful", "of"): (2, 5),
    ("a", "handful"): (2, 5),
    ("a", "couple", "of"): (2, 2),
    ("a", "few"): (2, 5),
    ("several",): (3, 9),
    ("many",): (1, 9),  # "many thousands" = "thousands" (project convention)
    ("few",): (2, 5),  # "the few hundred civilians still trapped"
}
MULTIPLIER_NEEDS_SCALE = frozenset({("many",), ("few",)})

PERCENT = (("per", "cent"), ("per", "-", "cent"), ("percent",), ("%",), ("pc",))
DURATION_DAYS: dict[str, float] = {
    "hour": 1 / 24,
    "hours": 1 / 24,
    "day": 1,
    "days": 1,
    "night": 1,
    "nights": 1,
    "week": 7,
    "weeks": 7,
    "month": 30,
    "months": 30,
    "year": 365,
    "years": 365,
}
TONNES: dict[str, float] = {
    "tonnes": 1,
    "tonne": 1,
    "tons": 1,
    "ton": 1,
    "t": 1,
    "mt": 1,
    "kg": 0.001,
    "kilograms": 0.001,
    "kilos": 0.001,
}
MONEY_AFTER = frozenset({"dollars", "euros", "pounds", "usd", "eur", "gbp", "rubles"})
MONEY_BEFORE = frozenset({"$", "£", "€", "us$", "usd", "eur", "gbp", "sp", "syp"})
TIME_AFTER = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "o'clock", "hrs", "utc"})
DISTANCE_AFTER = frozenset(
    words(
        "km kilometres kilometers miles mile metres meters meter metre yards "
        "hectares hectare acres acre sq square km2 mw megawatts kw litres liters"
    )
)
NOT_FIGURE_BEFORE = frozenset(
    words(
        "aged age ages page p. pp. paragraph para section chapter article "
        "resolution no. number # route road highway brigade regiment flight room "
        "building gate exit tel tel. phone call platform line apartment km "
        "kilometre kilometer vol. volume item annex figure table"
    )
)
YEAR_NOUNS = frozenset(
    words(
        "people civilians residents troops fighters soldiers families children "
        "refugees men women"
    )
)

RATES = frozenset(("once", "twice", "thrice", "times", "per"))
# "89 food parcels a day", "100 trucks a day": a rate, not a duration
RATE_NOUNS = frozenset(
    (
        *("parcels", "trucks", "lorries", "meals", "loaves", "rations", "kits"),
        *("flights", "convoys", "litres", "liters", "tonnes", "tons", "sorties"),
        *("shells", "strikes", "patients"),
    )
)
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
SINGULAR_DURATIONS = frozenset({"hour", "day", "night", "week", "month", "year"})
SHARES: dict[tuple[str, ...], float] = {
    ("half",): 50.0,
    ("a", "half"): 50.0,
    ("a", "third"): 100 / 3,
    ("one", "third"): 100 / 3,
    ("two", "-", "thirds"): 200 / 3,
    ("two", "thirds"): 200 / 3,
    ("a", "quarter"): 25.0,
    ("one", "quarter"): 25.0,
    ("three", "-", "quarters"): 75.0,
    ("three", "quarters"): 75.0,
}
SHARE_FIRST = frozenset(key[0] for key in SHARES)
TRAILING_BOUNDS: dict[tuple[str, ...], str] = {
    ("or", "more"): "lower",
    ("maybe", "more"): "lower",
    ("at", "least"): "lower",
    ("or", "less"): "upper",
    ("or", "fewer"): "upper",
    ("maybe", "less"): "upper",
    ("perhaps", "less"): "upper",
    ("at", "most"): "upper",
}
