/* Photo pickers (PhotoAutocompleteSelect): Django's autocomplete, with each photo's thumbnail
   beside its caption. The suggestions carry it from PhotoAutocompleteJsonView, the chosen
   photo from its <option data-thumbnail>. Loaded after admin/js/autocomplete.js, before the
   pickers start (on jQuery's ready and on formset:added, both through djangoAdminSelect2). */
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.djangoAdminSelect2) return;
  var original = $.fn.djangoAdminSelect2;

  function withThumbnail(item) {
    var url = item.thumbnail || (item.element && item.element.dataset.thumbnail);
    if (!item.id || !url) return item.text;
    var img = $("<img alt=\"\" class=\"photo-option-thumb\">").attr("src", url);
    return $("<span class=\"photo-option\"></span>").append(img, $("<span></span>").text(item.text));
  }

  $.fn.djangoAdminSelect2 = function () {
    var photos = this.filter("[data-photo-picker]");
    original.call(this.not(photos));
    photos.each(function (i, element) {
      $(element).select2({
        ajax: {
          data: function (params) {
            return {
              term: params.term,
              page: params.page,
              app_label: element.dataset.appLabel,
              model_name: element.dataset.modelName,
              field_name: element.dataset.fieldName
            };
          }
        },
        templateResult: withThumbnail,
        templateSelection: withThumbnail
      });
    });
    return this;
  };
})();
