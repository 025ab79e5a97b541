"""Staff sign-in with a pause after repeated failures, so passwords cannot be guessed at speed."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.cache import cache

from config.network import client_address


def _key(request) -> str:
    username = request.POST.get("username", "").strip().lower()[:150]
    return f"login-failures:{client_address(request)}:{username}"


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if cache.get(_key(request), 0) >= settings.LOGIN_FAILURE_LIMIT:
            form = self.get_form()
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            form.add_error(None, f"Too many failed sign-in attempts. Wait {minutes} minutes and try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = _key(self.request)
        # add() starts the window on the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, settings.LOGIN_FAILURE_WINDOW_SECONDS):
            cache.incr(key)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_key(self.request))
        return super().form_valid(form)
