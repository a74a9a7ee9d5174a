import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildBridgeHtml } from './buildBridgeHtml.js';
import { renderBridgeHtml } from './renderBridgeHtml.js';

const inputs = {
  socketIoClient: { source: 'window.io = function () {};', version: '4.8.4' },
  bridgeVersion: '1.0.0',
};
const config = { daemonUrl: 'https://switchboard.contoso.com', instance: 'bs', key: 'k3y-0123456789abcdef' };
const scripts = (html: string) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');

describe('renderBridgeHtml', () => {
  it('loads the b+s library, inlines the socket.io client, and starts the bridge with the settings', () => {
    const html = renderBridgeHtml(config, inputs);
    expect(html).toContain('<script src="cnx_connectsIntegrationLibrary.min.js"></script>');
    expect(html).toContain('window.io = function () {};');
    expect(html).toContain('"namespaceUrl":"https://switchboard.contoso.com/adapters/bs"');
    expect(html).toContain('"socketPath":"/socket.io"');
    expect(html).toContain(`"key":"${config.key}"`);
    expect(html.indexOf('cnx_connectsIntegrationLibrary')).toBeLessThan(html.indexOf('window.io'));
  });

  it('produces scripts that parse', () => {
    for (const source of scripts(renderBridgeHtml(config, inputs)))
      expect(() => new Script(source)).not.toThrow();
  });

  it('takes a library URL and a daemon behind a path prefix', () => {
    const html = renderBridgeHtml(
      {
        ...config,
        daemonUrl: 'https://proxy.contoso.com/switchboard/',
        libraryUrl: '/WebResources/cnx_connectsIntegrationLibrary.min.js',
      },
      inputs,
    );
    expect(html).toContain('<script src="/WebResources/cnx_connectsIntegrationLibrary.min.js">');
    expect(html).toContain('"namespaceUrl":"https://proxy.contoso.com/adapters/bs"');
    expect(html).toContain('"socketPath":"/switchboard/socket.io"');
  });

  it('keeps values from ending the script or the attribute', () => {
    const html = renderBridgeHtml(
      { ...config, key: 'k3y-</script><script>alert(1)//', libraryUrl: 'x.js"><script>alert(2)</script>' },
      inputs,
    );
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script>');
    expect(html).toContain('src="x.js&quot;&gt;&lt;script&gt;');
  });

  it('refuses what cannot work', () => {
    expect(() => renderBridgeHtml({ ...config, daemonUrl: 'switchboard:8787' }, inputs)).toThrow(
      'must be http(s)',
    );
    expect(() => renderBridgeHtml({ ...config, daemonUrl: 'not a url' }, inputs)).toThrow('is not a URL');
    expect(() => renderBridgeHtml({ ...config, daemonUrl: 'https://h/?a=1' }, inputs)).toThrow('query');
    expect(() => renderBridgeHtml({ ...config, instance: '../x' }, inputs)).toThrow('instance name');
    expect(() => renderBridgeHtml({ ...config, key: 'short' }, inputs)).toThrow('at least 16');
    const bad = { ...inputs, socketIoClient: { source: 'x = "</script>"', version: '1' } };
    expect(() => renderBridgeHtml(config, bad)).toThrow('would end its <script>');
  });

  it('inlines the socket.io client of the installed server', () => {
    const html = buildBridgeHtml(config);
    expect(html).toMatch(/socket\.io client 4\.\d+\.\d+/);
    expect(html).not.toContain('sourceMappingURL');
  });
});
