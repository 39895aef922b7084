// GET /api/ice-servers -> { iceServers, ttl, expiresAt, turnServer, note? }
// The TURN credential is short-lived (TURN_TTL seconds, default 1 h) and signed with the secret
// scripts/start.js (or the dev plugin in vite.config.ts) shares with the TURN server it started.

import { json } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { iceServersResponse } from '$lib/server/turn/ice-servers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	json(
		iceServersResponse({
			hostname: url.hostname,
			// `vite dev` snapshots the environment before the dev plugin has started TURN and set
			// TURN_SECRET, so dev reads the live process.env; the built server sets it before import.
			env: dev ? process.env : env
		}),
		{ headers: { 'cache-control': 'no-store' } }
	);
