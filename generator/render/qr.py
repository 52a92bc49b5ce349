"""QR codes as inline SVG, made at build time by segno (pure Python; no service is asked).

The waiting-room poster on a practice page carries one: a phone's camera opens the page,
with the current hours, from the printed sheet.
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

# Error correction level M: 15% of the code may be lost (a poster on a wall gets marks and
# glare); segno raises it for free where the same size of code allows.
ERROR = "m"
# A fixed mask pattern. Any of the eight is valid and readable; segno's automatic choice
# (the pattern with the fewest confusing blocks) made one code in 3.4 ms instead of 0.7 ms:
# 13 s of CPU time more at the national scale of 4,900 practice pages.
MASK = 0


def qr_svg(url: str, label: str) -> Markup:
    """An inline <svg> of the QR code of `url`, with `label` as its accessible name (title
    and aria-label). No width or height: the stylesheet sizes it. The modules are drawn in
    black on a transparent ground, with the standard quiet zone of four modules."""
    code = segno.make_qr(url, error=ERROR, mask=MASK)
    # segno escapes the title itself (XML); the attribute is escaped here.
    svg = code.svg_inline(title=label, omitsize=True, svgclass="poh-qr", lineclass=None)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
