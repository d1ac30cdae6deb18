#!/usr/bin/env python3
"""Contrast of the style sheet's text colours against their backgrounds.

Reads ui/style.css, resolves `color` and `background-color` of the selectors
below (the last rule naming the exact selector wins; alpha() is composited
over what lies behind) and checks WCAG 2 contrast: at least 4.5:1, and 7:1
for the high-contrast selectors. Usage: check-contrast.py STYLE.CSS
"""

import re
import sys

NAMED = {"white": (255, 255, 255), "black": (0, 0, 0)}

# (text's selector, background's selector, what lies behind the background)
# Normal mode: 4.5:1.
PAIRS = [
    ("kioskheader", "kioskheader", None),
    ("kioskheader .nav-button", "kioskheader .nav-button", "kioskheader"),
    ("kioskheader .nav-button.suggested-action", "kioskheader .nav-button.suggested-action", None),
    ("button.suggested-action", "button.suggested-action", None),
    ("button.chip:checked", "button.chip:checked", None),
    (".map-chip:checked", ".map-chip:checked", None),
    (".survey-nav button:disabled", ".survey-nav button:disabled", None),
    (".survey-card:disabled label", ".survey-card:disabled", None),
    ("button.sensor-tile.stale .sensor-value", "button.sensor-tile.stale", None),
    (".sensor-age", "button.sensor-tile", None),
    (".sensor-stale", "button.sensor-tile.stale", None),
    (".map-card-category", ".map-card", None),
    (".survey-hint", "surveysview", None),
    (".survey-card-title", ".survey-card", None),
    (".event-row.cancelled .event-badge", ".event-row.cancelled .event-badge", None),
    (".events-day-heading", ".kiosk-pages", None),
    (".event-page-categories", ".kiosk-pages", None),
    (".map-here-label", ".map-here-label", None),
    ("button.map-marker.cluster", "button.map-marker.cluster", None),
    (".map-problem", ".map-problem", None),
]

# High contrast: 7:1.
HIGH = [
    ("window.high-contrast kioskheader", "window.high-contrast kioskheader", None),
    ("window.high-contrast kioskheader .nav-button", "window.high-contrast kioskheader .nav-button", None),
    ("window.high-contrast button.suggested-action", "window.high-contrast button.suggested-action", None),
    ("window.high-contrast .map-chip", "window.high-contrast .map-chip", None),
    ("window.high-contrast .map-chip:checked", "window.high-contrast .map-chip:checked", None),
    ("window.high-contrast button.chip", "window.high-contrast button.chip", None),
    ("window.high-contrast button.chip:checked", "window.high-contrast button.chip:checked", None),
    ("window.high-contrast .event-row", "window.high-contrast .event-row", None),
    ("window.high-contrast .events-day-heading", "window.high-contrast .kiosk-pages", None),
    ("window.high-contrast .event-page-categories", "window.high-contrast .kiosk-pages", None),
    ("window.high-contrast button:disabled", "window.high-contrast button:disabled", None),
    ("window.high-contrast .survey-card:disabled label", "window.high-contrast .survey-card:disabled", None),
    ("window.high-contrast button.sensor-tile.stale .sensor-value", "window.high-contrast button.sensor-tile.stale", None),
    ("window.high-contrast .sensor-stale", "window.high-contrast button.sensor-tile.stale", None),
    ("window.high-contrast .map-card-category", "window.high-contrast .map-card", None),
    ("window.high-contrast .map-attribution", "window.high-contrast .map-attribution", None),
    ("window.high-contrast .home-tile", "window.high-contrast .home-tile", None),
]


def parse(css):
    """selector -> {property: value}, later rules overriding earlier ones."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                decls[name.strip()] = value.strip()
        for selector in selectors.split(","):
            key = " ".join(selector.split())
            rules.setdefault(key, {}).update(decls)
    return rules


def colour(value, behind):
    """(r, g, b) of a CSS colour, alpha() composited over @behind."""
    value = value.strip()
    match = re.fullmatch(r"alpha\((.+),\s*([0-9.]+)\)", value)
    if match:
        inner = colour(match.group(1), behind)
        a = float(match.group(2))
        return tuple(round(a * c + (1 - a) * b) for c, b in zip(inner, behind))
    if value in NAMED:
        return NAMED[value]
    match = re.fullmatch(r"#([0-9a-fA-F]{6})", value)
    if match:
        h = match.group(1)
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    match = re.fullmatch(r"#([0-9a-fA-F]{3})", value)
    if match:
        return tuple(int(c * 2, 16) for c in match.group(1))
    raise ValueError("cannot read the colour " + value)


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def lookup(rules, selector, prop):
    if selector not in rules or prop not in rules[selector]:
        raise KeyError("style.css sets no %s for “%s”" % (prop, selector))
    return rules[selector][prop]


def main():
    rules = parse(open(sys.argv[1], encoding="utf-8").read())
    checks = [(p, 4.5) for p in PAIRS] + [(p, 7.0) for p in HIGH]
    failures = 0
    print("1..%d" % len(checks))
    for n, ((fg_sel, bg_sel, behind_sel), minimum) in enumerate(checks, 1):
        try:
            behind = (255, 255, 255)
            if behind_sel is not None:
                behind = colour(lookup(rules, behind_sel, "background-color"), behind)
            bg = colour(lookup(rules, bg_sel, "background-color"), behind)
            fg = colour(lookup(rules, fg_sel, "color"), bg)
            value = ratio(fg, bg)
            ok = value >= minimum
            detail = "%.2f:1 (at least %.1f:1)" % (value, minimum)
        except (KeyError, ValueError) as error:
            ok = False
            detail = str(error)
        failures += not ok
        print("%s %d - %s on %s: %s" % ("ok" if ok else "not ok", n, fg_sel, bg_sel, detail))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
