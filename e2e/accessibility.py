"""Automated accessibility checks for browser tests: axe-core (through axe-playwright-python) run on
the page as Chromium rendered it.

Public pages must meet WCAG 2.2 AA, so the check runs axe's rules for WCAG 2.0, 2.1 and 2.2 at
levels A and AA (not its best-practice rules, which go beyond the standard) and fails on any
violation axe rates serious or critical, naming the rule, what it asks for and the elements
concerned. Axe cannot test everything WCAG asks (the order headings make sense in, whether a label
says the right thing): the journeys' own assertions and a person's review still matter.

    from e2e.accessibility import assert_accessible
    page.goto("/request/")
    assert_accessible(page)
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")

_axe = Axe()


def axe_violations(page) -> list[dict]:
    """Every WCAG 2.2 A/AA violation axe finds on the page as it is now, of any impact."""
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def describe(violations: list[dict]) -> str:
    """One paragraph per rule: its id, impact and help, then each element's selector and what is wrong."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}" if summary else f"    {target}")
    return "\n".join(lines)


def assert_accessible(page, *, what: str = "") -> None:
    """Fail, listing them, when the page has serious or critical WCAG 2.2 AA violations."""
    failing = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
    if failing:
        where = what or page.url
        raise AssertionError(
            f"{where} has {len(failing)} serious or critical accessibility problem(s):\n" + describe(failing)
        )
