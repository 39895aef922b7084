/**
 * What the parts of an ICE candidate mean, as data: one entry per concept, English and
 * Simplified Chinese side by side, each with the RFC section to read next.
 */
import type { CandidateType, TcpType } from './candidate';

import type { Localized } from '../locale';
export type IceLang = keyof Localized;

export interface IceExplanation {
	title: Localized;
	text: Localized;
	ref: string;
}

/** Short labels for a table cell: what produced the candidate. */
export const candidateTypeLabels: Record<CandidateType, Localized> = {
	host: { en: 'local interface', 'zh-CN': '本机网卡' },
	srflx: { en: 'public address seen by STUN', 'zh-CN': 'STUN 看到的公网地址' },
	prflx: { en: 'learned during checks', 'zh-CN': '连通性检查中发现' },
	relay: { en: 'TURN relay', 'zh-CN': 'TURN 中继' }
};

export const candidateTypeKnowledge: Record<CandidateType, IceExplanation> = {
	// candidate:2900175606 1 udp 2113937151 192.0.2.2 49211 typ host generation 0 ufrag mC07 network-cost 999
	host: {
		title: { en: 'Host candidate', 'zh-CN': '主机候选（host）' },
		text: {
			en: 'An address of one of your own network interfaces, with a port the browser opened on it. It works directly when both peers are on the same network or one has a public address. Type preference 126, the highest, because a direct path has no extra hop.',
			'zh-CN':
				'本机某个网卡的地址，加上浏览器在上面打开的端口。两端在同一局域网，或其中一端有公网地址时，可以直接连通。类型优先级为最高的 126，因为直连路径没有多余的中转。'
		},
		ref: 'RFC 8445 §5.1.1.1'
	},
	// candidate:3569795512 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 0.0.0.0 rport 0 …
	srflx: {
		title: { en: 'Server-reflexive candidate', 'zh-CN': '服务器反射候选（srflx）' },
		text: {
			en: "Your address and port as a STUN server on the internet saw them, that is, the mapping your NAT created. raddr/rport name the local base it came from (Chrome writes 0.0.0.0 0 while host IPs are hidden). It lets a peer behind another NAT reach you if your NAT's filtering allows it.",
			'zh-CN':
				'互联网上的 STUN 服务器看到的你的地址和端口，也就是 NAT 为你建立的映射。raddr/rport 指出它来自哪个本地地址（隐藏本机 IP 时 Chrome 写成 0.0.0.0 0）。如果你的 NAT 过滤规则允许，另一个 NAT 后面的对端就能借此连到你。'
		},
		ref: 'RFC 8445 §5.1.1.1, RFC 8489'
	},
	// candidate:… 1 udp 1845501695 198.51.100.20 40000 typ prflx raddr 192.0.2.2 rport 49211 …
	prflx: {
		title: { en: 'Peer-reflexive candidate', 'zh-CN': '对端反射候选（prflx）' },
		text: {
			en: 'An address learned during connectivity checks rather than gathered in advance: a check arrived from (or its response revealed) an address nobody signalled. Common when the remote candidates have not arrived yet, or behind symmetric NATs. You rarely see it in onicecandidate; it shows up in getStats.',
			'zh-CN':
				'不是事先收集的，而是在连通性检查中才发现的地址：某个检查请求来自一个没人通过信令告知过的地址（或检查响应暴露了它）。对端候选尚未到达、或处在对称型 NAT 后面时很常见。它很少出现在 onicecandidate 里，通常在 getStats 中看到。'
		},
		ref: 'RFC 8445 §7.2.5.3.1, §7.3.1.3'
	},
	// candidate:3324004583 1 udp 50339839 192.0.2.2 51957 typ relay raddr 0.0.0.0 rport 0 …
	relay: {
		title: { en: 'Relayed candidate', 'zh-CN': '中继候选（relay）' },
		text: {
			en: 'An address allocated for you on a TURN server, which forwards every packet. It works through almost any NAT or firewall, at the cost of an extra hop, latency and server bandwidth, so it gets the lowest type preference. raddr/rport show your address as the TURN server saw it. Chrome encodes the transport to the TURN server in the type preference: 3 (or 2) UDP, 1 TCP, 0 TLS; RTCIceCandidate.relayProtocol says it outright for TCP and TLS.',
			'zh-CN':
				'在 TURN 服务器上为你分配的地址，所有数据包都由它转发。它几乎能穿过任何 NAT 和防火墙，代价是多一跳、延迟更高并消耗服务器带宽，所以类型优先级最低。raddr/rport 是 TURN 服务器看到的你的地址。Chrome 用类型优先级表示到 TURN 服务器的传输方式：3（或 2）为 UDP，1 为 TCP，0 为 TLS；对 TCP 和 TLS，RTCIceCandidate.relayProtocol 会直接给出。'
		},
		ref: 'RFC 8445 §5.1.1.2, RFC 8656'
	}
};

// candidate:2628662140 1 udp 2113937151 f5f28791-1598-49ef-b0f6-b21ae0dccd2d.local 47387 typ host …
export const mdnsKnowledge: IceExplanation = {
	title: { en: 'mDNS (.local) host address', 'zh-CN': 'mDNS（.local）主机地址' },
	text: {
		en: 'Chrome replaces your private IP in host candidates with a random name ending in .local, so a web page cannot read your LAN address without asking. The browser answers multicast DNS queries for that name on the local network, so a peer on the same LAN can still resolve it and connect directly; a peer elsewhere cannot, and relies on srflx or relay candidates instead. Raw IPs appear once the page has camera or microphone permission (getUserMedia), or when Chrome runs with --disable-features=WebRtcHideLocalIpsWithMdns.',
		'zh-CN':
			'Chrome 会把主机候选里的内网 IP 换成一个以 .local 结尾的随机名字，这样网页未经许可就读不到你的局域网地址。浏览器会在本地网络上应答针对这个名字的组播 DNS 查询，因此同一局域网内的对端仍能解析并直连；其他网络中的对端则无法解析，只能依靠 srflx 或 relay 候选。网页获得摄像头或麦克风权限（getUserMedia）后，或 Chrome 以 --disable-features=WebRtcHideLocalIpsWithMdns 启动时，会显示真实 IP。'
	},
	ref: 'draft-ietf-mmusic-mdns-ice-candidates'
};

export const tcpTypeKnowledge: Record<TcpType, IceExplanation> = {
	// candidate:… 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active …
	active: {
		title: { en: 'tcptype active', 'zh-CN': 'tcptype active（主动）' },
		text: {
			en: 'This side will open outgoing TCP connections but accepts none, so the port is meaningless and is written as 9 (the discard port).',
			'zh-CN':
				'这一端会主动发起 TCP 连接，但不接受传入连接，所以端口没有意义，写作 9（discard 端口）。'
		},
		ref: 'RFC 6544 §4.5'
	},
	// candidate:… 1 tcp 1518214911 192.0.2.2 50123 typ host tcptype passive …
	passive: {
		title: { en: 'tcptype passive', 'zh-CN': 'tcptype passive（被动）' },
		text: {
			en: 'This side listens on the given port and waits for the peer to connect; it never connects out from it.',
			'zh-CN': '这一端在给出的端口上监听，等待对端来连接，自己不会从这个端口向外连接。'
		},
		ref: 'RFC 6544 §4.5'
	},
	// candidate:… 1 tcp 1518149375 192.0.2.2 50124 typ host tcptype so …
	so: {
		title: { en: 'tcptype so (simultaneous open)', 'zh-CN': 'tcptype so（同时打开）' },
		text: {
			en: 'Both sides try to connect to each other at the same moment so that the two SYNs cross and open one connection through NATs. Rarely supported by browsers.',
			'zh-CN':
				'两端在同一时刻互相发起连接，让两个 SYN 交错而过，从而穿过 NAT 建立一条连接。浏览器很少支持。'
		},
		ref: 'RFC 6544 §4.5'
	}
};

export const componentKnowledge: Record<1 | 2, IceExplanation> = {
	1: {
		title: { en: 'Component 1 (RTP)', 'zh-CN': '组件 1（RTP）' },
		text: {
			en: 'The component carrying media (RTP) and, with rtcp-mux and BUNDLE as every browser uses today, everything else too: RTCP, SCTP data channels. Component preference 256 − 1 = 255.',
			'zh-CN':
				'承载媒体（RTP）的组件。如今浏览器都使用 rtcp-mux 和 BUNDLE，所以 RTCP 和 SCTP 数据通道也都走它。组件优先级为 256 − 1 = 255。'
		},
		ref: 'RFC 8445 §5.1.1, RFC 8843'
	},
	2: {
		title: { en: 'Component 2 (RTCP)', 'zh-CN': '组件 2（RTCP）' },
		text: {
			en: 'A separate flow for RTCP, needed only when rtcp-mux is not negotiated. Modern browsers require rtcp-mux, so you seldom see component 2. Component preference 256 − 2 = 254.',
			'zh-CN':
				'为 RTCP 单独建立的传输，只有未协商 rtcp-mux 时才需要。现代浏览器强制使用 rtcp-mux，所以很少见到组件 2。组件优先级为 256 − 2 = 254。'
		},
		ref: 'RFC 8445 §5.1.1, RFC 5761'
	}
};

export const endOfCandidatesKnowledge: IceExplanation = {
	title: { en: 'End of candidates', 'zh-CN': '候选收集结束' },
	text: {
		en: 'Gathering is finished: icecandidate fires with candidate null (and iceGatheringState becomes "complete"). In SDP this is the a=end-of-candidates line. Sending it lets the other agent stop waiting for more and conclude that checks have failed if none succeed.',
		'zh-CN':
			'候选收集已完成：icecandidate 事件中的 candidate 为 null（iceGatheringState 变为 "complete"）。在 SDP 中对应 a=end-of-candidates 行。把它发给对端，对端就不必再等待新的候选，所有检查都失败时即可判定连接失败。'
	},
	ref: 'RFC 8838 §13, RFC 8840'
};
