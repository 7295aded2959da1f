/* Not loaded by any page. The Django admin's own scripts use these texts, which Django's
   Ukrainian catalog leaves untranslated (the two-list picker for slots and sections, the
   actions' warnings): listing them here keeps them in our djangojs catalog (`makemessages -d
   djangojs`), which the admin's /admin/jsi18n/ merges over Django's. */
gettext('Choose %s by selecting them and then select the "Choose" arrow button.');
gettext("Choose all %s");
gettext("Choose selected %s");
gettext("Remove selected %s");
gettext('Remove %s by selecting them and then select the "Remove" arrow button.');
gettext("Type into this box to filter down the list of selected %s.");
gettext("(click to clear)");
gettext("Remove all %s");
ngettext("%s selected option not visible", "%s selected options not visible", 1);
gettext("You have selected an action, but you haven’t saved your changes to individual fields yet. Please click OK to save. You’ll need to re-run the action.");
gettext("You have selected an action, and you haven’t made any changes on individual fields. You’re probably looking for the Go button rather than the Save button.");
