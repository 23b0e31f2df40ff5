// The web chat page's only script: plain browser JavaScript, no framework, no build step.
// It talks to /api/chat/* with the session id in a header, waits for each answer, retries a
// failed send with the same event id (the server answers a repeat with the answer it gave), and
// polls for messages that arrive later (officers' answers, the satisfaction question).
//
// On a phone (decision 0028): the log scrolls inside the page above the message box, never behind
// it; after each answer the newest question is scrolled into view and its first button focused;
// buttons of questions already answered stop working. The receipt (case code and, for anonymous
// cases, the secret shown only once) is kept on the device until the person closes it. A reload
// shows what the unfinished draft said so far; after a long pause the server first asks whether
// the draft belongs to whoever is holding the phone. In the widget, Esc closes the frame.
/* global document, window, localStorage, fetch, XMLHttpRequest, setTimeout, clearTimeout, Blob, navigator */
(function () {
  'use strict';
  var root = document.getElementById('chat');
  if (!root) return;
  var unit = root.getAttribute('data-unit') || '';
  var maxBytes = Number(root.getAttribute('data-max-bytes')) || 10485760;
  var log = document.getElementById('chat-log');
  var form = document.getElementById('chat-form');
  var input = document.getElementById('chat-text');
  var sendBtn = document.getElementById('chat-send');
  var fileInput = document.getElementById('chat-file');
  var progress = document.getElementById('chat-progress');
  var statusLine = document.getElementById('chat-status');
  var langBtn = document.getElementById('chat-lang');
  var menuBtn = document.getElementById('chat-menu');
  var idleLockMs = Number(root.getAttribute('data-idle-lock-ms')) || 15 * 60 * 1000;
  var embedded = root.getAttribute('data-embed') === '1';
  var SESSION = 'langnghe.chat.session';
  var LANG = 'langnghe.chat.lang';
  var RECEIPTS = 'langnghe.chat.receipts';

  var UI = {
    vi: {
      you: 'Bạn',
      system: 'Lắng Nghe',
      label: 'Tin nhắn của bạn',
      send: 'Gửi',
      file: 'Gửi ảnh hoặc tệp (tối đa 10 MB)',
      switchTo: 'English',
      switchLabel: 'Switch to English',
      sending: 'Đang gửi…',
      uploading: 'Đang tải tệp lên…',
      failed: 'Chưa gửi được (mạng chập chờn?).',
      retry: 'Gửi lại',
      tooBig: 'Tệp quá lớn: tối đa 10 MB. Vui lòng chọn tệp nhỏ hơn.',
      follow: 'Theo dõi hồ sơ',
      secret: 'Mã bí mật (hãy lưu lại):',
      download: 'Tải tệp',
      expired: 'Phiên đã hết hạn; đang mở phiên mới…',
      placeholder: 'Nhập tin nhắn…',
      menu: 'Menu',
      menuLabel: 'Về menu chính',
      receiptTitle: 'Biên nhận',
      receiptCode: 'Mã hồ sơ:',
      receiptKept: 'Biên nhận được giữ trên thiết bị này cho đến khi bạn đóng nó.',
      copy: 'Sao chép',
      copied: 'Đã sao chép biên nhận.',
      copyFailed: 'Không sao chép được; hãy ghi lại mã bằng tay.',
      saveReceipt: 'Tải biên nhận',
      dismiss: 'Đóng biên nhận',
      discardUnsaved:
        'Bạn chưa sao chép hay tải biên nhận. Mã bí mật chỉ hiện một lần: đóng biên nhận thì không xem lại được. Vẫn đóng?',
      fileTitle: 'Lắng Nghe — Biên nhận ý kiến',
      fileTrack: 'Tra cứu:',
      fileSaved: 'Ngày gửi:',
      fileKeep: 'Giữ kín mã bí mật: ai có mã này cùng mã hồ sơ đều xem được trả lời.',
      earlier: 'Cuộc trò chuyện trước khi tải lại trang',
    },
    en: {
      you: 'You',
      system: 'Lắng Nghe',
      label: 'Your message',
      send: 'Send',
      file: 'Send a photo or file (up to 10 MB)',
      switchTo: 'Tiếng Việt',
      switchLabel: 'Chuyển sang tiếng Việt',
      sending: 'Sending…',
      uploading: 'Uploading…',
      failed: 'Not sent (network trouble?).',
      retry: 'Send again',
      tooBig: 'The file is too large: 10 MB at most. Please pick a smaller one.',
      follow: 'Follow the case',
      secret: 'Secret code (keep it):',
      download: 'Download',
      expired: 'The session expired; opening a new one…',
      placeholder: 'Type a message…',
      menu: 'Menu',
      menuLabel: 'Back to the main menu',
      receiptTitle: 'Receipt',
      receiptCode: 'Case code:',
      receiptKept: 'The receipt stays on this device until you close it.',
      copy: 'Copy',
      copied: 'Receipt copied.',
      copyFailed: 'Could not copy; please write the codes down.',
      saveReceipt: 'Download receipt',
      dismiss: 'Close receipt',
      discardUnsaved:
        'You have not copied or downloaded the receipt. The secret code is shown only once: once closed, it cannot be shown again. Close anyway?',
      fileTitle: 'Lắng Nghe — Receipt',
      fileTrack: 'Follow the case:',
      fileSaved: 'Sent on:',
      fileKeep: 'Keep the secret code private: with it and the case code anyone can read the answer.',
      earlier: 'The conversation before the page was reloaded',
    },
  };

  var lang = localStorage.getItem(LANG) === 'en' ? 'en' : 'vi';
  var session = localStorage.getItem(SESSION) || '';
  var cursor = '';
  var busy = false;
  var pollTimer = 0;
  var lastActive = Date.now();

  function t(key) {
    return UI[lang][key];
  }

  function applyLang() {
    document.documentElement.lang = lang;
    document.getElementById('chat-text-label').textContent = t('label');
    document.getElementById('chat-file-name').textContent = t('file');
    document.getElementById('chat-file-label').title = t('file');
    input.placeholder = t('placeholder');
    sendBtn.textContent = t('send');
    menuBtn.textContent = t('menu');
    menuBtn.setAttribute('aria-label', t('menuLabel'));
    langBtn.textContent = t('switchTo');
    langBtn.setAttribute('aria-label', t('switchLabel'));
    langBtn.setAttribute('lang', lang === 'vi' ? 'en' : 'vi');
  }

  function eventId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }

  function setStatus(text) {
    statusLine.textContent = text || '';
  }

  function setBusy(value) {
    busy = value;
    sendBtn.disabled = value;
    fileInput.disabled = value;
    menuBtn.disabled = value;
    root.setAttribute('aria-busy', value ? 'true' : 'false');
  }

  function bubble(who, text) {
    var item = document.createElement('div');
    item.className = 'msg ' + who;
    var name = document.createElement('span');
    name.className = 'sr-only';
    name.textContent = (who === 'me' ? t('you') : t('system')) + ': ';
    var body = document.createElement('p');
    body.textContent = text;
    body.insertBefore(name, body.firstChild);
    item.appendChild(body);
    log.appendChild(item);
    return item;
  }

  /**
   * Keeps the newest question in view above the message box: the log's end when the message fits;
   * else its top, when its first button still shows from there; else its first button at the bottom
   * of the log, with as much of the question as fits above it (large text, a long menu). Focus goes
   * to that button, or to the message unless the person is typing. The log scrolls inside the page,
   * so nothing sits behind the box.
   */
  function reveal(item) {
    if (!item) return;
    var first = item.querySelector('button:not([disabled]), a[href]');
    var height = log.clientHeight;
    var origin = log.getBoundingClientRect().top - log.scrollTop;
    var itemTop = item.getBoundingClientRect().top - origin;
    if (item.offsetHeight <= height) log.scrollTop = log.scrollHeight;
    else if (!first || first.getBoundingClientRect().bottom - origin - itemTop <= height)
      log.scrollTop = itemTop;
    else log.scrollTop = first.getBoundingClientRect().bottom - origin - height + 8;
    if (first) first.focus({ preventScroll: true });
    else if (document.activeElement !== input) {
      item.setAttribute('tabindex', '-1');
      item.focus({ preventScroll: true });
    }
  }

  /** An answer was given: the buttons of every earlier question stop working. */
  function retireButtons() {
    Array.prototype.forEach.call(log.querySelectorAll('.choices[data-turn] button'), function (b) {
      b.disabled = true;
    });
  }

  // ---------------------------------------------------------------- the receipt, kept on the device

  function loadReceipts() {
    try {
      var list = JSON.parse(localStorage.getItem(RECEIPTS) || '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  function storeReceipts(list) {
    localStorage.setItem(RECEIPTS, JSON.stringify(list));
  }

  function keepReceipt(receipt) {
    var list = loadReceipts();
    for (var i = 0; i < list.length; i++) if (list[i].code === receipt.code) return list[i];
    var kept = { code: receipt.code, at: new Date().toISOString(), saved: false };
    if (receipt.followUpSecret) kept.followUpSecret = receipt.followUpSecret;
    list.push(kept);
    storeReceipts(list);
    return kept;
  }

  function markSaved(code) {
    storeReceipts(
      loadReceipts().map(function (r) {
        if (r.code === code) r.saved = true;
        return r;
      }),
    );
  }

  function trackingLink(code) {
    return window.location.origin + '/tra-cuu#' + encodeURIComponent(code);
  }

  function receiptText(r) {
    return [
      t('fileTitle'),
      t('receiptCode') + ' ' + r.code,
      r.followUpSecret ? t('secret') + ' ' + r.followUpSecret : '',
      t('fileTrack') + ' ' + trackingLink(r.code),
      t('fileSaved') + ' ' + new Date(r.at).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN'),
      r.followUpSecret ? t('fileKeep') : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'sr-only';
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      area.remove();
      if (ok) resolve();
      else reject(new Error('copy'));
    });
  }

  function smallButton(label, onClick, extraClass) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary' + (extraClass ? ' ' + extraClass : '');
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  /** The receipt card: code, secret, the tracking link, copy, download, close. */
  function showReceipt(r) {
    var box = document.createElement('section');
    box.className = 'receipt';
    box.setAttribute('data-code', r.code);
    box.setAttribute('aria-label', t('receiptTitle') + ' ' + r.code);
    var title = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = t('receiptTitle') + ' — ' + t('receiptCode') + ' ';
    var code = document.createElement('span');
    code.className = 'code';
    code.textContent = r.code;
    strong.appendChild(code);
    title.appendChild(strong);
    box.appendChild(title);
    if (r.followUpSecret) {
      var s = document.createElement('p');
      s.className = 'secret';
      s.textContent = t('secret') + ' ';
      var secret = document.createElement('strong');
      secret.textContent = r.followUpSecret;
      s.appendChild(secret);
      box.appendChild(s);
    }
    var kept = document.createElement('p');
    kept.className = 'muted';
    kept.textContent = t('receiptKept');
    box.appendChild(kept);
    var actions = document.createElement('div');
    actions.className = 'row';
    var a = document.createElement('a');
    a.href = '/tra-cuu#' + encodeURIComponent(r.code);
    a.target = '_blank';
    a.rel = 'noopener';
    a.className = 'button';
    a.textContent = t('follow') + ' ' + r.code;
    actions.appendChild(a);
    actions.appendChild(
      smallButton(t('copy'), function () {
        copyText(receiptText(r)).then(
          function () {
            markSaved(r.code);
            setStatus(t('copied'));
          },
          function () {
            setStatus(t('copyFailed'));
          },
        );
      }),
    );
    actions.appendChild(
      smallButton(t('saveReceipt'), function () {
        var blob = new Blob([receiptText(r) + '\n'], { type: 'text/plain;charset=utf-8' });
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = 'bien-nhan-' + r.code + '.txt';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () {
          URL.revokeObjectURL(link.href);
        }, 10000);
        markSaved(r.code);
      }),
    );
    actions.appendChild(
      smallButton(
        t('dismiss'),
        function () {
          var current = loadReceipts().filter(function (x) {
            return x.code === r.code;
          })[0];
          // The secret is shown only once: losing it unsaved loses the answer of an anonymous case.
          if (current && current.followUpSecret && !current.saved && !window.confirm(t('discardUnsaved')))
            return;
          storeReceipts(
            loadReceipts().filter(function (x) {
              return x.code !== r.code;
            }),
          );
          box.remove();
          input.focus();
        },
        'dismiss',
      ),
    );
    box.appendChild(actions);
    log.appendChild(box);
    return box;
  }

  function showKeptReceipts() {
    loadReceipts().forEach(showReceipt);
  }

  /** `fromTurn`: an answer to what the person sent (its buttons retire at the next answer). */
  function showMessage(m, fromTurn) {
    var item = bubble('bot', m.text);
    if (m.receipt) {
      // Kept on the device first: a reload or a discarded tab must not lose the secret.
      var kept = keepReceipt(m.receipt);
      var shownAlready = log.querySelector('.receipt[data-code="' + kept.code + '"]');
      item = shownAlready || showReceipt(kept);
    }
    if (m.file && m.id) {
      var dl = document.createElement('button');
      dl.type = 'button';
      dl.className = 'secondary';
      dl.textContent = t('download') + ': ' + m.file.fileName;
      dl.addEventListener('click', function () {
        download(m.id, m.file.fileName);
      });
      item.appendChild(dl);
    }
    if (m.buttons && m.buttons.length) {
      var group = document.createElement('div');
      group.className = 'choices';
      group.setAttribute('role', 'group');
      if (fromTurn) group.setAttribute('data-turn', '1');
      m.buttons.forEach(function (row) {
        var line = document.createElement('div');
        line.className = 'row';
        row.forEach(function (b) {
          var btn = document.createElement('button');
          btn.type = 'button';
          btn.textContent = b.label;
          btn.setAttribute('data-value', b.value);
          btn.addEventListener('click', function () {
            if (busy) return;
            // Like a pressed keyboard in a messenger: one answer per question.
            Array.prototype.forEach.call(group.querySelectorAll('button'), function (x) {
              x.disabled = true;
            });
            send({ type: 'choice', value: b.value }, b.label);
          });
          line.appendChild(btn);
        });
        group.appendChild(line);
      });
      item.appendChild(group);
    }
    return item;
  }

  function showTranscript(entries) {
    if (!entries || !entries.length) return;
    var note = document.createElement('p');
    note.className = 'earlier muted';
    note.textContent = t('earlier');
    log.appendChild(note);
    entries.forEach(function (e) {
      bubble(e.who === 'me' ? 'me' : 'bot', e.text).classList.add('earlier');
    });
  }

  function request(method, url, body, headers) {
    var h = { 'x-chat-session': session };
    if (body !== undefined) h['content-type'] = 'application/json';
    Object.keys(headers || {}).forEach(function (k) {
      h[k] = headers[k];
    });
    return fetch(url, {
      method: method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    }).then(function (res) {
      return res.json().then(
        function (json) {
          return { status: res.status, json: json };
        },
        function () {
          return { status: res.status, json: null };
        },
      );
    });
  }

  function ensureSession() {
    return request('POST', '/api/chat/session', {}).then(function (r) {
      // A refusal with a message (too many new sessions from this address) is shown as it is.
      if (r.status !== 200) {
        var refused = new Error('session');
        refused.shown = r.json && r.json.error ? r.json.error.message : '';
        throw refused;
      }
      session = r.json.session;
      localStorage.setItem(SESSION, session);
      return r.json.resumed;
    });
  }

  // Sends one event; on a network or server failure tries again with the same event id, then
  // offers a button to try once more. The answer is shown only once the server has it stored.
  function deliver(attempt, perform, done) {
    perform().then(
      function (r) {
        if (r.status === 401 && attempt === 0) {
          setStatus(t('expired'));
          return ensureSession().then(function () {
            deliver(attempt + 1, perform, done);
          });
        }
        // A limit (429) is not retried at once: its message says when to come back, and is shown.
        if (r.status >= 500) throw new Error('server');
        done(r);
      },
      function () {
        if (attempt < 2) {
          setTimeout(
            function () {
              deliver(attempt + 1, perform, done);
            },
            1000 * (attempt + 1),
          );
          return;
        }
        setBusy(false);
        progress.hidden = true;
        var item = bubble('bot', t('failed'));
        item.classList.add('failed');
        var again = document.createElement('button');
        again.type = 'button';
        again.textContent = t('retry');
        again.addEventListener('click', function () {
          if (busy) return;
          item.remove();
          setBusy(true);
          deliver(0, perform, done);
        });
        item.appendChild(again);
        again.focus();
      },
    );
  }

  function answered(r) {
    setBusy(false);
    setStatus('');
    progress.hidden = true;
    var last;
    if (r.status === 200 && r.json && r.json.messages) {
      showTranscript(r.json.transcript);
      r.json.messages.forEach(function (m) {
        last = showMessage(m, true);
      });
    } else if (r.json && r.json.error) {
      last = bubble('bot', r.json.error.message);
      last.classList.add('failed');
    }
    reveal(last);
    schedulePoll(1500);
  }

  function send(event, shown) {
    lastActive = Date.now();
    retireButtons();
    if (shown) reveal(bubble('me', shown));
    setBusy(true);
    setStatus(t('sending'));
    var body = { eventId: eventId(), lang: lang, event: event };
    deliver(
      0,
      function () {
        return request('POST', '/api/chat/events', body);
      },
      answered,
    );
  }

  function upload(file) {
    if (file.size > maxBytes) {
      bubble('bot', t('tooBig')).classList.add('failed');
      return;
    }
    lastActive = Date.now();
    retireButtons();
    reveal(bubble('me', '📎 ' + file.name));
    setBusy(true);
    setStatus(t('uploading'));
    var id = eventId();
    deliver(
      0,
      function () {
        return new Promise(function (resolve, reject) {
          var xhr = new XMLHttpRequest();
          xhr.open('POST', '/api/chat/upload');
          xhr.setRequestHeader('content-type', 'application/octet-stream');
          xhr.setRequestHeader('x-chat-session', session);
          xhr.setRequestHeader('x-chat-event-id', id);
          xhr.setRequestHeader('x-chat-lang', lang);
          xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
          if (file.type) xhr.setRequestHeader('x-file-type', file.type);
          progress.value = 0;
          progress.hidden = false;
          xhr.upload.onprogress = function (e) {
            if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
          };
          xhr.onload = function () {
            var json;
            try {
              json = JSON.parse(xhr.responseText);
            } catch {
              json = null;
            }
            resolve({ status: xhr.status, json: json });
          };
          xhr.onerror = reject;
          xhr.send(file);
        });
      },
      answered,
    );
  }

  function download(id, name) {
    fetch('/api/chat/messages/' + id + '/file', { headers: { 'x-chat-session': session } })
      .then(function (res) {
        return res.blob();
      })
      .then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
  }

  function poll() {
    if (!session) return Promise.resolve();
    return request('GET', '/api/chat/messages' + (cursor ? '?after=' + cursor : '')).then(
      function (r) {
        if (r.status !== 200 || !r.json) return;
        var last;
        r.json.messages.forEach(function (m) {
          cursor = m.id;
          last = showMessage(m, false);
        });
        if (last && !busy) reveal(last);
      },
      function () {},
    );
  }

  function schedulePoll(ms) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(function () {
      if (busy || document.hidden) return schedulePoll(5000);
      poll().then(function () {
        schedulePoll(5000);
      });
    }, ms);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    input.style.height = '';
    send({ type: 'text', text: text }, text);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = '';
    if (file && !busy) upload(file);
  });
  langBtn.addEventListener('click', function () {
    if (busy) return;
    lang = lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem(LANG, lang);
    applyLang();
    send({ type: 'command', command: lang, args: '' }, lang === 'en' ? 'English' : 'Tiếng Việt');
  });

  menuBtn.addEventListener('click', function () {
    if (busy) return;
    send({ type: 'command', command: 'start', args: '' }, t('menu'));
  });
  // Grows with what is typed, up to a quarter of the screen (large text must leave room to read).
  input.addEventListener('input', function () {
    input.style.height = 'auto';
    input.style.height = input.scrollHeight + 2 + 'px';
  });
  document.addEventListener('keydown', function (e) {
    // In the widget's frame the host page does not see our keys: ask it to close the frame.
    if (e.key === 'Escape' && embedded && window.parent !== window) {
      window.parent.postMessage({ type: 'langnghe:close' }, '*');
    }
  });
  // Back after a long pause (a shared phone handed on): open the conversation again, so the server
  // asks whose draft it is before anything of it is shown again.
  function wakeUp() {
    if (busy || Date.now() - lastActive <= idleLockMs) return;
    lastActive = Date.now();
    log.textContent = '';
    cursor = '';
    open();
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) wakeUp();
  });
  window.addEventListener('focus', wakeUp);
  document.addEventListener('pointerdown', wakeUp, true);

  // Receipts kept on this device, the messages kept for this session (answers that came while the
  // page was closed), then the conversation where it stands: the transcript of an unfinished draft
  // and its current question (or, after a long pause, the question whose draft it is).
  function open() {
    setBusy(true);
    showKeptReceipts();
    ensureSession()
      .then(poll)
      .then(function () {
        send({ type: 'command', command: 'start', args: unit ? 'u_' + unit : '' });
      })
      .catch(function (err) {
        setBusy(false);
        bubble('bot', (err && err.shown) || t('failed')).classList.add('failed');
      });
  }

  applyLang();
  open();
})();
