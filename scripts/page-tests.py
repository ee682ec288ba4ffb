#!/usr/bin/env python3
"""Writes docs/pages.md: every page of the app, its file, and the test classes that reach it.

A test class reaches a page when one of its strings is the page's route (ids and Hub IDs in braces, as the tests
interpolate them) or the end of it after a prefix the test built elsewhere, or when it names the page's model type
(the slices' requests are nested in it). The classes that go through every page are named once, above the table.
Run it after adding a page or a test class:  python3 scripts/page-tests.py
"""
import collections, glob, os, re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
web = os.path.join(root, "src", "PartnerPortal.Web")
every_page = ["AuthorizationMatrixTests", "HostileInputTests", "HostileInputAsSuperAdminFirstHalfTests", "HostileInputAsSuperAdminSecondHalfTests", "HostileInputAsPlainEmployeeTests",
              "RequestGuardTests", "StatementBudgetTests", "ChangeOfMembersMatrixTests", "ConventionTests"]

def norm(path):
    return [s for s in re.sub(r"\{[^}]*\}", "*", path.split("?")[0]).split("/") if s]

pages = []
for view in sorted(glob.glob(os.path.join(web, "Pages", "**", "*.cshtml"), recursive=True)):
    if os.path.basename(view).startswith("_"):
        continue
    m = re.search(r'^@page\s+"([^"]*)"', open(view, encoding="utf-8").read(), re.M)
    if not m:
        continue
    code = view + ".cs"
    model = None
    if os.path.exists(code):
        c = re.search(r"class (\w+Model)\b", open(code, encoding="utf-8").read())
        model = c.group(1) if c else None
    pages.append({"route": m.group(1) or "/", "file": os.path.relpath(view, web), "segs": norm(m.group(1)), "model": model})

models = collections.Counter(p["model"] for p in pages if p["model"])
reached = collections.defaultdict(set)
literal = re.compile(r'\$?@?"((?:[^"\\]|\\.)*)"')
for test in sorted(glob.glob(os.path.join(root, "tests", "PartnerPortal.*.Tests", "*.cs"))):
    cls = os.path.basename(test)[:-3]
    if cls in every_page:
        continue
    source = open(test, encoding="utf-8").read()
    # Prefixes a class builds once ("Cam = $\"/{Personas.Brightwave}/partner/client-access-manager\"") are put back in front.
    prefixes = dict(re.findall(r'\b(\w+)\s*(?:=|=>)\s*\$?"(/[^"]*)"', source))
    def resolve(s):
        m = re.match(r"\{(\w+)\}", s)
        return prefixes[m.group(1)] + s[m.end():] if m and m.group(1) in prefixes else s
    strings = [resolve(s) for s in literal.findall(source) if "/" in s]
    for page in pages:
        segs = page["segs"]
        for s in strings:
            t = norm(s)
            if not t or all(x == "*" for x in t):
                continue
            path = s.split("?")[0]
            whole = t == segs and path.startswith(("/", "{"))
            tail = t[1:] if path.startswith("{") else []  # after a prefix the test built elsewhere ("{Cam}/employees")
            suffix = sum(x != "*" for x in tail) >= 2 and len(tail) < len(segs) and segs[-len(tail):] == tail
            link = path.endswith("/") and segs[-1:] == ["*"] and t == segs[:-1]  # "/welcome/" read from an email or the console
            if whole or suffix or link:
                reached[page["file"]].add(cls)
                break
        if page["model"] and models[page["model"]] == 1 and re.search(r"\b%s\b" % page["model"], source):
            reached[page["file"]].add(cls)

out = ["# Pages → tests", "",
       "Every page of the app, the file that holds it and the test classes that reach it (written by `scripts/page-tests.py`;",
       "`ConventionTests` fails when a page is missing here). Every page is also reached by " +
       ", ".join(f"`{c}`" for c in every_page if c not in ("HostileInputTests",)) + ",",
       "which go through the whole endpoint table; `docs/rules.md` maps the rules to their tests.", "",
       "| page | file | tests |", "|---|---|---|"]
for page in sorted(pages, key=lambda p: p["route"]):
    tests = ", ".join(f"`{c}`" for c in sorted(reached[page["file"]])) or "no class names its route: the classes above, and links read from emails"
    out.append(f"| `{page['route']}` | `{page['file']}` | {tests} |")
open(os.path.join(root, "docs", "pages.md"), "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"docs/pages.md: {len(pages)} pages")
