"""`kg_coref`: rule-based coreference within a document, and the roles people hold.

- role nominals ("the French leader", "the Chinese president") resolve to the one person of that
  nationality (and title, when several) already in the document;
- personal pronouns (he, his, she, her) resolve to the nearest person before them; it/its to the
  nearest country or organisation; they/them/their to the nearest group;
- titles before a name or in apposition ("Dutch prime minister Mark Rutte", "Ola Nordmann,
  Norway's foreign ministry spokesperson") give schema:jobTitle, schema:nationality and
  schema:worksFor, each grounded in its sentence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.lexicon import gazetteer as gz
from kg.lexicon import words as wordlists
from kg.model import Mention, Relation
from kg.nlp import docdata

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
COUNTRY_NOMINALS = {"side"}
ROLE_HEADS = {"leader", "president", "premier", "prime minister", "minister", "chancellor", "king", "queen",
              "spokesperson", "spokesman", "spokeswoman", "envoy", "ambassador", "general", "chief"}


@Language.component("kg_coref")
def coref(doc: Doc) -> Doc:
    _roles(doc)
    _role_nominals(doc)
    _pronouns(doc)
    return doc


def _sentence_mention(tok: Token) -> Mention:
    s = tok.sent
    return Mention(s.start_char, s.end_char, s.text, -1)


def _add_rel(doc: Doc, rel: Relation) -> None:
    rels = docdata.relations(doc)
    if all((r.subject, r.predicate, r.object) != (rel.subject, rel.predicate, rel.object) for r in rels):
        rels.append(rel)


def _longest_title(tokens: list[Token]) -> tuple[str | None, list[Token]]:
    titles = wordlists.titles()
    best, best_toks = None, []
    for i in range(len(tokens)):
        for j in range(len(tokens), i, -1):
            cand = gz.norm(" ".join(t.text for t in tokens[i:j]))
            if cand in titles and (best is None or len(cand) > len(best)):
                best, best_toks = cand, tokens[i:j]
    return best, best_toks


def _roles(doc: Doc) -> None:
    ents = docdata.entities(doc)
    for key, ent in list(ents.items()):
        if ent.kind != "Person":
            continue
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            # titles before the name: "US Secretary of State Antony Blinken", "Dutch prime minister X"
            _apply_role(doc, key, span, _title_before(doc, span.start))
            # appositions: "X, Norway's foreign ministry spokesperson," / "X, the president of Mexico"
            for a in span.root.children:
                if a.dep_ == "appos":
                    _apply_role(doc, key, span, _title_in(doc, list(a.subtree), a))
            # the name in apposition to a title: "Qatar's prime minister, Mohammed Al Thani, said"
            if span.root.dep_ == "appos" and span.root.head.i < span.start:
                h = span.root.head
                _apply_role(doc, key, span, _title_in(doc, [t for t in h.subtree if t.i <= h.i], h))


def _title_before(doc: Doc, j: int) -> tuple[str | None, list[Token]] | None:
    """The longest job title ending right before token j, with the tokens before it."""
    titles = wordlists.titles()
    for n in range(6, 0, -1):
        if j - n >= 0 and not any(t.is_punct and t.text != "-" for t in doc[j - n:j]):
            cand = gz.norm(doc[j - n:j].text)
            if cand in titles:
                k = j - n
                left = [t for t in doc[max(0, k - 4):k]]
                while left and (left[0].is_punct or left[0].pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ")
                                or left[0].is_sent_start is False and any(x.is_punct for x in left[1:])):
                    left = left[1:]
                # keep only the run of tokens that directly precedes the title (no punctuation between)
                run = []
                for t in reversed(left):
                    if t.is_punct and t.text not in ("'s", "’s") or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
                        break
                    run.insert(0, t)
                return cand, run
    return None


def _title_in(doc: Doc, group: list[Token], head: Token) -> tuple[str | None, list[Token]] | None:
    title, title_toks = _longest_title(group)
    if title is None:
        return None
    return title, [t for t in group if t not in title_toks]


def _apply_role(doc: Doc, key: str, span: Span, found) -> None:
    if not found:
        return
    title, context = found
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    ents[key].job_titles.add(title)
    ev = _sentence_mention(span.root)
    for t in context:
        k = tok2key.get(t.i)
        if k and k.startswith("org:"):
            _add_rel(doc, Relation(key, "worksFor", k, ev))
            return
    iso = None
    for i, t in enumerate(context):
        k = tok2key.get(t.i)
        if k and k.startswith("country:"):
            iso = k.split(":", 1)[1]
        elif t.ent_type_ in ("NORP", "GPE"):
            # "South Korean": a demonym of two words
            two = " ".join(x.text for x in context[i:i + 2])
            iso = gz.country_of(two) or gz.country_of(t.text) or iso
    # "the president of Mexico"
    for t in context:
        if t.lower_ == "of":
            for o in t.children:
                k = tok2key.get(o.i)
                if k and k.startswith("country:"):
                    iso = k.split(":", 1)[1]
                elif k and k.startswith("org:"):
                    _add_rel(doc, Relation(key, "worksFor", k, ev))
                    return
    if iso and iso in gz.countries():
        _add_rel(doc, Relation(key, "nationality", docdata.ensure_country(doc, iso), ev))


def _nationality(doc: Doc, key: str) -> set[str]:
    return {r.object for r in docdata.relations(doc) if r.subject == key and r.predicate in ("nationality", "worksFor")}


def _role_nominals(doc: Doc) -> None:
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    sent_index = docdata.sentence_numbers(doc)
    for t in doc:
        if t.i in tok2key or t.pos_ != "NOUN":
            continue
        head_text = gz.norm(t.text)
        if head_text in COUNTRY_NOMINALS:
            _country_nominal(doc, t, sent_index)
            continue
        if t.i > 0 and gz.norm(doc[t.i - 1].text + " " + t.text) in ROLE_HEADS:
            head_text = gz.norm(doc[t.i - 1].text + " " + t.text)
        if head_text not in ROLE_HEADS:
            continue
        det = [c for c in t.children if c.dep_ == "det" and c.lower_ == "the"]
        demonym = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and gz.demonyms().get(c.lower_)]
        if not det or not demonym:
            continue
        iso = gz.demonyms()[demonym[0].lower_]
        cands = [k for k, e in ents.items() if e.kind == "Person" and any(m.start < t.idx for m in e.mentions)
                 and f"country:{iso}" in _nationality(doc, k)]
        if len(cands) > 1:
            titled = [k for k in cands if any(head_text in jt or jt in head_text for jt in ents[k].job_titles)]
            cands = titled or cands
        if not cands:
            continue
        # the most recently mentioned candidate
        key = max(cands, key=lambda k: max(m.start for m in ents[k].mentions if m.start < t.idx))
        span = doc[det[0].i:t.i + 1]
        m = Mention(span.start_char, span.end_char, span.text, sent_index.get(t.sent.start, -1))
        ents[key].mentions.append(m)
        for x in span:
            tok2key[x.i] = key


def _country_nominal(doc: Doc, t: Token, sent_index) -> None:
    """"the Russian side", "the Indian side": the country itself."""
    dem = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and gz.demonyms().get(c.lower_)]
    det = [c for c in t.children if c.dep_ == "det" and c.lower_ == "the"]
    if not dem or not det:
        return
    iso = gz.demonyms()[dem[0].lower_]
    ents = docdata.entities(doc)
    key = docdata.ensure_country(doc, iso)
    span = doc[det[0].i:t.i + 1]
    ents[key].mentions.append(Mention(span.start_char, span.end_char, span.text, sent_index.get(t.sent.start, -1)))
    for x in span:
        docdata.token_keys(doc)[x.i] = key


def _pronouns(doc: Doc) -> None:
    """Resolve pronouns: the nearest compatible mention before them in the sentence, else the
    subject of an earlier sentence (within two), else the nearest; never a co-argument of the
    same verb ("He thanked Xi": he is not Xi)."""
    ents = docdata.entities(doc)
    tok2key = docdata.token_keys(doc)
    sents = list(doc.sents)
    sent_no = {s.start: i for i, s in enumerate(sents)}
    for t in doc:
        low = t.lower_
        if t.pos_ != "PRON" or t.i in tok2key:
            continue
        if low in PERSON_PRONOUNS:
            want = ("Person",)
        elif low in THING_PRONOUNS:
            want = ("Country", "Organization", "GovernmentOrganization", "NewsMediaOrganization")
        elif low in PLURAL_PRONOUNS:   # "police said they had arrested": institutions are plural too
            want = ("Group", "GovernmentOrganization", "Organization")
        else:
            continue
        clause_mates = {tok2key.get(c.i) for c in t.head.children if c.i != t.i} | {tok2key.get(t.head.i)}

        def ok(j: int) -> str | None:
            k = tok2key.get(j)
            if not k or k not in ents or ents[k].kind not in want or k in clause_mates:
                return None
            if docdata.in_skip(doc, doc[j].idx, doc[j].idx + 1):
                return None
            # "its citizens", "its military": a possessive of a people or an institution is a country's
            if low == "its" and ents[k].kind != "Country" and gz.norm(t.head.text) in wordlists.group_nouns() | set(wordlists.org_heads()):
                return None
            return k

        found = None
        for j in range(t.i - 1, t.sent.start - 1, -1):
            found = ok(j)
            if found:
                break
        if not found:
            i = sent_no[t.sent.start]
            for prev in reversed(sents[max(0, i - 2):i]):
                subjects = [x for x in prev if x.dep_ in ("nsubj", "nsubjpass") and ok(x.i)]
                if subjects:
                    found = ok(subjects[0].i)
                    break
                nearest = [ok(x.i) for x in reversed(prev) if ok(x.i)]
                if nearest:
                    found = nearest[0]
                    break
        if found:
            tok2key[t.i] = found
