"""{% newsroom_dashboard %}: the role's panels on the admin's home page (admin/dashboard.py)."""

from django import template

register = template.Library()


@register.inclusion_tag("admin/articles/_dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    from articles.admin.dashboard import panels_for

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"panels": {}}
    return {"panels": panels_for(request.user)}
