"""Views of the project itself, not of any one app."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """The process answers: no database, no cache. What load balancers and Varnish's probe
    ask, so that a slow database takes no app server out of rotation by itself."""
    return HttpResponse("ok\n", content_type="text/plain")
