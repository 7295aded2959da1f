from functools import wraps

from . import keys


def surrogate_keys(*names):
    """Name keys for every response of a view whose content is not built from objects it can
    name one by one (a sitemap of ten thousand addresses)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            keys.add(*names)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
