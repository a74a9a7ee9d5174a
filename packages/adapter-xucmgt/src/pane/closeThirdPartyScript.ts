/**
 * The completion snippet of the XucMgt docs: the Done button (`#close`, or `#done`) posts the
 * `closeThirdParty` message to the agent application hosting the pane. The message carries no data, so
 * the `*` target origin discloses nothing. Served as `/pane.js`; the README shows it for users' own panes.
 */
export const closeThirdPartyScript = `(function () {
  function close() {
    parent.window.postMessage("closeThirdParty", "*");
  }
  var button = document.getElementById("close") || document.getElementById("done");
  if (button) button.addEventListener("click", close, false);
})();
`;
