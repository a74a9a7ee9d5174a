/** The page of one emulated b+s Connects tab (`/tab?agentId=…`). */
export const harnessHtml = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>b+s Connects emulator</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1rem; }
section { margin: .5rem 0; display: flex; gap: .4rem; flex-wrap: wrap; align-items: center; }
iframe { width: 100%; height: 3rem; border: 1px solid #ccc; }
pre { background: #f6f6f6; padding: .5rem; min-height: 4rem; }
</style>
</head>
<body>
<h1>b+s Connects emulator</h1>
<p>Agent <b id="agent"></b>, <span id="primary">checking tab…</span></p>
<section>
  <input id="ani" value="+41445551234" aria-label="caller">
  <button data-act="offer">Incoming call</button>
  <button data-act="answer">Answer</button>
  <button data-act="hold">Hold</button>
  <button data-act="resume">Resume</button>
  <button data-act="wrapup">Wrap-up</button>
  <button data-act="end">End</button>
</section>
<section>
  <input id="number" value="0445550000" aria-label="number to dial">
  <button data-act="dial">Dial</button>
  <button data-act="recover">Login recovery</button>
  <button data-act="tab">Open another tab</button>
</section>
<iframe id="integration" title="Custom Integration"></iframe>
<h2>Requests the integration made</h2>
<pre id="requests"></pre>
<script src="/emulator/harness.js"></script>
</body>
</html>
`;
