"""The unit's roles, as Django groups with permissions.

Officers log and run cases, draft letters and may reveal a requester's identity (they correspond
with requesters; every reveal is audited); supervisors do the same, may reopen closed cases and
approve letters (never their own); administrators manage the unit, its bodies, bank holidays,
users and the exemption library. Anyone else with a view of cases (a press office clearance group,
say) never sees who asked. Kept in code and synced after every migrate so a fresh install has them.
"""

from django.contrib.auth.models import Group, Permission

OFFICER, SUPERVISOR, ADMINISTRATOR = "Officer", "Supervisor", "Administrator"

_CASEWORK = [
    "foi_cases.view_case",
    "foi_cases.add_case",
    "foi_cases.change_case",
    "foi_cases.close_case",
    "foi_cases.view_publicbody",
    "foi_cases.view_requester",
]
ROLE_PERMISSIONS = {
    OFFICER: _CASEWORK + ["responses.reveal_requester"],
    SUPERVISOR: _CASEWORK
    + [
        "foi_cases.reopen_case",
        "responses.approve_letter",
        "responses.reveal_requester",
        "foi_cases.view_reports",
    ],
    ADMINISTRATOR: _CASEWORK
    + [
        "foi_cases.reopen_case",
        "responses.reveal_requester",
        "foi_cases.manage_unit",
        "foi_cases.view_reports",
        "responses.view_libraryentry",
        "responses.change_libraryentry",
        "responses.view_clearancestage",
        "responses.add_clearancestage",
        "responses.change_clearancestage",
        "foi_cases.view_unit",
        "foi_cases.change_unit",
        "foi_cases.add_publicbody",
        "foi_cases.change_publicbody",
        "foi_cases.view_extrabankholiday",
        "foi_cases.add_extrabankholiday",
        "foi_cases.change_extrabankholiday",
        "foi_cases.delete_extrabankholiday",
        "foi_cases.view_auditevent",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
    ],
}


def ensure_roles() -> None:
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
