import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  preferenceLink,
  readPreferenceToken,
  signPreferenceToken,
  unsubscribeLink,
  verifyPreferenceToken,
} from './preference-token.js';

const workspace = { key: 'default', secret: 'a'.repeat(64) };

function replaceAt(text: string, index: number, character: string): string {
  return `${text.slice(0, index)}${character}${text.slice(index + 1)}`;
}

describe('preference tokens', () => {
  it('verifies its own token and names the contact', () => {
    const token = signPreferenceToken({ workspace, contactId: 42 });
    expect(verifyPreferenceToken(token, workspace)).toEqual({
      workspaceKey: 'default',
      contactId: 42,
    });
  });

  it('is deterministic per workspace and contact', () => {
    const first = signPreferenceToken({ workspace, contactId: 7 });
    expect(signPreferenceToken({ workspace, contactId: 7 })).toBe(first);
    expect(signPreferenceToken({ workspace, contactId: 8 })).not.toBe(first);
  });

  const token = signPreferenceToken({ workspace, contactId: 42 });
  const [key, , signature] = token.split('.') as [string, string, string];

  it.each([
    { description: 'another contact id', token: `${key}.43.${signature}` },
    {
      description: 'another workspace key',
      token: `${Buffer.from('other').toString('base64url')}.42.${signature}`,
    },
    // Guards a bug the property below found: decoding ignores the key's last spare bits.
    {
      description: 'another spelling of the workspace key',
      token: `${key.slice(0, -1)}B.42.${signature}`,
    },
    { description: 'a changed signature', token: replaceAt(token, token.length - 2, 'A') },
    { description: 'a shortened signature', token: token.slice(0, -1) },
    { description: 'no signature', token: `${key}.42` },
    { description: 'a leading zero on the id', token: `${key}.042.${signature}` },
    { description: 'garbage', token: 'not-a-token' },
    { description: 'empty', token: '' },
  ])('refuses $description', ({ token: tampered }) => {
    expect(verifyPreferenceToken(tampered, workspace)).toBeUndefined();
  });

  it('refuses a token signed with another secret', () => {
    const forged = signPreferenceToken({
      workspace: { key: 'default', secret: 'b'.repeat(64) },
      contactId: 42,
    });
    expect(readPreferenceToken(forged)?.contactId).toBe(42);
    expect(verifyPreferenceToken(forged, workspace)).toBeUndefined();
  });

  it('refuses any single-character change (property, seed printed on failure)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.nat(),
        fc.constantFrom(...alphabet),
        (contactId, position, character) => {
          const genuine = signPreferenceToken({ workspace, contactId });
          const index = position % genuine.length;
          fc.pre(genuine[index] !== character);
          const tampered = replaceAt(genuine, index, character);
          // Including the signature's last character, whose spare bits base64url decoding drops.
          expect(verifyPreferenceToken(tampered, workspace)).toBeUndefined();
        },
      ),
      { verbose: true },
    );
  });

  it('builds links on a base URL, with or without a trailing slash', () => {
    expect(preferenceLink(workspace, 42, 'https://mail.example.com/')).toBe(
      `https://mail.example.com/p/${token}`,
    );
    expect(unsubscribeLink(workspace, 42, 'https://mail.example.com')).toBe(
      `https://mail.example.com/u/${token}`,
    );
  });
});
