import re

import pytest
from django.contrib.auth import authenticate, get_user_model

pytestmark = pytest.mark.django_db


def printed_password(text):
    return re.search(r"密码：(\S+)", text).group(1)


def test_creates_admin_with_a_random_password_once(manage, settings):
    settings.DEBUG = True
    result = manage("ensure_admin")
    assert result.status == 0
    password = printed_password(result.stdout)
    assert len(password) >= 12
    user = authenticate(username="admin", password=password)
    assert user is not None and user.is_superuser

    again = manage("ensure_admin")
    assert again.status == 0
    assert password not in again.stdout
    assert "changepassword admin" in again.stdout
    assert get_user_model().objects.count() == 1


def test_passwords_differ_between_checkouts(manage, settings):
    settings.DEBUG = True
    first = printed_password(manage("ensure_admin").stdout)
    get_user_model().objects.all().delete()
    assert printed_password(manage("ensure_admin").stdout) != first


def test_names_an_existing_superuser(manage, settings, django_user_model):
    settings.DEBUG = True
    django_user_model.objects.create_superuser("editor", password="x-long-pass-1")
    result = manage("ensure_admin")
    assert result.status == 0
    assert "changepassword editor" in result.stdout
    assert not django_user_model.objects.filter(username="admin").exists()


def test_refuses_when_debug_is_off(manage, settings, django_user_model):
    settings.DEBUG = False
    result = manage("ensure_admin")
    assert result.status != 0
    assert "createsuperuser" in result.stderr
    assert not django_user_model.objects.exists()


def test_refuses_to_promote_an_ordinary_admin_user(manage, settings, django_user_model):
    settings.DEBUG = True
    django_user_model.objects.create_user("admin", password="x-long-pass-1")
    result = manage("ensure_admin")
    assert result.status != 0
    assert not django_user_model.objects.filter(is_superuser=True).exists()
