// Fixture access for the SDP unit tests (Node only; not imported by the app).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixtureNames = readdirSync(fixtureDir)
	.filter((name) => name.endsWith('.sdp'))
	.map((name) => name.slice(0, -'.sdp'.length))
	.sort();
export const fixture = (name: string) => readFileSync(join(fixtureDir, `${name}.sdp`), 'utf8');

/** Replaces exactly one occurrence (fails loudly when the fixture changed under the test). */
export function edit(text: string, from: string | RegExp, to: string): string {
	const matches =
		typeof from === 'string' ? text.split(from).length - 1 : (text.match(from) ?? []).length;
	if (matches < 1) throw new Error(`edit: ${String(from)} not found`);
	return text.replace(from, to);
}
