// Real NATs for the real-NAT suite: Linux network namespaces joined by veth pairs, and iptables
// NAT in two router namespaces. Everything lives inside namespaces this module creates (nothing is
// added to the machine's own network) and uses only 203.0.113.0/24 (TEST-NET-3, the "internet")
// and 198.18.0.0/15 (benchmarking, the two private networks):
//
//            pub (203.0.113.1, bridge br0: the lab's web server, STUN and TURN)
//            /                                   \
//   r1: wan 203.0.113.11                r2: wan 203.0.113.12        NAT routers
//       lan 198.18.1.1                      lan 198.18.2.1
//            |                                   |
//   p1: 198.18.1.2 (Chromium)           p2: 198.18.2.2 (Chromium)   private hosts
//
// NAT kinds (RFC 4787 terms):
//   cone       MASQUERADE: Linux keeps the source port, so one internal socket gets the same
//              public port whatever it sends to (endpoint-independent mapping); conntrack lets in
//              only replies (address-and-port-dependent filtering). Hole punching works.
//   symmetric  SNAT --to-source <wan> --random-fully: every new destination gets a new random
//              public port (address-and-port-dependent mapping). Hole punching fails; TURN works.
//
// Names start with `wl` + 4 hex digits; a marker file records the owning process so that a later
// run removes what a killed run left behind, and never what a live one is using.

import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type NatKind = 'cone' | 'symmetric';

const IP = existsSync('/usr/sbin/ip') ? '/usr/sbin/ip' : 'ip';
const IPTABLES = existsSync('/usr/sbin/iptables') ? '/usr/sbin/iptables' : 'iptables';
const MARKERS = '/tmp/webrtc-lab-netns';
const NAME = /^(wl[0-9a-f]{4})-(pub|r1|r2|p1|p2)$/;

export const PUBLIC_IP = '203.0.113.1';
export const ROUTER_WAN = { r1: '203.0.113.11', r2: '203.0.113.12' } as const;
export const PRIVATE_IP = { p1: '198.18.1.2', p2: '198.18.2.2' } as const;
/** The "rest of the internet": a gateway no one answers for (a MAC nobody has). */
const SINK = '203.0.113.254';
const SINK_MAC = '02:00:00:00:00:fe';

const run = (command: string, args: string[]) =>
	execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/** Why this machine cannot build the namespaces (null when it can). */
export function netnsUnavailable(): string | null {
	if (process.platform !== 'linux') return 'network namespaces are Linux only';
	if (process.getuid?.() !== 0) return 'it must run as root (network namespaces and iptables)';
	for (const [tool, args] of [
		[IP, ['netns', 'list']],
		[IPTABLES, ['--version']]
	] as const) {
		const result = spawnSync(tool, args, { stdio: 'ignore' });
		if (result.error || result.status !== 0) return `${tool} is missing or not usable`;
	}
	return null;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** Stops every process inside `ns`, then deletes it (its veths and iptables rules go with it). */
function deleteNamespace(ns: string) {
	const pids = spawnSync(IP, ['netns', 'pids', ns], { encoding: 'utf8' }).stdout ?? '';
	for (const pid of pids.split(/\s+/).filter(Boolean)) {
		try {
			process.kill(Number(pid), 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	spawnSync(IP, ['netns', 'delete', ns], { stdio: 'ignore' });
}

/** Removes namespaces left by runs whose process is gone (a killed test run). */
export function removeLeftovers() {
	const listed = spawnSync(IP, ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
	for (const line of listed.split('\n')) {
		const ns = line.split(' ')[0] ?? '';
		const match = NAME.exec(ns);
		if (!match) continue;
		const marker = join(MARKERS, match[1]!);
		const owner = existsSync(marker) ? Number(readFileSync(marker, 'utf8')) : 0;
		if (!owner || !alive(owner)) deleteNamespace(ns);
	}
	if (existsSync(MARKERS)) {
		for (const id of readdirSync(MARKERS)) {
			const owner = Number(readFileSync(join(MARKERS, id), 'utf8'));
			if (!owner || !alive(owner)) rmSync(join(MARKERS, id), { force: true });
		}
	}
}

export interface NatLab {
	id: string;
	ns: { pub: string; r1: string; r2: string; p1: string; p2: string };
	/** Switches one router's NAT behaviour (new flows only; existing ones keep their mapping). */
	setNat(router: 'r1' | 'r2', kind: NatKind): void;
	/** `ip netns exec <ns> <command…>` as an argv. */
	exec(ns: keyof NatLab['ns'], command: string[]): string[];
	destroy(): void;
}

/** Builds the topology above; on any failure removes what it made and rethrows. */
export function createNatLab(): NatLab {
	removeLeftovers();
	const id = `wl${randomBytes(2).toString('hex')}`;
	mkdirSync(MARKERS, { recursive: true });
	writeFileSync(join(MARKERS, id), String(process.pid));
	const ns = {
		pub: `${id}-pub`,
		r1: `${id}-r1`,
		r2: `${id}-r2`,
		p1: `${id}-p1`,
		p2: `${id}-p2`
	};
	const inNs = (name: string, ...args: string[]) => run(IP, ['-n', name, ...args]);
	const iptables = (name: string, ...args: string[]) =>
		run(IP, ['netns', 'exec', name, IPTABLES, ...args]);
	const destroy = () => {
		for (const name of Object.values(ns)) deleteNamespace(name);
		rmSync(join(MARKERS, id), { force: true });
	};

	try {
		for (const name of Object.values(ns)) {
			run(IP, ['netns', 'add', name]);
			// IPv4 only. An IPv6 link-local address is "tentative" for a second or two after its
			// link comes up; when it turns valid, Chromium (already running) sees a network change
			// and fails the page's loads in flight with ERR_NETWORK_CHANGED.
			if (existsSync('/proc/sys/net/ipv6')) {
				run(IP, [
					'netns',
					'exec',
					name,
					'sysctl',
					'-q',
					'-w',
					'net.ipv6.conf.all.disable_ipv6=1',
					'net.ipv6.conf.default.disable_ipv6=1'
				]);
			}
			inNs(name, 'link', 'set', 'lo', 'up');
		}
		// The "internet": a bridge in pub with the server's address; each router's wan joins it.
		inNs(ns.pub, 'link', 'add', 'br0', 'type', 'bridge');
		inNs(ns.pub, 'addr', 'add', `${PUBLIC_IP}/24`, 'dev', 'br0');
		inNs(ns.pub, 'link', 'set', 'br0', 'up');
		// The rest of the internet: a default gateway that swallows what it gets, so packets to
		// addresses nobody routes (the other side's private host candidates) vanish silently, as
		// they do out there. Without a route, sendto() fails at once with ENETUNREACH, and coturn
		// ends the allocation that tried: relays would break for a reason no real network has.
		inNs(ns.pub, 'neigh', 'add', SINK, 'lladdr', SINK_MAC, 'dev', 'br0', 'nud', 'permanent');
		inNs(ns.pub, 'route', 'add', 'default', 'via', SINK);
		for (const [router, host, lanPrefix] of [
			['r1', 'p1', '198.18.1'],
			['r2', 'p2', '198.18.2']
		] as const) {
			const r = ns[router];
			const p = ns[host];
			inNs(r, 'link', 'add', 'wan', 'type', 'veth', 'peer', 'name', router, 'netns', ns.pub);
			inNs(ns.pub, 'link', 'set', router, 'master', 'br0', 'up');
			inNs(r, 'addr', 'add', `${ROUTER_WAN[router]}/24`, 'dev', 'wan');
			inNs(r, 'link', 'add', 'lan', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', p);
			inNs(r, 'addr', 'add', `${lanPrefix}.1/24`, 'dev', 'lan');
			inNs(p, 'addr', 'add', `${lanPrefix}.2/24`, 'dev', 'eth0');
			for (const [name, dev] of [
				[r, 'wan'],
				[r, 'lan'],
				[p, 'eth0']
			] as const) {
				inNs(name, 'link', 'set', dev, 'up');
			}
			inNs(p, 'route', 'add', 'default', 'via', `${lanPrefix}.1`);
			inNs(r, 'neigh', 'add', SINK, 'lladdr', SINK_MAC, 'dev', 'wan', 'nud', 'permanent');
			inNs(r, 'route', 'add', 'default', 'via', SINK);
			run(IP, ['netns', 'exec', r, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
			// A NAT is a stateful firewall: from outside, only replies get in. The router itself
			// accepts nothing on wan, so unsolicited packets leave no conntrack entry behind that
			// would steal the port a later outgoing flow should map to.
			iptables(r, '-A', 'INPUT', '-i', 'wan', '-j', 'DROP');
			iptables(
				r,
				'-A',
				'FORWARD',
				'-i',
				'wan',
				'-m',
				'conntrack',
				'--ctstate',
				'ESTABLISHED,RELATED',
				'-j',
				'ACCEPT'
			);
			iptables(r, '-A', 'FORWARD', '-i', 'wan', '-j', 'DROP');
		}
	} catch (error) {
		destroy();
		throw error;
	}

	return {
		id,
		ns,
		setNat(router, kind) {
			const r = ns[router];
			iptables(r, '-t', 'nat', '-F', 'POSTROUTING');
			iptables(
				r,
				'-t',
				'nat',
				'-A',
				'POSTROUTING',
				'-o',
				'wan',
				...(kind === 'cone'
					? ['-j', 'MASQUERADE']
					: ['-j', 'SNAT', '--to-source', ROUTER_WAN[router], '--random-fully'])
			);
		},
		exec: (name, command) => [IP, 'netns', 'exec', ns[name], ...command],
		destroy
	};
}
