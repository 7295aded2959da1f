from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    """A purge a caching proxy did not take (it was down or unreachable), kept to be sent again.

    Kept in the database rather than in the cache: it must outlive a Redis restart, and every
    app server and the every-minute job see the same rows.
    """

    proxy = models.CharField(
        _("proxy"), max_length=200, help_text=_("The proxy's address from CACHE_PROXIES.")
    )
    keys = models.TextField(_("keys"), help_text=_("Surrogate keys to purge, space-separated."))
    hard = models.BooleanField(
        _("hard"),
        default=False,
        help_text=_("Hard: the cached copy is dropped. Soft: it is served while refreshed."),
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("first failed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last tried"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pending purge")
        verbose_name_plural = _("pending purges")

    def __str__(self):
        return f"{self.proxy}: {self.keys[:80]}"

    def get_absolute_url(self):
        return reverse("admin:pagecache_pendingpurge_change", args=[self.pk])
