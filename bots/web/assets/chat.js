// The web chat page's only script: plain browser JavaScript, no framework, no build step.
// It talks to /api/chat/* with the session id in a header, waits for each answer, retries a
// failed send with the same event id (the server answers a repeat with the answer it gave), and
// polls for messages that arrive later (officers' answers, the satisfaction question).
/* global document, window, localStorage, fetch, XMLHttpRequest, setTimeout, clearTimeout */
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
  var SESSION = 'langnghe.chat.session';
  var LANG = 'langnghe.chat.lang';

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
    },
  };

  var lang = localStorage.getItem(LANG) === 'en' ? 'en' : 'vi';
  var session = localStorage.getItem(SESSION) || '';
  var cursor = '';
  var busy = false;
  var pollTimer = 0;

  function t(key) {
    return UI[lang][key];
  }

  function applyLang() {
    document.documentElement.lang = lang;
    document.getElementById('chat-text-label').textContent = t('label');
    document.getElementById('chat-file-label').textContent = t('file');
    sendBtn.textContent = t('send');
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
    item.scrollIntoView({ block: 'end' });
    return item;
  }

  function showMessage(m) {
    var item = bubble('bot', m.text);
    if (m.receipt) {
      var box = document.createElement('p');
      box.className = 'receipt';
      var a = document.createElement('a');
      a.href = '/tra-cuu#' + encodeURIComponent(m.receipt.code);
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = t('follow') + ' ' + m.receipt.code;
      box.appendChild(a);
      if (m.receipt.followUpSecret) {
        var s = document.createElement('span');
        s.className = 'secret';
        s.textContent = ' ' + t('secret') + ' ';
        var code = document.createElement('strong');
        code.textContent = m.receipt.followUpSecret;
        s.appendChild(code);
        box.appendChild(s);
      }
      item.appendChild(box);
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
    if (r.status === 200 && r.json && r.json.messages) r.json.messages.forEach(showMessage);
    else if (r.json && r.json.error) bubble('bot', r.json.error.message).classList.add('failed');
    schedulePoll(1500);
  }

  function send(event, shown) {
    if (shown) bubble('me', shown);
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
    bubble('me', '📎 ' + file.name);
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
        r.json.messages.forEach(function (m) {
          cursor = m.id;
          showMessage(m);
        });
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

  applyLang();
  setBusy(true);
  // Messages kept for this session first (answers that came while the page was closed), then the
  // conversation where it stands: the dialog re-asks the current step of an unfinished draft.
  ensureSession()
    .then(poll)
    .then(function () {
      send({ type: 'command', command: 'start', args: unit ? 'u_' + unit : '' });
    })
    .catch(function (err) {
      setBusy(false);
      bubble('bot', (err && err.shown) || t('failed')).classList.add('failed');
    });
})();
