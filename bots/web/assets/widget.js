// The embeddable web chat: a unit's own website adds
//   <script src="https://<host>/chat/widget.js" data-unit="ta-kkb" defer></script>
// and gets a floating button that opens the chat of that unit in an iframe (compact layout).
// Nothing is shared with the host page: the chat runs in its own origin inside the frame.
// On a phone the frame takes the screen above the button (the chat's questions and buttons need the
// room); Esc closes it, on the host page and inside the frame (which asks by postMessage), and
// focus returns to the button.
/* global document, window */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || document.getElementById('langnghe-chat-button')) return;
  var origin = new URL(script.src).origin;
  var unit = script.getAttribute('data-unit') || '';
  var label = script.getAttribute('data-label') || 'Góp ý – Phản ánh';
  var src = origin + '/chat' + (unit ? '/' + encodeURIComponent(unit) : '') + '?embed=1';

  var button = document.createElement('button');
  button.id = 'langnghe-chat-button';
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'langnghe-chat-frame');
  button.style.cssText =
    'position:fixed;right:16px;bottom:16px;z-index:2147483000;background:#0b5cad;color:#fff;border:0;' +
    'border-radius:24px;padding:12px 18px;font:600 16px/1.2 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer';

  var frame;
  function placeFrame() {
    // A phone: the whole width and height above the button. Elsewhere: a panel at the corner.
    var phone = window.innerWidth <= 520;
    frame.style.cssText =
      'position:fixed;z-index:2147483000;border:1px solid #d0d7de;border-radius:12px;background:#fff;' +
      'box-shadow:0 4px 16px rgba(0,0,0,.3);' +
      (phone
        ? 'left:8px;right:8px;top:8px;bottom:72px;width:calc(100% - 16px);height:calc(100% - 80px)'
        : 'right:16px;bottom:76px;width:min(380px,calc(100vw - 32px));height:min(640px,calc(100vh - 100px))');
  }
  function close() {
    if (!frame || frame.hidden) return;
    frame.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'langnghe-chat-frame';
      frame.title = label;
      frame.src = src;
      frame.setAttribute('allow', 'clipboard-write');
      placeFrame();
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
      if (!frame.hidden) placeFrame();
    }
    button.setAttribute('aria-expanded', frame.hidden ? 'false' : 'true');
    if (!frame.hidden) frame.focus();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') close();
  });
  window.addEventListener('message', function (e) {
    // Only our own frame may close it; the message carries nothing else.
    if (
      frame &&
      e.source === frame.contentWindow &&
      e.origin === origin &&
      e.data &&
      e.data.type === 'langnghe:close'
    )
      close();
  });
  window.addEventListener('resize', function () {
    if (frame && !frame.hidden) placeFrame();
  });
  // Placed in <head> without `defer`, the script runs before <body> exists.
  if (document.body) document.body.appendChild(button);
  else
    document.addEventListener('DOMContentLoaded', function () {
      document.body.appendChild(button);
    });
})();
