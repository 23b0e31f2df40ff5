/* global document, window */
// /tra-cuu: the chat links to /tra-cuu#<code>. The fragment never reaches the server; the code is
// copied into the form, which is sent by POST, so it stays out of addresses and logs.
(function () {
  var input = document.getElementById('code');
  if (!input || input.value) return;
  var fragment = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
  if (!/^[A-Za-z0-9-]{1,20}$/.test(fragment)) return;
  input.value = fragment.toUpperCase();
  var secret = document.getElementById('secret');
  if (secret) secret.focus();
})();
