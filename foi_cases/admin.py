"""Administration (/admin/): the unit, the bodies it serves, bank holidays, users; the register read-only.

Administrators are staff users in the Administrator group. Cases, clock events and audit events
are shown for reference but can never be deleted or edited here: casework goes through the staff
screens and the services, which validate, recompute deadlines and write the audit trail.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from foi_cases import services
from foi_cases.bank_holiday_files import read_bank_holidays
from foi_cases.deadlines import Regime
from foi_cases.models import (
    AuditEvent,
    Case,
    ClockEvent,
    ExtraBankHoliday,
    PublicBody,
    ReferenceCounter,
    RequestItem,
    RetentionRun,
    Unit,
)
from foi_cases.references import ReferenceFormatError, format_reference
from responses.library_content import PLACEHOLDERS
from responses.text import unknown_placeholders

admin.site.site_header = "Information rights administration"
admin.site.site_title = "Information rights administration"
admin.site.index_title = "Unit settings, bodies, bank holidays and users"


class AuditedAdmin(admin.ModelAdmin):
    """Settings changes made here join the unit's audit trail, with the values before and after."""

    audit_name = ""
    # Websites are typed without a scheme ("www.police.uk"); assume https, as Django 6 will.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_admin_save(request, form, change, name=self.audit_name, label=f"{self.opts.verbose_name.capitalize()}")


def form_changes(form, change: bool, *, leave_out=()) -> dict:
    """Changed fields as {name: [before, after]}, compared as stored values (widgets may report a
    JSON field as changed when only its spelling changed)."""
    changes = {}
    for name in form.changed_data:
        if name in leave_out or "password" in name:  # never record a password, even hashed
            continue
        before = services.plain_value(form.initial.get(name)) if change else None
        after = services.plain_value(form.cleaned_data.get(name))
        if before != after:
            changes[name] = [before, after]
    return changes


def audit_admin_save(request, form, change: bool, *, name: str, label: str, extra: dict | None = None) -> None:
    changes = {**form_changes(form, change, leave_out={"groups"}), **(extra or {})}
    if changes or not change:
        verb = "updated" if change else "added"
        services.audit(
            case=None,
            actor=request.user,
            action=f"{name}_{verb}",
            summary=f"{label} {verb}: {form.instance}.",
            changes=changes,
        )


def refresh_open_deadlines_after_commit() -> None:
    """Open cases' stored dates depend on bank holidays and the unit's internal target day."""
    transaction.on_commit(services.deadline_refresh_enqueue)


# --- the unit --------------------------------------------------------------------------------


def reference_preview(unit: Unit, *, regime: str = Regime.FOIA.value, year: int | None = None) -> str:
    """The reference the next case of `regime` would get, without claiming the number."""
    year = year or services.today().year
    prefix = unit.prefix_for(regime)
    series = prefix if unit.sequence_per_prefix else ""
    counter = ReferenceCounter.objects.filter(series=series, year=year).first()
    return format_reference(
        unit.reference_format, prefix=prefix, year=year, number=(counter.last_number if counter else 0) + 1
    )


def reference_preview_text(unit: Unit) -> str:
    try:
        text = f"Next reference would look like: {reference_preview(unit)}"
        others = [
            f"{Regime(code).name}: {reference_preview(unit, regime=code)}"
            for code in unit.regime_prefixes
            if code != Regime.FOIA.value and code in {r.value for r in Regime}
        ]
    except ReferenceFormatError as error:
        return f"No preview: {error}"
    return text + (f" ({'; '.join(others)})" if others else "")


RIGHTS_FIELDS = [
    "review_window_working_days",
    "review_rights_text",
    "commissioner_rights_text",
    "ico_website",
    "ico_helpline",
    "ico_data_protection_website",
    "scottish_commissioner_website",
    "scottish_commissioner_helpline",
]


def _placeholder_list(names) -> str:
    return ", ".join("{" + name + "}" for name in names)


class UnitForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")
    ico_website = forms.URLField(
        label="ICO complaints web address",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="Where requesters complain to the ICO (England, Wales and Northern Ireland).",
    )
    ico_data_protection_website = forms.URLField(
        label="ICO data protection complaints web address",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="Where requesters complain to the ICO about a subject access request.",
    )
    scottish_commissioner_website = forms.URLField(
        label="Scottish Information Commissioner web address",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="Where requesters appeal to the Scottish Information Commissioner.",
    )

    class Meta:
        model = Unit
        fields = [
            "name",
            "address",
            "phone",
            "email",
            "website",
            "reference_format",
            "reference_prefix",
            "regime_prefixes",
            "sequence_per_prefix",
            "review_reference_prefix",
            "internal_target_day",
            "due_soon_working_days",
            *RIGHTS_FIELDS,
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "regime_prefixes": forms.Textarea(attrs={"rows": 2}),
            "review_rights_text": forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}),
            "commissioner_rights_text": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        }
        help_texts = {
            "review_rights_text": "Printed in every response that carries review rights. It must keep {review_by} "
            "(the last date to ask, worked out from the letter's date). Useful placeholders: {unit_name}, "
            "{unit_email}, {references}.",
            "commissioner_rights_text": "Printed in every response. {commissioner} becomes the Information "
            "Commissioner, or the Scottish Information Commissioner for FOISA and EIR (Scotland) requests, with "
            "the matching {commissioner_website} and {commissioner_helpline} below.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A submission without the letter settings (an older copy of this form, a script) leaves them
        # as they are, rather than failing as if they had been cleared. Browsers always send them.
        if self.is_bound and self.instance.pk:
            omitted = [
                name
                for name in RIGHTS_FIELDS
                if self.fields[name].widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name))
            ]
            if omitted:
                self.data = self.data.copy()
                for name in omitted:
                    self.data[self.add_prefix(name)] = getattr(self.instance, name)

    def _clean_rights_text(self, name: str, *, required: tuple[str, ...] = ()) -> str:
        value = self.cleaned_data[name].replace("\r\n", "\n")
        errors = []
        unknown = unknown_placeholders(value, PLACEHOLDERS)
        if unknown:
            errors.append(
                f"Unknown placeholder {_placeholder_list(unknown)}: check the spelling. "
                f"You can use: {_placeholder_list(sorted(PLACEHOLDERS))}."
            )
        missing = [placeholder for placeholder in required if "{" + placeholder + "}" not in value]
        if missing:
            errors.append(
                f"Keep {_placeholder_list(missing)}: every response must tell the requester the date by which "
                "to ask for a review."
            )
        if errors:
            raise ValidationError(errors)
        return value

    def clean_review_rights_text(self):
        return self._clean_rights_text("review_rights_text", required=("review_by",))

    def clean_commissioner_rights_text(self):
        return self._clean_rights_text("commissioner_rights_text")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    """One unit per installation: the list goes straight to its settings, and it cannot be deleted."""

    audit_name = "unit"
    form = UnitForm
    readonly_fields = ["next_reference"]
    fieldsets = [
        ("Unit and letterhead details", {"fields": ["name", "address", "phone", "email", "website"]}),
        (
            "Reference numbers",
            {
                "fields": [
                    "reference_format",
                    "reference_prefix",
                    "regime_prefixes",
                    "sequence_per_prefix",
                    "review_reference_prefix",
                    "next_reference",
                ]
            },
        ),
        ("Deadlines", {"fields": ["internal_target_day", "due_soon_working_days"]}),
        ("Retention", {"fields": ["retention_years"]}),
        (
            "Reminders and lapsing",
            {
                "fields": [
                    "reminder_working_days",
                    "clarification_chase_working_days",
                    "clarification_lapse_working_days",
                    "fee_chase_working_days",
                    "fee_lapse_months",
                    "lapse_automatically",
                ]
            },
        ),
        (
            "Letters: logo and signature",
            {
                "fields": ["logo", "signature_image", "signature_name"],
                "description": "Printed on signed PDF letters. PNG or JPEG only. The signature image is printed "
                "only on letters signed in exactly the name given, so it never appears above someone else's name.",
            },
        ),
        (
            "Letters: review and complaint rights",
            {
                "fields": RIGHTS_FIELDS,
                "description": "Every response states the requester's right to an internal review and to "
                "complain to the commissioner. The wording is the unit's: it is copied into each new letter "
                "(letters already drafted keep theirs). Text is light Markdown; {placeholders} are filled in "
                "from the case and the letter.",
            },
        ),
    ]

    class Media:
        js = ["foi_cases/admin/reference_preview.js"]

    @admin.display(description="Preview")
    def next_reference(self, unit):
        url = reverse("admin:foi_cases_unit_reference_preview")
        return format_html(
            '<output id="reference-preview" data-url="{}" aria-live="polite">{}</output>',
            url,
            reference_preview_text(unit),
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Unit.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return redirect("admin:foi_cases_unit_change", services.unit_get().pk)

    def get_urls(self):
        preview = path(
            "reference-preview/",
            self.admin_site.admin_view(self.reference_preview_view),
            name="foi_cases_unit_reference_preview",
        )
        return [preview, *super().get_urls()]

    def reference_preview_view(self, request):
        """The preview for settings being typed, before they are saved (used by the page's script)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            regime_prefixes = json.loads(request.GET.get("regime_prefixes") or "{}")
        except ValueError:
            regime_prefixes = {}
        draft = Unit(
            reference_format=request.GET.get("reference_format", ""),
            reference_prefix=request.GET.get("reference_prefix", ""),
            regime_prefixes=regime_prefixes if isinstance(regime_prefixes, dict) else {},
            sequence_per_prefix=request.GET.get("sequence_per_prefix") == "true",
        )
        return JsonResponse({"preview": reference_preview_text(draft)})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "internal_target_day" in form.changed_data:
            # Open cases store their internal target date; recompute them in the background.
            refresh_open_deadlines_after_commit()


# --- bodies ----------------------------------------------------------------------------------


@admin.register(PublicBody)
class PublicBodyAdmin(AuditedAdmin):
    audit_name = "body"
    list_display = ["name", "short_name", "email", "phone", "website", "cost_limit", "is_active"]
    list_filter = ["is_active", "cost_limit"]
    search_fields = ["name", "short_name", "email"]


# --- bank holidays ---------------------------------------------------------------------------


class BankHolidayImportForm(forms.Form):
    file = forms.FileField(
        label="bank-holidays.json",
        help_text="Download it from https://www.gov.uk/bank-holidays.json. Days already known are skipped.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        return read_bank_holidays(self.cleaned_data["file"])


@admin.register(ExtraBankHoliday)
class ExtraBankHolidayAdmin(AuditedAdmin):
    """Holidays proclaimed after the installed `holidays` data; any change recomputes open cases."""

    audit_name = "bank_holiday"
    change_list_template = "admin/foi_cases/extrabankholiday/change_list.html"
    list_display = ["date", "name", "nation", "created_at"]
    list_filter = ["nation"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["-date", "nation"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="foi_cases_extrabankholiday_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BankHolidayImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = services.bank_holidays_import(data=form.cleaned_data["file"], actor=request.user)
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                added, known = len(result.added), result.already_known
                messages.success(
                    request,
                    f"Added {added} bank holiday{pluralize(added)}; {known} day{pluralize(known)} already known."
                    + (" Open cases' due dates are being recomputed." if added else ""),
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import gov.uk bank-holidays.json",
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/foi_cases/extrabankholiday/import.html", context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_open_deadlines_after_commit()

    def delete_model(self, request, obj):
        services.audit(
            case=None, actor=request.user, action="bank_holiday_deleted", summary=f"Bank holiday deleted: {obj}."
        )
        super().delete_model(request, obj)
        refresh_open_deadlines_after_commit()

    def delete_queryset(self, request, queryset):
        removed = [str(holiday) for holiday in queryset]
        services.audit(
            case=None,
            actor=request.user,
            action="bank_holiday_deleted",
            summary=f"{len(removed)} bank holiday(s) deleted.",
            changes={"deleted": removed},
        )
        super().delete_queryset(request, queryset)
        refresh_open_deadlines_after_commit()


# --- the register, read-only -----------------------------------------------------------------


class ReadOnlyAdminMixin:
    """Viewable by administrators; never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RequestItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RequestItem
    fields = ["position", "text"]
    extra = 0


class ClockEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ClockEvent
    fields = ["kind", "occurred_on", "days", "note", "recorded_by", "recorded_at", "voided_at", "void_reason"]
    # All named read-only: `recorded_at` is not editable, so an inline form listing it cannot be built,
    # and a superuser (who may view clock events) would get a server error on every case page.
    readonly_fields = fields
    extra = 0


@admin.register(Case)
class CaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The register for reference, applicant blind like the staff screens.

    Who asked is never shown here, to anyone: the admin has no audited reveal, so it leaves out the
    requester (and refuses filters through it, which would group or probe cases by who asked). The
    case page shows the requester after a reveal that is recorded on the case timeline. There is
    no Requester admin for the same reason.
    """

    list_display = ["reference", "subject", "regime", "status", "received_on", "due_on", "body", "assigned_to"]
    list_filter = ["status", "regime", "body", "channel", "outcome"]
    search_fields = ["reference", "subject"]
    list_select_related = ["body", "assigned_to"]
    show_full_result_count = False  # a COUNT(*) over the whole register on every search is wasted work
    inlines = [RequestItemInline, ClockEventInline]
    exclude = ["requester"]
    readonly_fields = ["requester_hidden", "audit_trail"]

    @admin.display(description="Requester")
    def requester_hidden(self, case):
        url = reverse("foi_cases:case_detail", args=[case.pk])
        return format_html(
            "Hidden: requests are handled applicant blind. Users allowed to see who asked can reveal it on the "
            '<a href="{}">case page for {}</a>, which records the reveal on the case timeline.',
            url,
            case.reference,
        )

    @admin.display(description="Audit trail")
    def audit_trail(self, case):
        url = reverse("admin:foi_cases_auditevent_changelist") + f"?case__id__exact={case.pk}"
        return format_html('<a href="{}">Audit events for {}</a>', url, case.reference)

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__", 1)[0] in ("requester", "requester_id"):
            return False
        return super().lookup_allowed(lookup, value, request)


class AuditAreaFilter(admin.SimpleListFilter):
    """Broad areas rather than every distinct action: listing those takes a DISTINCT over the
    whole (large, append-only) audit table on every page view."""

    title = "area"
    parameter_name = "area"
    AREAS = {
        "settings": ("Unit settings, bodies, bank holidays", Q(case__isnull=True)),
        "clock": ("Clock events", Q(action__startswith="clock_")),
        "closing": (
            "Closing, withdrawal, lapse, reopening",
            Q(action__in=["case_close", "case_withdraw", "case_lapse", "case_reopened"]),
        ),
        "assignment": ("Assignments", Q(action="case_assigned")),
        "links": ("Links between cases", Q(action__in=["case_linked", "case_unlinked"])),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.AREAS.items()]

    def queryset(self, request, queryset):
        area = self.AREAS.get(self.value())
        return queryset.filter(area[1]) if area else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail holds no requester identity, so it is shown without a reveal: a correction of
    the requester's details records which fields changed, never their values, and a reveal records
    who looked and where (foi_cases.services.case_update_requester, case_reveal_requester)."""

    list_display = ["at", "action", "case", "actor", "summary"]
    list_filter = [AuditAreaFilter, ("at", admin.DateFieldListFilter)]
    search_fields = ["case__reference"]
    search_help_text = "Search by a case's full reference, e.g. FOI2019/07799."
    list_select_related = ["case", "actor"]
    show_full_result_count = False
    ordering = ["-at", "-id"]

    def get_search_results(self, request, queryset, search_term):
        # An exact reference finds the case by its unique index; a substring search would scan
        # every audit event.
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(case__in=Case.objects.filter(reference__iexact=term).values("pk")), False


# --- users -----------------------------------------------------------------------------------

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UnitUserAdmin(UserAdmin):
    """The standard user admin, where roles are groups.

    Administrators manage officers and each other, but only a superuser may grant superuser
    status or individual permissions, or edit a superuser: otherwise an administrator could
    raise their own rights past the Administrator role.
    """

    list_display = ["username", "first_name", "last_name", "email", "roles", "is_staff", "is_active"]
    list_filter = ["groups", "is_staff", "is_active"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="Roles")
    def roles(self, user):
        return format_html_join(", ", "{}", ((group.name,) for group in user.groups.all()))

    def save_related(self, request, form, formsets, change):
        # Roles are groups, saved here after the user row: compare them before and after.
        roles_before = sorted(group.name for group in form.instance.groups.all()) if change else []
        super().save_related(request, form, formsets, change)
        roles_after = sorted(group.name for group in form.instance.groups.all())
        roles = {"roles": [roles_before, roles_after]} if roles_before != roles_after else {}
        audit_admin_save(request, form, change, name="user", label="User", extra=roles)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # the form was accepted
            user = self.get_object(request, id)
            services.audit(
                case=None,
                actor=request.user,
                action="user_password_set",
                summary=f"Password set for {user.get_username()}.",
            )
        return response

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The retention job's record: each run, on what rule, and which cases it anonymised."""

    list_display = ["started_at", "actor", "closed_before", "retention_years", "anonymised"]
    fields = ["started_at", "finished_at", "actor", "closed_before", "retention_years", "anonymised", "references"]
    readonly_fields = fields
    list_select_related = ["actor"]
    ordering = ["-started_at", "-id"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("foi_cases.manage_unit") or super().has_view_permission(request, obj)
