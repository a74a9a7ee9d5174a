#!/usr/bin/env node
// The container's HEALTHCHECK: exits 0 when the daemon's admin surface answers /healthz inside the
// container, 1 otherwise (with the reason, which `docker inspect` shows). The port is
// SWITCHBOARD_ADMIN_PORT, which also sets the daemon's admin port; ADMIN_TOKEN, when set, goes as the
// bearer token that an admin surface bound to a non-loopback address requires.
const port = process.env.SWITCHBOARD_ADMIN_PORT || '8788';
const token = process.env.ADMIN_TOKEN;
const url = `http://127.0.0.1:${port}/healthz`;

try {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(4000),
  });
  if (!response.ok) {
    console.error(`${url} answered ${response.status}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`${url}: ${error.cause?.code ?? error.message}`);
  process.exitCode = 1;
}
