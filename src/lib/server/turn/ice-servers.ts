// What GET /api/ice-servers answers: this lab's STUN and TURN URLs, on the host the page was
// requested on (so a phone that opened http://192.168.1.23:3000 gets turn:192.168.1.23:3478),
// with short-lived REST-API credentials. Pure apart from the HMAC and the credential's random
// name: the route passes in the environment and the clock.

import { randomBytes } from 'node:crypto';
import { createTurnCredential } from './credentials';

export interface IceServersResponse {
	iceServers: RTCIceServer[];
	/** Seconds the TURN credential stays valid (0 when there is none). */
	ttl: number;
	/** ISO time the TURN credential expires. */
	expiresAt?: string;
	/** Which TURN server runs: `embedded` (node-turn), `coturn`, or null (none). */
	turnServer: 'embedded' | 'coturn' | null;
	/** Plain-words remark, e.g. why there is no TURN server. */
	note?: string;
}

export interface IceServersInput {
	/** The request URL's hostname: `127.0.0.1`, `lab.local`, `[::1]`. */
	hostname: string;
	env: Record<string, string | undefined>;
	now?: number;
	/**
	 * The name in the username (`<expiry>:<name>`); random by default. Both TURN servers count
	 * their per-user allocation quota by it (coturn ignores the expiry), so a fixed name would put
	 * every visitor under one quota.
	 */
	name?: string;
}

export const DEFAULT_TTL_SECONDS = 3600;

/** `localhost` may resolve to ::1 in the browser while the TURN server listens on 127.0.0.1. */
const turnHost = (hostname: string) => (hostname === 'localhost' ? '127.0.0.1' : hostname);

/** Reads TURN_SECRET, TURN_PORT, TURN_SERVER_KIND and TURN_TTL (seconds). */
export function iceServersResponse({
	hostname,
	env,
	now = Date.now(),
	name = `lab-${randomBytes(4).toString('hex')}`
}: IceServersInput): IceServersResponse {
	const secret = env.TURN_SECRET;
	const port = Number(env.TURN_PORT ?? 3478);
	const kind = env.TURN_SERVER_KIND === 'coturn' ? 'coturn' : 'embedded';
	if (!secret || !Number.isInteger(port) || port < 1 || port > 65535) {
		return {
			iceServers: [],
			ttl: 0,
			turnServer: null,
			note:
				'No STUN/TURN server runs with this lab right now (it starts with `npm start`, or with ' +
				'`npm run dev` when its port is free). Add public or your own servers by hand.'
		};
	}
	const ttlSetting = Number(env.TURN_TTL ?? DEFAULT_TTL_SECONDS);
	const ttl = Number.isInteger(ttlSetting) && ttlSetting > 0 ? ttlSetting : DEFAULT_TTL_SECONDS;
	const host = turnHost(hostname);
	const { username, credential, expiresAt } = createTurnCredential(secret, {
		name,
		ttlSeconds: ttl,
		now
	});
	return {
		iceServers: [
			{ urls: [`stun:${host}:${port}`] },
			{
				urls: [`turn:${host}:${port}?transport=udp`, `turn:${host}:${port}?transport=tcp`],
				username,
				credential
			}
		],
		ttl,
		expiresAt: new Date(expiresAt * 1000).toISOString(),
		turnServer: kind
	};
}
