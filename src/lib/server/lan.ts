// Sharing the lab on a local network: the machine's LAN addresses, a QR code for the terminal, and
// a self-signed certificate for HTTPS. Phones and other laptops need HTTPS for their cameras:
// getUserMedia exists only in secure contexts (https:, or http://localhost on the same machine).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { generate } from 'selfsigned';

export {
	lanAddresses,
	lanInterfaces,
	lanUrls,
	sharedOrigins,
	type LanInterface
} from './lan-addresses';

/** A QR code drawn with block characters, small enough for an 80×24 terminal. */
export const terminalQr = (text: string): Promise<string> =>
	QRCode.toString(text, { type: 'terminal', small: true });

export interface Certificate {
	key: string;
	cert: string;
	/** SHA-1 fingerprint `AB:CD:…`, to compare with what a browser shows. */
	fingerprint: string;
	/** Host names and IP addresses the certificate names (its subjectAltName). */
	names: string[];
	created: boolean;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A self-signed certificate for `names` (e.g. `localhost`, `127.0.0.1`, the LAN addresses), cached
 * in `dir` (`.cert/` in the project, git-ignored) so a browser's "accept this certificate" lasts
 * across restarts. A new one is made when a name is missing (the laptop joined another network) or
 * it expires within a week.
 */
export async function loadOrCreateCertificate(dir: string, names: string[]): Promise<Certificate> {
	const keyPath = join(dir, 'key.pem');
	const certPath = join(dir, 'cert.pem');
	const metaPath = join(dir, 'meta.json');
	if (existsSync(keyPath) && existsSync(certPath) && existsSync(metaPath)) {
		try {
			const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as {
				names: string[];
				notAfter: string;
				fingerprint: string;
			};
			const covers = names.every((name) => meta.names.includes(name));
			if (covers && Date.parse(meta.notAfter) - Date.now() > 7 * DAY_MS) {
				return {
					key: readFileSync(keyPath, 'utf8'),
					cert: readFileSync(certPath, 'utf8'),
					fingerprint: meta.fingerprint,
					names: meta.names,
					created: false
				};
			}
		} catch {
			// Unreadable cache: make a new certificate below.
		}
	}
	const notBeforeDate = new Date(Date.now() - DAY_MS);
	const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
	const pems = await generate([{ name: 'commonName', value: 'WebRTC Lab (self-signed)' }], {
		keyType: 'ec',
		curve: 'P-256',
		algorithm: 'sha256',
		notBeforeDate,
		notAfterDate,
		extensions: [
			{ name: 'basicConstraints', cA: false },
			{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
			{ name: 'extKeyUsage', serverAuth: true },
			{
				name: 'subjectAltName',
				altNames: names.map((name) =>
					IPV4.test(name) ? { type: 7, ip: name } : { type: 2, value: name }
				)
			}
		]
	});
	mkdirSync(dir, { recursive: true });
	writeFileSync(keyPath, pems.private, { mode: 0o600 });
	writeFileSync(certPath, pems.cert);
	writeFileSync(
		metaPath,
		JSON.stringify({ names, notAfter: notAfterDate.toISOString(), fingerprint: pems.fingerprint })
	);
	return {
		key: pems.private,
		cert: pems.cert,
		fingerprint: pems.fingerprint,
		names,
		created: true
	};
}

/** What to tell people the first time they open a self-signed https:// URL. */
export function certificateInstructions(url: string, fingerprint: string): string {
	return [
		'HTTPS uses a self-signed certificate made on this machine (cached in .cert/).',
		`Browsers will warn the first time you open ${url} on each device — this is expected:`,
		'  • Chrome / Edge / Android: "Advanced" → "Proceed to … (unsafe)".',
		'  • Firefox: "Advanced…" → "Accept the Risk and Continue".',
		'  • Safari / iPhone / iPad: "Show Details" → "visit this website" → "Visit Website".',
		`To be sure it is this machine, compare the certificate's SHA-1 fingerprint: ${fingerprint}`,
		'Cameras and microphones need https:// on every device except this one (http://localhost).',
		'Delete .cert/ to make a new certificate.'
	].join('\n');
}
