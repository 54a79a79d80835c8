import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "本地调试用：还没有超级用户时，创建用户 admin 并打印一次随机生成的密码。"
        "只在 DJANGO_DEBUG=1 时可用。"
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_admin 只用于本地调试（DJANGO_DEBUG=1）；"
                "正式环境请用 python manage.py createsuperuser。"
            )
        User = get_user_model()
        superuser = User.objects.filter(is_superuser=True).order_by("pk").first()
        if superuser is not None:
            name = superuser.get_username()
            self.stdout.write(
                f"已有超级用户 {name}。忘记密码时可运行："
                f".venv/bin/python manage.py changepassword {name}"
            )
            return
        if User.objects.filter(username=USERNAME).exists():
            raise CommandError(
                f"用户 {USERNAME} 已存在但不是超级用户；"
                f"请用 python manage.py createsuperuser 另建一个。"
            )
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        self.stdout.write(
            f"已创建超级用户 {USERNAME}，密码：{password}\n"
            "（只显示这一次；登录 http://127.0.0.1:8000/admin/ 后可在右上角修改密码。）"
        )
