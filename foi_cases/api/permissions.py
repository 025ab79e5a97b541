from rest_framework.permissions import BasePermission


class IsCaseworker(BasePermission):
    """Signed-in staff with a casework role (officer, supervisor or administrator)."""

    message = "You need an information rights officer, supervisor or administrator role."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("foi_cases.view_case"))
