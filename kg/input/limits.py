"""How much input one document may be: the defaults of `kg build --max-bytes` and `--max-line-bytes`.

The cost of one document grows faster than its length (its events are clustered pairwise and every
sentence is parsed against the document's entities), so a text far past any news article is refused up
front with its size and the limit, rather than left to run for minutes and take gigabytes. 500,000 bytes
is about 80,000 words, ten times a long news feature, and builds in about a minute and 1.5 GB on two
cores; raise --max-bytes for longer texts, or split them (docs/reliability.md, Limits).
"""
DEFAULT_MAX_BYTES = 500_000          # one document
DEFAULT_MAX_LINE = 5_000_000         # one JSONL line as read from disk
