"""Where letters are stored is configured by the environment: the filesystem, or S3-like storage."""

import subprocess
import sys

import pytest

SHOW_STORAGE = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup(); "
    "from django.conf import settings; s = settings.STORAGES['default']; "
    "print(s['BACKEND'], s.get('OPTIONS', {}).get('bucket_name'), s.get('OPTIONS', {}).get('default_acl'))"
)


def settings_with(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SHOW_STORAGE], env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True
    )


def test_letters_are_kept_on_the_filesystem_by_default():
    assert settings_with().stdout.split()[0] == "django.core.files.storage.FileSystemStorage"


def test_s3_storage_keeps_letters_in_a_private_bucket():
    result = settings_with(STORAGE_BACKEND="s3", S3_BUCKET="letters")
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "letters", "None"]


@pytest.mark.parametrize(
    "env, message",
    [
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET must be set"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND must be filesystem or s3"),
    ],
)
def test_a_storage_setting_that_cannot_work_stops_start_up(env, message):
    result = settings_with(**env)
    assert (result.returncode != 0, message in result.stderr) == (True, True)
