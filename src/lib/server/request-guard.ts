// Who may use this server's endpoints from a browser: the Host and Origin rules shared by the
// WebSocket signaling endpoint (`/signal`) and `GET /api/ice-servers`. One function decides for
// both, so the two can never disagree about which names are this site's.
//
// DNS rebinding: evil.example first resolves to its own server, then to 127.0.0.1, so its page
// talks to our port with `Origin` and `Host` both saying evil.example — or, for a same-origin GET,
// with no Origin at all and only `Host: evil.example`. A WebSocket handshake always carries
// Origin; a same-origin `fetch` GET does not, which is why the Host is checked too.
//
// Imports nothing: signaling.ts (bundled by vite.config.ts and scripts/build-server.js) and the
// SvelteKit route both use it.

/** `SIGNAL_ALLOWED_ORIGINS="https://a.example, https://b.example"` -> the list; `*` allows all. */
export function parseOriginList(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((origin) => origin.trim().replace(/\/+$/, ''))
		.filter(Boolean);
}

/**
 * Host names a public web site cannot make resolve to this machine, so they are safe from DNS
 * rebinding: loopback names, IP literals, and the names only the local network resolves —
 * single-label names (`teacher-laptop`) and mDNS `.local` names (RFC 6762).
 */
export function isRebindingSafeHost(hostname: string): boolean {
	const name = hostname.toLowerCase().replace(/\.$/, '');
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (/^[a-z0-9-]+$/.test(name) && /[a-z-]/.test(name)) return true; // single label
	if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.local$/.test(name)) return true;
	if (/^\[[0-9a-f:.]+\]$/.test(name)) return true; // IPv6 literal, as in a Host header
	return /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

/** `lab.example.org:8443` -> `lab.example.org`; `[::1]:3000` -> `[::1]`; null if malformed. */
function hostnameOf(host: string): string | null {
	try {
		return new URL(`http://${host}`).hostname;
	} catch {
		return null;
	}
}

/**
 * Is this `Host` header one of this site's names? Yes for a rebinding-safe name (see above), for
 * the host of an allow-listed origin (`https://lab.example.org` -> `lab.example.org`), and for
 * any host when the list holds `*`. No Host at all (HTTP/1.0) -> no.
 */
export function isHostAllowed(host: string | undefined, allowList: readonly string[]): boolean {
	if (!host) return false;
	if (allowList.includes('*')) return true;
	const lower = host.toLowerCase();
	const hostname = hostnameOf(lower);
	if (hostname === null) return false;
	if (isRebindingSafeHost(hostname)) return true;
	return allowList.some((origin) => {
		try {
			return new URL(origin).host === lower;
		} catch {
			return false;
		}
	});
}

/**
 * May a request with this Origin header use the endpoint? Browsers always send Origin on
 * WebSocket handshakes and cross-origin requests, so a page on another site is recognised by it
 * (cross-site WebSocket hijacking).
 * - no Origin: a non-browser client (Node, Python, wscat) or a same-origin GET -> allowed here
 *   (the Host check decides);
 * - an entry of the allow-list (exact `scheme://host[:port]`), or `*` -> allowed;
 * - the site's own origin: the Origin's host:port equals the request's Host header, and that
 *   host is rebinding-safe (`localhost:3000`, `192.168.1.20:3000`) -> allowed. A domain name
 *   must be in the allow-list. (The scheme is not compared, so a TLS-terminating proxy in front
 *   still works.)
 */
export function isOriginAllowed(
	origin: string | undefined,
	host: string | undefined,
	allowList: readonly string[]
): boolean {
	if (origin === undefined) return true;
	if (allowList.includes('*') || allowList.includes(origin)) return true;
	if (!host) return false;
	try {
		const url = new URL(origin);
		return url.host === host.toLowerCase() && isRebindingSafeHost(url.hostname);
	} catch {
		return false;
	}
}

/** Why a request was refused, for the 403 body and the log; null when it is allowed. */
export type Refusal = 'host' | 'origin';

/**
 * The one decision for `/signal` and `/api/ice-servers`: the Host must be one of this site's
 * names, and an Origin, when sent, must be allowed. `allowList` is `SIGNAL_ALLOWED_ORIGINS`.
 */
export function checkRequest(
	headers: { origin?: string | null; host?: string | null },
	allowList: readonly string[]
): Refusal | null {
	const host = headers.host ?? undefined;
	if (!isHostAllowed(host, allowList)) return 'host';
	if (!isOriginAllowed(headers.origin ?? undefined, host, allowList)) return 'origin';
	return null;
}

export const REFUSAL_TEXT: Record<Refusal, string> = {
	host: "Forbidden: this Host is not one of this site's names (add its origin to SIGNAL_ALLOWED_ORIGINS)",
	origin: 'Forbidden: this Origin may not use this server'
};
