import { describe, expect, it } from 'vitest';

import type { FieldType, SettingField } from '../../ipc';
import { isEmail, knownKind, problemOf, urlProblem } from './validate';

const field = (type: FieldType, unit: string | null = null): SettingField => ({
  key: 'k',
  group: 'g',
  label: 'L',
  description: '',
  type,
  unit,
  default: null,
  member_editable: true,
  owner_only_reason: null,
});

// The same cases the platform's own check is tested with (crates/emulator .../validate.rs), so
// the console never passes what the server refuses, nor refuses what it accepts.
describe('problemOf', () => {
  it('bounds whole numbers, with the unit in the message', () => {
    const f = field({ kind: 'integer', min: 1, max: 10 }, 'days');
    expect(problemOf(f, 1)).toBeNull();
    expect(problemOf(f, 10)).toBeNull();
    expect(problemOf(f, 0)).toBe('Must be from 1 to 10 days.');
    expect(problemOf(f, 11)).toBe('Must be from 1 to 10 days.');
    expect(problemOf(f, 2.5)).toBe('Enter a whole number.');
    // NumberInput gives '' for an empty box.
    expect(problemOf(f, '')).toBe('Enter a whole number.');
  });

  it('checks text length, spaces, control characters and email format', () => {
    const plain = field({ kind: 'string', min_len: 1, max_len: 5, format: 'plain' });
    expect(problemOf(plain, 'abc')).toBeNull();
    expect(problemOf(plain, '   ')).toBe('Must not be empty.');
    expect(problemOf(plain, 'abcdef')).toBe('At most 5 characters (now 6).');
    expect(problemOf(plain, ' ab')).toBe('Must not start or end with a space.');
    expect(problemOf(plain, 'a\tb')).toContain('one line');
    const email = field({ kind: 'string', min_len: 0, max_len: 254, format: 'email' });
    // Empty means "no support address".
    expect(problemOf(email, '')).toBeNull();
    expect(problemOf(email, 'help@clinic.example')).toBeNull();
    for (const bad of ['help', 'help@', '@clinic.example', 'a b@c.de', 'a@b', 'a@b..c']) {
      expect(isEmail(bad), bad).toBe(false);
      expect(problemOf(email, bad), bad).toContain('is not an email address');
    }
  });

  it('says how to write a miscased time zone and leaves unknown names to the platform', () => {
    const tz = field({ kind: 'string', min_len: 1, max_len: 64, format: 'time_zone' });
    expect(problemOf(tz, 'America/New_York')).toBeNull();
    expect(problemOf(tz, 'UTC')).toBeNull();
    expect(problemOf(tz, 'america/new_york')).toBe('Write it as America/New_York.');
    // This machine's list is not the platform's: a name it does not know is not blocked here,
    // the platform's preview answers for it.
    expect(problemOf(tz, 'Mars/Olympus_Mons')).toBeNull();
  });

  it('takes only the listed choices and booleans', () => {
    expect(problemOf(field({ kind: 'enum', values: ['full', 'none'] }), 'full')).toBeNull();
    expect(problemOf(field({ kind: 'enum', values: ['full', 'none'] }), 'some')).toBe('Choose one of: full, none.');
    expect(problemOf(field({ kind: 'boolean' }), false)).toBeNull();
    expect(problemOf(field({ kind: 'boolean' }), 'true')).toBe('Must be on or off.');
  });

  it('checks redirect address lists: https or loopback http, no #part or credentials, no repeats, a maximum', () => {
    const urls = field({ kind: 'url_list', max_items: 2 });
    expect(problemOf(urls, ['https://app.example/cb', 'http://127.0.0.1:8080/cb'])).toBeNull();
    expect(problemOf(urls, ['http://[::1]:9000/cb', 'http://localhost/cb'])).toBeNull();
    expect(problemOf(urls, ['http://app.example/cb'])).toContain('must start with https://');
    expect(problemOf(urls, ['https://a.example/#x'])).toContain('must not have a #part');
    expect(problemOf(urls, ['ftp://a.example/'])).toContain('must be an https:// address');
    expect(problemOf(urls, ['/relative'])).toContain('is not a complete web address');
    expect(problemOf(urls, ['https://user:pw@a.example/'])).toContain('user name or password');
    expect(problemOf(urls, ['https://a.example/', 'https://a.example/'])).toBe('https://a.example/ is listed twice.');
    expect(problemOf(urls, ['https://a/', 'https://b/', 'https://c/'])).toBe('At most 2 addresses (now 3).');
    expect(urlProblem('')).toBe('Enter an address, or remove this line.');
  });

  it('leaves a kind of field it does not know to the server', () => {
    const newer = field({ kind: 'colour' } as unknown as FieldType);
    expect(knownKind(newer)).toBe(false);
    expect(problemOf(newer, 42)).toBeNull();
  });
});
