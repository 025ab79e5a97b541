"""Working days taken for cases answered before the field existed, so the reports' medians cover them."""

from django.db import migrations

from foi_cases.deadlines import ClockEvent, DeadlineError, EventKind, ExtraHoliday, Nation, working_days_used

_NOT_TIMED = ("withdrawn", "lapsed")


def backfill(apps, schema_editor):
    Case = apps.get_model("foi_cases", "Case")
    ExtraBankHoliday = apps.get_model("foi_cases", "ExtraBankHoliday")
    Event = apps.get_model("foi_cases", "ClockEvent")
    extra = [ExtraHoliday(h.date, h.name, Nation(h.nation)) for h in ExtraBankHoliday.objects.all()]
    answered = (
        Case.objects.filter(responded_on__isnull=False, working_days_taken__isnull=True)
        .exclude(outcome__in=_NOT_TIMED)
        .only("pk", "regime", "received_on", "responded_on")
    )
    for case in answered.iterator(chunk_size=2000):
        events = [
            ClockEvent(EventKind(e.kind), e.occurred_on, e.days)
            for e in Event.objects.filter(case_id=case.pk, voided_at__isnull=True)
        ]
        try:
            days = working_days_used(case.regime, case.received_on, events, case.responded_on, extra_holidays=extra)
        except DeadlineError:  # a clock the engine now refuses: leave it out of the medians
            continue
        Case.objects.filter(pk=case.pk).update(working_days_taken=days)


class Migration(migrations.Migration):
    dependencies = [("foi_cases", "0008_reminders_reviews_complaints_retention")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
