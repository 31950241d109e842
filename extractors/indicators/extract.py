"""Indicator statements: first time entrants, reoffending and custody, read sentence by sentence.

A blank English spaCy pipeline with a rule-based sentencizer (built on first use, never at import) splits
paragraphs into sentences; :mod:`extractors.indicators.rules` reads each sentence. Paragraph context carries
over: a sentence that says "In 2018 this is now at 35%" inherits the indicator of the one before it, and a
rate unit stated once ("Custody rate per 10,000 population.") applies to the paragraph's later values.
Tab-aligned label/value line pairs ("2019/20 Target: binary rate" over "35% or less") are read as
"label: value" statements.
"""
from __future__ import annotations

from bisect import bisect_left

import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterator, Optional

from extractors.indicators.cells import cell_paragraphs
from extractors.indicators.dashboard import Dashboard, read_dashboards
from extractors.indicators.data_summary import Ambiguity, Summary, read_summaries
from extractors.indicators.forms import form_readings, rate_of_another
from extractors.indicators.summary_cells import SCell, summary_cells
from extractors.indicators.rag import rag_targets
from extractors.indicators.frequency import frequency_readings
from extractors.indicators.grids import grid_figures
from extractors.indicators.kpi import block_lines, kpi_figures, kpi_lines
from extractors.indicators.tables import rate_units, table_figures
from extractors.indicators.rules import Reading, about_subgroup, mentions, read_sentence
from normalisers.units import RATE_RX, plausible_rate_unit, rate_code
from extractors.metadata import extract_meta
from normalisers.periods import find_periods
from pipeline.records import Document, DocumentMeta, Indicator, ReadingAmbiguity
from pipeline.settings import Settings

log = logging.getLogger(__name__)
EXTRACTOR = "indicators"
_BARE_VALUE = re.compile(r"^\s*[-–]?\s*\d+(?:\.\d+)?\s?%?\s*$")


@lru_cache(maxsize=1)
def sentence_splitter() -> Any:
    """A blank English pipeline with the rule-based sentencizer (no model download)."""
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int  # index into Document.lines where the values are
    block: int  # paragraphs of one block (no blank line between) share a number
    topic: Optional[str] = None  # the indicator a table row names, for its other cells
    target: bool = False  # a table cell under a 'Target' header
    first: Optional[int] = None  # a table cell's first line, where it spans several


def _paragraphs(doc: Document) -> list[Paragraph]:
    pairs = list(_tab_pairs(doc)) + list(_aligned_pairs(doc))
    consumed = {p.line for p in pairs}
    cells = cell_paragraphs(doc)
    for c in cells:
        consumed.update(range(c.first, c.line + 1))
    pairs += [Paragraph(c.text, c.line, -1 - c.line, c.topic, c.target, c.first) for c in cells if c.text]
    out: list[Paragraph] = []
    block = 0
    lines = doc.lines
    for i, ln in enumerate(lines):
        text = ln.text.replace("\t", " ").strip()
        if i in consumed:
            continue
        if not text:
            block += 1
            continue
        prev = out[-1] if out else None
        if prev and prev.line == i - 1 and _BARE_VALUE.match(text) and re.search(r"[=:]\s*$", prev.text):
            out[-1] = Paragraph(prev.text + " " + text, i, prev.block)
            continue
        if prev and prev.line == i - 1 and prev.block == block and _WRAPPED.search(prev.text) and _GOES_ON.match(text):
            out[-1] = Paragraph(prev.text + " " + text, i, prev.block, first=prev.first if prev.first is not None
                                else prev.line)  # a sentence wrapped over two lines: 'figures of 257,' '220 and 213 ...'
            continue
        out.append(Paragraph(text, i, block))
    return out + pairs


_WRAPPED = re.compile(r"(?:,|\b(?:of|and|to|from|the|with|was|is|were|at|by|in))\s*$")  # a line that stops mid-sentence
_GOES_ON = re.compile(r"^\s*(?:\d|[a-z])")  # and the next line goes on with a figure or a word in lower case


def _tab_pairs(doc: Document) -> Iterator[Paragraph]:
    """A tab-separated label line over a tab-separated value line: each value with its own label."""
    lines = doc.lines
    for i in range(len(lines) - 1):
        heads, vals = lines[i].text.split("\t"), lines[i + 1].text.split("\t")
        if len(heads) < 2 or len(heads) != len(vals) or re.search(r"\d", "".join(heads)) is None:
            continue
        if not all(re.match(r"^\s*(\d+(?:\.\d+)?\s?%.*)?\s*$", v) for v in vals) or not any(v.strip() for v in vals):
            continue
        for h, v in zip(heads, vals):
            if h.strip() and v.strip():
                yield Paragraph(f"{h.strip()}: {v.strip()}", i + 1, -1 - i)


_TOPIC_WINDOW = 6  # lines either side whose indicator words give a 'label = value' statement its subject


_VALUE_GROUP = re.compile(r"\d+(?:\.\d+)?\s?%?(?:\s+or\s+(?:less|more|lower|higher|below|above|fewer))?")


def _aligned_pairs(doc: Document) -> Iterator[Paragraph]:
    """Column labels that each start with a period ('2018/19 Target: binary rate 2019/20 Target: binary rate')
    over as many values on the next line ('28% or less 35% or less'), as a PDF prints a two-column box."""
    lines = doc.lines
    for i in range(len(lines) - 1):
        head, vals = lines[i].text, lines[i + 1].text
        if "\t" in head or "\t" in vals or lines[i].page != lines[i + 1].page or not _DIGIT.search(vals):
            continue  # (every value group holds a digit)
        values = _VALUE_GROUP.findall(vals)
        if len(values) < 2 or _VALUE_GROUP.sub("", vals).strip():
            continue
        starts = [p.start for p in find_periods(head)]
        if len(starts) != len(values) or starts[0] != len(head) - len(head.lstrip()):
            continue
        segments = [head[a:b].strip() for a, b in zip(starts, starts[1:] + [len(head)])]
        for seg, val in zip(segments, values):
            yield Paragraph(f"{seg}: {val.strip()}", i + 1, -1 - i)


def _block_topics(paras: list[Paragraph]) -> dict[int, str]:
    """The one indicator each paragraph's neighbourhood names: the paragraphs of its block (consecutive non-blank
    lines) within a few lines of it (a table cell's is the cell itself). Keyed by the paragraph's line; only where
    exactly one indicator is named."""
    by_block: dict[int, list[tuple[int, frozenset[str]]]] = {}
    for q in paras:
        if q.block >= 0:
            by_block.setdefault(q.block, []).append((q.line, frozenset(n for _, n in mentions(q.text))))
    for members in by_block.values():
        members.sort(key=lambda m: m[0])
    out: dict[int, str] = {}
    for p in paras:
        near: set[str] = {n for _, n in mentions(p.text)}  # a table cell or label/value pair: itself
        members = by_block.get(p.block, []) if p.block >= 0 else []
        lo = bisect_left(members, p.line - _TOPIC_WINDOW, key=lambda m: m[0])
        for line, names in members[lo:]:
            if line > p.line + _TOPIC_WINDOW:
                break
            near |= names
        if len(near) == 1:
            out[p.line] = next(iter(near))
    return out


_RATE_TALK = re.compile(r"\brates?\b", re.I)  # only a paragraph about a rate, without percentages, carries
_CARRY_REACH = 6  # lines back to the paragraph whose measure a paragraph naming none continues


def _carried_topics(paras: list[Paragraph]) -> dict[int, str]:
    """A paragraph of running text that names no measure continues the one the paragraph just above it names
    ('Custody outcomes ... custodial disposal ...' then, after a blank line, 'The rate per 1000 has dropped from
    0.4 down to 0.06.'): keyed by line, only where that paragraph, within a few lines, names exactly one measure.
    Its sentences still take the measure only where they point back to it (a rate, 'this', 'the figure'). A list
    line led by a period ('Jul 17 - Jun 18: Rate of 334') takes a measure only from its list's title."""
    out: dict[int, str] = {}
    last: Optional[tuple[int, frozenset[str]]] = None
    for p in sorted((q for q in paras if q.block >= 0), key=lambda q: q.line):
        names = frozenset(n for _, n in mentions(p.text))
        if names:
            last = (p.line, names)
        elif last is not None and p.line - last[0] <= _CARRY_REACH and len(last[1]) == 1 \
                and _RATE_TALK.search(p.text) and "%" not in p.text and not _period_led(p.text) \
                and not rate_of_another(p.text):
            out[p.line] = next(iter(last[1]))
    return out


_DIGITS = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+custodial", re.I)
_DIGIT = re.compile(r"\d")


def _has_figure(text: str) -> bool:
    """``_DIGITS.search(text)`` as a truth value: a digit, else (only where 'custodial' can be) a number word
    before it (ASCII text holds 'custodial' in any case only if its lower case does)."""
    if _DIGIT.search(text):
        return True
    if text.isascii() and "custodial" not in text.lower():
        return False
    return bool(_DIGITS.search(text))


def _worth_reading(p: Paragraph, topics: dict[int, str]) -> bool:
    """Only paragraphs with a figure and an indicator (named, or the block's topic) can state a value."""
    return _has_figure(p.text) and (bool(mentions(p.text)) or p.line in topics or p.topic is not None)


def _rate_of(sentence: str) -> Optional[str]:
    m = RATE_RX.search(sentence)
    return rate_code(m.group(1)) if m else None


_ANAPHOR = re.compile(r"\b(?:this|it|which|(?:the|its|\w+'s)\s+(?:rate|figure|number))\b", re.I)
_LABELLED = re.compile(r"[=:]\s*[-–]?\s*\d")


def _carries(sentence: str, inherited_rate: Optional[str]) -> bool:
    """A sentence without an indicator word continues the previous one's subject when it points back to it, is
    short, or states a figure as a rate of the population ('... had 704 per thousand of its ... population')."""
    return bool(_ANAPHOR.search(sentence)) or len(sentence) < 60 or inherited_rate is not None \
        or _rate_of(sentence) is not None


def _read_paragraph(sentences: list[str], topic: Optional[str], scope: str, council: Optional[str],
                    row_topic: Optional[str] = None) -> list[tuple[str, Reading]]:
    """Sentences without an indicator word keep the previous sentence's indicator and stated rate unit
    (a table cell starts with its row's indicator); a block's single topic applies only to 'label = value'
    statements in it."""
    out: list[tuple[str, Reading]] = []
    inherited, rate = row_topic, None
    for s in sentences:
        ms = mentions(s)
        carried = inherited if inherited and _carries(s, rate) else None
        if carried is None and topic and _LABELLED.search(s) and not _BARE_VALUE.match(s):
            carried = topic
        last = out[-1][1] if out and out[-1][0] is not s else None
        counted = carried is not None and last is not None and last.unit == "count" and last.indicator == carried
        read = read_sentence(s, scope, carried, rate if not ms else None, council, counted) + frequency_readings(s, scope)
        out += [(s, r) for r in _one_period_each(s, _with_forms(read, s, scope, carried or (inherited if not ms else None),
                                                                rate if not ms else None, council))]
        if about_subgroup(s):  # the next sentence's 'the figure' is the subgroup's, not the indicator's
            inherited, rate = None, None
        elif ms:
            inherited, rate = ms[-1][1], _rate_of(s)
        elif carried is not None and _rate_of(s):  # 'The figure ..., a rate of 0.38 per 1000.' then 'this rate'
            rate = _rate_of(s)
    return out


def _with_forms(read: list[Reading], sentence: str, scope: str, carried: Optional[str], rate: Optional[str],
                council: Optional[str]) -> list[Reading]:
    """The rules' readings of a sentence and the sentence forms' readings of the figures the rules left (a form
    that reads a rate printed with a slip of unit, 'rate= 0.50%', reads over the rules' percent)."""
    out = list(read)
    for r, how in form_readings(sentence, scope, carried, rate, council, tuple(read)):
        same = next((k for k, x in enumerate(out) if x.start == r.start), None)
        if how == "also" and not any(x.start == r.start and x.kind == r.kind for x in out):
            out.append(r)  # '5 DTOs ..., which was the target': the figure is also the target
            continue
        if how == "over":
            out = [x for x in out if x.start != r.start]
        elif same is not None:  # read already; the form may know its period ('to 1.00 in 2013/14 from ...')
            x = out[same]
            if x.period is None and r.period and (x.indicator, x.value, x.unit) == (r.indicator, r.value, r.unit) \
                    and _dated_by(sentence, r.period, [x]) is x:  # only a period printed right after the figure
                out[same] = replace(x, period=r.period)
            continue
        out.append(r)
    return out


_YEAR_SPAN = re.compile(r"\b(20\d{2})\s*(?:-|–|to)\s*(20\d{2})\b")


def _one_period_each(sentence: str, readings: list[Reading]) -> list[Reading]:
    """Different values of one measure, place and kind in a sentence cannot share one period: 'from 2016 - 2018
    ... figures of 257, 220 and 213 ... respectively' gives each its year in turn, in order; otherwise the shared
    period is dropped rather than given to each (a list's period is not each figure's)."""
    groups: dict[tuple[str, str, str, Optional[str], str, Optional[str]], list[Reading]] = {}
    for r in readings:  # a place is its scope and the comparator's name ('South West 236, London 251': two places)
        key = (r.indicator, r.unit, r.scope, (r.comparator or "").lower() or None, r.kind, r.period)
        groups.setdefault(key, []).append(r)
    fixed: dict[int, Optional[str]] = {}
    for (_, _, _, _, _, period), members in groups.items():
        if period is None or len({r.value for r in members}) < 2:
            continue
        members = sorted(members, key=lambda r: r.start)
        span = _YEAR_SPAN.search(sentence)
        years = list(range(int(span.group(1)), int(span.group(2)) + 1)) if span else []
        respectively = re.search(r"\brespectively\b", sentence, re.I) and len(years) == len(members)
        owner = _dated_by(sentence, period, members)  # '(44.2% in Apr 2016 - Jun 2016)': that figure's own
        for k, r in enumerate(members):
            fixed[id(r)] = str(years[k]) if respectively else (period if r is owner else None)
    return [replace(r, period=fixed[id(r)]) if id(r) in fixed else r for r in readings]


def _dated_by(sentence: str, period: str, members: list[Reading]) -> Optional[Reading]:
    """The figure a period is printed right after ('44.2% in Apr 2016 - Jun 2016', '1.00 (2013/14)'), if one of
    them is."""
    for p in find_periods(sentence):
        if p.label != period:
            continue
        for r in members:
            end = r.start + len(r.raw)
            if end <= p.start and re.fullmatch(r"\s*%?\s*\(?\s*(?:in|for|during|over)?\s*(?:the\s+)?", sentence[end:p.start], re.I):
                return r
    return None


_LEADING_COUNT = re.compile(r"^\s*(\d{1,4})\b(?![.,%]\d|\s*%)")


def _cell_readings(p: Paragraph, readings: list[tuple[str, Reading]]) -> list[tuple[str, Reading]]:
    """Under a 'Target' header every figure is a target; a bare leading whole number is a target count."""
    if not p.target:
        return readings
    out = [(s, replace(r, kind="target")) for s, r in readings]
    lead = _LEADING_COUNT.match(p.text)
    if lead and p.topic in ("first_time_entrants", "custody") and not any(r.start == lead.start(1) for _, r in out):
        out.insert(0, (p.text, Reading(p.topic, Decimal(lead.group(1)), "count", "local", "target", lead.group(1),
                                       lead.start(1))))
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _line_of(doc: Document, p: Paragraph, sentence: str, r: Reading) -> int:
    """The line of a multi-line table cell that prints the figure read: from the line where the sentence starts, the
    first whose text holds the figure with the words just before it, else the figure; else the sentence's first
    line; the cell's last line when none is found."""
    if p.first is None or p.first >= p.line:
        return p.line
    lines = [(k, _squeeze(doc.lines[k].text)) for k in range(p.first, p.line + 1)]
    opening = " ".join(sentence.split()[:4])
    start = next((i for i, (_, t) in enumerate(lines) if opening and opening in t), None)
    words = sentence[:r.start].split()[-2:]
    for probe in (" ".join(words + r.raw.split()), " ".join(r.raw.split())):
        hit = next((k for k, t in lines[start or 0:] if probe and probe in t), None)
        if hit is not None:
            return hit
    return lines[start][0] if start is not None else p.line


def _period_led(text: str) -> bool:
    """'Jul 16 - Jun 17: Rate of 359 per 100,000': a line that opens with a period and a colon."""
    if ":" not in text:  # no colon after a period without a colon in the text: the periods need not be found
        return False
    periods = find_periods(text)
    lead = len(text) - len(text.lstrip())
    return bool(periods) and periods[0].start == lead and text[periods[0].end:].lstrip().startswith(":")


_TITLE_REACH = 4
# the line closing a list of period-led lines with the change between them: 'Decrease by 7.1% GREEN'
_CLOSING_CHANGE = re.compile(r"^\s*(?:decrease|reduction|increase|fall|rise)\s+(?:by|of)\s+[\d.]+\s?%(?:\s*\(?(?:red|amber|green)\)?)?\s*$",
                             re.I)  # lines above a period-led line where its list's title may sit


def _list_title(doc: Document, line: int, listed: int = 0) -> Optional[str]:
    """The measure a list of period-led lines is about, named by the short title line right above the list
    ('FTE PNC rate per 100,000 of 10-17 population' over 'Jul 17 - Jun 18: Rate of 334 per 100,000.'): only a
    title that names exactly one measure and is not itself a sentence or a period-led line. ``listed``: at least
    that many period-led lines must stand between (a line closing the list, 'Decrease by 7.1%')."""
    for k in range(line - 1, max(-1, line - 1 - _TITLE_REACH - listed), -1):
        text = doc.lines[k].text.replace("\t", " ").strip()
        if not text or _period_led(text):
            listed -= bool(text)
            continue
        if listed > 0:
            return None
        names = {n for _, n in mentions(text)}
        if len(names) != 1 or len(text) > 100 or text.endswith(".") or ":" in text:
            return None
        return next(iter(names))
    return None


def _titled(doc: Document, p: Paragraph) -> Paragraph:
    """A period-led line naming no measure takes its list title's measure as its row topic."""
    if p.topic is not None:
        return p
    if _period_led(p.text):
        title = _list_title(doc, p.first if p.first is not None else p.line)
    elif _CLOSING_CHANGE.match(p.text):
        title = _list_title(doc, p.first if p.first is not None else p.line, listed=2)
    else:
        return p
    named = {n for _, n in mentions(p.text)}
    return replace(p, topic=title) if title and named <= {title} else p


def extract_indicators(doc: Document, settings: Settings,
                       meta: Optional[DocumentMeta] = None) -> tuple[Indicator, ...]:
    """Every indicator statement of the document; ``meta`` (its council and type) is read if not given."""
    paras = [_titled(doc, p) for p in _paragraphs(doc)]
    topics = _block_topics(paras)
    carried = _carried_topics(paras)
    meta = meta if meta is not None else extract_meta(doc)
    scope = "national" if meta.doc_type == "national_report" else "local"
    council = meta.council
    nlp = sentence_splitter()
    out: list[Indicator] = []
    seen: set[tuple[Any, ...]] = set()
    blocks = list(block_lines(doc))
    in_blocks = kpi_lines(doc, blocks)  # read as KPI blocks below, under their own titles only
    units = rate_units(doc)
    grid = grid_figures(doc, council, units)
    in_tab_grids = {g.line for g in grid if "\t" in doc.lines[g.line].text}  # a table row the grid reader read
    paras = [p for p in paras if (_worth_reading(p, topics) or p.line in carried and _has_figure(p.text))
             and p.line not in in_blocks and p.line not in in_tab_grids
             and (p.first is None or p.first not in in_blocks)]
    parts = [(k, part) for k, p in enumerate(paras) for part in p.text.split("\n") if part.strip()]
    sentences_of: dict[int, list[str]] = {}
    for (k, _), parsed in zip(parts, nlp.pipe(part for _, part in parts)):
        sentences_of.setdefault(k, []).extend(s.text for s in parsed.sents)
    for k, p in enumerate(paras):
        sentences = sentences_of.get(k, [])
        for sentence, r in _cell_readings(p, _read_paragraph(sentences, topics.get(p.line), scope, council,
                                                             p.topic or carried.get(p.line))):
            key = (r.indicator, r.value, r.unit, r.scope, r.kind, p.line)
            if key in seen:
                continue
            seen.add(key)
            out.append(Indicator(r.indicator, r.value, r.unit, r.scope, r.kind, sentence,
                                 doc.prov(_line_of(doc, p, sentence, r), sentence, EXTRACTOR), r.comparator, r.period,
                                 r.raw, r.qualifier))
    for b in kpi_figures(doc, blocks):
        key = (b.indicator, b.value, b.unit, "local", b.kind, b.line)
        if key not in seen:
            seen.add(key)
            out.append(Indicator(b.indicator, b.value, b.unit, "local", b.kind, f"{b.title} — {doc.lines[b.line].text}",
                                 doc.prov(b.line, b.raw, EXTRACTOR), None, None, b.raw))
    by_sentences = set(seen)  # what the sentence and KPI readers read
    cells, summary, dashboard = _grid_reads(doc, council)
    read_lines = {g.line for g in grid}  # a grid the grid reader read is not read again as a summary or dashboard
    for g in grid + [s for s in summary.figures + dashboard.figures if s.line not in read_lines] + \
            rag_targets(doc, units, cells):
        key = (g.indicator, g.value, g.unit, g.scope, g.kind, g.line)
        cell = key + (g.period, g.comparator)  # one row of a grid may print one figure for two periods or places
        if key not in by_sentences and cell not in seen and g.line not in in_blocks:
            seen.update((key, cell))
            out.append(Indicator(g.indicator, g.value, g.unit, g.scope, g.kind, g.statement,
                                 doc.prov(g.line, g.raw, EXTRACTOR), g.comparator, g.period, g.raw))
    for f in table_figures(doc, council, units):
        key = (f.indicator, f.value, f.unit, f.scope, "actual", f.line)
        if key not in seen:
            seen.add(key)
            out.append(Indicator(f.indicator, f.value, f.unit, f.scope, "actual", f.statement,
                                 doc.prov(f.line, f.raw, EXTRACTOR), f.comparator, f.period, f.raw))
    return tuple(_in_plausible_unit(i) for i in out)


def _in_plausible_unit(i: Indicator) -> Indicator:
    """A rate whose printed unit it cannot be in is stored in the unit it can be, with the printed one kept beside
    it (``unit_printed``; the checks raise ``unit_conflict`` for it): never a silent change."""
    unit = plausible_rate_unit(i.unit, i.value)
    return i if unit == i.unit else replace(i, unit=unit, unit_printed=i.unit)


_GridReads = tuple[list[SCell], Summary, Dashboard]
_LAST: dict[int, tuple[Document, Optional[str], _GridReads]] = {}  # the last document's reads: two callers ask


def _grid_reads(doc: Document, council: Optional[str]) -> _GridReads:
    """The document's summary cells, data summaries and dashboards (read once per document and council)."""
    hit = _LAST.get(id(doc))
    if hit is not None and hit[0] is doc and hit[1] == council:
        return hit[2]
    cells = summary_cells(doc)  # split once for the three readers of grid-like cells
    reads = (cells, read_summaries(doc, council, cells), read_dashboards(doc, cells))
    for a in reads[1].ambiguities + reads[2].ambiguities:
        log.info("%s line %d: %s: %s", doc.source, a.line + 1, a.what, a.why)
    _LAST.clear()
    _LAST[id(doc)] = (doc, council, reads)
    return reads


def indicator_ambiguities(doc: Document, meta: Optional[DocumentMeta] = None,
                          read: tuple[Indicator, ...] = ()) -> tuple[ReadingAmbiguity, ...]:
    """The grid blocks the indicator readers found but left unread because the evidence did not decide, except
    those whose lines another reader read (``read``: the document's indicators)."""
    meta = meta if meta is not None else extract_meta(doc)
    _, summary, dashboard = _grid_reads(doc, meta.council)
    where = {_place(i.prov.page, i.prov.line, i.prov.bbox) for i in read}
    lines = [_place(ln.page, None if doc.kind == "pdf" else ln.number, ln.bbox) for ln in doc.lines]
    return tuple(ReadingAmbiguity(EXTRACTOR, a.what, a.why, doc.prov(a.line, doc.lines[a.line].text, EXTRACTOR))
                 for a in summary.ambiguities + dashboard.ambiguities
                 if not any(lines[k] in where for k in _block_lines(a)))


def _block_lines(a: Ambiguity) -> range:
    first, last = (a.line, a.line) if a.span[0] < 0 else (min(a.line, a.span[0]), max(a.line, a.span[1]))
    return range(first, last + 1)


def _place(page: Optional[int], line: Optional[int], bbox: Any) -> tuple[Any, ...]:
    return page, line, bbox
