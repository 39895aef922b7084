import { describe, expect, it } from 'vitest';
import {
	createTurnCredential,
	newTurnSecret,
	passwordFor,
	restCredential,
	restUsernameExpiry
} from './credentials';

describe('TURN REST-API credentials', () => {
	it('matches a known HMAC-SHA1 vector (openssl dgst -sha1 -hmac north-wind -binary | base64)', () => {
		expect(restCredential('north-wind', '1700000000:alice')).toBe('Oko4dt8u/EbTRjRUJWQDFm/zTCc=');
	});

	it('makes `expiry:name` usernames valid for the TTL', () => {
		const now = Date.UTC(2023, 10, 14, 22, 13, 20); // 1700000000 s
		const credential = createTurnCredential('north-wind', { name: 'alice', ttlSeconds: 3600, now });
		expect(credential.username).toBe('1700003600:alice');
		expect(credential.expiresAt).toBe(1700003600);
		expect(credential.credential).toBe(restCredential('north-wind', '1700003600:alice'));
	});

	it('keeps the name from adding a second colon', () => {
		expect(createTurnCredential('s', { name: 'a:b', now: 0 }).username).toBe('3600:a_b');
	});

	it('reads the expiry of REST usernames only', () => {
		expect(restUsernameExpiry('1700003600:alice')).toBe(1700003600);
		expect(restUsernameExpiry('1700003600')).toBe(1700003600);
		expect(restUsernameExpiry('alice')).toBeNull();
		expect(restUsernameExpiry('alice:1700003600')).toBeNull();
		expect(restUsernameExpiry('')).toBeNull();
	});

	it('gives a password until the expiry, then none', () => {
		const { username, credential } = createTurnCredential('s', { ttlSeconds: 60, now: 1_000_000 });
		expect(passwordFor('s', username, 1_000_000)).toBe(credential);
		expect(passwordFor('s', username, 1_000_000 + 59_000)).toBe(credential);
		expect(passwordFor('s', username, 1_000_000 + 60_000)).toBeUndefined();
		expect(passwordFor('s', 'static-user', 1_000_000)).toBeUndefined();
	});

	it('makes a different secret every time', () => {
		const a = newTurnSecret();
		expect(a).toMatch(/^[\w-]{32}$/);
		expect(newTurnSecret()).not.toBe(a);
	});
});
