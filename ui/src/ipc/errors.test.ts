import { describe, expect, it } from 'vitest';

import { toIpcError } from './errors';

describe('toIpcError', () => {
  it('keeps a well-formed error from the backend', () => {
    expect(toIpcError({ code: 'network', message: "Can't reach x" })).toEqual({ code: 'network', message: "Can't reach x" });
  });

  it('turns unknown codes and shapes into internal errors, keeping the text', () => {
    // The UI branches on code; an unknown code must not pass as a known one.
    expect(toIpcError({ code: 'teapot', message: 'short and stout' })).toEqual({ code: 'internal', message: 'Unexpected error' });
    expect(toIpcError('command sign_in not found')).toEqual({ code: 'internal', message: 'command sign_in not found' });
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
  });
});
