from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.urls")),
]

# Chinese pages, or JSON for a JSON request, instead of Django's English ones.
handler404 = "archive.views.errors.not_found"
handler500 = "archive.views.errors.server_error"
