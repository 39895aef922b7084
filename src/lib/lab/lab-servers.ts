// The lab's own STUN/TURN servers with short-lived credentials (GET /api/ice-servers), which the
// Network conditions presets pick among. Both labs load them the same way.

import type { IceServerLike } from '$lib/core/ice/conditions';

/** The servers, or null when the endpoint did not answer (the presets then say so). */
export async function loadLabServers(
	fetcher: typeof fetch = fetch
): Promise<IceServerLike[] | null> {
	try {
		const response = await fetcher('/api/ice-servers');
		if (!response.ok) return null;
		const body = (await response.json()) as { iceServers?: unknown };
		return Array.isArray(body.iceServers) ? (body.iceServers as IceServerLike[]) : [];
	} catch {
		return null;
	}
}
