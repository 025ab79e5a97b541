"""Administration (/admin/) of the exemption library and the further clearance stages.

The library is edited through versions. The change form shows the current version's wording, and
saving calls `services.library_revise`, which adds version N+1: no version row is ever updated, so
a letter drafted from an older version keeps pointing at exactly the words it used. Entries ship
with the product (`manage.py load_exemption_library`), so none are added or deleted here; an entry
no longer wanted is made inactive.
"""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.forms.models import ModelFormMetaclass
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from foi_cases import services as case_services
from foi_cases.admin import AuditedAdmin, reference_preview
from foi_cases.deadlines import Regime
from foi_cases.models import PublicBody
from foi_cases.references import ReferenceFormatError
from responses import library_content, selectors, services, text
from responses.kinds import SECTION_HEADINGS
from responses.models import (
    Approval,
    ClearanceStage,
    Letter,
    LetterExemption,
    LetterSection,
    LibraryEntry,
    LibraryVersion,
)

EXEMPTION_FIELDS = tuple(name for name in services.VERSION_FIELDS if name != "body")
PARAGRAPH_FIELDS = ("title", "body", "guidance")
TEXT_FIELDS = frozenset((*services.EXEMPTION_TEXT_FIELDS, *services.NCND_TEXT_FIELDS, "body", "guidance"))
LABELS = {"ncnd_provision": "NCND provision", "basis": "Class or prejudice based"}

WORDING_HELP = (
    "Light Markdown: a blank line starts a new paragraph, “- ” starts a bullet, **bold**. "
    "{Placeholders} are filled in from the case in each letter (the list is at the foot of the page); "
    "[[gaps]] are left for the officer to complete before a letter can be submitted."
)


# --- the change form -----------------------------------------------------------------------------


class LibraryEntryForm(forms.ModelForm):
    """The current version's wording and the entry's `is_active`.

    `library_revise` validates as it writes (placeholders, provisions already cited elsewhere,
    nothing changed), so the form calls it while cleaning: its refusals land on the fields they
    concern. The admin's change view wraps the whole request in one transaction.
    """

    version_fields: tuple[str, ...] = ()
    actor = None  # who is making the change; set by the admin for each request

    change_note = forms.CharField(
        max_length=300,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Why this changed, e.g. “Updated after the ICO decision notice IC-12345”. "
        "Kept in the version history and the audit trail.",
    )

    # The version the administrator started from: saving over a version someone else saved in the
    # meantime would silently undo their change.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LibraryEntry
        fields = ["is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_version: LibraryVersion | None = None
        current = self.instance.current if self.instance.pk else None
        if current is not None:
            self.initial.setdefault("based_on", current.number)
            for name in self.version_fields:
                self.initial.setdefault(name, getattr(current, name))

    def posted_values(self) -> dict:
        """The wording as typed (for a preview), whatever else is wrong with the form."""
        current = self.instance.current
        values = {}
        for name in self.version_fields:
            field = self.fields[name]
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            try:
                values[name] = self._as_stored(name, field.clean(raw))
            except ValidationError:
                values[name] = getattr(current, name)
        return values

    def _as_stored(self, name: str, value):
        """Browsers send CRLF line endings and the form strips outer whitespace: wording that
        differs from the current version only in that way is the current wording."""
        current = getattr(self.instance.current, name)
        if name in TEXT_FIELDS or isinstance(value, str):
            value = (value or "").replace("\r\n", "\n")
            if value.strip() == (current or "").replace("\r\n", "\n").strip():
                return current
        return value

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        current = self.instance.current
        based_on = cleaned.get("based_on")
        if based_on is not None and based_on != current.number:
            raise ValidationError(
                f"Version {current.number} was saved while you were editing version {based_on}, so your changes "
                "were not saved. Open the entry again to see the new wording, then make your changes to it."
            )
        values = {name: self._as_stored(name, cleaned.get(name)) for name in self.version_fields}
        if all(values[name] == getattr(current, name) for name in values):
            if "is_active" not in self.changed_data:
                raise ValidationError("Nothing changed, so no new version was made.")
            return cleaned
        if self.actor is None:
            raise ImproperlyConfigured("LibraryEntryForm needs the actor (the admin sets it).")
        try:
            self.new_version = services.library_revise(
                entry=self.instance, actor=self.actor, values=values, change_note=cleaned["change_note"]
            )
        except ValidationError as error:
            self._add_service_errors(error)
        return cleaned

    def _add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            if name in self.fields or name == NON_FIELD_ERRORS:
                self.add_error(name, errors)
            else:  # a field this kind of entry does not show
                label = version_label(name)
                self.add_error(None, [f"{label}: {message}" for e in errors for message in e.messages])


def version_label(name: str) -> str:
    return LABELS.get(name) or capfirst(LibraryVersion._meta.get_field(name).verbose_name)


def _version_form_fields(names, *, required=()) -> dict:
    fields = {}
    for name in names:
        model_field = LibraryVersion._meta.get_field(name)
        options = {"label": LABELS[name]} if name in LABELS else {}
        if name in required:
            options["required"] = True
        if name in TEXT_FIELDS:
            options["widget"] = forms.Textarea(attrs={"rows": 10 if name == "body" else 7, "cols": 100})
        fields[name] = model_field.formfield(**options)
    return fields


def _entry_form(name: str, names: tuple[str, ...], *, required=()) -> type[LibraryEntryForm]:
    attributes = {**_version_form_fields(names, required=required), "version_fields": names, "__module__": __name__}
    return ModelFormMetaclass(name, (LibraryEntryForm,), attributes)


ExemptionEntryForm = _entry_form("ExemptionEntryForm", EXEMPTION_FIELDS, required=("provision",))
ParagraphEntryForm = _entry_form("ParagraphEntryForm", PARAGRAPH_FIELDS)


# --- the preview -------------------------------------------------------------------------------


@dataclass
class PreviewLetter:
    heading: str
    exemption: selectors.ExemptionPart | None = None
    paragraph: selectors.Block | None = None


def sample_values(entry: LibraryEntry, values: dict) -> dict[str, str]:
    """Example values for every placeholder, so a preview reads like a real letter."""
    unit = case_services.unit_get()
    today = case_services.today()
    regime = Regime.EIR if entry.family == LibraryEntry.Family.EIR else Regime.FOIA
    bodies = list(PublicBody.objects.filter(is_active=True).values_list("name", flat=True)[:2])
    citation = f"{'regulation' if regime is Regime.EIR else 'section'} {values.get('provision') or '24(1)'}"
    known = {
        "act": regime.label,
        "act_short": services.ACT_SHORT[regime],
        "authority": " and ".join(bodies) or unit.name,
        "unit_name": unit.name,
        "unit_email": unit.email or "foi@example.org",
        "unit_phone": unit.phone or "01234 567890",
        "references": _sample_reference(unit, regime),
        "received_date": services.ordinal_date(today - timedelta(days=14)),
        "due_date": services.ordinal_date(today + timedelta(days=14)),
        "estimated_date": services.ordinal_date(today + timedelta(days=28)),
        "exemptions": f"{citation} ({values.get('title') or 'an exemption'})",
        "fee_amount": "£12.40",
        "fee_due_by": services.ordinal_date(today + timedelta(days=91)),
        "cost_limit": "£450",
        "cost_limit_hours": "18",
        "cost_hours": "32",
        "cost_total": "£800.00",
        "hourly_rate": "£25",
        "review_by": services.ordinal_date(today + timedelta(days=56)),
        "commissioner": "Information Commissioner",
        "commissioner_website": unit.ico_website,
        "commissioner_helpline": unit.ico_helpline,
    }
    # A placeholder added to the library later still reads as an example rather than a raw name.
    return {name: known.get(name, f"[example {name.replace('_', ' ')}]") for name in library_content.PLACEHOLDERS}


def _sample_reference(unit, regime: Regime) -> str:
    try:
        return reference_preview(unit, regime=regime.value)
    except ReferenceFormatError:
        return "FOI2020/00001"


def _sample_exemption(entry: LibraryEntry, values: dict, sample: dict, *, ncnd: bool) -> selectors.ExemptionPart:
    prefix = "ncnd_" if ncnd else ""
    provision = values["ncnd_provision"] if ncnd else values["provision"]
    exemption = LetterExemption(
        code=services.citing_code(entry.family, provision),
        provision=provision,
        ncnd=ncnd,
        title=values["title"],
        absolute=values["absolute"],
        basis=values["basis"],
        **{name: text.fill(values[prefix + name], sample) for name in services.EXEMPTION_TEXT_FIELDS},
    )
    return selectors.exemption_part(exemption, {})


def preview_letters(entry: LibraryEntry, values: dict) -> list[PreviewLetter]:
    """The wording as each kind of letter would print it: withholding, and neither confirm nor deny
    where the entry has an NCND provision."""
    sample = sample_values(entry, values)
    if entry.kind == LibraryEntry.Kind.PARAGRAPH:
        heading = text.fill(SECTION_HEADINGS.get(entry.code, ""), sample)
        block = selectors.Block(heading, text.to_html(text.fill(values["body"], sample)))
        return [PreviewLetter("In a letter", paragraph=block)]
    previews = [
        PreviewLetter(
            f"When withholding information: {_citation(entry, values['provision'])}",
            exemption=_sample_exemption(entry, values, sample, ncnd=False),
        )
    ]
    if values["ncnd_provision"]:
        previews.append(
            PreviewLetter(
                f"In a neither confirm nor deny response: {_citation(entry, values['ncnd_provision'])}",
                exemption=_sample_exemption(entry, values, sample, ncnd=True),
            )
        )
    return previews


def _citation(entry: LibraryEntry, provision: str) -> str:
    return f"{'regulation' if entry.family == LibraryEntry.Family.EIR else 'section'} {provision}"


def placeholder_warnings(form: LibraryEntryForm, values: dict) -> list[str]:
    warnings = []
    for name in form.version_fields:
        if name in TEXT_FIELDS - {"guidance"}:
            unknown = text.unknown_placeholders(values[name] or "", services.KNOWN_PLACEHOLDERS)
            if unknown:
                names = ", ".join("{" + n + "}" for n in unknown)
                warnings.append(f"{form.fields[name].label}: unknown placeholder {names}. Saving will be refused.")
    return warnings


# --- the library -----------------------------------------------------------------------------


class AbsoluteFilter(admin.SimpleListFilter):
    title = "absolute or qualified"
    parameter_name = "test"

    def lookups(self, request, model_admin):
        return [("absolute", "Absolute"), ("qualified", "Qualified (public interest test)")]

    def queryset(self, request, queryset):
        if self.value() not in ("absolute", "qualified"):
            return queryset
        return queryset.filter(kind=LibraryEntry.Kind.EXEMPTION, current__absolute=self.value() == "absolute")


@admin.register(LibraryEntry)
class LibraryEntryAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "title",
        "kind",
        "family",
        "section",
        "provision",
        "ncnd_provision",
        "test",
        "version",
        "is_active",
    ]
    list_filter = ["kind", "family", AbsoluteFilter, "is_active"]
    search_fields = ["code", "current__title", "current__provision", "current__ncnd_provision"]
    search_help_text = "Search by code (s24), title or provision (24(2), 12(5)(b))."
    list_select_related = ["current"]
    readonly_fields = ["code", "kind", "family"]
    ordering = ["kind", "id"]

    # --- the list ---

    @admin.display(description="Title", ordering="current__title")
    def title(self, entry):
        return entry.current.title

    @admin.display(description="Section", ordering="current__section")
    def section(self, entry):
        return entry.current.section

    @admin.display(description="Provision", ordering="current__provision")
    def provision(self, entry):
        return entry.current.provision

    @admin.display(description="NCND provision", ordering="current__ncnd_provision")
    def ncnd_provision(self, entry):
        return entry.current.ncnd_provision

    @admin.display(description="Test")
    def test(self, entry):
        if entry.kind != LibraryEntry.Kind.EXEMPTION:
            return None
        return "Absolute" if entry.current.absolute else "Qualified"

    @admin.display(description="Version", ordering="current__number")
    def version(self, entry):
        return entry.current.number

    # --- permissions: entries ship with the product; their versions are never removed ---

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- the change form ---

    def get_fieldsets(self, request, obj=None):
        entry = [("Entry", {"fields": ["code", "kind", "family", "is_active"]})]
        guidance = ("Guidance for officers", {"fields": ["guidance"], "description": "Never printed in a letter."})
        note = ("This change", {"fields": ["change_note", "based_on"]})
        if obj is not None and obj.kind == LibraryEntry.Kind.PARAGRAPH:
            return [*entry, ("Wording", {"fields": ["title", "body"], "description": WORDING_HELP}), guidance, note]
        return [
            *entry,
            ("Citation", {"fields": ["title", "section", "provision", "ncnd_provision", "absolute", "basis"]}),
            (
                "When withholding information",
                {
                    "fields": list(services.EXEMPTION_TEXT_FIELDS),
                    "description": "Copied into a letter that cites the provision above. An absolute "
                    "exemption needs no harm or public interest test: leave those blank. " + WORDING_HELP,
                },
            ),
            (
                "In a neither confirm nor deny response",
                {
                    "fields": list(services.NCND_TEXT_FIELDS),
                    "description": "Copied into a letter that cites the NCND provision: the harm and "
                    "public interest in confirming or denying that information is held. " + WORDING_HELP,
                },
            ),
            guidance,
            note,
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        paragraph = obj is not None and obj.kind == LibraryEntry.Kind.PARAGRAPH
        kwargs["form"] = ParagraphEntryForm if paragraph else ExemptionEntryForm
        form = super().get_form(request, obj, change, **kwargs)
        form.actor = request.user  # a class made for this request by modelform_factory
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, unquote(object_id))
        if entry is not None:
            extra_context = {**(extra_context or {}), **self._entry_context(entry)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _entry_context(self, entry: LibraryEntry) -> dict:
        return {
            "versions": entry.versions.select_related("created_by").order_by("-number"),
            "current_version": entry.current,
            "guidance_html": text.to_html(entry.current.guidance),
            "placeholders": sorted(library_content.PLACEHOLDERS.items()),
            "preview_url": reverse("admin:responses_libraryentry_preview", args=[entry.pk]),
        }

    def save_model(self, request, obj, form, change):
        # The wording was saved as a new version while the form was cleaned; only `is_active`
        # belongs to the entry row. Saving the whole (stale) object would point `current` back
        # at the old version.
        if "is_active" in form.changed_data:
            LibraryEntry.objects.filter(pk=obj.pk).update(is_active=obj.is_active)
            state = "made available for new letters" if obj.is_active else "withdrawn from new letters"
            case_services.audit(
                case=None,
                actor=request.user,
                action="library_entry_updated",
                summary=f"Library: {obj.code} {state}. {form.cleaned_data['change_note']}".strip(),
                changes={"is_active": [not obj.is_active, obj.is_active]},
            )
        obj.refresh_from_db()
        if form.new_version is not None:
            messages.info(
                request,
                f"Saved as version {form.new_version.number}. Letters already drafted keep the wording they "
                "were drafted with; new letters use this version.",
            )

    # --- extra pages: preview and old versions ---

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        version = self.admin_site.admin_view(self.version_view)
        return [
            path("<path:object_id>/preview/", preview, name="responses_libraryentry_preview"),
            path("<path:object_id>/versions/<int:number>/", version, name="responses_libraryentry_version"),
            *super().get_urls(),
        ]

    def _entry_or_404(self, request, object_id) -> LibraryEntry:
        entry = self.get_object(request, unquote(object_id))
        if entry is None:
            raise Http404("No such library entry.")
        return entry

    def preview_view(self, request, object_id):
        """The posted, unsaved wording as letters would print it. Nothing is written."""
        entry = self._entry_or_404(request, object_id)
        if not self.has_change_permission(request, entry):
            raise PermissionDenied
        form = self.get_form(request, entry, change=True)(request.POST, instance=entry)
        values = form.posted_values()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": entry,
            "title": f"Preview: {values['title']}",
            "letters": preview_letters(entry, values),
            "warnings": placeholder_warnings(form, values),
        }
        return TemplateResponse(request, "admin/responses/libraryentry/preview.html", context)

    def version_view(self, request, object_id, number):
        """An old (or the current) version's wording, read-only."""
        entry = self._entry_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, entry):
            raise PermissionDenied
        version = get_object_or_404(entry.versions.select_related("created_by"), number=number)
        names = EXEMPTION_FIELDS if entry.kind == LibraryEntry.Kind.EXEMPTION else PARAGRAPH_FIELDS
        fields = []
        for name in names:
            model_field = LibraryVersion._meta.get_field(name)
            value = getattr(version, name)
            if model_field.choices:
                value = getattr(version, f"get_{name}_display")()
            elif isinstance(value, bool):
                value = "Yes" if value else "No"
            fields.append((version_label(name), value, name in TEXT_FIELDS))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": entry,
            "title": f"{entry.code}: version {version.number}",
            "version": version,
            "is_current": version.pk == entry.current_id,
            "fields": fields,
            "letters_using": letters_using(version),
        }
        return TemplateResponse(request, "admin/responses/libraryentry/version.html", context)


def letters_using(version: LibraryVersion) -> int:
    """How many letters were drafted from this version (they keep its words, whatever changes later)."""
    cited = LetterExemption.objects.filter(letter=OuterRef("pk"), source=version)
    copied = LetterSection.objects.filter(letter=OuterRef("pk"), source=version)
    return Letter.objects.filter(Exists(cited) | Exists(copied)).count()


# --- clearance stages ----------------------------------------------------------------------------


def stage_in_use(stage: ClearanceStage) -> bool:
    return (
        stage.cases.exists()
        or Letter.objects.filter(awaiting_stage=stage).exists()
        or Approval.objects.filter(stage=stage).exists()
    )


@admin.register(ClearanceStage)
class ClearanceStageAdmin(AuditedAdmin):
    """Further sign-offs after the supervisor's (press office, legal adviser), approved in order.

    A stage a case has used stays for the record: deactivate it instead of deleting it.
    """

    audit_name = "clearance_stage"
    list_display = ["name", "order", "group", "is_active", "cases_flagged"]
    list_filter = ["is_active"]
    list_select_related = ["group"]
    fields = ["name", "order", "group", "is_active"]
    ordering = ["order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_count=Count("cases"))

    @admin.display(description="Cases flagged", ordering="case_count")
    def cases_flagged(self, stage):
        return stage.case_count

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        help_text = "Inactive stages can no longer be chosen for a case, and cases flagged for them skip them."
        if obj is not None and stage_in_use(obj):
            help_text += " This stage has been used, so it cannot be deleted: clear this box to stop using it."
        form.base_fields["is_active"].help_text = help_text
        return form

    def has_delete_permission(self, request, obj=None):
        if obj is not None and stage_in_use(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # A bulk delete would also clear the stage from every case flagged for it.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        case_services.audit(
            case=None, actor=request.user, action="clearance_stage_deleted", summary=f"Clearance stage deleted: {obj}."
        )
        super().delete_model(request, obj)
