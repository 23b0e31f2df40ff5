/* global document, window, EventSource */
// The console's only script of its own (served as /console/assets/console.js). Everything works
// without it; with it, the inbox hears about new and changed cases from /console/su-kien: a changed
// row is replaced where it is, a new case's row goes on top, and the page title counts the new
// cases not yet seen ("(3) Hộp thư"). When the session ends, the stream says so and the page shows
// the sign-in link.
(function () {
  'use strict';
  var feed = document.querySelector('[data-live-feed]');
  if (!feed || typeof EventSource === 'undefined') return;
  var baseTitle = document.title;
  var unseen = 0;
  function showCount() {
    document.title = unseen > 0 ? '(' + unseen + ') ' + baseTitle : baseTitle;
  }
  function onCase(event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!data || typeof data.rowUrl !== 'string' || data.rowUrl.indexOf('/console/') !== 0) return;
    if (!window.htmx) return;
    var existing = document.getElementById('row-' + data.code);
    var rows = document.getElementById(feed.getAttribute('data-live-target'));
    if (existing) {
      window.htmx.ajax('GET', data.rowUrl, { target: existing, swap: 'outerHTML' });
    } else if (data.isNew && rows) {
      window.htmx.ajax('GET', data.rowUrl, { target: rows, swap: 'afterbegin' });
    } else if (data.isNew) {
      // An empty list has no table yet: fetch the whole list again.
      var list = document.getElementById(feed.getAttribute('data-live-list'));
      if (list) window.htmx.ajax('GET', window.location.href, { target: list, swap: 'outerHTML' });
    }
    if (data.isNew) {
      unseen += 1;
      showCount();
    }
  }
  var source = new EventSource(feed.getAttribute('data-live-feed'));
  source.addEventListener('case', onCase);
  // The session idled out or was signed out: stop listening and show the sign-in link.
  source.addEventListener('signed-out', function () {
    source.close();
    var notice = document.getElementById(feed.getAttribute('data-live-signed-out'));
    if (notice) notice.hidden = false;
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && document.hasFocus()) {
      unseen = 0;
      showCount();
    }
  });
})();
