"""The extractor: text -> claims and events, in text order.

``Extractor()`` builds the spaCy pipeline (blank English tokenizer and the
rule-based sentencizer; no spaCy statistical model), the gazetteer and the date
reader once. ``extract`` then reads one document: it splits the text into
paragraphs, finds places in every sentence, and in the sentences that hold a
figure or an event trigger it finds dates, quantities, indicators,
modality, attribution and actors. A learned model (``learned.py``) gives a
second opinion on each figure's indicator; ``Extractor(rules_only=True)``
reads without it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import compress, count, pairwise
from operator import add
from typing import Protocol

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.pipeline import Sentencizer

from corridor import __version__
from corridor.extract.actors import ActorFinder
from corridor.extract.cues import ARRIVAL_VERBS, HEADS
from corridor.extract.dates import GATE as DATE_GATE
from corridor.extract.dates import MONTHS, DateMention, DateReader
from corridor.extract.dates import could_start_at as could_start_date
from corridor.extract.events import TRIGGERS, EventMention, find_events
from corridor.extract.indicators import (
    BASELINE_WORDS,
    answers,
    classify,
    continues_list,
    counts_since,
    elides,
    follows_previous,
    pre_war,
    question_frame,
    refers_back,
    remains_among,
    restates_previous,
)
from corridor.extract.learned import (
    Chooser,
    IndicatorModel,
    ModalityModel,
    MoodChooser,
    mood_features,
)
from corridor.extract.lexicon import words
from corridor.extract.modality import (
    announces,
    attribution,
    clause_attribution,
    clause_bounds,
    denies_previous,
    modality,
)
from corridor.extract.numbers import (
    DIGIT_START,
    STARTERS,
    Quantity,
    could_start_at,
    find_quantities,
)
from corridor.extract.paragraphs import chunks, line_starts
from corridor.extract.places import (
    BESIEGED,
    PLACE_PREPOSITIONS,
    Gazetteer,
    PlaceMention,
    canonical_area,
)
from corridor.extract.quantifiers import NUMBER_WORDS
from corridor.extract.records import INDICATORS, Claim, Event

_FIGURE_GATE = STARTERS | TRIGGERS.keys()
_GATE = _FIGURE_GATE | DATE_GATE
RENEW_WORDS = 20_000  # new words a tokenizer learns in extract_many, then a new one
MAX_QUOTE = 600  # longer sentences are quoted around the figure
EVACUATION_REACH = 3  # sentences after an evacuation whose leavers were evacuated
Item = Claim | Event


@dataclass
class _Paragraph:
    offset: int
    orths: list[str]
    lowers: list[str]
    idx: list[int]
    sents: list[tuple[int, int]]
    hits: list[int] = field(default_factory=list)  # tokens a figure may start at
    places: list[PlaceMention] = field(default_factory=list)
    area: str | None = None


_ASKING = frozenset(
    words(
        "how what when where why which who whom is are was were did does do will "
        "can has have had"
    )
)
_SUBSETS = (None, "people.injured", "people.trapped", "people.killed")


_DASHES = frozenset(("-", "--", "\u2013", "\u2014"))
_DATELINE_REACH = 16  # tokens: "MOSCOW/GENEVA, 28 July (Meridian) -" is 10


def _dateline_end(orths: list[str]) -> int:
    """Where a wire dateline ends ("BEIRUT, 17 July (Levant Wire) -",
    "GENEVA (Reuters) -"): the token after its dash, or 0 if the paragraph
    does not open with one. A dateline starts with a capital, and before its
    dash either names an agency in brackets or gives a date after a comma."""
    first = 0 if orths and orths[0][:1].isalnum() else None  # most open with a word
    if first is None:
        first = next((k for k, w in enumerate(orths) if w[:1].isalnum()), None)
    if first is None or not orths[first][:1].isupper():
        return 0
    if _DASHES.isdisjoint(orths[first : first + _DATELINE_REACH]):
        return 0  # most paragraphs: no dash to end a dateline
    for k in range(first, min(len(orths), first + _DATELINE_REACH)):
        if orths[k] in _DASHES:
            prefix = orths[first:k]
            bracketed = len(prefix) > 2 and prefix[-1] == ")" and "(" in prefix
            dated = "," in prefix and any(w.lower() in MONTHS for w in prefix)
            return k + 1 if bracketed or dated else 0
    return 0


_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)
_ABBREVIATIONS = frozenset(words("approx ca est"))


def _is_period(word: str) -> bool:
    """Does a token with this text end a sentence (for spaCy's sentencizer)?"""
    return word in _PUNCT_CHARS


def _may_hit(word: str) -> bool:
    """Can a figure, an event or a date start at a token with this text?"""
    lower = word.lower()
    return lower in _GATE or lower[:1] in DIGIT_START


class _Flags(Protocol):
    """A flag per token, by index: a column, or ``_PunctAt``."""

    def __getitem__(self, k: int, /) -> object: ...


class _PunctAt:
    """Is the token at ``k`` punctuation? Asked of its text, with spaCy's own
    lexeme getter, when asked: the sentence rule asks only of the tokens after
    a full stop, too few to read a column for every token."""

    __slots__ = ("_is_punct", "_orths")

    def __init__(self, orths: list[str], is_punct: Callable[[str], bool]) -> None:
        self._orths = orths
        self._is_punct = is_punct

    def __getitem__(self, k: int) -> bool:
        return self._is_punct(self._orths[k])


def _may_have_space_tokens(piece: str) -> bool:
    """Can spaCy make a whitespace token of ``piece``? Only of a run of
    spaces but the single one after a word, of a space opening the text, or
    of other whitespace ("\n"), none of which ``isprintable``. Most
    paragraphs have none, and their tokens are not tested one by one."""
    return "  " in piece or piece[:1] == " " or not piece.isprintable()


def _sentence_starts(
    text: str, at: list[int], length: list[int], punct: _Flags, period: list[int]
) -> list[int]:
    """Character offsets of the sentences ``_first_tokens`` starts."""
    return [at[k] for k in _first_tokens(text, at, length, punct, period)]


def _first_tokens(
    text: str, at: list[int], length: list[int], punct: _Flags, period: list[int]
) -> list[int]:
    """The tokens that start a sentence for spaCy's rule-based sentencizer (a
    token after sentence-final punctuation that is not punctuation itself),
    read from the token arrays (offset, length, is_punct and ``_is_period`` of
    each token): the same rule without making a Token object per token, which
    costs more than the rule, and looked at only after the periods. One
    change: the full stop of an abbreviation before a figure ("approx.
    423,000") ends nothing."""
    if not at:
        return []
    starts = [0]
    n, k = len(at), 0
    for p in compress(count(), period):
        if p < k:
            continue  # in the run of punctuation after the period before
        k = p + 1
        while k < n and (period[k] or punct[k]):
            k += 1
        if k == n:
            break
        if text[at[k]].isdigit() and text[at[k - 1] : at[k - 1] + length[k - 1]] == ".":
            before = text[at[k - 2] : at[k - 2] + length[k - 2]] if k > 1 else ""
            if before.lower() in _ABBREVIATIONS:
                continue  # "approx. 423,000" goes on
        starts.append(k)
    return starts


_CAPITAL_SIGMA = "\u03a3"  # the one letter whose lower case depends on its neighbours


def _lowered(piece: str, idx: list[int], orths: list[str]) -> list[str]:
    """The lower-cased token texts, as slices of the lower-cased paragraph.

    Lower-casing maps every character on its own but the capital sigma (a
    final sigma at the end of a word), so each token lowered alone is the
    same slice, and quicker to make; a paragraph with a capital sigma is
    lowered whole, as its tokens read it in context. (Lower-casing may
    lengthen a letter: then the slices would not line up, and each token is
    lowered alone.)"""
    if _CAPITAL_SIGMA in piece:
        folded = piece.lower()
        if len(folded) == len(piece):
            ends = map(add, idx, map(len, orths))
            return [folded[i:j] for i, j in zip(idx, ends, strict=True)]
    return [orth.lower() for orth in orths]


def _most_common(areas: list[str]) -> str | None:
    """The most named of ``areas`` (the first named of equals), or None."""
    if len(areas) < 2:  # most paragraphs: no Counter to build
        return areas[0] if areas else None
    return Counter(areas).most_common(1)[0][0]


def _after_a_figure(lowers: list[str], cue: int, start: int) -> bool:
    """ "A: Two entered, four were blocked.": totals (claims), not events."""
    before = lowers[cue - 1] if cue > start else ""
    if before in ("were", "was") and cue - 1 > start:
        before = lowers[cue - 2]  # "four were blocked"
    return before[:1].isdigit() or before in NUMBER_WORDS


_SPEAKING = frozenset(
    words(
        "said says say told tells speaking spoke briefing briefed reporters "
        "journalists conference announced declared stated added"
    )
)


_AT = frozenset(("in", "from", "at"))
_FIRST_PERSON = frozenset(words("i we our my us"))
_LABEL_ENDS = frozenset((":", "):"))


def _own_words(
    lowers: list[str], span: tuple[int, int], start: int, answer: bool
) -> bool:
    """Is the attribution the writer's or the speaker's own ("we think",
    "I counted"; in an interview's answer, its speaker's label "Spokesman:")?
    Not a source other than the one speaking."""
    if lowers[span[0]] in _FIRST_PERSON and all(
        lowers[m] in _FIRST_PERSON for m in range(*span)
    ):
        return True
    return (
        answer
        and span[0] <= start + 1
        and span[1] < len(lowers)
        and lowers[span[1]] in _LABEL_ENDS
    )


_LAST = frozenset(words("last only"))
_BETWEEN_LAST = frozenset(
    words("remaining working functioning functional operating operational field")
)
_GONE = frozenset(
    words(
        "destroyed stopped closed razed flattened gutted demolished levelled "
        "leveled burned burnt knocked shut collapsed"
    )
)


def _last_hospital(lowers: list[str], start: int, end: int) -> Quantity | None:
    """ "the last hospital", "the only working hospital", "X hospital, the last
    one working": a count of one hospital, or none when the sentence says it
    was destroyed or stopped working (tests/heldout2 conventions)."""
    for k in range(start, end - 1):
        if lowers[k] not in _LAST or k == start:
            continue
        if lowers[k - 1] not in ("the", "'s", "’s", "as"):
            continue
        j = k + 1
        while j < end and j <= k + 3 and lowers[j] in _BETWEEN_LAST:
            j += 1
        named = j < end and lowers[j] == "hospital"
        if not named and not (
            j < end
            and lowers[j] == "one"
            and "hospital" in lowers[max(start, k - 6) : k]
        ):
            continue
        gone = not _GONE.isdisjoint(lowers[start:end]) or (
            "out" in lowers[start:end] and "service" in lowers[start:end]
        )
        if "leaving" in lowers[max(start, k - 6) : k]:
            gone = False  # "..., leaving al-Ahli as the only working hospital"
        value = 0.0 if gone else 1.0
        return Quantity(k, k + 1, value, value, core=k, zero=gone)
    return None


def _speaker_label(lowers: list[str], start: int, end: int) -> bool:
    """Does the line open with a speaker's label ("Spokesman:", "Dr Haddad:")?"""
    return any(lowers[k] == ":" for k in range(start + 1, min(end, start + 4)))


def _where_said(lowers: list[str], at: int, start: int) -> bool:
    """Is the place at ``at`` where a source spoke ("told reporters in
    Geneva", "said on Tuesday in Geneva", "speaking in Moscow")?"""
    k = at - 1
    if k <= start or lowers[k] not in ("in", "from", "at"):
        return False
    return not _SPEAKING.isdisjoint(lowers[max(start, k - 3) : k])


_COORDINATED = frozenset(
    words(
        "people civilians have has had been were was are killed dead died injured "
        "wounded and"
    )
)


def _shares_bound(q: Quantity, before: Quantity, lowers: list[str]) -> bool:
    """ "at least 800 killed and 3,400 injured": a bound before the first of
    coordinated figures applies to the next one too (an exact figure with no
    bound of its own, after "and", with only its verb between)."""
    if (before.low is None) == (before.high is None):
        return False  # most figures: the one before has no bound (or is a range)
    if q.kind != "count" or before.kind != "count" or q.vague or q.zero:
        return False
    if q.core != q.start or q.low is None or q.low != q.high or before.vague:
        return False
    between = lowers[before.end : q.start]
    return (
        0 < len(between) <= 6
        and between[-1] == "and"
        and all(w in _COORDINATED or HEADS.get(w) in _GROUPS for w in between)
    )


_AGO = frozenset(("ago", "earlier"))
_GROUPS = frozenset(("people", "troops"))  # "178 Palestinians", "40 soldiers"


def _bounded_like(q: Quantity, before: Quantity) -> Quantity:
    if before.high is None:
        return q._replace(high=None)
    return q._replace(low=None)


_ANSWER_LABELS = frozenset(("a", "answer"))


def _is_answer(lowers: list[str], start: int, end: int) -> bool:
    """ "A: ..." in a Q&A transcript."""
    return (
        end - start > 2
        and lowers[start] in ("a", "answer")
        and lowers[start + 1] == ":"
    )


class _Context:
    """What the sentences before, in the same paragraph, were about: the
    indicator of their last claim (for "Of those, 300 were children", "The
    figure rose to 40,000") and whether they described an evacuation (then
    "Some 15,000 left on Sunday" were evacuated)."""

    def __init__(self) -> None:
        self.last: str | None = None
        self.evacuating = 0  # sentences the last evacuation mention still covers
        self.claims: list[int] = []  # the previous sentence's claims, in items

    def update(self, items: list[Item], offset: int) -> None:
        self.claims = []
        self.last = None  # only the sentence right before is referred to
        if self.evacuating:
            self.evacuating -= 1
        for k, item in enumerate(items, start=offset):
            if isinstance(item, Claim):
                self.last = item.indicator
                self.claims.append(k)
            if (
                isinstance(item, Claim)
                and item.indicator == "people.evacuated"
                and item.high != 0  # "no evacuations took place" described none
            ) or (isinstance(item, Event) and item.event == "evacuation.started"):
                self.evacuating = EVACUATION_REACH


# "fled", "by car", "in total": not (only) the evacuation's departures
_ON_THEIR_OWN = frozenset(
    words("fled flee fleeing escaped escape cars car foot total vehicles private")
)
_DEPARTED = frozenset(words("left leave leaving out reached arrived"))


def _evacuated(lowers: list[str], start: int, end: int) -> str:
    """People who left during an evacuation the paragraph described were
    evacuated ("Some 15,000 left on Sunday"), unless they fled or drove out
    on their own, or are only at a crossing."""
    sentence = set(lowers[start:end])
    if _ON_THEIR_OWN & sentence or not _DEPARTED & sentence:
        return "people.displaced"
    return "people.evacuated"


def _blank_english() -> Language:
    """spaCy's blank English tokenizer and rule-based sentencizer (no model)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


class Extractor:
    """Extracts claims and events from report texts. Build once, call often."""

    def __init__(
        self,
        rules_only: bool = False,
        model: Chooser | None = None,
        moods: MoodChooser | None = None,
    ) -> None:
        """``rules_only`` reads without the shipped second opinions (see
        ``learned``); ``model`` and ``moods``, if given, give them instead:
        on each figure's indicator and on each claim's modality."""
        if model is None and not rules_only:
            model = IndicatorModel.shipped()
        if moods is None and not rules_only:
            moods = ModalityModel.shipped()
        self._model = model
        self._moods = moods
        nlp = _blank_english()
        self._places = Gazetteer(lambda name: [t.text for t in nlp.tokenizer(name)])
        self._dates = DateReader()
        self._actors = ActorFinder()
        self._countries: dict[str, str] = {}  # area -> its country
        self._use(nlp)

    def _use(self, nlp: Language) -> None:
        """Read with ``nlp``. Its lexemes get three flags, computed once per
        distinct word and read back as arrays with the offsets: the sentence
        ends, the tokens a figure, event or date may start at, and those a
        place name may start at (no pass over the tokens in Python)."""
        vocab = nlp.vocab
        self._nlp = nlp
        self._renew_at = len(vocab) + RENEW_WORDS
        self._columns = [
            IDX,
            LENGTH,
            vocab.add_flag(_is_period),
            vocab.add_flag(_may_hit),
            vocab.add_flag(self._places.may_start),
        ]
        # Every new word (each new number is one) runs all the vocab's lexeme
        # attribute getters; keep only those of the columns read above, and
        # spaCy's punctuation and space flags, read from the text (see _read).
        # (spaCy's type stubs lack ``lex_attr_getters``.)
        getters = vocab.lex_attr_getters  # type: ignore[attr-defined]
        for attr in set(getters) - {IS_PUNCT, IS_SPACE, *self._columns[2:]}:
            del getters[attr]
        self._is_punct = getters[IS_PUNCT]

    @property
    def name(self) -> str:
        """What reads, as recorded with every stored extraction (at most 64
        characters): the rules' version and, if any, a digest of the learned
        models' weights ("corridor-rules 0.1.0 + learned 5d41402abc4b")."""
        name = f"corridor-rules {__version__}"
        seconds = [m for m in (self._model, self._moods) if m is not None]
        if not seconds:
            return name
        parts = [getattr(m, "digest", type(m).__name__) for m in seconds]
        digest = hashlib.sha256(" ".join(parts).encode()).hexdigest()[:12]
        return f"{name} + learned {digest}"

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, for canonical area names and ``parent``."""
        return self._places

    def extract(
        self, text: str, published: date | None = None, area: str | None = None
    ) -> list[Item]:
        """Every claim and event in ``text``, in text order.

        ``published`` resolves relative dates and is the default ``as_of``;
        ``area`` is the document's main place, used when neither the sentence
        nor its paragraph names one.
        """
        paragraphs = self._read(text)
        main = canonical_area(area) or self._main_area(paragraphs)
        items: list[Item] = []
        frame: str | None = None  # what the last question asked for
        topic: str | None = None  # and the event noun it named
        for paragraph in paragraphs:
            self._resolve_places(paragraph, main)
            answering = False  # inside an answer: from "A:" to the next "Q:"
            asked = False  # the sentence before was a question line
            context = _Context()  # what the paragraph's sentences so far counted
            lowers = paragraph.lowers
            for start, end in paragraph.sents:
                if lowers[start] in ("q", "question"):
                    frame = question_frame(lowers, start, end)
                    topic = next((w for w in lowers[start:end] if w in TRIGGERS), None)
                    answering, asked = False, True
                elif asked:  # "Spokesman: ..." right after "Q: ...": an answer
                    answering = answering or _speaker_label(lowers, start, end)
                    asked = False
                answering = answering or (
                    lowers[start] in _ANSWER_LABELS and _is_answer(lowers, start, end)
                )
                answer = topic if answering else None
                found = self._sentence(
                    text,
                    paragraph,
                    start,
                    end,
                    published,
                    main,
                    frame,
                    answer,
                    context,
                    answering,
                )
                if context.claims and denies_previous(lowers, start, end):
                    # "State TV claims 20,000 used it. That is false: ..."
                    for k in context.claims:
                        items[k] = replace(items[k], modality="negated")
                context.update(found, len(items))
                items.extend(found)
        if len(self._nlp.vocab) > self._renew_at:
            self._use(_blank_english())  # see extract_many
        return items

    def extract_many(
        self, documents: Iterable[tuple[str, date | None, str | None]]
    ) -> Iterator[list[Item]]:
        """``extract`` over a stream of ``(text, published, area)``, lazily.

        spaCy keeps every new string it meets (each new number adds one), so
        once the tokenizer has learnt ``RENEW_WORDS`` new words (about 5 MB of
        memory) ``extract`` builds a fresh one and the old strings are freed:
        memory stays flat over a long stream, whether it comes through here or
        one document at a time (as the runners call it). Counting words, not
        documents, renews only when memory grows: a new tokenizer must learn
        every word again, and building it takes 0.05 s. (spaCy's
        ``memory_zone`` does the same per document, but it bypasses the
        tokenizer's cache and halves the speed.)
        """
        for text, published, area in documents:
            yield self.extract(text, published, area)

    # -- reading -----------------------------------------------------------

    def _read(self, text: str) -> list[_Paragraph]:
        paragraphs = []
        make_doc = self._nlp.make_doc  # the tokenizer alone: sentences below
        for offset, piece in chunks(text):
            # Token objects are slow to make; read the arrays and slice the text.
            columns = make_doc(piece).to_array(self._columns).T.tolist()
            idx, length, period, hit, place = columns
            orths = [piece[i : i + n] for i, n in zip(idx, length, strict=True)]
            punct = _PunctAt(orths, self._is_punct)
            starts = _first_tokens(piece, idx, length, punct, period)
            spaced = _may_have_space_tokens(piece)
            if spaced or "\n" in piece:  # tokens to drop or sentences to add
                begins = [idx[k] for k in starts]
                if spaced:
                    # Whitespace tokens ("\n") are dropped: phrases and windows
                    # skip them.
                    kept = [not orth.isspace() for orth in orths]
                    idx, orths, hit, place = (
                        list(compress(c, kept)) for c in (idx, orths, hit, place)
                    )
                if "\n" in piece:  # bullets, table lines, timestamps: one each
                    begins.extend(line_starts(piece))
                found = {0, *(bisect_left(idx, p) for p in begins)}
                starts = sorted(found - {len(idx)})
            lowers = _lowered(piece, idx, orths)
            sents = list(pairwise([*starts, len(idx)]))
            hits = list(compress(count(), hit))
            paragraph = _Paragraph(offset, orths, lowers, idx, sents, hits)
            candidates = list(compress(count(), place))
            if candidates:  # many paragraphs have none, and no place to find
                # a dateline's places say where the reporter filed from
                paragraph.places = self._places.find(
                    orths,
                    lowers,
                    _dateline_end(orths),
                    len(orths),
                    candidates=candidates,
                )
            paragraphs.append(paragraph)
        return paragraphs

    @staticmethod
    def _main_area(paragraphs: list[_Paragraph]) -> str | None:
        return _most_common(
            [p.area for para in paragraphs for p in para.places if p.area != BESIEGED]
        )

    def _resolve_places(self, paragraph: _Paragraph, main: str | None) -> None:
        if not paragraph.places:
            return  # no place to resolve, and none to name the paragraph's
        context = main
        resolved = []
        for mention in paragraph.places:
            if mention.area == BESIEGED:
                area = self._places.besieged_part(context)
                if area:
                    resolved.append(PlaceMention(mention.start, mention.end, area))
            else:
                if self._places.besieged_part(mention.area):
                    context = mention.area
                resolved.append(mention)
        paragraph.places = resolved
        # a city abroad (where talks are held, where a spokesman sits) is
        # never the place of the paragraph's other figures
        paragraph.area = _most_common(
            [
                p.area
                for p in resolved
                if not self._abroad(p.area, main)
                and not _where_said(paragraph.lowers, p.start, 0)
            ]
        )

    def _country(self, area: str) -> str:
        country = self._countries.get(area)
        if country is None:  # walked once per area: asked for every figure
            country, seen = area, 0
            while seen < 8 and (up := self._places.parent(country)):
                country, seen = up, seen + 1
            self._countries[area] = country
        return country

    def _abroad(self, area: str, main: str | None) -> bool:
        """Whether ``area`` lies in another country than the document's place."""
        return main is not None and self._country(area) != self._country(main)

    # -- one sentence ------------------------------------------------------

    def _sentence(
        self,
        text: str,
        para: _Paragraph,
        start: int,
        end: int,
        published: date | None,
        main: str | None,
        frame: str | None = None,
        topic: str | None = None,
        context: _Context | None = None,
        answering: bool = False,
    ) -> list[Item]:
        lowers = para.lowers
        hits = para.hits[bisect_left(para.hits, start) : bisect_left(para.hits, end)]
        # most hits are digits, which may start a figure and seldom a date
        figures = [
            k for k in hits if lowers[k][:1] in DIGIT_START or could_start_at(lowers, k)
        ]
        triggers = [k for k in hits if lowers[k] in TRIGGERS]
        if topic is None and not figures and not triggers:
            return []  # no figure and no event here: dates are not needed
        dated = [  # a date begins with a digit or a word of its gate
            k
            for k in hits
            if (lowers[k] in DATE_GATE or lowers[k][:1].isdigit())
            and could_start_date(lowers, k)
        ]
        dates = self._dates.find(para.orths, lowers, start, end, published, dated)
        blocked = {
            i
            for d in dates
            if not (lowers[d.end - 1] in _AGO and counts_since(lowers, d.start, start))
            for i in range(d.start, d.end)
        }
        quantities = find_quantities(lowers, start, end, blocked, figures)
        found: list[tuple[int, str, Quantity | None, EventMention | None]] = []
        previous: str | None = None
        before: Quantity | None = None
        baseline: bool | None = None  # a word for a pre-war figure, read once
        for n, q in enumerate(quantities):
            if (
                before is not None
                and (before.low is None) != (before.high is None)
                and _shares_bound(q, before, lowers)
            ):
                q = quantities[n] = _bounded_like(q, before)
            indicator = classify(q, lowers, start, end)
            if indicator and baseline is None:
                baseline = not BASELINE_WORDS.isdisjoint(lowers[start:end])
            if indicator and baseline and pre_war(lowers, q, start, end):
                indicator = None  # "Before the war, Yarmouk was home to 160,000"
            if indicator is None and frame and answers(q, frame, lowers, start, end):
                indicator = frame  # "Q: How many are still inside? A: maybe 80,000"
            prior = previous if before is not None else context and context.last
            if prior and indicator is None and refers_back(q, lowers, start, end):
                indicator = prior  # "Of those, 250 were children.", "The figure ..."
            if (
                indicator == "people.trapped"
                and prior in ("people.displaced", "people.evacuated")
                and remains_among(q, lowers, end)
            ):
                indicator = prior  # "Around 50,000 of them remain in shelters"
            if before is None or not previous or before.kind != "count":
                pass
            elif indicator is None and elides(q, before, previous, lowers, end):
                indicator = previous  # "eight corridors: six for civilians ..."
            elif continues_list(q, before, previous, lowers, end):
                indicator = previous  # "killed 299 militants, 70 soldiers ..."
            elif indicator in (None, "people.trapped") and restates_previous(
                q, lowers, start, end
            ):
                indicator = previous  # "state media said 300 died, activists 135"
            # "1,000 people, including 200 wounded, were evacuated": a subset
            continues = previous and q.kind == "count" and indicator in _SUBSETS
            if continues and follows_previous(q, lowers, start):
                indicator = previous
            if indicator == "people.displaced" and context and context.evacuating:
                indicator = _evacuated(lowers, start, end)
            chosen = indicator
            if self._model is not None:  # a second opinion: see learned.py
                chosen = self._model.choose(q, indicator, lowers, start, end)
            if chosen is not None:
                found.append((q.core, chosen, q, None))
            previous, before = indicator, q
        hospital_named = bool(triggers) and "hospital" in lowers[start:end]
        if hospital_named and not any(f[1] == "health.hospitals" for f in found):
            last = _last_hospital(lowers, start, end)
            if last is not None:  # "the city's last hospital had been destroyed"
                found.append((last.core, "health.hospitals", last, None))
        if found and "access.days_without_aid" in [f[1] for f in found]:
            # "no aid has entered for 40 days" is one claim, not two; "no
            # convoy has entered for 45 days" is two (a count of convoys, zero,
            # and the time without aid: tests/dev/README.md, round 5)
            found = [
                f
                for f in found
                if not (f[2] and f[2].zero)
                or f[1] not in ("aid.delivered", "access.convoys")
                or (f[1] == "access.convoys" and _arrived(lowers, f[2].end, end))
            ]
        # "Q: How many convoys got through?" asks, and reports no event
        asks = lowers[end - 1] == "?" and bool(_ASKING & set(lowers[start : start + 5]))
        mentions = [] if asks else find_events(lowers, start, end, triggers)
        if topic and not mentions and not TRIGGERS.keys() & set(lowers[start:end]):
            # "Q: What about the daily pause? A: Cancelled.": the question's noun
            mentions = [
                EventMention(m.event, start, start + max(0, m.cue - 1), m.negated)
                for m in find_events([topic, *lowers[start:end]], 0, end - start + 1)
                if not _after_a_figure(lowers, start + m.cue - 1, start)
            ]
        for mention in mentions:
            found.append((mention.trigger, mention.event, None, mention))
        if not found:
            return []
        span = attribution(para.orths, lowers, start, end)
        if span and _own_words(lowers, span, start, answering):
            span = None  # "A: We think about 7,000": the speaker's own figure
        source = self._span_text(text, para, *span) if span else None
        actors = self._actors.find(para.orths, start, end)
        items: list[Item] = []
        places = self._places_in(para, start, end, main)  # once for all its items
        usable = [d for d in dates if d.role == "at" and d.date is not None]
        for at, kind, figure, cue in sorted(found, key=lambda f: f[0]):
            where = self._area(para, places, at, main)
            when = self._date(usable, at, published)
            q_start, q_end = self._quote_span(text, para, start, end, at)
            quote = text[q_start:q_end]
            own = (
                clause_attribution(para.orths, lowers, span, at, end) if span else None
            )
            bounds = clause_bounds(lowers, at, start, end)  # for mood and actor
            cited = source
            if own != span:  # "Where the government says 300, ...": its clause only
                cited = self._span_text(text, para, *own) if own else None
            if figure is not None:
                # "did not see any aid for 40 days": the negation is the figure
                zero = figure.zero or kind == "access.days_without_aid"
                mood = modality(
                    lowers,
                    figure.core,
                    start,
                    end,
                    hedged=figure.hedged,
                    attributed=own is not None,
                    zero=zero,
                    bounds=bounds,
                )
                if (
                    kind == "access.corridors"
                    and mood in ("reported", "projected")
                    and announces(lowers, start, end)
                ):
                    mood = "asserted"  # a party announcing corridors
                if self._moods is not None:  # a second opinion: see learned.py
                    clues = mood_features(
                        mood,
                        kind,
                        lowers,
                        figure.core,
                        start,
                        end,
                        figure.hedged,
                        own is not None,
                        zero,
                    )
                    mood = self._moods.choose(mood, clues)
                actor = self._actor(actors, at, bounds, span)
                items.append(
                    Claim(
                        indicator=kind,
                        low=figure.low,
                        high=figure.high,
                        unit=INDICATORS[kind],
                        vague=figure.vague,
                        modality=mood,
                        area=where,
                        actor=actor,
                        attribution=cited,
                        as_of=when,
                        start=q_start,
                        end=q_end,
                        quote=quote,
                    )
                )
            else:
                negated = cue is not None and cue.negated
                mood = (
                    "negated"
                    if negated
                    else modality(
                        lowers,
                        at,
                        start,
                        end,
                        hedged=False,
                        attributed=own is not None,
                        zero=True,
                        bounds=bounds,
                    )
                )
                actor = self._actor(actors, at, bounds, None)
                count = self._count(quantities, at)
                items.append(
                    Event(
                        event=kind,
                        modality=mood,
                        area=where,
                        actor=actor,
                        attribution=cited,
                        date=when,
                        count=count,
                        start=q_start,
                        end=q_end,
                        quote=quote,
                    )
                )
        return items

    @staticmethod
    def _span_text(text: str, para: _Paragraph, i: int, j: int) -> str:
        begin = para.offset + para.idx[i]
        finish = para.offset + para.idx[j - 1] + len(para.orths[j - 1])
        return text[begin:finish]

    @staticmethod
    def _quote_span(
        text: str, para: _Paragraph, start: int, end: int, at: int
    ) -> tuple[int, int]:
        """Character span of the sentence (or of a window of it around ``at``)."""
        begin = para.offset + para.idx[start]
        finish = para.offset + para.idx[end - 1] + len(para.orths[end - 1])
        if finish - begin > MAX_QUOTE:
            middle = para.offset + para.idx[at]
            begin = max(begin, middle - MAX_QUOTE // 2)
            finish = min(finish, middle + MAX_QUOTE // 2)
        while begin < finish and text[begin].isspace():
            begin += 1
        while finish > begin and text[finish - 1].isspace():
            finish -= 1
        return begin, finish

    def _places_in(
        self, para: _Paragraph, start: int, end: int, main: str | None
    ) -> list[PlaceMention]:
        """The places of the sentence a figure may be in (not where a source
        spoke: "told reporters in Geneva that ...", "said in Geneva")."""
        return [
            p
            for p in para.places
            if start <= p.start < end
            and (
                # a name abroad is a place only after "in", "to", "from" ...
                (p.start > 0 and para.lowers[p.start - 1] in PLACE_PREPOSITIONS)
                or not self._abroad(p.area, main)
            )
            and not (
                p.start - 1 > start
                and para.lowers[p.start - 1] in _AT
                and _where_said(para.lowers, p.start, start)
            )
        ]

    def _area(
        self, para: _Paragraph, inside: list[PlaceMention], at: int, main: str | None
    ) -> str | None:
        """The nearest place ``inside`` the sentence (or a part of it named there
        too), else the paragraph's place, else the document's."""
        if len(inside) < 2:  # most sentences name one place or none
            return inside[0].area if inside else para.area or main
        here = [p.area for p in sorted(inside, key=lambda p: abs(p.start - at))]
        best = here[0]
        for other in here[1:]:
            if self._within(other, best):
                best = other
        return best

    def _within(self, area: str, outer: str) -> bool:
        seen = 0
        up = self._places.parent(area)
        while up and seen < 8:
            if up == outer:
                return True
            up, seen = self._places.parent(up), seen + 1
        return False

    @staticmethod
    def _date(
        usable: list[DateMention], at: int, published: date | None
    ) -> date | None:
        """The nearest of the sentence's ``usable`` dates (dated, not "since")."""
        if usable:
            return min(usable, key=lambda d: abs(d.start - at)).date
        return published

    @staticmethod
    def _actor(
        actors: list[tuple[int, int, str]],
        at: int,
        bounds: tuple[int, int],
        exclude: tuple[int, int] | None,
    ) -> str | None:
        """The actor nearest before ``at`` in its clause (``bounds``), else
        the nearest after it."""
        if not actors:
            return None
        lo, hi = bounds
        near = [
            a
            for a in actors
            if lo <= a[0] < hi and not (exclude and exclude[0] <= a[0] < exclude[1])
        ]
        before = [a for a in near if a[0] < at]
        if before:
            return max(before, key=lambda a: a[0])[2]
        return min(near, key=lambda a: a[0])[2] if near else None

    @staticmethod
    def _count(quantities: list[Quantity], trigger: int) -> int | None:
        for q in quantities:
            exact = q.low is not None and q.low == q.high and not (q.vague or q.zero)
            if exact and trigger - 2 <= q.end <= trigger:
                return int(q.low)  # type: ignore[arg-type]
        return None


def _arrived(lowers: list[str], at: int, end: int) -> bool:
    """ "no convoy has entered (for 45 days)": a verb of arrival right after
    the zero makes it a count of convoys too ("15 months without a single
    convoy" is only a time without aid)."""
    return not ARRIVAL_VERBS.isdisjoint(lowers[at : min(end, at + 6)]) or (
        "allowed" in lowers[at : min(end, at + 6)]
    )
