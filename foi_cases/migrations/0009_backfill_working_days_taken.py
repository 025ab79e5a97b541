"""Working days taken for cases answered before the field existed, so the reports' medians cover them."""

from django.db import migrations

from foi_cases.deadlines import ExtraHoliday, Nation, WorkingCalendar

_NOT_TIMED = ("withdrawn", "lapsed")


def backfill(apps, schema_editor):
    Case = apps.get_model("foi_cases", "Case")
    ExtraBankHoliday = apps.get_model("foi_cases", "ExtraBankHoliday")
    extra = [ExtraHoliday(h.date, h.name, Nation(h.nation)) for h in ExtraBankHoliday.objects.all()]
    calendars = {}
    answered = (
        Case.objects.filter(responded_on__isnull=False, working_days_taken__isnull=True)
        .exclude(outcome__in=_NOT_TIMED)
        .only("pk", "regime", "received_on", "responded_on")
    )
    for case in answered.iterator(chunk_size=2000):
        calendar = calendars.get(case.regime) or calendars.setdefault(
            case.regime, WorkingCalendar.for_regime(case.regime, extra)
        )
        days = max(calendar.working_days_between(case.received_on, case.responded_on), 0)
        Case.objects.filter(pk=case.pk).update(working_days_taken=days)


class Migration(migrations.Migration):
    dependencies = [("foi_cases", "0008_reminders_reviews_complaints_retention")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
