/* global document, window, EventSource */
// The console's only script of its own (served as /console/assets/console.js). Everything works
// without it; with it, the inbox hears about new and changed cases from /console/su-kien.
(function () {
  'use strict';
  var feed = document.querySelector('[data-live-feed]');
  if (!feed || typeof EventSource === 'undefined') return;
  var baseTitle = document.title;
  var unseen = 0;
  var source = new EventSource(feed.getAttribute('data-live-feed'));
  function showCount() {
    document.title = unseen > 0 ? '(' + unseen + ') ' + baseTitle : baseTitle;
  }
  source.addEventListener('case', function (event) {
    var target = document.getElementById(feed.getAttribute('data-live-target'));
    var data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!data || typeof data.rowUrl !== 'string' || data.rowUrl.indexOf('/console/') !== 0) return;
    if (!window.htmx || !target) return;
    window.htmx.ajax('GET', data.rowUrl, { target: target, swap: 'afterbegin' }).then(function () {
      var old = document.getElementById('row-' + data.code);
      // A changed case comes back as a fresh row at the top; drop its older copy.
      var rows = target.querySelectorAll('[id="row-' + data.code + '"]');
      for (var i = 1; i < rows.length; i++) rows[i].remove();
      if (old && data.isNew) {
        unseen += 1;
        showCount();
      }
    });
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      unseen = 0;
      showCount();
    }
  });
})();
