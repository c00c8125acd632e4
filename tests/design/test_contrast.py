"""The palette reads well: every pair of text and background that static/css/tokens.css lists
reaches its WCAG 2.x contrast ratio (4.5:1 for text, 3:1 for large text and the edges of
controls), every colour that pages show together in a rule of the site's stylesheets is one of
those pairs, and Bootstrap's "-rgb" variables are the same colours as the tokens they stand for."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css"
TOKENS = CSS / "tokens.css"
PAIR = re.compile(r"^\s*pair:\s*(--lx-[\w-]+)\s+on\s+(--lx-[\w-]+)\s+([\d.]+)\s", re.M)
DECORATIVE = re.compile(r"^\s*decorative:\s*((?:--lx-[\w-]+[ ,]*)+)", re.M)
DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;{}]+);")
HEX = re.compile(r"^#([0-9a-f]{3}|[0-9a-f]{6})$", re.I)
# In one rule, the properties that put a text colour on a background colour.
TOGETHER = [
    ("color", "background-color"),
    ("color", "background"),
    ("--bs-btn-color", "--bs-btn-bg"),
    ("--bs-btn-hover-color", "--bs-btn-hover-bg"),
    ("--bs-btn-active-color", "--bs-btn-active-bg"),
    ("--bs-alert-color", "--bs-alert-bg"),
    ("--bs-pagination-active-color", "--bs-pagination-active-bg"),
    ("--bs-dropdown-link-active-color", "--bs-dropdown-link-active-bg"),
]


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour written #rgb or #rrggbb."""
    digits = HEX.match(colour).group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def variables() -> dict[str, str]:
    """Every custom property of tokens.css, as declared (the last declaration wins)."""
    return {
        name: value.strip()
        for name, value in DECLARATION.findall(_without_comments(TOKENS.read_text()))
    }


def resolve(value: str, declared: dict[str, str]) -> str | None:
    """A declared value followed through var() to a colour, or None if it is not one."""
    for _ in range(10):
        value = value.strip()
        found = re.fullmatch(r"var\((--[\w-]+)\)", value)
        if not found:
            break
        value = declared.get(found.group(1), "")
    value = {"#fff": "#ffffff", "white": "#ffffff", "#000": "#000000", "black": "#000000"}.get(
        value.lower(), value
    )
    return value.lower() if HEX.match(value) else None


def pairs() -> list[tuple[str, str, float]]:
    return [(fg, bg, float(ratio)) for fg, bg, ratio in PAIR.findall(TOKENS.read_text())]


def rules(path: Path):
    """(selector, {property: value}) for each rule of a stylesheet, at-rules' bodies included."""
    text = _without_comments(path.read_text())
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                declarations[name.strip()] = value.replace("!important", "").strip()
        yield selector.strip(), declarations


def test_the_contrast_formula_gives_wcags_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    # Bootstrap's grey on white, a well-known 4.69:1.
    assert contrast("#6c757d", "#fff") == pytest.approx(4.69, abs=0.01)


def test_the_token_file_lists_its_pairs():
    assert len(pairs()) >= 25
    named = {token for fg, bg, _ratio in pairs() for token in (fg, bg)}
    declared = variables()
    assert named <= declared.keys(), named - declared.keys()


@pytest.mark.parametrize(("foreground", "background", "minimum"), pairs())
def test_each_pair_reaches_its_wcag_aa_contrast(foreground, background, minimum):
    declared = variables()
    fg, bg = resolve(declared[foreground], declared), resolve(declared[background], declared)
    assert fg and bg, (foreground, background)
    assert minimum >= 3
    ratio = contrast(fg, bg)
    assert ratio >= minimum, f"{foreground} ({fg}) on {background} ({bg}): {ratio:.2f}:1"


def test_every_colour_token_is_in_a_pair_or_said_to_be_decorative():
    declared = variables()
    colours = {name for name, value in declared.items() if name.startswith("--lx-")}
    colours = {name for name in colours if resolve(declared[name], declared)}
    in_pairs = {token for fg, bg, _ratio in pairs() for token in (fg, bg)}
    decorative = {
        token
        for line in DECORATIVE.findall(TOKENS.read_text())
        for token in re.findall(r"--lx-[\w-]+", line)
    }
    assert not colours - in_pairs - decorative, sorted(colours - in_pairs - decorative)


@pytest.mark.parametrize("sheet", ["tokens.css", "liaison.css"])
def test_colours_set_together_in_a_rule_are_listed_pairs(sheet):
    declared = variables()
    listed = {(fg, bg): ratio for fg, bg, ratio in pairs()}
    by_colour = {}
    for (fg, bg), ratio in listed.items():
        key = (resolve(declared[fg], declared), resolve(declared[bg], declared))
        by_colour[key] = max(ratio, by_colour.get(key, 0))
    checked, problems = 0, []
    for selector, properties in rules(CSS / sheet):
        for text_property, background_property in TOGETHER:
            if text_property not in properties or background_property not in properties:
                continue
            fg = resolve(properties[text_property], declared)
            bg = resolve(properties[background_property], declared)
            if fg is None or bg is None:
                problems.append(f"{selector}: {text_property} or {background_property} not a token")
                continue
            checked += 1
            if (fg, bg) not in by_colour:
                problems.append(f"{selector}: {fg} on {bg} is not a listed pair")
            elif contrast(fg, bg) < 4.5:
                problems.append(f"{selector}: {fg} on {bg} is {contrast(fg, bg):.2f}:1")
    assert checked, f"no rule of {sheet} sets a text and a background colour together"
    assert not problems, "\n".join(problems)


def test_bootstraps_rgb_triplets_are_the_tokens_colours():
    declared = variables()
    triplets = {name: value for name, value in declared.items() if name.endswith("-rgb")}
    assert "--bs-primary-rgb" in triplets and "--bs-link-color-rgb" in triplets
    for name, value in triplets.items():
        colour_name = name.removesuffix("-rgb")
        if name.startswith("--bs-btn") or colour_name not in declared:
            continue
        colour = resolve(declared[colour_name], declared)
        digits = colour.lstrip("#")
        expected = ", ".join(str(int(digits[i : i + 2], 16)) for i in (0, 2, 4))
        assert value == expected, f"{name}: {value}, but {colour_name} is {colour}"


def test_the_tokens_load_after_bootstrap_and_before_the_sites_styles():
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    bootstrap = base.index("vendor/bootstrap/bootstrap.min.css")
    tokens = base.index("css/tokens.css")
    own = base.index("css/liaison.css")
    assert bootstrap < tokens < own


def test_no_stylesheet_of_the_site_keeps_bootstraps_default_blue():
    for sheet in ("tokens.css", "liaison.css"):
        text = (CSS / sheet).read_text().lower()
        assert "#0d6efd" not in text and "#0a58ca" not in text, sheet
