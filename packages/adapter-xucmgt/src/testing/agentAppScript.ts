/**
 * The browser side of the agent-app emulator, plain ES2017 (served as `/agent-app.js`). It does what the
 * XucMgt agent app does with `THIRD_PARTY_URL`: on ringing it POSTs the call as `application/json` from
 * its own origin (so the browser sends a real CORS preflight), opens the answered `url` in a pane (an
 * iframe tab) or a popup when the call reaches the answered event, pauses the agent when `autopause`, and
 * closes the pane and makes the agent ready again when the pane posts `closeThirdParty`.
 * `window.agentApp` lets scripts drive it: `ring(body?)`, `establish()`, `release()`, `state()`.
 */
export const agentAppScript = `(function () {
  'use strict';
  var query = new URLSearchParams(location.search);
  var thirdPartyUrl = query.get('thirdPartyUrl') || '';
  var samples = JSON.parse(document.getElementById('samples').textContent);
  var shape = query.get('shape') || '2024';
  var phaseOf = { EventRinging: 'ringing', EventEstablished: 'established', EventReleased: 'released' };
  var state = { agent: 'Ready', call: 'idle', answer: null, error: null, pane: null, popups: [], history: [] };
  var reached = {};
  var opened = false;
  var autopaused = false;
  var frame = null;
  function el(id) { return document.getElementById(id); }

  function render() {
    el('agent-state').textContent = state.agent;
    el('call-state').textContent = state.call;
    el('answer-json').textContent = state.answer ? JSON.stringify(state.answer) : '';
    el('error').textContent = state.error || '';
    el('pane-title').textContent = state.pane ? (state.pane.title || 'Third party') : '';
    var list = el('history');
    list.textContent = '';
    state.history.forEach(function (h) {
      var item = document.createElement('li');
      item.textContent = h.what + (h.detail === null ? '' : ' ' + JSON.stringify(h.detail));
      list.appendChild(item);
    });
  }
  function log(what, detail) {
    state.history.push({ what: what, detail: detail === undefined ? null : detail });
    render();
  }
  function setAgent(next) {
    if (state.agent === next) return;
    state.agent = next;
    log(next === 'Paused' ? 'agent-paused' : 'agent-ready');
  }
  function closePane() {
    if (frame) frame.remove();
    frame = null;
    state.pane = null;
    log('pane-closed');
    if (autopaused) {
      autopaused = false;
      setAgent('Ready');
    }
  }
  function open(answer) {
    if (answer.action === 'popup') {
      window.open(answer.url, '_blank');
      state.popups.push(answer.url);
      log('popup-opened', answer.url);
    } else {
      if (frame) closePane();
      frame = document.createElement('iframe');
      frame.id = 'third-party-pane';
      frame.name = 'third-party-pane';
      frame.title = answer.title || 'Third party';
      frame.src = answer.url;
      el('pane-host').appendChild(frame);
      state.pane = { url: answer.url, title: answer.title || '' };
      log('pane-opened', answer.url);
    }
    if (answer.autopause === true) {
      autopaused = true;
      setAgent('Paused');
    }
  }
  function maybeOpen() {
    var answer = state.answer;
    if (opened || !answer || (answer.action !== 'open' && answer.action !== 'popup')) return;
    if (reached[phaseOf[answer.event]]) {
      opened = true;
      open(answer);
    }
  }
  function reach(phase) {
    state.call = phase;
    reached[phase] = true;
    log('call-' + phase);
    maybeOpen();
  }
  function ring(body) {
    state.answer = null;
    state.error = null;
    reached = {};
    opened = false;
    reach('ringing');
    var payload = body || samples[shape];
    log('request-sent', thirdPartyUrl);
    return fetch(thirdPartyUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) {
            state.error = 'HTTP ' + response.status + ': ' + (json && json.error);
            log('request-failed', state.error);
            return { status: response.status, body: json };
          }
          state.answer = json;
          log('answer', json);
          maybeOpen();
          return { status: response.status, body: json };
        });
      })
      .catch(function (error) {
        state.error = 'request failed: ' + String(error);
        log('request-failed', String(error));
        return { error: String(error) };
      });
  }
  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow) return;
    if (event.data !== 'closeThirdParty') return;
    log('closeThirdParty');
    closePane();
  });
  el('ring').addEventListener('click', function () { ring(); });
  el('establish').addEventListener('click', function () { reach('established'); });
  el('release').addEventListener('click', function () { reach('released'); });
  window.agentApp = {
    ring: ring,
    establish: function () { reach('established'); },
    release: function () { reach('released'); },
    state: function () { return JSON.parse(JSON.stringify(state)); },
  };
  render();
})();
`;
