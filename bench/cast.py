"""What the letter benchmarks share (bench/pdf.py, bench/portal.py): the staff who draft and approve,
the unit and its body, and a drafted letter completed as an officer would complete it. Call these
after django.setup()."""


def people():
    """An officer who drafts and a supervisor who approves: approval by someone else is the rule."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from foi_cases.roles import OFFICER, SUPERVISOR, ensure_roles

    ensure_roles()
    User = get_user_model()
    officer = User.objects.create_user("bench-officer", first_name="Olivia", last_name="Officer")
    officer.groups.add(Group.objects.get(name=OFFICER))
    supervisor = User.objects.create_user("bench-supervisor", first_name="Sam", last_name="Supervisor")
    supervisor.groups.add(Group.objects.get(name=SUPERVISOR))
    return officer, supervisor


def the_unit():
    """The unit's letterhead filled in; returns the body it answers for."""
    from foi_cases import services
    from foi_cases.models import PublicBody

    unit = services.unit_get()
    unit.name, unit.email, unit.phone = "Information Rights Unit", "foi@unit.example", "01234 842547"
    unit.address = "Police Headquarters\nWoburn Road, Kempston\nBedford MK43 9AX"
    unit.save()
    return PublicBody.objects.create(name="Bedfordshire Police")


def gaps_filled(letter, words: str, *, answer: str = "") -> dict:
    """The changes that fill every [[gap]] the library leaves with `words` (a sentence where one
    begins), and with `answer` give every item nothing else answers an answer."""
    from responses import services
    from responses.text import GAP

    def fill(text: str) -> str:
        def filled(gap) -> str:
            new_sentence = text[: gap.start()].rstrip().endswith((".", ":")) or not text[: gap.start()].strip()
            sentence = words[0].upper() + words[1:] if new_sentence else words
            return sentence if text[gap.end() :].startswith(".") else sentence + "."

        return GAP.sub(filled, text)

    changes = {"sections": {}, "exemption_texts": {}, "items": {}}
    for section in letter.sections.all():
        if GAP.search(section.text):
            changes["sections"][section.key] = fill(section.text)
    for exemption in letter.exemptions.all():
        texts = {name: getattr(exemption, name) for name in services.EXEMPTION_TEXT_FIELDS}
        changes["exemption_texts"][exemption.code] = {name: fill(t) for name, t in texts.items() if GAP.search(t)}
    for item in letter.items.all():
        if GAP.search(item.answer):
            changes["items"][item.position] = {"answer": fill(item.answer)}
        elif answer and not item.answer and not item.exemptions.exists():
            changes["items"][item.position] = {"answer": answer}
    return changes
