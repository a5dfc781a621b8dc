import { describe, expect, it } from 'vitest';

import { freezeAllowingOverrides } from './prototype';

describe('freezeAllowingOverrides', () => {
  it('keeps the prototype unchangeable but lets objects inheriting from it override its members', () => {
    'use strict';
    const proto = { toString: () => 'proto', constructor: Object };
    freezeAllowingOverrides(proto);
    expect(Object.isFrozen(proto)).toBe(true);
    expect(() => {
      proto.toString = () => 'polluted';
    }).toThrow(TypeError);
    expect(() => Object.assign(proto, { polluted: true })).toThrow(TypeError);
    expect(String(proto)).toBe('proto');

    // What d3-color, d3-format and decimal.js-light do at load.
    const child = Object.create(proto) as { toString: () => string; constructor: unknown };
    child.toString = () => 'child';
    child.constructor = Array;
    expect(String(child)).toBe('child');
    expect(child.constructor).toBe(Array);
    expect(Object.getOwnPropertyNames(child).sort()).toEqual(['constructor', 'toString']);
    // The inherited members read as before on everyone else.
    expect(String(Object.create(proto))).toBe('proto');
    expect(proto.toString()).toBe('proto');
  });
});
