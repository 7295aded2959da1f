"""Views of the project itself, not of any one app."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """The process answers: no database, no cache. What load balancers and Varnish's probe
    ask, so that a slow database takes no app server out of rotation by itself (readiness,
    with the database, is /readyz: newsroom/health.py)."""
    return JsonResponse({"status": "ok"})
