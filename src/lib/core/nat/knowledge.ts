/**
 * What each NAT behaviour means, as data: one record per behaviour with its RFC 4787 section,
 * the nicknames RFC 3489 ("classic STUN") gave it, and an explanation in English and Simplified
 * Chinese. The simulator engine (model.ts, hole-punch.ts) never reads prose from here except
 * the drop reasons; pages render these tables.
 */
import type { Localized } from '../locale';
import type { Dependence, DropReason, NatBehaviourId } from './model';
export type NatLang = keyof Localized;

export interface DependenceKnowledge {
	/** RFC 4787's name, e.g. "Endpoint-Independent Mapping". */
	name: Localized;
	abbreviation: string;
	ref: string;
	text: Localized;
}

export interface NatKnowledge {
	/** Short label for a select option or a table header. */
	label: Localized;
	/** Names from RFC 3489 and folklore; empty when nobody gave the combination a nickname. */
	nicknames: readonly Localized[];
	ref: string;
	text: Localized;
}

export const mappingKnowledge: Record<Dependence, DependenceKnowledge> = {
	// 192.168.1.10:5000 → any destination  ⇒  203.0.113.1:40000, always the same
	'endpoint-independent': {
		name: { en: 'Endpoint-Independent Mapping', 'zh-CN': '与端点无关的映射' },
		abbreviation: 'EIM',
		ref: 'RFC 4787 §4.1',
		text: {
			en: 'The NAT reuses one external port for everything an internal address and port sends, whatever the destination. The address a STUN server reports (the srflx candidate) is therefore the address every peer will see. RFC 4787 REQ-1 requires this behaviour.',
			'zh-CN':
				'无论目的地是哪里，NAT 都为同一个内网地址和端口复用同一个外部端口。因此 STUN 服务器报告的地址（srflx 候选）就是所有对端看到的地址。RFC 4787 的 REQ-1 要求 NAT 采用这种行为。'
		}
	},
	// 192.168.1.10:5000 → 198.18.0.1:*  ⇒  :40000;  → 203.0.113.2:*  ⇒  :40001
	'address-dependent': {
		name: { en: 'Address-Dependent Mapping', 'zh-CN': '与地址相关的映射' },
		abbreviation: 'ADM',
		ref: 'RFC 4787 §4.1',
		text: {
			en: 'The NAT reuses an external port only for packets to the same destination IP address; a new destination IP gets a new external port. The STUN server and the other peer have different IPs, so the peer sees a port the STUN server never reported.',
			'zh-CN':
				'只有发往同一目的 IP 地址的数据包才复用同一个外部端口；换一个目的 IP 就分配新的外部端口。STUN 服务器和对端的 IP 不同，所以对端看到的端口并不是 STUN 服务器报告的那个。'
		}
	},
	// 192.168.1.10:5000 → 198.18.0.1:3478  ⇒  :40000;  → 198.18.0.1:3479  ⇒  :40001
	'address-and-port-dependent': {
		name: { en: 'Address and Port-Dependent Mapping', 'zh-CN': '与地址和端口相关的映射' },
		abbreviation: 'APDM',
		ref: 'RFC 4787 §4.1',
		text: {
			en: 'The NAT reuses an external port only for packets to the same destination IP address and port. Every new destination gets a new external port, so the srflx address learned from STUN is useless to a peer: this is what makes a NAT "symmetric".',
			'zh-CN':
				'只有发往同一目的 IP 地址和端口的数据包才复用同一个外部端口。每个新目的地都会得到新的外部端口，所以从 STUN 得到的 srflx 地址对对端毫无用处：这就是“对称型” NAT 的由来。'
		}
	}
};

export const filteringKnowledge: Record<Dependence, DependenceKnowledge> = {
	'endpoint-independent': {
		name: { en: 'Endpoint-Independent Filtering', 'zh-CN': '与端点无关的过滤' },
		abbreviation: 'EIF',
		ref: 'RFC 4787 §5',
		text: {
			en: 'Once a mapping exists, any host on the internet may send to its external address and port, and the packet is delivered.',
			'zh-CN':
				'映射一旦建立，互联网上的任何主机都可以向它的外部地址和端口发送数据包，并被转发进来。'
		}
	},
	'address-dependent': {
		name: { en: 'Address-Dependent Filtering', 'zh-CN': '与地址相关的过滤' },
		abbreviation: 'ADF',
		ref: 'RFC 4787 §5',
		text: {
			en: 'An inbound packet is delivered only if the internal host has already sent something to the packet’s source IP address (any port).',
			'zh-CN':
				'只有当内网主机之前向某个 IP 地址（任意端口）发送过数据时，来自该 IP 的数据包才会被转发进来。'
		}
	},
	'address-and-port-dependent': {
		name: { en: 'Address and Port-Dependent Filtering', 'zh-CN': '与地址和端口相关的过滤' },
		abbreviation: 'APDF',
		ref: 'RFC 4787 §5',
		text: {
			en: 'An inbound packet is delivered only if the internal host has already sent something to exactly the packet’s source IP address and port.',
			'zh-CN': '只有当内网主机之前向完全相同的源 IP 地址和端口发送过数据时，数据包才会被转发进来。'
		}
	}
};

export const natKnowledge: Record<NatBehaviourId, NatKnowledge> = {
	none: {
		label: { en: 'No NAT (public address)', 'zh-CN': '无 NAT（公网地址）' },
		nicknames: [{ en: 'open internet', 'zh-CN': '开放互联网' }],
		ref: 'RFC 8445 §2.1',
		text: {
			en: 'The peer owns a public IP address and no firewall filters its traffic: its host candidate is reachable from anywhere, and the srflx address STUN reports is the host address itself (so ICE drops it as redundant).',
			'zh-CN':
				'该端拥有公网 IP 地址，也没有防火墙过滤流量：它的 host 候选可以从任何地方到达；STUN 报告的 srflx 地址就是 host 地址本身（因此 ICE 把它当作冗余候选丢弃）。'
		}
	},
	'eim-eif': {
		label: { en: 'Full cone (EIM + EIF)', 'zh-CN': '完全锥型（EIM + EIF）' },
		nicknames: [{ en: 'full cone', 'zh-CN': '完全锥型' }],
		ref: 'RFC 4787 §4.1, §5; RFC 3489 §5',
		text: {
			en: 'One external port per internal socket, and anyone may send to it. The easiest NAT to traverse: a peer can reach the srflx candidate even before this side has sent anything to it.',
			'zh-CN':
				'每个内网套接字只对应一个外部端口，而且任何人都可以向它发送数据。这是最容易穿越的 NAT：即使这一端还没向对端发过任何数据，对端也能到达它的 srflx 候选。'
		}
	},
	'eim-adf': {
		label: { en: 'Restricted cone (EIM + ADF)', 'zh-CN': '受限锥型（EIM + ADF）' },
		nicknames: [
			{ en: 'restricted cone', 'zh-CN': '受限锥型' },
			{ en: 'address-restricted cone', 'zh-CN': '地址受限锥型' }
		],
		ref: 'RFC 4787 §4.1, §5; RFC 3489 §5',
		text: {
			en: 'One external port per internal socket; inbound packets pass once this side has sent to the sender’s IP. Hole punching works: each side’s first check opens its NAT for the other side’s IP.',
			'zh-CN':
				'每个内网套接字只对应一个外部端口；这一端向某个 IP 发送过数据后，来自该 IP 的数据包才能进来。打洞可行：双方的第一个检查包会为对方的 IP 打开自己的 NAT。'
		}
	},
	'eim-apdf': {
		label: { en: 'Port-restricted cone (EIM + APDF)', 'zh-CN': '端口受限锥型（EIM + APDF）' },
		nicknames: [{ en: 'port-restricted cone', 'zh-CN': '端口受限锥型' }],
		ref: 'RFC 4787 §4.1, §5; RFC 3489 §5',
		text: {
			en: 'One external port per internal socket; inbound packets pass only from an IP and port this side has sent to. The most common home-router behaviour (Linux MASQUERADE). Hole punching works because the mapping, and so the srflx address, is the same for every destination.',
			'zh-CN':
				'每个内网套接字只对应一个外部端口；只有来自这一端发送过数据的 IP 和端口的数据包才能进来。这是家用路由器最常见的行为（Linux MASQUERADE）。因为映射（也就是 srflx 地址）对所有目的地都相同，打洞可行。'
		}
	},
	'adm-eif': {
		label: { en: 'Address-dependent mapping + EIF', 'zh-CN': '地址相关映射 + EIF' },
		nicknames: [],
		ref: 'RFC 4787 §4.1, §5',
		text: {
			en: 'A new external port for each destination IP, but anyone may send to any mapping. Peers see a port STUN never reported (a prflx candidate), yet checks sent to the srflx address still get in.',
			'zh-CN':
				'每个目的 IP 对应一个新的外部端口，但任何人都可以向任何映射发送数据。对端看到的是 STUN 没报告过的端口（prflx 候选），不过发往 srflx 地址的检查包仍然能进来。'
		}
	},
	'adm-adf': {
		label: { en: 'Address-dependent mapping + ADF', 'zh-CN': '地址相关映射 + ADF' },
		nicknames: [],
		ref: 'RFC 4787 §4.1, §5',
		text: {
			en: 'A new external port for each destination IP; inbound packets pass once this side has sent to the sender’s IP. Unusual in practice, and the filtering by IP is what lets hole punching succeed after a retransmission.',
			'zh-CN':
				'每个目的 IP 对应一个新的外部端口；这一端向某个 IP 发送过数据后，来自该 IP 的数据包才能进来。实际中很少见；正是按 IP 过滤，让打洞在重传之后得以成功。'
		}
	},
	'adm-apdf': {
		label: { en: 'Address-dependent mapping + APDF', 'zh-CN': '地址相关映射 + APDF' },
		nicknames: [],
		ref: 'RFC 4787 §4.1, §5',
		text: {
			en: 'A new external port for each destination IP, and inbound packets only from an exact IP and port this side has sent to. RFC 3489 would call it symmetric; it traverses like one.',
			'zh-CN':
				'每个目的 IP 对应一个新的外部端口，而且只接受来自这一端发送过数据的确切 IP 和端口的数据包。按 RFC 3489 的说法它属于对称型，穿越表现也和对称型一样。'
		}
	},
	'apdm-eif': {
		label: { en: 'Address and port-dependent mapping + EIF', 'zh-CN': '地址和端口相关映射 + EIF' },
		nicknames: [],
		ref: 'RFC 4787 §4.1, §5',
		text: {
			en: 'A new external port for each destination IP and port, but anyone may send to any mapping. Checks to the srflx address get in, but the reply leaves through a new mapping, so the other side sees an answer from the wrong address (RFC 8445 §7.2.5.2.1 rejects it).',
			'zh-CN':
				'每个目的 IP 和端口对应一个新的外部端口，但任何人都可以向任何映射发送数据。发往 srflx 地址的检查包能进来，但回复会经由新的映射发出，对端看到回复来自错误的地址（RFC 8445 §7.2.5.2.1 会拒绝它）。'
		}
	},
	'apdm-adf': {
		label: { en: 'Address and port-dependent mapping + ADF', 'zh-CN': '地址和端口相关映射 + ADF' },
		nicknames: [],
		ref: 'RFC 4787 §4.1, §5',
		text: {
			en: 'A new external port for each destination IP and port; inbound packets pass once this side has sent to the sender’s IP.',
			'zh-CN':
				'每个目的 IP 和端口对应一个新的外部端口；这一端向某个 IP 发送过数据后，来自该 IP 的数据包才能进来。'
		}
	},
	'apdm-apdf': {
		label: { en: 'Symmetric (APDM + APDF)', 'zh-CN': '对称型（APDM + APDF）' },
		nicknames: [{ en: 'symmetric', 'zh-CN': '对称型' }],
		ref: 'RFC 4787 §4.1, §5; RFC 3489 §5',
		text: {
			en: 'A new external port for every destination IP and port, and inbound packets only from exactly where this side has sent. A peer cannot guess the port this NAT will use towards it, so two symmetric NATs never meet directly: TURN has to relay. Common on mobile carriers (CGNAT) and corporate networks.',
			'zh-CN':
				'每个目的 IP 和端口都分配新的外部端口，而且只接受来自这一端确切发送过的地址的数据包。对端猜不到这个 NAT 将为它使用哪个端口，所以两个对称型 NAT 之间永远无法直连：必须由 TURN 中继。常见于移动运营商（CGNAT）和企业网络。'
		}
	},
	'udp-blocked': {
		label: { en: 'UDP blocked (firewall)', 'zh-CN': 'UDP 被封锁（防火墙）' },
		nicknames: [{ en: 'firewalled', 'zh-CN': '防火墙封锁' }],
		ref: 'RFC 8656 §3.1; RFC 6062',
		text: {
			en: 'A firewall drops every UDP packet, so STUN gets no answer and no direct path can form. Only TCP connections out are allowed: the browser reaches TURN over TCP (turn:…?transport=tcp) and every packet is relayed.',
			'zh-CN':
				'防火墙丢弃所有 UDP 数据包，所以 STUN 得不到应答，也无法建立直连路径。只允许向外的 TCP 连接：浏览器通过 TCP 连接 TURN（turn:…?transport=tcp），所有数据包都要经过中继。'
		}
	}
};

/** A drop reason in a few words, for the diagram's note ("✗ dropped: unroutable"). */
export const dropReasonName: Record<DropReason, Localized> = {
	'udp-blocked': { en: 'udp-blocked', 'zh-CN': 'UDP 被封锁' },
	'no-mapping': { en: 'no-mapping', 'zh-CN': '没有映射' },
	'address-dependent-filtering': {
		en: 'address-dependent-filtering',
		'zh-CN': '与地址相关的过滤'
	},
	'address-and-port-dependent-filtering': {
		en: 'address-and-port-dependent-filtering',
		'zh-CN': '与地址和端口相关的过滤'
	},
	'not-this-nat': { en: 'not-this-nat', 'zh-CN': '不是这个 NAT 的地址' },
	unroutable: { en: 'unroutable', 'zh-CN': '无法路由' },
	'no-turn-permission': { en: 'no-turn-permission', 'zh-CN': '没有 TURN 许可' }
};

export const dropReasonText: Record<DropReason, Localized> = {
	'udp-blocked': {
		en: 'the firewall drops every UDP packet',
		'zh-CN': '防火墙丢弃所有 UDP 数据包'
	},
	'no-mapping': {
		en: 'no mapping exists for this external port, so the NAT has nowhere to send it (RFC 4787 §4.1)',
		'zh-CN': '这个外部端口没有映射，NAT 不知道该转发给谁（RFC 4787 §4.1）'
	},
	'address-dependent-filtering': {
		en: 'address-dependent filtering: the internal host has never sent anything to this source IP (RFC 4787 §5)',
		'zh-CN': '与地址相关的过滤：内网主机从未向这个源 IP 发送过数据（RFC 4787 §5）'
	},
	'address-and-port-dependent-filtering': {
		en: 'address and port-dependent filtering: the internal host has never sent anything to this source IP and port (RFC 4787 §5)',
		'zh-CN': '与地址和端口相关的过滤：内网主机从未向这个源 IP 和端口发送过数据（RFC 4787 §5）'
	},
	'not-this-nat': {
		en: 'the packet is addressed to another public IP',
		'zh-CN': '数据包的目的地是另一个公网 IP'
	},
	unroutable: {
		en: 'the destination is a private address on another LAN (RFC 1918); routers on the internet do not forward it',
		'zh-CN': '目的地是另一个局域网里的私有地址（RFC 1918），互联网上的路由器不会转发它'
	},
	'no-turn-permission': {
		en: 'the TURN allocation has no permission for this IP, so the server drops it (RFC 8656 §9)',
		'zh-CN': 'TURN 分配中没有这个 IP 的许可，服务器丢弃了它（RFC 8656 §9）'
	}
};
