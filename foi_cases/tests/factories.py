from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from foi_cases import services
from foi_cases.models import PublicBody

PASSWORD = "correct-horse-battery-staple"

# Password hashing is deliberately slow; tests create many users and need no such protection.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@unit.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        self.save()


def user_with_permissions(username: str, *dotted: str, **fields):
    """A user given exactly these permissions ("foi_cases.view_case"), with no role."""
    user = UserFactory(username=username, role=None, **fields)
    for name in dotted:
        app_label, codename = name.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBody
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Public Body {n}")
    address = "Woburn Road, Kempston, Bedford, MK43 9AX"
    phone = "01234 842547"
    email = "foi@body.example"


def make_case(
    *,
    actor,
    body=None,
    regime="foia",
    received_on=date(2019, 12, 12),
    subject="Facial recognition",
    request_text="1. When did you start?\n2. How much did it cost?",
    assigned_to=None,
    **requester,
):
    """Create a case through the real service, as the UI and API do."""
    details = services.RequesterDetails(
        name=requester.get("name", "Alex Requester"),
        email=requester.get("email", "alex@example.org"),
    )
    return services.case_create(
        actor=actor,
        regime=regime,
        received_on=received_on,
        channel="email",
        subject=subject,
        request_text=request_text,
        requester=details,
        body=body or BodyFactory(),
        assigned_to=assigned_to,
    )
