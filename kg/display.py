"""Text as it is shown to a person: names and labels without the invisible characters that reorder it.

Bidirectional control characters (embeddings and overrides U+202A-U+202E, isolates
U+2066-U+2069, the marks U+200E/U+200F) in a name can make a label read backwards
or swap what stands before and after it. They have no place in a name: views,
reports and ``kg stats`` show names without them. Evidence keeps its text verbatim
in the graph; what is displayed of it goes through :func:`shown` as well.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str | None) -> str:
    """``text`` without bidirectional control characters ("" for None)."""
    return BIDI_CONTROLS.sub("", text or "")
