"""For tests of data migrations: move the test database to a migration, and back to the latest."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(target):
    """Migrate the test database to `target`; returns the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state(target).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations():
    """Tests after these expect the whole schema: migrate forward again, whatever happened."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
