import { describe, expect, it } from 'vitest';
import { adapterNames } from '../src/index.js';

describe('adapterNames', () => {
  it('derives every name from the folder name', () => {
    expect(adapterNames('my-pbx')).toEqual({
      name: 'my-pbx',
      pascal: 'MyPbx',
      camel: 'myPbx',
      errorPrefix: 'MYPBX',
      packageName: 'switchboard-adapter-my-pbx',
    });
  });

  it('takes a folder already named like the package, and a package name given', () => {
    expect(adapterNames('switchboard-adapter-acme').name).toBe('acme');
    expect(adapterNames('acme', '@corp/switchboard-adapter-acme').packageName).toBe(
      '@corp/switchboard-adapter-acme',
    );
  });

  it('makes an error prefix core accepts (2 to 16 upper-case letters or digits)', () => {
    expect(adapterNames('x').errorPrefix).toBe('XX');
    expect(adapterNames('a-very-long-vendor-name-2').errorPrefix).toBe('AVERYLONGVENDORN');
    expect(adapterNames('pbx2').errorPrefix).toBe('PBX2');
  });

  it.each(['My-PBX', '2pbx', 'my--pbx', 'my_pbx', '-pbx', ''])('refuses %j as an adapter name', (name) => {
    expect(() => adapterNames(name)).toThrow(/no adapter name/);
  });

  it('refuses an invalid package name', () => {
    expect(() => adapterNames('acme', 'Not A Name')).toThrow(/no valid npm package name/);
  });
});
