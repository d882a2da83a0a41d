"""The comparison key of a company name, stored beside the name so near-duplicates are found through an index.

"台州市海澄进出口有限公司" and "浙江海澄进出口（有限）公司" share the key "海澄进出口": the name without spaces,
brackets and punctuation, in one width and case, without place prefixes and legal-form suffixes. The key is
derived data like the search index: the store writes it with every name (ORM events for the services' writes,
explicitly in the bulk paths), and migration 0005 filled it for existing rows.
"""

from __future__ import annotations

import re
import unicodedata

# Punctuation, spaces, and the characters that show nothing or only reorder (zero-width, BOM, soft hyphen, bidi
# controls): two names that look the same share a key.
_NOISE = re.compile(
    r"[\s·•.,，。、()（）\[\]【】<>《》\"'“”‘’\-—_/\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
PLACES = ("中国", "浙江省", "浙江", "台州市", "台州", "椒江区", "椒江")
FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司", "分公司", "厂")
# Repeated prefixes and suffixes in one pass each; the lookahead/lookbehind keep at least one character.
_PREFIX = re.compile("^(?:" + "|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)) + ")+(?=.)")
_SUFFIX = re.compile("(?<=.)(?:" + "|".join(sorted(map(re.escape, FORMS), key=len, reverse=True)) + ")+$")


def name_key(name: str | None) -> str:
    """The comparison key of ``name`` (see the module docstring); "" for no name."""
    if not name:
        return ""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name)).casefold()
    previous = None
    while text != previous:  # a suffix removal can expose a place prefix only in odd names; loop to a fixpoint
        previous = text
        text = _PREFIX.sub("", text, count=1)
        text = _SUFFIX.sub("", text, count=1)
    return text
