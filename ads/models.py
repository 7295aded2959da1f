"""Ad slots and creatives: filled in by the ads issue (#5). The app exists so its migrations and
admin have a home from the start."""
