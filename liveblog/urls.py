from django.urls import path

from . import views

app_name = "liveblog"

urlpatterns = [
    # The newest updates of a live story, for its page's script (views.updates_fragment).
    path("news/<id:pk>/live-updates/", views.updates_fragment, name="updates"),
]
