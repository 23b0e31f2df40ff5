import { describe, expect, it } from 'vitest';
import { nonPublicReason } from './public-address.js';

describe('nonPublicReason', () => {
  it.each([
    'http://127.0.0.1:3000',
    'http://localhost:3000/',
    'http://app.localhost',
    'http://10.1.2.3',
    'http://172.20.0.5:8080',
    'http://192.168.1.10',
    'http://169.254.1.1',
    'http://100.64.0.1',
    'http://0.0.0.0:3000',
    'http://[::1]:3000',
    'http://[fd12:3456::1]',
    'http://[fe80::1]',
    'http://gopy',
    'http://gopy.local',
    'ftp://gopy.example.vn',
    'not a url',
  ])('%s is not public', (url) => {
    expect(nonPublicReason(url)).toBeTypeOf('string');
  });

  it.each([
    'https://gopy.ttyt-thuanan.example.vn',
    'http://203.113.1.1',
    'https://172.32.0.1',
    'http://[2001:db8::1]',
  ])('%s is public', (url) => {
    expect(nonPublicReason(url)).toBeUndefined();
  });
});
