/* Not loaded by any page. django-prose-editor's link dialog passes these texts through the
   admin's gettext but ships no Ukrainian or Russian for them: listing them here keeps them in
   our djangojs catalog (`makemessages -d djangojs`), which /admin/jsi18n/ merges over Django's.
   The editor's button titles, which it does not translate, are in blocks.js (menuTitle). */
gettext("Edit Link");
gettext("URL");
gettext("Title");
gettext("Update");
gettext("Cancel");
