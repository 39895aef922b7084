// Dependencies with known advisories that package.json overrides away. node-turn pins log4js 6.3.0
// (CVE-2022-21704, log files world-readable; fixed in 6.4.0) for its CLI; the override keeps `npm audit` clean.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
	packages: Record<string, { version?: string }>;
};

const versionsOf = (name: string) =>
	Object.entries(lock.packages)
		.filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
		.map(([, entry]) => entry.version ?? '');

const atLeast = (version: string, minimum: string) => {
	const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
	for (let i = 0; i < 3; i++) if (a![i]! !== b![i]!) return a![i]! > b![i]!;
	return true;
};

describe('locked dependency versions', () => {
	it('installs no log4js older than 6.4.0', () => {
		const versions = versionsOf('log4js');
		expect(versions.length).toBeGreaterThan(0);
		for (const version of versions) expect(atLeast(version, '6.4.0'), version).toBe(true);
	});
});
