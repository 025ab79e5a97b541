from foi_cases.services import unit_get


def unit(request):
    """The unit's name for page headers; cheap (one row by primary key) and lazy."""
    return {"unit": unit_get() if request.user.is_authenticated else None}
