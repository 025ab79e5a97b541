"""Staff sign-in with a pause after repeated failures, so passwords cannot be guessed at speed."""

from django.conf import settings
from django.contrib.auth.views import LoginView

from config import ratelimit
from config.network import client_address


def _key(request) -> str:
    username = request.POST.get("username", "").strip().lower()[:150]
    return f"login-failures:{client_address(request)}:{username}"


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if ratelimit.current(_key(request), settings.LOGIN_FAILURE_WINDOW_SECONDS) >= settings.LOGIN_FAILURE_LIMIT:
            form = self.get_form()
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            form.add_error(None, f"Too many failed sign-in attempts. Wait {minutes} minutes and try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.count(_key(self.request), settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        ratelimit.clear(_key(self.request), settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return super().form_valid(form)
