// The embeddable web chat: a unit's own website adds
//   <script src="https://<host>/chat/widget.js" data-unit="ta-kkb" defer></script>
// and gets a floating button that opens the chat of that unit in an iframe (compact layout).
// Nothing is shared with the host page: the chat runs in its own origin inside the frame.
/* global document */
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
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'langnghe-chat-frame';
      frame.title = label;
      frame.src = src;
      frame.setAttribute('allow', 'clipboard-write');
      frame.style.cssText =
        'position:fixed;right:16px;bottom:76px;z-index:2147483000;width:min(380px,calc(100vw - 32px));' +
        'height:min(600px,calc(100vh - 100px));border:1px solid #d0d7de;border-radius:12px;background:#fff;' +
        'box-shadow:0 4px 16px rgba(0,0,0,.3)';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', frame.hidden ? 'false' : 'true');
    if (!frame.hidden) frame.focus();
  });
  // Placed in <head> without `defer`, the script runs before <body> exists.
  if (document.body) document.body.appendChild(button);
  else
    document.addEventListener('DOMContentLoaded', function () {
      document.body.appendChild(button);
    });
})();
