"""`kg_entities`: one entity per real-world thing in the document, with every mention.

Named mentions come from the (fixed) NER; nominal organisations ("Brazil's foreign ministry",
"the French army") and groups of people ("two Nepali nationals", "about 20 people") from
lexicons. Keys are canonical and document-independent where the name allows it
("country:KE", "person:olaf_scholz", "org:FR/military"), so that documents share nodes.
Name variants within the document ("Mr Scholz", "Scholz") join the full name's entity.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.model import Entity, Mention, Relation
from kg.nlp import docdata
from kg.nlp.components.ner_fixes import HONORIFICS

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90, "hundred": 100, "a hundred": 100, "thousand": 1000, "a dozen": 12, "dozen": 12})
QUALIFIERS = {"about": "approximately", "around": "approximately", "some": "approximately",
              "approximately": "approximately", "roughly": "approximately", "nearly": "nearly",
              "almost": "nearly", "least": "at least", "over": "more than", "more": "more than",
              "than": "more than", "up": "at most", "fewer": "fewer than", "less": "fewer than",
              "dozens": "dozens", "hundreds": "hundreds", "thousands": "thousands", "several": "several"}
MEDIA_CUES = {"agency", "newspaper", "daily", "broadcaster", "outlet", "channel", "tv", "television",
              "radio", "magazine", "wire", "paper", "website"}
MEDIA_NAME_WORDS = {"times", "post", "news", "herald", "tribune", "guardian", "telegraph", "journal",
                    "gazette", "press", "reuters", "agency", "daily", "express", "chronicle",
                    "observer", "mail", "bbc", "cnn", "afp", "ap", "xinhua", "tass", "ria", "interfax",
                    "al jazeera", "bloomberg", "mirror", "sun", "standard", "monitor", "wire"}
#: singular nouns that name a group of people ("the Indian diaspora", "a Chinese delegation")
COLLECTIVE_NOUNS = {"diaspora", "crowd", "delegation"}
GOV_WORDS = {"ministry", "department", "government", "police", "army", "navy", "council", "parliament",
             "commission", "agency", "office", "court", "senate", "congress", "assembly", "military"}


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", gz.norm(s)).strip("_") or "x"


@Language.component("kg_entities")
def build_entities(doc: Doc) -> Doc:
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    rels = docdata.relations(doc)
    sent_index = docdata.sentence_numbers(doc)

    def sent_of(tok: Token) -> int:
        return sent_index.get(tok.sent.start, -1)

    def add(key: str, kind: str, label: str, span: Span, **kw) -> Entity:
        e = ents.get(key)
        if e is None:
            e = ents[key] = Entity(key=key, kind=kind, label=label, **kw)
        text, end = span.text, span.end_char
        if text.endswith(".") and "." not in text[:-1] and len(text) > 2:   # "Twitter/X." -> "Twitter/X"
            text, end = text[:-1], end - 1
            if e.label == span.text:
                e.label = text
        e.alt_labels.add(text)
        m = Mention(span.start_char, end, text, sent_of(span[0]))
        if m not in e.mentions:
            e.mentions.append(m)
        for t in span:
            tok2key.setdefault(t.i, key)
        return e

    # 1. people: full names first, then short forms join the full name sharing their last word
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    full: dict[str, str] = {}
    for span in sorted(people, key=lambda s: -len(_name_tokens(s))):
        name = _name_tokens(span)
        if not name:
            continue
        if len(name) >= 2:
            key = full.get(name[-1].lower()) if _is_variant(name, full, ents) else None
            key = key or f"person:{slug(' '.join(name))}"
            full.setdefault(name[-1].lower(), key)
            add(key, "Person", " ".join(name), span)
        else:
            key = full.get(name[0].lower())
            if key is None:
                firsts = {k for k, e in ents.items() if e.kind == "Person" and len(e.label.split()) >= 2
                          and e.label.split()[0].lower() == name[0].lower()}
                key = firsts.pop() if len(firsts) == 1 else None
            if key is None:
                # a regnal or religious name is known with its title: "Pope Francis", "King Charles"
                regnal = [t for t in span if t.lower_ in REGNAL_TITLES]
                label = f"{regnal[0].text.capitalize()} {name[0]}" if regnal else name[0]
                key = f"person:{slug(label)}"
                add(key, "Person", label, span)
                continue
            add(key, "Person", name[0], span)

    # 2. places and countries, organisations
    for span in doc.ents:
        if span.label_ in ("GPE", "LOC", "FAC"):
            _add_place(span, add, ents, rels)
        elif span.label_ == "ORG":
            iso = gz.country_of(span.text)
            if iso:
                c = gz.countries()[iso]
                add(f"country:{iso}", "Country", c.name, span, iso_code=iso, same_as=gz.geonames_iri(c.geonames))
                continue
            kind = _org_kind(doc, span)
            bare = span.text[len(span[0].text):].strip() if span[0].lower_ == "the" and len(span) > 1 else span.text
            # "The Guardian", "The Jakarta Post" keep their article; "the European Union" does not
            name = span.text if kind == "NewsMediaOrganization" and span[0].text == "The" else bare
            add(f"org:{slug(bare)}", kind, name, span)

    # 3. nominal organisations of a country: "Brazil's foreign ministry", "the French army"
    _nominal_orgs(doc, add, ents, rels, sent_of)
    # 4. groups of people: "two Nepali nationals", "about 20 people", "a group of men"
    _groups(doc, add, ents, rels, sent_of)
    _merge_acronyms(doc, ents)
    return doc


REGNAL_TITLES = {"pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir", "sheikh",
                 "patriarch", "cardinal", "archbishop", "ayatollah", "dalai"}
STOP_INITIALS = {"of", "the", "and", "for", "&", "de", "du", "la"}


def _initials(label: str) -> str:
    label = re.sub(r"^\S+['’]s\s+", "", label)     # "Kenya's Ministry of Foreign Affairs" -> MFA
    return "".join(w[0] for w in re.findall(r"[\w']+", label) if w.lower() not in STOP_INITIALS).upper()


def _merge_acronyms(doc: Doc, ents: dict[str, Entity]) -> None:
    """'EU' and 'European Union' in one document are one organisation, keyed by the full name."""
    tok2key = docdata.token_keys(doc)
    orgs = [e for e in ents.values() if e.kind.endswith("Organization") and e.key.startswith("org:")]
    for short in orgs:
        if not re.fullmatch(r"[A-Z]{2,6}", short.label.replace(".", "")):
            continue
        acro = short.label.replace(".", "")
        longs = [e for e in orgs if e is not short and any(
            len(name.split()) >= 2 and _initials(name) == acro for name in {e.label, *e.alt_labels})]
        if len(longs) != 1:
            continue
        target = longs[0]
        target.alt_labels |= short.alt_labels
        target.mentions += short.mentions
        for i, k in list(tok2key.items()):
            if k == short.key:
                tok2key[i] = target.key
        del ents[short.key]


def _name_tokens(span: Span) -> list[str]:
    """The words of a person's name, without honorifics and titles ("Mr", "President")."""
    toks = [t for t in span if t.lower_ not in HONORIFICS and t.text not in (".", "'s", "’s")]
    toks = [t for t in toks if t.lower_ not in wordlists.titles()]
    if not toks:
        return []
    # keep hyphenated parts joined as written: "al-Sisi" is one word
    text = docdata.text(span.doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]
    return text.split()


def _is_variant(name: list[str], full: dict[str, str], ents: dict[str, Entity]) -> bool:
    """'Ana Lopez' and 'Ana Maria Lopez': same first and last word."""
    key = full.get(name[-1].lower())
    if not key:
        return False
    other = ents[key].label.split()
    return other[0].lower() == name[0].lower()


def _add_place(span: Span, add, ents, rels) -> None:
    text = span.text
    iso = gz.country_of(text) if span.label_ != "FAC" else None
    if iso:
        c = gz.countries()[iso]
        add(f"country:{iso}", "Country", c.name, span, iso_code=iso, same_as=gz.geonames_iri(c.geonames))
        return
    p = gz.places().get(gz.norm(re.sub(r"^the\s+", "", text, flags=re.I)))
    if p is not None:
        key = f"place:{slug(p.name)}" + (f"_{p.country}" if p.country and p.kind != "Landmark" else "")
        same = gz.geonames_iri(p.geonames)
        surface = re.sub(r"^the\s+", "", text, flags=re.I)
        label = surface if gz.norm(surface) == gz.norm(p.name) and not surface.isupper() else p.name
        # the gazetteer knows which country a city is in, but a relation is asserted only where the
        # text states it (kg_relations reads "Lyon, France"); the place links to GeoNames instead
        add(key, p.kind, label, span, same_as=same)
        return
    kind = "Landmark" if span.label_ == "FAC" else "Place"
    add(f"place:{slug(text)}", kind, re.sub(r"^the\s+", "", text, flags=re.I), span)


def _mention(span: Span) -> Mention:
    sent = span[0].sent
    return Mention(sent.start_char, sent.end_char, sent.text, -1)


def _org_kind(doc: Doc, span: Span) -> str:
    words = {t.lower_ for t in span}
    window = {t.lower_ for t in doc[max(0, span.start - 3):span.start]}
    after = {t.lower_ for t in doc[span.end:span.end + 2]}
    if window & MEDIA_CUES or words & MEDIA_NAME_WORDS or (span[0].text == "The" and not span[0].is_sent_start) \
            or "according" in window or {"reported", "reports"} & after:
        return "NewsMediaOrganization"
    if words & GOV_WORDS:
        return "GovernmentOrganization"
    return "Organization"


def country_adjective(iso: str) -> str:
    for dem, code in gz.rows("demonyms.tsv", 2):
        if code == iso:
            return dem
    return gz.countries()[iso].name


def _country_modifier(tok: Token, doc: Doc) -> tuple[str | None, Token | None]:
    """The country a noun is premodified by: 'Kenyan police', "Kenya's ministry", 'its military'."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
            iso = gz.country_of(c.text)
            if iso:
                return iso, c
            if c.dep_ == "poss" and c.lower_ in ("its", "their"):
                iso = _antecedent_country(doc, c)
                if iso:
                    return iso, c
            # "Brazil's foreign ministry spokesperson": the possessor of a compound head
            if c.dep_ == "compound":
                iso, m = _country_modifier(c, doc)
                if iso:
                    return iso, m
    return None, None


def _antecedent_country(doc: Doc, tok: Token) -> str | None:
    """Nearest country mentioned before `tok` in this or the previous sentence (for 'its')."""
    start = tok.sent.start
    if start > 0:
        start = doc[start - 1].sent.start   # and the sentence before
    # a country named outright beats a demonym ("Iran ... all French citizens ... its prisons")
    keys = docdata.token_keys(doc)
    ents = docdata.entities(doc)
    for types in (("GPE",), ("NORP",)):
        for t in reversed(doc[start:tok.i]):
            if t.ent_type_ in types:
                k = keys.get(t.i, "")
                if k.startswith("country:"):
                    return k.split(":", 1)[1]
                if k in ents:   # "New Delhi ... its nationals": a seat of government stands for its country
                    p = gz.places().get(gz.norm(ents[k].label))
                    if p is not None and p.seat_of:
                        return p.seat_of
                iso = gz.country_of(t.text) or _seat_country(t)
                if iso:
                    return iso
    return None


def _seat_country(t: Token) -> str | None:
    """'Washington' (a capital or seat of government, standing for its country) -> 'US'."""
    p = gz.places().get(gz.norm(t.text))
    return p.seat_of if p is not None and p.seat_of else None


def _nominal_orgs(doc: Doc, add, ents, rels, sent_of) -> None:
    heads = wordlists.org_heads()
    tok2key_all = docdata.token_keys(doc)
    taken = set(tok2key_all)
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN") or t.i in taken:
            continue
        # the longest lexicon phrase ending at t ("foreign ministry", "armed forces") or starting at
        # t ("ministry of external affairs")
        match = None
        for n in (3, 2, 1):
            if t.i - n + 1 >= 0:
                phrase = doc[t.i - n + 1:t.i + 1]
                if gz.norm(phrase.text) in heads and not any(x.is_space or "\n" in x.text for x in phrase):
                    match = phrase
                    break
        if match is None:
            for n in (4, 3):
                if t.i + n <= len(doc) and gz.norm(doc[t.i:t.i + n].text) in heads:
                    match = doc[t.i:t.i + n]
                    break
        if match is None:
            continue
        head = match.root
        if head.i != t.i and match.end - 1 != t.i:
            continue
        # a count makes it a group ("500 troops"), not the institution
        if any(c.dep_ == "nummod" for c in head.children):
            continue
        iso, mod = _country_modifier(head, doc)
        if iso is None:
            # "the Brazilian foreign ministry" where the demonym modifies the first word of the phrase
            iso, mod = _country_modifier(match[0], doc)
        if iso is None and head.dep_ == "compound":
            # "Brazil's foreign ministry spokesperson": the possessor hangs on the compound's head
            iso, mod = _country_modifier(head.head, doc)
            if mod is not None and mod.i > match.start:
                iso, mod = None, None
        canon, kind = heads[gz.norm(match.text)]
        if iso is None:
            # "police said": the one organisation of that name already in the document
            same = [k for k in ents if k.startswith("org:") and k.endswith(f"/{slug(canon)}")]
            sent_no = sent_of(match[0])
            other_country = any(tok2key_all.get(x.i, "").startswith("country:") and tok2key_all[x.i] != f"country:{same[0].split(':')[1].split('/')[0]}"
                                for x in match.sent) if len(same) == 1 else True
            recent = len(same) == 1 and any(0 <= sent_no - m.sentence <= 3 for m in ents[same[0]].mentions)
            definite = (match.start > 0 and doc[match.start - 1].lower_ == "the") or match[0].is_title
            if len(same) == 1 and recent and definite and not other_country and match[0].dep_ != "compound":
                span = match
                if match.start > 0 and doc[match.start - 1].lower_ == "the":
                    span = doc[match.start - 1:match.end]
                add(same[0], kind, ents[same[0]].label, span)
            continue
        start = mod.i if mod is not None and mod.i < match.start and mod.lower_ not in ("its", "their") else match.start
        while start > 0 and doc[start - 1].tag_ == "POS":
            start -= 1
        span = doc[start:match.end] if mod is None or mod.i >= start else doc[mod.i:match.end]
        if mod is not None and mod.i < start:
            span = doc[mod.i:match.end]
        key = f"org:{iso}/{slug(canon)}"
        e = add(key, kind, f"{country_adjective(iso)} {canon}", span)
        e.alt_labels.add(f"{gz.countries()[iso].name}'s {canon}")
        rel = Relation(key, "location", f"country:{iso}", _mention(span))
        if all((r.subject, r.object) != (rel.subject, rel.object) or r.predicate != "location" for r in rels):
            rels.append(rel)
        docdata.ensure_country(doc, iso)


def _number(t: Token) -> int | None:
    if t.like_num:
        try:
            return int(t.text.replace(",", ""))
        except ValueError:
            return NUMBER_WORDS.get(t.lower_)
    return NUMBER_WORDS.get(t.lower_) if t.dep_ in ("nummod", "quantmod", "compound") else None


def _parse_count(tokens: list[Token]) -> tuple[int | None, str | None, int | None]:
    """(count, qualifier, upper bound) from the words before a group noun: "nearly 100", "30 to 40"."""
    nums = [(t, n) for t in tokens if (n := _number(t)) is not None]
    qual = None
    for t in tokens:
        if t.lower_ in QUALIFIERS and not t.like_num:
            qual = QUALIFIERS[t.lower_]
    text = " ".join(t.lower_ for t in tokens)
    if "at least" in text:
        qual = "at least"
    if len(nums) >= 2 and re.search(r"\d[\d,]*\s*(to|-|–|and)\s*\d|\b(between|from)\b", text):
        lo, hi = sorted(n for _, n in nums[:2])
        return lo, qual or "range", hi
    count = nums[-1][1] if nums else None
    if count is not None and qual is None:
        qual = "exactly"
    return count, qual, None


def _groups(doc: Doc, add, ents, rels, sent_of) -> None:
    nouns = wordlists.group_nouns()
    tok2key = docdata.token_keys(doc)
    for t in doc:
        plural_demonym = t.tag_ == "NNP" and t.lower_.endswith("s") and gz.demonyms().get(t.lower_) and t.text[0].isupper()
        collective = t.tag_ == "NN" and t.lower_ in COLLECTIVE_NOUNS
        if t.i in tok2key or t.tag_ not in ("NNS", "NNPS") and not plural_demonym and not collective \
                and not (t.lower_ == "group" and t.pos_ == "NOUN"):
            continue
        if docdata.in_skip(doc, t.idx, t.idx + len(t)):
            continue
        is_demonym = gz.demonyms().get(t.lower_) and t.text[0].isupper()
        if t.lower_ == "group":
            members = [c for p in t.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
            if not members or gz.norm(members[0].text) not in nouns:
                continue
            head = t
        elif gz.norm(t.lemma_ + "s") in nouns or gz.norm(t.text) in nouns or is_demonym:
            head = t
            if head.head.lower_ == "of" and head.head.head.lower_ == "group":
                continue   # part of "a group of men": the group is the entity
        else:
            continue
        mods = [c for c in head.children if c.i < head.i]
        iso, mod = _country_modifier(head, doc)
        if is_demonym:
            iso = gz.demonyms()[t.lower_]
        partitive = head.head if head.head.lower_ == "of" and head.head.head.like_num else None
        if partitive is not None:   # "30 to 40 of its nationals": the count is the partitive's
            numeric = [c for c in partitive.head.subtree if c.i < partitive.i]
        else:
            numeric = [c for c in head.subtree if c.i < head.i and (c.like_num or c.lower_ in QUALIFIERS or c.dep_ in ("nummod", "quantmod"))]
        count, qual, count_max = _parse_count(numeric)
        if head.lower_ != "group" and count is None and iso is None and not any(m.lower_ in ("all", "many", "some", "several", "dozens", "hundreds", "thousands") for m in mods) \
                and not (head.head.lower_ == "of" and head.head.head.lower_ in ("dozens", "hundreds", "thousands")) \
                and not (head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and (
                    gz.norm(head.text) in wordlists.actor_nouns()
                    or any(m.lower_ == "the" and m.dep_ == "det" for m in mods))):   # "the pupils were freed"
            continue
        # extent: from the first left modifier (and "Dozens of") to the head, plus "from X" after
        left = min([head.i] + [c.i for c in head.subtree if c.i < head.i])
        if partitive is not None:
            left = min(left, partitive.head.left_edge.i)
        if head.head.lower_ == "of" and head.head.head.lower_ in ("dozens", "hundreds", "thousands", "scores"):
            left = min(left, head.head.head.left_edge.i)   # "Tens of thousands of Georgians"
            qual = QUALIFIERS.get(head.head.head.lower_, qual)
        right = head.i + 1
        if head.lower_ == "group":
            right = max(c.i for c in head.subtree if c.dep_ != "acl" and not any(a.dep_ == "acl" for a in c.ancestors if a.i > head.i and a.i <= c.i)) + 1
        while left < right and doc[left].dep_ in ("det", "predet") and doc[left].lower_ in ("a", "an", "the", "all"):
            left += 1
        span = doc[left:right]
        key = f"group:{docdata.doc_id(doc)}/{span.start_char}"
        add(key, "Group", span.text, span, count=count, count_qualifier=qual, count_max=count_max)
        if iso:
            rels.append(Relation(key, "nationality", docdata.ensure_country(doc, iso), _mention(span)))
        # "men from the states of Bavaria and Saxony": home locations
        for prep in [c for c in (head.children if head.lower_ != "group" else list(head.subtree)) if c.lower_ == "from" and c.dep_ == "prep"]:
            for pobj in prep.subtree:
                k = tok2key.get(pobj.i)
                if k and k.startswith(("place:", "country:")) and ents[k].kind != "Landmark":
                    if all((r.subject, r.object) != (key, k) for r in rels):
                        rels.append(Relation(key, "homeLocation", k, _mention(span)))
