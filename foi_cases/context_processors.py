from django.utils.functional import SimpleLazyObject

from foi_cases.services import unit_get


def unit(request):
    """The unit's name for page headers (public pages name it too): one row by primary key, read
    only when a template uses it."""
    return {"unit": SimpleLazyObject(unit_get)}
