"""Build the site's icon sprite from Bootstrap Icons' SVG files (`make vendor` runs it).

Only the icons the templates use go in, as <symbol>s of one small file; a page draws one with
`{% icon "name" %}` (liaison/templatetags/icons.py), which refers to it by its id. To add an icon,
add its name here and run `make vendor`.

    python tools/icon_sprite.py <the package's icons/ folder> <the sprite to write>
"""

import re
import sys
from pathlib import Path

ICONS = [
    "broadcast-pin",
    "calendar-event",
    "camera-video",
    "check-circle",
    "clock",
    "door-open",
    "envelope",
    "exclamation-triangle",
    "geo-alt",
    "inbox",
    "info-circle",
    "life-preserver",
    "lock",
    "pencil",
    "plus-circle",
    "printer",
    "search",
    "telephone",
    "translate",
    "x-circle",
]


def symbol(name: str, svg: str) -> str:
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
    inner = re.sub(r">\s+<", "><", inner.strip())
    return f'<symbol id="{name}" viewBox="{view_box}">{inner}</symbol>'


def build(folder: Path) -> str:
    symbols = "".join(symbol(name, (folder / f"{name}.svg").read_text()) for name in ICONS)
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'


if __name__ == "__main__":
    source, target = map(Path, sys.argv[1:3])
    target.write_text(build(source))
