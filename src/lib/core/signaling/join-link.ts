// Which link to show (and encode as a QR code) so that another device can open this room. A page
// opened as http://localhost:3000/remote/abc is useless on a phone: "localhost" is the phone.
// When the server shares the lab on the local network it knows its LAN addresses; the link is then
// built from them. Pure: the page passes its own URL and the server's list.

export interface JoinLinks {
	/** Links to offer, best first (the QR code encodes the first). */
	links: string[];
	/** No address another device could use: the page should say the link works only here. */
	localOnly: boolean;
}

/**
 * Host names that mean "this machine" (RFC 6761 §6.3 for `localhost` and its subdomains; 127/8 and
 * ::1 are loopback addresses).
 */
export function isLoopbackHost(hostname: string): boolean {
	const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
		name === '::1'
	);
}

/**
 * `pageUrl` = `http://localhost:3000/remote/abc?via=server`, `shared` = the server's LAN origins
 * (`http://192.168.1.23:3000`) -> `http://192.168.1.23:3000/remote/abc?via=server`. A page already
 * opened on a LAN address or a domain links to itself. Bad input never throws.
 */
export function joinLinks(pageUrl: string, shared: readonly string[]): JoinLinks {
	let page: URL;
	try {
		page = new URL(pageUrl);
	} catch {
		return { links: [], localOnly: true };
	}
	page.hash = '';
	if (!isLoopbackHost(page.hostname)) return { links: [page.href], localOnly: false };
	const links: string[] = [];
	for (const origin of shared) {
		try {
			const base = new URL(origin);
			if (isLoopbackHost(base.hostname)) continue;
			links.push(new URL(page.pathname + page.search, base.origin).href);
		} catch {
			// Not a URL: skip it.
		}
	}
	return links.length ? { links, localOnly: false } : { links: [page.href], localOnly: true };
}

/**
 * What the learner typed or pasted in "Join room": a room id (`table-3`) or a whole join link
 * (`http://192.168.1.23:3000/remote/table-3?via=broadcast`), whose last path segment is the id.
 * Returns the text itself when it is neither, so the form can say what is wrong with it.
 */
export function roomFromInput(text: string): string {
	const trimmed = text.trim();
	if (!/^https?:\/\//i.test(trimmed)) return trimmed;
	try {
		const segments = new URL(trimmed).pathname.split('/').filter(Boolean);
		const at = segments.indexOf('remote');
		return at >= 0 && segments[at + 1] ? decodeURIComponent(segments[at + 1]!) : trimmed;
	} catch {
		return trimmed;
	}
}
