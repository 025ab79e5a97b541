"""The "My reminders" page: how a member of staff gets their reminders, and what they were sent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from foi_cases import reminders
from foi_cases.forms import add_service_errors
from foi_cases.reminder_forms import ReminderPreferenceForm
from foi_cases.views import caseworker_required

RECENT_DAYS = 30


@caseworker_required()
def reminder_settings(request):
    delivery = reminders.delivery_of(request.user)
    form = ReminderPreferenceForm(request.POST or None, initial={"delivery": delivery})
    if request.method == "POST" and form.is_valid():
        try:
            preference = reminders.reminder_preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved: {preference.get_delivery_display().lower()}.")
            return redirect("foi_cases:reminder_settings")
    context = {
        "form": form,
        "sent": reminders.reminders_sent_to(request.user, days=RECENT_DAYS),
        "recent_days": RECENT_DAYS,
    }
    return render(request, "foi_cases/reminders/settings.html", context, status=400 if form.errors else 200)
