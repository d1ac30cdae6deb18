#!/usr/bin/python3
"""Every control's accessible name equals its visible label.

Starts the real kiosk on the demo town under the caller's X server and
session bus, walks the accessibility tree (AT-SPI) on Home, every area and
the accessibility page, and checks each button: it has a name, and the
name is its visible text (one of its labels, or all of them together).
Prints TAP.
"""

import os
import subprocess
import sys
import time

import pyatspi

ankerort = sys.argv[1]
BUTTON_ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
                pyatspi.ROLE_RADIO_BUTTON}
results = []


def ok(good, what):
    results.append((good, what))
    print(("ok" if good else "not ok") + " %d %s" % (len(results), what), flush=True)


def find_app(timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name in ("ankerort", "Ankerort"):
                return app
        time.sleep(0.5)
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        children = []
    for child in children:
        yield from walk(child, depth + 1)


def showing(node):
    # GTK 4.8 leaves hidden widgets out of the tree but sets no SHOWING
    # state, so every button in the tree counts.
    return True


def labels_of(node):
    texts = []
    for n in walk(node):
        if n is node:
            continue
        if n.getRole() == pyatspi.ROLE_LABEL and n.name:
            texts.append(n.name)
    return texts


def check_screen(app, screen):
    buttons = [n for n in walk(app) if n.getRole() in BUTTON_ROLES and showing(n)]
    ok(len(buttons) > 0, "%s: has buttons (%d)" % (screen, len(buttons)))
    bad = []
    for b in buttons:
        labels = labels_of(b)
        name = b.name or ""
        if not name:
            bad.append("a button without a name (labels %r)" % labels)
        elif labels and name not in labels and name != " ".join(labels):
            bad.append("“%s” shows %r" % (name, labels))
    ok(not bad, "%s: every button is named after its visible label%s"
       % (screen, "" if not bad else ": " + "; ".join(bad[:5])))


def press(app, name):
    for n in walk(app):
        if n.getRole() in BUTTON_ROLES and n.name == name and showing(n):
            action = n.queryAction()
            for i in range(action.nActions):
                if action.getName(i) in ("click", "activate", "press"):
                    action.doAction(i)
                    time.sleep(1.0)
                    return True
    return False


def main():
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    kiosk = subprocess.Popen([ankerort, "--demo"], env=env)
    try:
        app = find_app()
        ok(app is not None, "the kiosk appears on the accessibility bus")
        if app is None:
            return
        time.sleep(2)
        # Leave attract mode with a real tap.
        subprocess.run(["xdotool", "mousemove", "300", "300", "click", "1"], check=False)
        time.sleep(1.5)
        check_screen(app, "home")
        for tile in ("Veranstaltungen", "Stadtplan", "Umwelt", "Mitmachen"):
            ok(press(app, tile), "a tap on “%s” opens it" % tile)
            time.sleep(1.0)
            check_screen(app, tile)
            press(app, "Start")
        ok(press(app, "Barrierefreiheit"), "the accessibility page opens")
        check_screen(app, "Barrierefreiheit")
        ok(press(app, "English"), "the language switch works")
        check_screen(app, "English")
    finally:
        kiosk.terminate()
        try:
            kiosk.wait(10)
        except subprocess.TimeoutExpired:
            kiosk.kill()
    print("1..%d" % len(results))


main()
sys.exit(0 if all(good for good, _ in results) else 1)
