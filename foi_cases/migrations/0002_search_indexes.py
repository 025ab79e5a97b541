"""Trigram indexes so text search over reference, subject and request text stays fast at 100,000+
cases on PostgreSQL. Django's icontains compiles to UPPER(column::text) LIKE UPPER(pattern), so the
indexes are on that exact expression. SQLite (make run) needs nothing."""

from django.db import migrations

COLUMNS = ("reference", "subject", "request_text")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS case_{column}_trgm ON foi_cases_case "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS case_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("foi_cases", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
