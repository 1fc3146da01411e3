import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed link of the preference center (SPEC §5). A token names a workspace and a contact
 * and carries an HMAC-SHA256 of both under the workspace `secret`, so nobody can forge or alter
 * one without the secret:
 *
 *   base64url(workspace key) "." contact id "." base64url(HMAC-SHA256(secret, message))
 *
 * Tokens do not expire: they sit in messages already sent and in `List-Unsubscribe` headers, and
 * an unsubscribe link must keep working long after the send. Rotating the workspace secret
 * revokes every link at once. The message starts with a purpose and version so that the same
 * secret can sign other things later without one signature standing in for another.
 */

export interface PreferenceTokenSubject {
  workspaceKey: string;
  contactId: number;
}

const purpose = 'sift-preferences:v1';

function signatureOf(secret: string, subject: PreferenceTokenSubject): Buffer {
  return createHmac('sha256', secret)
    .update(`${purpose}:${subject.workspaceKey}:${subject.contactId}`)
    .digest();
}

export function signPreferenceToken(input: {
  workspace: { key: string; secret: string };
  contactId: number;
}): string {
  const subject = { workspaceKey: input.workspace.key, contactId: input.contactId };
  const key = Buffer.from(subject.workspaceKey, 'utf8').toString('base64url');
  const signature = signatureOf(input.workspace.secret, subject).toString('base64url');
  return `${key}.${subject.contactId}.${signature}`;
}

const tokenPattern = /^([A-Za-z0-9_-]{1,200})\.([1-9]\d{0,15})\.([A-Za-z0-9_-]{43})$/;

/**
 * What a token claims, before any check: the workspace whose secret verifies it, and the
 * contact. Malformed text gives undefined. Never trust the result without `verifyPreferenceToken`.
 */
export function readPreferenceToken(
  token: string,
): (PreferenceTokenSubject & { signature: string }) | undefined {
  const match = tokenPattern.exec(token);
  if (!match) return undefined;
  const contactId = Number(match[2]);
  if (!Number.isSafeInteger(contactId)) return undefined;
  const workspaceKey = Buffer.from(match[1]!, 'base64url').toString('utf8');
  // Only the canonical spelling: decoding ignores the spare bits of the last character, so
  // another spelling of the same key would be a second valid token for one link.
  if (Buffer.from(workspaceKey, 'utf8').toString('base64url') !== match[1]) return undefined;
  return {
    workspaceKey,
    contactId,
    signature: match[3]!,
  };
}

/** The subject of a genuine token of this workspace; undefined for a forged or altered one. */
export function verifyPreferenceToken(
  token: string,
  workspace: { key: string; secret: string },
): PreferenceTokenSubject | undefined {
  const claimed = readPreferenceToken(token);
  if (!claimed || claimed.workspaceKey !== workspace.key) return undefined;
  const subject = { workspaceKey: claimed.workspaceKey, contactId: claimed.contactId };
  // The text is compared, not the decoded bytes: base64url decoding ignores the spare bits of
  // the last character, so two spellings would otherwise pass. Constant time, so that the
  // comparison does not tell an attacker how many characters were right.
  const expected = Buffer.from(signatureOf(workspace.secret, subject).toString('base64url'));
  const given = Buffer.from(claimed.signature);
  if (given.length !== expected.length) return undefined;
  return timingSafeEqual(given, expected) ? subject : undefined;
}

/** The preference center URL of a contact: `{baseUrl}/p/{token}`. */
export function preferenceLink(
  workspace: { key: string; secret: string },
  contactId: number,
  baseUrl: string,
): string {
  return `${baseUrl.replace(/\/+$/, '')}/p/${signPreferenceToken({ workspace, contactId })}`;
}

/** The RFC 8058 one-click unsubscribe URL (`List-Unsubscribe` header): `{baseUrl}/u/{token}`. */
export function unsubscribeLink(
  workspace: { key: string; secret: string },
  contactId: number,
  baseUrl: string,
): string {
  return `${baseUrl.replace(/\/+$/, '')}/u/${signPreferenceToken({ workspace, contactId })}`;
}
