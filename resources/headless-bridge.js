// window.dialdesk for the console served by `dialdesk serve`: the same narrow API the Electron
// preload exposes (invoke, on), spoken over loopback HTTP. The session token lives in this tab's
// sessionStorage and travels in a header, never in a cookie.
(function () {
  'use strict';
  var HEADER = 'x-dialdesk-session';
  var KEY = 'dialdesk.session';
  var listeners = {};
  var stream = null;
  // events raised here in the page, never by the server's stream
  var LOCAL_EVENTS = { 'upload.progress': true };
  var localListeners = {};
  // the server's upload limit, written into this script as it is served
  var UPLOAD_LIMIT = Number('__DIALDESK_UPLOAD_LIMIT__') || 0;

  function token() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function setToken(value) {
    try {
      if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
    } catch (e) { /* private mode: the session lasts as long as the page */ }
  }

  function invoke(channel, arg) {
    if (channel === 'files.pickOpen') return pickAndUpload();
    var headers = { 'content-type': 'application/json' };
    var t = token();
    if (t) headers[HEADER] = t;
    return fetch('/rpc/invoke', { method: 'POST', headers: headers, body: JSON.stringify({ channel: channel, arg: arg === undefined ? {} : arg }) })
      .then(function (res) {
        var issued = res.headers.get(HEADER);
        if (issued) { setToken(issued); restartStream(); }
        return res.json();
      })
      .then(function (envelope) {
        if (channel === 'auth.logout' || (!envelope.ok && envelope.error.code === 'UNAUTHENTICATED' && channel !== 'auth.login')) {
          setToken(null);
          stopStream();
        }
        return envelope;
      }, function (err) {
        return { ok: false, error: { code: 'INTERNAL', message: 'DialDesk is not reachable: ' + (err && err.message ? err.message : err) } };
      });
  }

  // files.pickOpen, as the browser can do it: the page's own file picker, then the file's bytes
  // uploaded to the server, which answers a one-time handle for this session. The server never
  // reads a path a page sends; the desktop app answers the same channel with its open dialog.
  function pickAndUpload() {
    return new Promise(function (resolve) {
      var input = document.createElement('input');
      input.type = 'file';
      input.accept = '.csv,.txt,text/csv,text/plain';
      input.style.display = 'none';
      var settled = false;
      function done(envelope) {
        if (settled) return;
        settled = true;
        if (input.parentNode) input.parentNode.removeChild(input);
        resolve(envelope);
      }
      input.addEventListener('cancel', function () { done({ ok: true, value: null }); });
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        if (!file) return done({ ok: true, value: null });
        upload(file).then(done);
      });
      document.body.appendChild(input);
      input.click();
    });
  }

  function upload(file) {
    if (UPLOAD_LIMIT > 0 && file.size > UPLOAD_LIMIT) {
      return Promise.resolve(failure('PAYLOAD_TOO_LARGE', file.name + ' is larger than the ' + Math.round(UPLOAD_LIMIT / 1048576) +
        ' MB this server accepts in one upload; split the list, or import it on the server with `dialdesk numbers import FILE`'));
    }
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/rpc/upload');
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.setRequestHeader('x-dialdesk-file-name', encodeURIComponent(file.name));
      var t = token();
      if (t) xhr.setRequestHeader(HEADER, t);
      xhr.upload.onprogress = function (e) {
        emitLocal('upload.progress', { name: file.name, sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
      };
      xhr.onload = function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* answered below */ }
        if (xhr.status === 200 && body && body.handle) return resolve({ ok: true, value: body });
        if (body && body.error) {
          if (body.error.code === 'UNAUTHENTICATED') { setToken(null); stopStream(); }
          return resolve({ ok: false, error: body.error });
        }
        resolve(failure('INTERNAL', 'the upload of ' + file.name + ' was refused (HTTP ' + xhr.status + ')'));
      };
      xhr.onerror = function () { resolve(failure('INTERNAL', 'DialDesk is not reachable: the upload of ' + file.name + ' did not get through')); };
      xhr.send(file);
    });
  }

  function failure(code, message) {
    return { ok: false, error: { code: code, message: message } };
  }

  function emitLocal(event, payload) {
    (localListeners[event] || []).slice().forEach(function (fn) { fn(payload); });
  }

  function stopStream() {
    if (stream) { stream.abort(); stream = null; }
  }

  // EventSource cannot send headers, so the event stream is read with fetch.
  function restartStream() {
    stopStream();
    var t = token();
    if (!t || Object.keys(listeners).length === 0) return;
    var controller = new AbortController();
    stream = controller;
    var headers = {};
    headers[HEADER] = t;
    fetch('/rpc/events', { headers: headers, signal: controller.signal }).then(function (res) {
      if (!res.ok || !res.body) throw new Error('event stream refused: ' + res.status);
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error('event stream closed');
          buffer += decoder.decode(chunk.value, { stream: true });
          var parts = buffer.split('\n\n');
          buffer = parts.pop();
          parts.forEach(dispatchFrame);
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      if (stream === controller) {
        stream = null;
        setTimeout(function () { if (!stream) restartStream(); }, 2000);
      }
    });
  }

  function dispatchFrame(frame) {
    var event = null;
    var data = '';
    frame.split('\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) event = line.slice(7);
      else if (line.indexOf('data: ') === 0) data += line.slice(6);
    });
    if (!event || !listeners[event]) return;
    var payload;
    try { payload = JSON.parse(data); } catch (e) { return; }
    listeners[event].slice().forEach(function (fn) { fn(payload); });
  }

  function on(event, fn) {
    if (LOCAL_EVENTS[event]) {
      (localListeners[event] = localListeners[event] || []).push(fn);
      return function () {
        var list = localListeners[event] || [];
        var i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      };
    }
    var first = Object.keys(listeners).length === 0;
    (listeners[event] = listeners[event] || []).push(fn);
    if (first || !stream) restartStream();
    return function () {
      var list = listeners[event] || [];
      var i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) delete listeners[event];
      if (Object.keys(listeners).length === 0) stopStream();
    };
  }

  window.dialdesk = Object.freeze({ invoke: invoke, on: on });
})();
