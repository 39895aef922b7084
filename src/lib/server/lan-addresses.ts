// Which addresses of this machine another device on the local network can use. Dependency-free,
// so the room page's server load can use it as well as scripts/start.js (through ./lan.ts).
//
// A laptop has more IPv4 interfaces than Wi-Fi and Ethernet: Docker bridges (docker0,
// 172.17.0.1), VM host-only networks (vboxnet0, vmnet8, virbr0), VPN tunnels (tun0, wg0, utun3,
// tailscale0). A phone on the classroom Wi-Fi reaches none of those, so they are listed last and
// marked, and the QR code uses the first real one.

import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export interface LanInterface {
	/** Interface name as the OS reports it: `wlan0`, `en0`, `Ethernet`, `docker0`. */
	name: string;
	address: string;
	/** Looks like a container bridge, a virtual machine network or a VPN tunnel. */
	virtual: boolean;
}

/** Interface names of container bridges, VM networks and VPN tunnels (Linux, macOS, Windows). */
const VIRTUAL_NAME =
	/^(docker|br-|veth|virbr|vmnet|vboxnet|vethernet|lxc|lxd|cni|flannel|podman|kube|tun|tap|wg|utun|zt|tailscale|ham|ppp|ipsec|nordlynx|awdl|llw|bridge)/i;

/** Docker's default bridge network, 172.17.0.0/16, whatever the interface is called. */
const DOCKER_DEFAULT = /^172\.17\./;
/** IPv4 link-local (RFC 3927): no DHCP answered; nobody else can route to it. */
const LINK_LOCAL = /^169\.254\./;
/** RFC 1918 private ranges: the usual home, school and office networks. */
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

/**
 * Non-internal IPv4 interfaces, best first: real interfaces on private networks, then other real
 * ones, then the virtual ones. Link-local addresses are left out.
 */
export function lanInterfaces(
	interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()
): LanInterface[] {
	const found: LanInterface[] = [];
	for (const [name, entries] of Object.entries(interfaces)) {
		for (const entry of entries ?? []) {
			if (entry.family !== 'IPv4' || entry.internal || LINK_LOCAL.test(entry.address)) continue;
			found.push({
				name,
				address: entry.address,
				virtual: VIRTUAL_NAME.test(name) || DOCKER_DEFAULT.test(entry.address)
			});
		}
	}
	const rank = (i: LanInterface) => (i.virtual ? 2 : PRIVATE.test(i.address) ? 0 : 1);
	return found
		.map((item, index) => ({ item, index }))
		.sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
		.map(({ item }) => item);
}

/** IPv4 addresses of this machine's non-internal interfaces, best first: `['192.168.1.23']`. */
export const lanAddresses = (interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] =>
	lanInterfaces(interfaces).map((i) => i.address);

/** `http://192.168.1.23:3000/` for each LAN address. */
export const lanUrls = (protocol: 'http' | 'https', port: number, addresses = lanAddresses()) =>
	addresses.map((address) => `${protocol}://${address}:${port}/`);

/**
 * Origins other devices may open this server at, for the room page's join link and QR code:
 * - `LAB_PUBLIC_ORIGINS` (comma-separated; scripts/start.js sets it with --lan, and a teacher
 *   behind a proxy may set it by hand), else
 * - when the server listens on every interface (`HOST=0.0.0.0` or `::`, e.g. `vite dev --host`),
 *   the real LAN interfaces (the virtual ones only if there is nothing else), else
 * - none: the server is reachable from this machine only.
 */
export function sharedOrigins(
	env: { LAB_PUBLIC_ORIGINS?: string; HOST?: string },
	page: { protocol: string; port: string },
	interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>
): string[] {
	const listed = (env.LAB_PUBLIC_ORIGINS ?? '')
		.split(',')
		.map((origin) => origin.trim().replace(/\/+$/, ''))
		.filter(Boolean);
	if (listed.length) return listed;
	if (env.HOST !== '0.0.0.0' && env.HOST !== '::') return [];
	const all = lanInterfaces(interfaces);
	const real = all.filter((i) => !i.virtual);
	const scheme = page.protocol.replace(/:$/, '');
	return (real.length ? real : all).map(
		(i) => `${scheme}://${i.address}${page.port ? `:${page.port}` : ''}`
	);
}
