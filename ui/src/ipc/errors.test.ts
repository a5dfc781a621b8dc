import { describe, expect, it } from 'vitest';

import { isIpcError, toIpcError } from './errors';

describe('toIpcError', () => {
  it('keeps a well-formed error from the backend', () => {
    // The backend already chose the code; rewriting it would hide e.g. "cancelled" from the UI.
    expect(toIpcError({ code: 'network', message: "Can't reach x" })).toEqual({ code: 'network', message: "Can't reach x" });
  });

  it('turns an unknown code into internal but keeps the server text', () => {
    // The UI branches on code; an unknown code must not pass as a known one, yet the text helps a person.
    expect(toIpcError({ code: 'teapot', message: 'short and stout' })).toEqual({ code: 'internal', message: 'short and stout' });
  });

  it('turns any other rejection into internal', () => {
    // Tauri rejects with a bare string for e.g. an unknown command; JS faults are Errors.
    expect(toIpcError('command sign_in not found')).toEqual({ code: 'internal', message: 'command sign_in not found' });
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toIpcError(undefined)).toEqual({ code: 'internal', message: 'Unexpected error' });
    expect(toIpcError({ code: 'network', message: 42 })).toEqual({ code: 'internal', message: 'Unexpected error' });
  });

  it('recognises only errors with a known code', () => {
    expect(isIpcError({ code: 'timeout', message: 'x' })).toBe(true);
    expect(isIpcError({ code: 'teapot', message: 'x' })).toBe(false);
  });

  it('knows the codes of role changes', () => {
    // The role editor branches on these: a conflict offers the fresh state, a rejection explains the guardrail.
    for (const code of ['rejected', 'conflict', 'not_found'] as const) {
      expect(toIpcError({ code, message: 'm' })).toEqual({ code, message: 'm' });
    }
  });
});
