// TURN REST-API credentials (draft-uberti-behave-turn-rest-00, the scheme coturn calls
// `use-auth-secret`): the web server and the TURN server share a secret; the web server hands out
//
//   username   = "<expiry unix seconds>:<name>"           e.g. "1700003600:lab"
//   credential = base64(HMAC-SHA1(secret, username))      e.g. "Oko4dt8u/EbTRjRUJWQDFm/zTCc="
//
// and the TURN server recomputes the credential from the username alone, refusing it once the
// expiry has passed. Nothing is stored, and a leaked credential stops working by itself.

import { createHmac, randomBytes } from 'node:crypto';

export interface TurnCredential {
	username: string;
	credential: string;
	/** Unix seconds after which the TURN server refuses this username. */
	expiresAt: number;
}

/** A fresh shared secret for one run of the lab (never written to disk). */
export const newTurnSecret = (): string => randomBytes(24).toString('base64url');

/** `base64(HMAC-SHA1(secret, username))`: the password the TURN server expects for `username`. */
export const restCredential = (secret: string, username: string): string =>
	createHmac('sha1', secret).update(username).digest('base64');

/** Short-lived credentials for `name`, valid `ttlSeconds` from `now` (milliseconds). */
export function createTurnCredential(
	secret: string,
	{ name = 'lab', ttlSeconds = 3600, now = Date.now() } = {}
): TurnCredential {
	const expiresAt = Math.floor(now / 1000) + ttlSeconds;
	const username = `${expiresAt}:${name.replace(/:/g, '_')}`;
	return { username, credential: restCredential(secret, username), expiresAt };
}

/**
 * The expiry in a REST username: `"1700003600:lab"` -> 1700003600. coturn also accepts a bare
 * timestamp (`"1700003600"`). Anything else is not a REST username: null.
 */
export function restUsernameExpiry(username: string): number | null {
	const match = /^(\d{1,12})(?::.*)?$/s.exec(username);
	return match ? Number(match[1]) : null;
}

/**
 * The long-term password the TURN server should use for `username`, or undefined when the username
 * is not a REST username or has expired (the server then answers 401 Unauthorized).
 */
export function passwordFor(
	secret: string,
	username: string,
	now = Date.now()
): string | undefined {
	const expiry = restUsernameExpiry(username);
	if (expiry === null || expiry * 1000 <= now) return undefined;
	return restCredential(secret, username);
}
