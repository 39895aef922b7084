// GET /api/ice-servers -> { iceServers, ttl, expiresAt, turnServer, note? }
// The TURN credential is short-lived (TURN_TTL seconds, default 1 h) and signed with the secret
// scripts/start.js (or the dev plugin in vite.config.ts) shares with the TURN server it started.
//
// Only for this site's own names: a DNS-rebinding page (evil.example, now resolving to this
// machine) would otherwise get a credential and TURN URLs on its own name. The Host and Origin
// rules are the signaling endpoint's, from the same function (request-guard.ts).

import { json } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { REFUSAL_TEXT, checkRequest, parseOriginList } from '$lib/server/request-guard';
import { iceServersResponse } from '$lib/server/turn/ice-servers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, request }) => {
	// `vite dev` snapshots the environment before the dev plugin has started TURN and set
	// TURN_SECRET, so dev reads the live process.env; the built server sets it before import.
	const live = dev ? process.env : env;
	const refusal = checkRequest(
		{ host: request.headers.get('host'), origin: request.headers.get('origin') },
		parseOriginList(live.SIGNAL_ALLOWED_ORIGINS)
	);
	if (refusal)
		return new Response(`${REFUSAL_TEXT[refusal]}\n`, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	return json(iceServersResponse({ hostname: url.hostname, env: live }), {
		headers: { 'cache-control': 'no-store' }
	});
};
