// Starting "the lab's TURN server": coturn when it is installed (or asked for), otherwise the
// embedded JavaScript server. TURN_SERVER=embedded | coturn | /path/to/turnserver chooses.

import { lanAddresses } from '../lan';
import { findTurnserver, startCoturn, type Coturn } from './coturn';
import { startEmbeddedTurn, type EmbeddedTurn } from './embedded';
import type { TurnProfile, TurnQuotas } from './peer-policy';

export type TurnServer = EmbeddedTurn | Coturn;

export interface TurnStartOptions {
	/** The lab's HOST: the TURN server listens on the same addresses. */
	host: string;
	port: number;
	secret: string;
	profile?: TurnProfile;
	realm?: string;
	minPort?: number;
	maxPort?: number;
	/** Allocation quotas instead of the profile's (TURN_QUOTAS); coturn has no per-address one. */
	quotas?: Partial<TurnQuotas>;
	/** TURN_SERVER: `embedded`, `coturn`, a path to turnserver, or unset (coturn if on PATH). */
	choice?: string;
	log?: (line: string) => void;
}

/**
 * The addresses a TURN server must listen on to serve a lab listening on `host`. Each needs its
 * own socket (the relayed address is the one the client reached), so 0.0.0.0 becomes loopback plus
 * each LAN address.
 */
export function turnListeningIps(host: string, lan: string[] = lanAddresses()): string[] {
	if (host === '0.0.0.0' || host === '::' || host === '') return ['127.0.0.1', ...lan];
	if (host === 'localhost') return ['127.0.0.1'];
	return [host];
}

/** Which server `choice` (TURN_SERVER) selects: `{ kind: 'coturn', binary }` or embedded. */
export function chooseTurnServer(
	choice: string | undefined,
	onPath: string | null = findTurnserver()
): { kind: 'embedded'; reason: string } | { kind: 'coturn'; binary: string; reason: string } {
	const wanted = choice?.trim() ?? '';
	if (wanted === 'embedded') return { kind: 'embedded', reason: 'TURN_SERVER=embedded' };
	if (wanted.includes('/'))
		return { kind: 'coturn', binary: wanted, reason: `TURN_SERVER=${wanted}` };
	if (wanted === 'coturn') {
		return onPath
			? { kind: 'coturn', binary: onPath, reason: 'TURN_SERVER=coturn' }
			: { kind: 'embedded', reason: 'TURN_SERVER=coturn but turnserver is not on PATH' };
	}
	return onPath
		? { kind: 'coturn', binary: onPath, reason: `coturn found at ${onPath}` }
		: { kind: 'embedded', reason: 'coturn (turnserver) is not installed' };
}

/** Starts the chosen TURN server (coturn falls back to embedded if it fails to start). */
export async function startTurnServer(
	options: TurnStartOptions
): Promise<TurnServer & { reason: string }> {
	const log = options.log ?? ((line: string) => console.log(line));
	const listeningIps = turnListeningIps(options.host);
	const common = { ...options, listeningIps };
	const choice = chooseTurnServer(options.choice);
	if (choice.kind === 'coturn') {
		try {
			const coturn = await startCoturn(choice.binary, { ...common, log });
			return Object.assign(coturn, { reason: choice.reason });
		} catch (error) {
			// A taken port is taken for the embedded server too: say so rather than fall back.
			if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw error;
			log(`coturn did not start (${(error as Error).message}); using the embedded TURN server.`);
		}
	}
	const embedded = await startEmbeddedTurn({ ...common, log });
	return Object.assign(embedded, { reason: choice.reason });
}

export { newTurnSecret, createTurnCredential, restCredential, passwordFor } from './credentials';
export {
	parseTurnProfile,
	isDeniedPeer,
	TURN_QUOTAS,
	type TurnProfile,
	type TurnQuotas
} from './peer-policy';
export { coturnConfig, findTurnserver, startCoturn } from './coturn';
export { startEmbeddedTurn } from './embedded';
