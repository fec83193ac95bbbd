// window.dialdesk for the console served by `dialdesk serve`: the same narrow API the Electron
// preload exposes (invoke, on), spoken over loopback HTTP. The session token lives in this tab's
// sessionStorage and travels in a header, never in a cookie.
(function () {
  'use strict';
  var HEADER = 'x-dialdesk-session';
  var KEY = 'dialdesk.session';
  var listeners = {};
  var stream = null;

  function token() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function setToken(value) {
    try {
      if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
    } catch (e) { /* private mode: the session lasts as long as the page */ }
  }

  function invoke(channel, arg) {
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
