import { expect, it } from 'vitest';
import { restCredential } from './credentials';
import { iceServersResponse } from './ice-servers';

const now = 1_700_000_000_000;

it('offers STUN and TURN (UDP and TCP) on the host the page came from, with a 1 h credential', () => {
	const response = iceServersResponse({
		hostname: '192.168.1.23',
		env: { TURN_SECRET: 'north-wind', TURN_PORT: '3478', TURN_SERVER_KIND: 'embedded' },
		now,
		name: 'lab'
	});
	expect(response.ttl).toBe(3600);
	expect(response.turnServer).toBe('embedded');
	expect(response.expiresAt).toBe(new Date((1_700_000_000 + 3600) * 1000).toISOString());
	expect(response.iceServers).toEqual([
		{ urls: ['stun:192.168.1.23:3478'] },
		{
			urls: ['turn:192.168.1.23:3478?transport=udp', 'turn:192.168.1.23:3478?transport=tcp'],
			username: '1700003600:lab',
			credential: restCredential('north-wind', '1700003600:lab')
		}
	]);
});

it('honours TURN_TTL and TURN_PORT, and maps localhost to 127.0.0.1', () => {
	const response = iceServersResponse({
		hostname: 'localhost',
		env: { TURN_SECRET: 's', TURN_PORT: '3490', TURN_TTL: '600', TURN_SERVER_KIND: 'coturn' },
		now
	});
	expect(response.ttl).toBe(600);
	expect(response.turnServer).toBe('coturn');
	expect(response.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3490'] });
	expect(response.iceServers[1]?.username).toMatch(/^1700000600:lab-[0-9a-f]{8}$/);
});

it('gives each visitor a credential of its own name (the TURN servers count quotas by it)', () => {
	const env = { TURN_SECRET: 's', TURN_SERVER_KIND: 'coturn' };
	const first = iceServersResponse({ hostname: '127.0.0.1', env, now }).iceServers[1];
	const second = iceServersResponse({ hostname: '127.0.0.1', env, now }).iceServers[1];
	expect(first?.username).not.toBe(second?.username);
});

it('says so when no TURN server runs', () => {
	const response = iceServersResponse({ hostname: '127.0.0.1', env: {}, now });
	expect(response).toMatchObject({ iceServers: [], ttl: 0, turnServer: null });
	expect(response.note).toMatch(/No STUN\/TURN server/);
});
