"""What one surname's person records add up to, kept small: the provisional key of a new document's people.

`identity.resolve_group` decides every record of a surname at once and reads them all; a build that did
that for every new document would spend time per document that grows with the corpus (a surname in one
article in five has thousands of records). A `Surname` summary holds instead what a new record is
compared with — each distinct full name with the union of its records' evidence and how often each
spelling is used, and each group of lone surnames with the union of its evidence — so its size grows
with the number of distinct people, not of records. A new record is decided against it by the same
rule (`provisional`), then folded in (`add`). `Corpus.finish` decides every touched surname again
from all its records, exactly, and re-keys the few documents whose provisional key differed.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from kg.corpus.identity import (
    Decision,
    Known,
    PersonRecord,
    canonical,
    compatible_nat,
    person_key,
    resolve_group,
    shared_evidence,
    spelled,
)
from kg.model import keys
from kg.model.keys import Space, slug


@dataclass
class Surname:
    names: dict[str, Known] = field(default_factory=dict)      # spelled full name -> what its records say
    forms: dict[str, Counter] = field(default_factory=dict)     # spelled full name -> spellings used, counted
    lone: dict[str, Known] = field(default_factory=dict)       # key of a group of lone surnames -> its evidence
    first: dict[str, tuple[str, str]] = field(default_factory=dict)   # that group's first (doc, local)

    @classmethod
    def of(cls, records: list[PersonRecord]) -> "Surname":
        """The summary of a surname's stored records, each under the key it is written with."""
        s = cls()
        for r in sorted(records, key=lambda r: (r.doc, r.local)):
            s.add(r, r.assigned)
        return s

    def add(self, r: PersonRecord, key: str) -> None:
        """Fold a record decided as `key` in."""
        if len(r.tokens) >= 2:
            name = spelled(r.tokens)
            self.names.setdefault(name, Known(" ".join(r.tokens), r.tokens)).absorb(r)
            self.forms.setdefault(name, Counter())[" ".join(r.tokens)] += 1
        elif key not in self._person_keys():
            self.lone.setdefault(key, Known(r.tokens[-1])).absorb(r)
            self.first[key] = min(self.first.get(key, (r.doc, r.local)), (r.doc, r.local))

    def _labelled(self) -> dict[str, Known]:
        for name, counts in self.forms.items():
            n = self.names[name]
            n.label = min(counts, key=lambda form: (-counts[form], slug(form), form))
            n.tokens = n.label.split()
        return self.names

    def _person_keys(self) -> set[str]:
        return {person_key(n) for n in self._labelled().values()}

    def provisional(self, r: PersonRecord) -> Decision:
        """The key `resolve_group` would most likely give `r` among the records summarised (and the reason)."""
        if len(r.tokens) >= 2:
            probe = Surname(dict(self.names), {k: Counter(v) for k, v in self.forms.items()})
            name = spelled(r.tokens)
            probe.names[name] = Known(" ".join(r.tokens), r.tokens)
            probe.names[name].absorb(self.names.get(name, r))
            probe.names[name].absorb(r)
            probe.forms[name] = Counter(probe.forms.get(name, ())) + Counter([" ".join(r.tokens)])
            names = probe._labelled()
            canon, why = canonical(names)
            return Decision(person_key(names[canon[name]]), names[canon[name]].label, why[name])
        names = self._labelled()
        canon, _ = canonical(names)
        people: dict[str, Known] = {}
        for s, c in canon.items():
            people.setdefault(c, Known(names[c].label)).absorb(names[s])
        cands = [c for c in sorted(people) if compatible_nat(r.nat, people[c].nat) and shared_evidence(r, people[c])]
        if len(cands) == 1:
            p = people[cands[0]]
            return Decision(person_key(names[cands[0]]), p.label, f"'{r.label}' shares evidence with '{p.label}'")
        joined = sorted(k for k, g in self.lone.items() if compatible_nat(r.nat, g.nat) and shared_evidence(r, g))
        firsts = [self.first[k] for k in joined] + [(r.doc, r.local)]
        groups = len(self.lone) - len(joined) + 1
        name = slug(r.tokens[-1])
        if groups > 1:
            name += f"--{hashlib.sha1(min(firsts)[0].encode()).hexdigest()[:6]}"
        return Decision(keys.make(Space.PERSON, name), r.tokens[-1], "a lone surname, provisionally")


def decide(summary: Surname | None, records: list[PersonRecord], mine: list[PersonRecord]) -> dict:
    """Decisions for a document's records `mine` of one surname: against the summary when there is one (a
    new document), else exactly over `records` + `mine` (a document built again: its old records are not in
    `records`, and a summary cannot take them out)."""
    if summary is None:
        res = resolve_group(records + mine)
        return {r.local: res[(r.doc, r.local)] for r in mine}
    out = {}
    for r in sorted(mine, key=lambda r: (len(r.tokens) < 2, r.local)):     # full names first, as resolve_group
        out[r.local] = d = summary.provisional(r)
        summary.add(r, d.key)
    return out
