from django.urls import path

from . import views

app_name = "ads"

urlpatterns = [
    path("slot/<slug:code>/", views.serve, name="serve"),
    path("click/<str:token>/", views.click, name="click"),
]
