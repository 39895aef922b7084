// The SDP knowledge table: one record per line type or attribute, each with a sample line,
// where it may appear, the RFC that defines it, a student-sized explanation in English and
// Simplified Chinese, and (when there is one) the WebRTC API that controls it.
//
// The engine at the bottom (`explainLine`) is small and generic: it splits a line into its
// key and value, finds the record, and adds value-specific detail from the record's `details`
// rules or from the codec / fmtp-parameter / header-extension tables.
//
// SDP grammar: RFC 8866 (obsoletes RFC 4566). Lines are `<type>=<value>`; attributes are
// `a=<name>` (a "property" flag) or `a=<name>:<value>` (RFC 8866 §5.13).

export type Lang = 'en' | 'zh-CN';
export type Localized = { en: string; 'zh-CN': string };
export type SdpAttributeLevel = 'session' | 'media' | 'both';

/** Value-specific detail: `pattern` is matched against the value; capture group 1 picks a record. */
export interface SdpDetailRule {
	pattern: RegExp;
	values?: Record<string, Localized>;
	/** Look the captured token up in one of the shared tables below instead of `values`. */
	table?: 'codecs' | 'fmtp-params' | 'header-extensions';
}

export interface SdpAttributeInfo {
	/** `v`, `o`, … for line types; `a=<name>` for attributes. */
	key: string;
	/** A real-looking line, also used by the tests: it must parse back to `key`. */
	sample: string;
	level: SdpAttributeLevel;
	/** Where it is defined, e.g. 'RFC 8866 §5.1'. */
	rfc: string;
	explanation: Localized;
	/** The WebRTC API (or JSEP rule) that decides this line. */
	api?: string;
	/** Expected form of the value (the text after `x=` or `a=name:`), used to flag bad values. */
	syntax?: RegExp;
	/** Human-readable form of `syntax`, shown in problems. */
	form?: string;
	details?: SdpDetailRule[];
}

const t = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

// ---------------------------------------------------------------------------------------------
// Line types and attributes
// ---------------------------------------------------------------------------------------------

export const sdpAttributes: SdpAttributeInfo[] = [
	// v=0
	{
		key: 'v',
		sample: 'v=0',
		level: 'session',
		rfc: 'RFC 8866 §5.1',
		syntax: /^0$/,
		form: '0',
		explanation: t(
			'Protocol version. Always 0; it must be the first line of every SDP.',
			'协议版本，永远是 0，而且必须是 SDP 的第一行。'
		)
	},
	// o=- 4611731400430051336 2 IN IP4 127.0.0.1
	{
		key: 'o',
		sample: 'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
		level: 'session',
		rfc: 'RFC 8866 §5.2',
		syntax: /^\S+ \d+ \d+ IN IP[46] \S+$/,
		form: '<username> <sess-id> <sess-version> IN IP4|IP6 <address>',
		explanation: t(
			'Origin: who made this description. The session id stays the same for the whole call; the version goes up each time a new offer or answer changes something.',
			'来源（origin）：描述由谁生成。会话 ID 在整个通话中保持不变；每次新的 offer 或 answer 有改动时，版本号加一。'
		)
	},
	// s=-
	{
		key: 's',
		sample: 's=-',
		level: 'session',
		rfc: 'RFC 8866 §5.3',
		explanation: t(
			'Session name. WebRTC has no use for it and writes a single dash.',
			'会话名称。WebRTC 用不到它，只写一个短横线。'
		)
	},
	// i=A call about SDP
	{
		key: 'i',
		sample: 'i=A call about SDP',
		level: 'both',
		rfc: 'RFC 8866 §5.4',
		explanation: t(
			'Free-text information about the session or one media section, for humans.',
			'关于会话或某个媒体段的说明文字，是给人看的。'
		)
	},
	// u=https://example.org/call.html
	{
		key: 'u',
		sample: 'u=https://example.org/call.html',
		level: 'session',
		rfc: 'RFC 8866 §5.5',
		explanation: t(
			'A web address with more information about the session.',
			'一个网址，指向关于该会话的更多信息。'
		)
	},
	// e=alice@example.org
	{
		key: 'e',
		sample: 'e=alice@example.org',
		level: 'session',
		rfc: 'RFC 8866 §5.6',
		explanation: t(
			'Email address of the person responsible for the session.',
			'会话负责人的电子邮件地址。'
		)
	},
	// p=+1 617 555-6011
	{
		key: 'p',
		sample: 'p=+1 617 555-6011',
		level: 'session',
		rfc: 'RFC 8866 §5.6',
		explanation: t(
			'Phone number of the person responsible for the session.',
			'会话负责人的电话号码。'
		)
	},
	// c=IN IP4 0.0.0.0
	{
		key: 'c',
		sample: 'c=IN IP4 0.0.0.0',
		level: 'both',
		rfc: 'RFC 8866 §5.7',
		syntax: /^IN IP[46] \S+$/,
		form: 'IN IP4|IP6 <address>',
		explanation: t(
			'Connection data: the address where media should be sent. With ICE the real addresses are in the candidates instead.',
			'连接信息：媒体应发送到的地址。使用 ICE 时，真正的地址写在候选（candidate）里。'
		),
		details: [
			{
				pattern: /^IN IP[46] (0\.0\.0\.0|::)$/,
				values: {
					'0.0.0.0': t(
						'0.0.0.0 is a placeholder (RFC 8829 §5.2.1): ICE will find the real path.',
						'0.0.0.0 只是占位符（RFC 8829 §5.2.1），真正的路径由 ICE 找出。'
					),
					'::': t(
						':: is an IPv6 placeholder: ICE will find the real path.',
						':: 是 IPv6 占位符，真正的路径由 ICE 找出。'
					)
				}
			}
		]
	},
	// b=AS:2000
	{
		key: 'b',
		sample: 'b=AS:2000',
		level: 'both',
		rfc: 'RFC 8866 §5.8; RFC 3890 (TIAS)',
		syntax: /^[\w-]+:\d+$/,
		form: '<bwtype>:<bandwidth>',
		api: 'RTCRtpSender.setParameters({ encodings: [{ maxBitrate }] }) (b= itself only by SDP munging)',
		explanation: t(
			'Bandwidth: the most the receiver wants to get for this section.',
			'带宽：接收方希望这一段最多收到多少数据。'
		),
		details: [
			{
				pattern: /^([\w-]+):/,
				values: {
					AS: t(
						'AS = application-specific maximum, in kilobits per second.',
						'AS 表示应用自定的上限，单位是千比特每秒。'
					),
					TIAS: t(
						'TIAS = transport-independent maximum, in bits per second, without IP/UDP overhead.',
						'TIAS 表示与传输无关的上限，单位是比特每秒，不含 IP/UDP 头部开销。'
					),
					CT: t(
						'CT = conference total, in kilobits per second.',
						'CT 表示整个会议的总带宽，单位是千比特每秒。'
					)
				}
			}
		]
	},
	// t=0 0
	{
		key: 't',
		sample: 't=0 0',
		level: 'session',
		rfc: 'RFC 8866 §5.9',
		syntax: /^\d+ \d+$/,
		form: '<start-time> <stop-time>',
		explanation: t('Timing: when the session starts and stops.', '时间：会话的开始和结束时间。'),
		details: [
			{
				pattern: /^(0 0)$/,
				values: {
					'0 0': t(
						'0 0 means "not bounded": the session lasts until someone hangs up.',
						'0 0 表示没有时间限制，会话一直持续到有人挂断。'
					)
				}
			}
		]
	},
	// r=604800 3600 0 90000
	{
		key: 'r',
		sample: 'r=604800 3600 0 90000',
		level: 'session',
		rfc: 'RFC 8866 §5.10',
		explanation: t(
			'Repeat times for a scheduled session. Not used by WebRTC.',
			'定期会话的重复时间。WebRTC 不使用。'
		)
	},
	// z=2882844526 -1h 2898848070 0
	{
		key: 'z',
		sample: 'z=2882844526 -1h 2898848070 0',
		level: 'session',
		rfc: 'RFC 8866 §5.11',
		explanation: t(
			'Time-zone adjustments for repeated sessions. Not used by WebRTC.',
			'重复会话的时区调整。WebRTC 不使用。'
		)
	},
	// k=prompt
	{
		key: 'k',
		sample: 'k=prompt',
		level: 'both',
		rfc: 'RFC 8866 §5.12',
		explanation: t(
			'Encryption key line. Obsolete and must not be used; WebRTC keys come from DTLS.',
			'加密密钥行。已废弃，不应使用；WebRTC 的密钥来自 DTLS 握手。'
		)
	},
	// m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8
	{
		key: 'm',
		sample: 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8',
		level: 'media',
		rfc: 'RFC 8866 §5.14; RFC 3264 §5.1',
		syntax: /^[\w-]+ \d+(?:\/\d+)? [\w/]+(?: \S+)*$/,
		form: '<media> <port> <proto> <fmt> ...',
		api: 'addTrack() / addTransceiver() add sections; setCodecPreferences() orders the formats',
		explanation: t(
			'Starts a media section (one transceiver or the data channels): kind, port, transport and the formats in order of preference.',
			'开始一个媒体段（对应一个收发器或数据通道）：类型、端口、传输协议，以及按偏好排序的格式列表。'
		),
		details: [
			{
				pattern: /^(\S+)/,
				values: {
					audio: t('An audio section.', '这是音频段。'),
					video: t('A video section.', '这是视频段。'),
					application: t(
						'An application section: WebRTC data channels over SCTP.',
						'这是应用段：基于 SCTP 的 WebRTC 数据通道。'
					)
				}
			},
			{
				pattern: /^\S+ (0)(?: |$)/,
				values: {
					'0': t(
						'Port 0 means this section is rejected or stopped (RFC 3264 §6).',
						'端口为 0 表示这一段被拒绝或已停止（RFC 3264 §6）。'
					)
				}
			},
			{
				pattern: /^\S+ \d+ (UDP\/TLS\/RTP\/SAVPF|UDP\/DTLS\/SCTP|RTP\/AVP|RTP\/SAVP)(?: |$)/,
				values: {
					'UDP/TLS/RTP/SAVPF': t(
						'UDP/TLS/RTP/SAVPF: RTP over UDP, keys from DTLS, with RTCP feedback.',
						'UDP/TLS/RTP/SAVPF：RTP 走 UDP，密钥来自 DTLS，并带 RTCP 反馈。'
					),
					'UDP/DTLS/SCTP': t(
						'UDP/DTLS/SCTP: SCTP inside DTLS over UDP (RFC 8841).',
						'UDP/DTLS/SCTP：SCTP 封装在 DTLS 中，经 UDP 传输（RFC 8841）。'
					),
					'RTP/AVP': t(
						'RTP/AVP: plain unencrypted RTP, as used by classic SIP phones.',
						'RTP/AVP：不加密的普通 RTP，传统 SIP 电话常用。'
					),
					'RTP/SAVP': t(
						'RTP/SAVP: SRTP, usually keyed with a=crypto (SDES).',
						'RTP/SAVP：SRTP，通常通过 a=crypto（SDES）传递密钥。'
					)
				}
			}
		]
	},
	// a=group:BUNDLE 0 1 2
	{
		key: 'a=group',
		sample: 'a=group:BUNDLE 0 1 2',
		level: 'session',
		rfc: 'RFC 5888 §5; RFC 9143 §7',
		syntax: /^\S+(?: \S+)*$/,
		form: '<semantics> <mid> ...',
		api: 'RTCConfiguration.bundlePolicy',
		explanation: t('Groups media sections by their mid.', '按 mid 把多个媒体段归为一组。'),
		details: [
			{
				pattern: /^(\S+)/,
				values: {
					BUNDLE: t(
						'BUNDLE: all listed sections share one ICE/DTLS transport, so one port carries everything.',
						'BUNDLE：列出的各段共用一条 ICE/DTLS 传输，一个端口承载全部媒体。'
					),
					LS: t('LS: lip sync, play these sections in sync.', 'LS：唇音同步，这些段需要同步播放。')
				}
			}
		]
	},
	// a=msid-semantic: WMS stream-id
	{
		key: 'a=msid-semantic',
		sample: 'a=msid-semantic: WMS 92c05748-869a-4cf6-be0c-8d4313e8b2c6',
		level: 'session',
		rfc: 'draft-ietf-mmusic-msid-16 §4 (dropped from RFC 8830)',
		explanation: t(
			'Says that a=msid lines name MediaStreams (WMS = WebRTC Media Stream). Kept for older browsers.',
			'说明 a=msid 行里写的是 MediaStream（WMS 即 WebRTC Media Stream）。为兼容旧浏览器而保留。'
		)
	},
	// a=ice-ufrag:lHpv
	{
		key: 'a=ice-ufrag',
		sample: 'a=ice-ufrag:lHpv',
		level: 'both',
		rfc: 'RFC 8839 §5.4',
		syntax: /^[A-Za-z0-9+/]{4,256}$/,
		form: '4-256 characters of A-Z a-z 0-9 + /',
		api: 'RTCPeerConnection.restartIce() makes a new one',
		explanation: t(
			'ICE username fragment. The two peers combine their fragments to authenticate connectivity checks; a new value means an ICE restart.',
			'ICE 用户名片段。双方把各自的片段拼起来，用于认证连通性检查；值变了就表示 ICE 重启。'
		)
	},
	// a=ice-pwd:Kfq7VE4w2NQzKmOEUKEHvWFR
	{
		key: 'a=ice-pwd',
		sample: 'a=ice-pwd:Kfq7VE4w2NQzKmOEUKEHvWFR',
		level: 'both',
		rfc: 'RFC 8839 §5.4',
		syntax: /^[A-Za-z0-9+/]{22,256}$/,
		form: '22-256 characters of A-Z a-z 0-9 + /',
		api: 'RTCPeerConnection.restartIce() makes a new one',
		explanation: t(
			'ICE password: the key for the message integrity of STUN connectivity checks.',
			'ICE 密码：STUN 连通性检查用它计算消息完整性校验。'
		)
	},
	// a=ice-options:trickle
	{
		key: 'a=ice-options',
		sample: 'a=ice-options:trickle',
		level: 'both',
		rfc: 'RFC 8839 §5.6',
		explanation: t('ICE extensions this agent supports.', '本端支持的 ICE 扩展。'),
		details: [
			{
				pattern: /(?:^| )(trickle|renomination|ice2)(?: |$)/,
				values: {
					trickle: t(
						'trickle: candidates may arrive later, one by one (RFC 8838).',
						'trickle：候选可以之后一个个陆续发送（RFC 8838）。'
					),
					renomination: t(
						'renomination: the controlling side may switch the chosen pair later.',
						'renomination：控制方之后可以改选别的候选对。'
					),
					ice2: t('ice2: supports RFC 8445 ICE.', 'ice2：支持 RFC 8445 版本的 ICE。')
				}
			}
		]
	},
	// a=ice-lite
	{
		key: 'a=ice-lite',
		sample: 'a=ice-lite',
		level: 'session',
		rfc: 'RFC 8839 §5.3; RFC 8445 §2.5',
		explanation: t(
			'This side runs "lite" ICE: it only answers checks, typically a server with a public address. The other side does all the work.',
			'本端运行精简版 ICE：只应答检查，通常是有公网地址的服务器，检查工作全由对方完成。'
		)
	},
	// a=fingerprint:sha-256 3D:10:73:4D:...
	{
		key: 'a=fingerprint',
		sample:
			'a=fingerprint:sha-256 3D:10:73:4D:59:3D:E6:D9:B3:60:00:95:CF:6B:AE:8D:68:78:A4:5B:93:4E:0D:D6:AA:BB:A4:0E:9B:C4:1F:7D',
		level: 'both',
		rfc: 'RFC 8122 §5',
		syntax: /^[\w-]+ [0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+$/,
		form: '<hash-function> <XX:XX:...>',
		api: 'RTCConfiguration.certificates (RTCPeerConnection.generateCertificate())',
		explanation: t(
			'Hash of the DTLS certificate this side will present. The DTLS handshake fails if the certificate does not match.',
			'本端 DTLS 证书的哈希值。握手时若证书与它不符，DTLS 连接就会失败。'
		),
		details: [
			{
				pattern: /^(\S+)/,
				values: {
					'sha-256': t('Hash function: SHA-256.', '哈希算法：SHA-256。'),
					'sha-1': t(
						'Hash function: SHA-1 (old and weak).',
						'哈希算法：SHA-1（老旧，安全性较弱）。'
					)
				}
			}
		]
	},
	// a=setup:actpass
	{
		key: 'a=setup',
		sample: 'a=setup:actpass',
		level: 'both',
		rfc: 'RFC 4145 §4; RFC 8842 §5',
		syntax: /^(?:actpass|active|passive|holdconn)$/,
		form: 'actpass | active | passive | holdconn',
		api: 'no API: JSEP answerer rules (RFC 9429 §5.2.1 offers actpass, §5.3.1 answers active)',
		explanation: t(
			'DTLS role: which side starts the DTLS handshake.',
			'DTLS 角色：由哪一方发起 DTLS 握手。'
		),
		details: [
			{
				pattern: /^(\w+)/,
				values: {
					actpass: t(
						'actpass: either role; the answerer picks.',
						'actpass：两种角色都可以，由应答方来选。'
					),
					active: t(
						'active: this side is the DTLS client and sends the ClientHello.',
						'active：本端是 DTLS 客户端，发送 ClientHello。'
					),
					passive: t(
						'passive: this side is the DTLS server and waits for the ClientHello.',
						'passive：本端是 DTLS 服务器，等待对方的 ClientHello。'
					),
					holdconn: t('holdconn: do not connect yet.', 'holdconn：暂时不要建立连接。')
				}
			}
		]
	},
	// a=mid:0
	{
		key: 'a=mid',
		sample: 'a=mid:0',
		level: 'media',
		rfc: 'RFC 5888 §4',
		syntax: /^\S+$/,
		form: '<identification-tag>',
		api: 'RTCRtpTransceiver.mid',
		explanation: t(
			'Media id: the name of this section. BUNDLE, candidates (sdpMid) and transceiver.mid refer to it.',
			'媒体标识（mid）：这一段的名字。BUNDLE、候选的 sdpMid 和 transceiver.mid 都用它来指代这一段。'
		)
	},
	// a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
	{
		key: 'a=extmap',
		sample: 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
		level: 'both',
		rfc: 'RFC 8285 §8',
		syntax: /^\d+(?:\/\w+)? \S+/,
		form: '<id>[/<direction>] <uri> [<attributes>]',
		api: 'RTCRtpTransceiver.setHeaderExtensionsToNegotiate()',
		explanation: t(
			'RTP header extension: gives a small number to an extension URI so packets can carry it.',
			'RTP 头部扩展：给扩展的 URI 分配一个小编号，之后 RTP 包里就用这个编号携带它。'
		),
		details: [{ pattern: /^\d+(?:\/\w+)? (\S+)/, table: 'header-extensions' }]
	},
	// a=extmap-allow-mixed
	{
		key: 'a=extmap-allow-mixed',
		sample: 'a=extmap-allow-mixed',
		level: 'both',
		rfc: 'RFC 8285 §6',
		explanation: t(
			'One-byte and two-byte header extensions may be mixed in the same RTP stream.',
			'同一 RTP 流中可以混用单字节和双字节头部扩展。'
		)
	},
	// a=sendrecv
	{
		key: 'a=sendrecv',
		sample: 'a=sendrecv',
		level: 'both',
		rfc: 'RFC 8866 §6.7.2; RFC 3264 §6.1',
		api: 'RTCRtpTransceiver.direction',
		explanation: t(
			'Direction: this side wants to send and receive here. This is the default.',
			'方向：本端在这一段既要发送也要接收。这是默认值。'
		)
	},
	// a=sendonly
	{
		key: 'a=sendonly',
		sample: 'a=sendonly',
		level: 'both',
		rfc: 'RFC 8866 §6.7.3; RFC 3264 §6.1',
		api: 'RTCRtpTransceiver.direction',
		explanation: t(
			'Direction: this side only sends here; the answer will say recvonly or inactive.',
			'方向：本端在这一段只发送；应答中会写 recvonly 或 inactive。'
		)
	},
	// a=recvonly
	{
		key: 'a=recvonly',
		sample: 'a=recvonly',
		level: 'both',
		rfc: 'RFC 8866 §6.7.1; RFC 3264 §6.1',
		api: 'RTCRtpTransceiver.direction',
		explanation: t(
			'Direction: this side only receives here; the answer will say sendonly or inactive.',
			'方向：本端在这一段只接收；应答中会写 sendonly 或 inactive。'
		)
	},
	// a=inactive
	{
		key: 'a=inactive',
		sample: 'a=inactive',
		level: 'both',
		rfc: 'RFC 8866 §6.7.4; RFC 3264 §6.1',
		api: 'RTCRtpTransceiver.direction',
		explanation: t(
			'Direction: no media flows either way (for example a call on hold).',
			'方向：双向都不传媒体（例如通话保持）。'
		)
	},
	// a=msid:stream-id track-id
	{
		key: 'a=msid',
		sample: 'a=msid:92c05748-869a-4cf6-be0c-8d4313e8b2c6 ab41c373-4965-4c99-9f69-770a6e18d883',
		level: 'media',
		rfc: 'RFC 8830 §2',
		syntax: /^\S+(?: \S+)?$/,
		form: '<stream-id> [<track-id>]',
		api: 'addTrack(track, ...streams) / RTCRtpSender.setStreams()',
		explanation: t(
			'Media stream id and track id: which MediaStream the remote track will belong to (ontrack event.streams). A dash means no stream.',
			'媒体流 ID 和轨道 ID：远端轨道将属于哪个 MediaStream（即 ontrack 事件的 streams）。短横线表示不属于任何流。'
		)
	},
	// a=rtcp:9 IN IP4 0.0.0.0
	{
		key: 'a=rtcp',
		sample: 'a=rtcp:9 IN IP4 0.0.0.0',
		level: 'media',
		rfc: 'RFC 3605 §2.1',
		syntax: /^\d+(?: IN IP[46] \S+)?$/,
		form: '<port> [IN IP4|IP6 <address>]',
		explanation: t(
			'Port for RTCP when it is not the RTP port + 1. With rtcp-mux it is only a placeholder.',
			'RTCP 使用的端口（当它不是 RTP 端口加一时）。启用 rtcp-mux 后只是占位。'
		)
	},
	// a=rtcp-mux
	{
		key: 'a=rtcp-mux',
		sample: 'a=rtcp-mux',
		level: 'media',
		rfc: 'RFC 5761 §5.1.1',
		api: 'RTCConfiguration.rtcpMuxPolicy',
		explanation: t(
			'RTP and RTCP share one port, so only one ICE component is needed.',
			'RTP 与 RTCP 共用一个端口，因此 ICE 只需要一个组件。'
		)
	},
	// a=rtcp-mux-only
	{
		key: 'a=rtcp-mux-only',
		sample: 'a=rtcp-mux-only',
		level: 'media',
		rfc: 'RFC 8858 §3',
		api: "RTCConfiguration.rtcpMuxPolicy = 'require'",
		explanation: t(
			'RTCP multiplexing is required: the other side must accept rtcp-mux or reject this section.',
			'必须使用 RTCP 复用：对方要么接受 rtcp-mux，要么拒绝这一段。'
		)
	},
	// a=rtcp-rsize
	{
		key: 'a=rtcp-rsize',
		sample: 'a=rtcp-rsize',
		level: 'media',
		rfc: 'RFC 5506 §5',
		explanation: t(
			'Reduced-size RTCP is allowed: small feedback packets can be sent alone, which makes feedback faster.',
			'允许精简 RTCP：小的反馈包可以单独发送，反馈更及时。'
		)
	},
	// a=rtcp-xr:rcvr-rtt=all
	{
		key: 'a=rtcp-xr',
		sample: 'a=rtcp-xr:rcvr-rtt=all',
		level: 'both',
		rfc: 'RFC 3611 §5.1',
		explanation: t(
			'RTCP extended reports. rcvr-rtt lets a receive-only side measure the round-trip time too.',
			'RTCP 扩展报告。rcvr-rtt 让只接收的一方也能测量往返时延。'
		)
	},
	// a=rtpmap:111 opus/48000/2
	{
		key: 'a=rtpmap',
		sample: 'a=rtpmap:111 opus/48000/2',
		level: 'media',
		rfc: 'RFC 8866 §6.6',
		syntax: /^\d+ [\w.-]+\/\d+(?:\/\d+)?$/,
		form: '<payload type> <encoding name>/<clock rate>[/<channels>]',
		api: 'RTCRtpTransceiver.setCodecPreferences() (RTCRtpCodec.mimeType, clockRate, channels)',
		explanation: t(
			'Maps an RTP payload type number to a codec, its clock rate and channel count.',
			'把 RTP 负载类型编号映射到编解码器、时钟频率和声道数。'
		),
		details: [{ pattern: /^\d+ ([\w.-]+)/, table: 'codecs' }]
	},
	// a=rtcp-fb:96 nack pli
	{
		key: 'a=rtcp-fb',
		sample: 'a=rtcp-fb:96 nack pli',
		level: 'media',
		rfc: 'RFC 4585 §4.2',
		syntax: /^(?:\d+|\*) [\w-]+/,
		form: '<payload type>|* <feedback type> [<parameter>]',
		explanation: t(
			'RTCP feedback the receiver can send for this payload type.',
			'接收方针对该负载类型可以发送的 RTCP 反馈。'
		),
		details: [
			{
				pattern: /^\S+ (.+)$/,
				values: {
					nack: t('nack: ask for lost packets to be sent again.', 'nack：请求重传丢失的包。'),
					'nack pli': t(
						'nack pli: picture loss, ask for a new key frame.',
						'nack pli：画面丢失，请求发送新的关键帧。'
					),
					'ccm fir': t(
						'ccm fir: full intra request, also asks for a key frame.',
						'ccm fir：完整帧内请求，同样是请求关键帧。'
					),
					'goog-remb': t(
						'goog-remb: receiver-side bandwidth estimate (older congestion control).',
						'goog-remb：接收端估算的带宽（较旧的拥塞控制方式）。'
					),
					'transport-cc': t(
						'transport-cc: per-packet arrival reports for sender-side congestion control.',
						'transport-cc：逐包到达报告，供发送端做拥塞控制。'
					)
				}
			}
		]
	},
	// a=fmtp:111 minptime=10;useinbandfec=1
	{
		key: 'a=fmtp',
		sample: 'a=fmtp:111 minptime=10;useinbandfec=1',
		level: 'media',
		rfc: 'RFC 8866 §6.15',
		syntax: /^\d+ \S/,
		form: '<payload type> <format parameters>',
		api: 'RTCRtpCodec.sdpFmtpLine (setCodecPreferences())',
		explanation: t(
			'Format parameters: codec-specific settings for one payload type.',
			'格式参数：某个负载类型的编解码器专用设置。'
		),
		details: [{ pattern: /^\d+ (.+)$/, table: 'fmtp-params' }]
	},
	// a=ssrc:573845648 cname:3sIItV0q9vJTDUMp
	{
		key: 'a=ssrc',
		sample: 'a=ssrc:573845648 cname:3sIItV0q9vJTDUMp',
		level: 'media',
		rfc: 'RFC 5576 §4.1',
		syntax: /^\d+ [\w-]+/,
		form: '<ssrc-id> <attribute>[:<value>]',
		explanation: t(
			'Describes one RTP stream source (SSRC) that this side will send.',
			'描述本端将发送的一个 RTP 流源（SSRC）。'
		),
		details: [
			{
				pattern: /^\d+ ([\w-]+)/,
				values: {
					cname: t(
						'cname: canonical name; streams with the same cname are played in sync.',
						'cname：规范名称；cname 相同的流会同步播放。'
					),
					msid: t(
						'msid: the stream and track of this SSRC (older form of a=msid).',
						'msid：该 SSRC 所属的流和轨道（a=msid 的旧写法）。'
					)
				}
			}
		]
	},
	// a=ssrc-group:FID 2231627014 632943048
	{
		key: 'a=ssrc-group',
		sample: 'a=ssrc-group:FID 2231627014 632943048',
		level: 'media',
		rfc: 'RFC 5576 §4.2',
		syntax: /^\S+(?: \d+)+$/,
		form: '<semantics> <ssrc-id> ...',
		explanation: t('Ties several SSRCs together.', '把几个 SSRC 关联到一起。'),
		details: [
			{
				pattern: /^(\S+)/,
				values: {
					FID: t(
						'FID: the second SSRC carries retransmissions (RTX) of the first.',
						'FID：第二个 SSRC 携带第一个 SSRC 的重传包（RTX）。'
					),
					SIM: t(
						'SIM: the SSRCs are simulcast layers of one track.',
						'SIM：这些 SSRC 是同一轨道的多路联播（simulcast）层。'
					),
					'FEC-FR': t(
						'FEC-FR: the second SSRC carries forward error correction.',
						'FEC-FR：第二个 SSRC 携带前向纠错数据。'
					)
				}
			}
		]
	},
	// a=rid:q send
	{
		key: 'a=rid',
		sample: 'a=rid:q send',
		level: 'media',
		rfc: 'RFC 8851 §4',
		syntax: /^[\w-]+ (?:send|recv)(?: \S+)?$/,
		form: '<rid-id> send|recv [<restrictions>]',
		api: 'addTransceiver(track, { sendEncodings: [{ rid }] })',
		explanation: t(
			'RTP stream id: names one encoding, for example one simulcast layer.',
			'RTP 流标识（rid）：给一路编码命名，例如某一个多路联播层。'
		)
	},
	// a=simulcast:send q;h;f
	{
		key: 'a=simulcast',
		sample: 'a=simulcast:send q;h;f',
		level: 'media',
		rfc: 'RFC 8853 §5.1',
		api: 'addTransceiver(track, { sendEncodings: [...] })',
		explanation: t(
			'Simulcast: the listed rids are sent at the same time as different qualities of the same track.',
			'多路联播：列出的各个 rid 同时发送，是同一轨道的不同画质。'
		)
	},
	// a=candidate:965366107 1 udp 2122194687 192.0.2.2 37190 typ host generation 0
	{
		key: 'a=candidate',
		sample: 'a=candidate:965366107 1 udp 2122194687 192.0.2.2 37190 typ host generation 0',
		level: 'media',
		rfc: 'RFC 8839 §5.1',
		syntax: /^\S+ \d+ \S+ \d+ \S+ \d+ typ \S+/,
		form: '<foundation> <component> <transport> <priority> <address> <port> typ <type> ...',
		api: 'icecandidate event / addIceCandidate(); RTCConfiguration.iceServers and iceTransportPolicy',
		explanation: t(
			'An ICE candidate: one address and port where this side might be reached.',
			'一个 ICE 候选：可能联系到本端的一个地址和端口。'
		),
		details: [
			{
				pattern: / typ (\w+)/,
				values: {
					host: t(
						'host: an address of this machine’s own network interface.',
						'host：本机网卡上的地址。'
					),
					srflx: t(
						'srflx: server reflexive, the public address a STUN server saw (the NAT’s outside).',
						'srflx：服务器反射地址，即 STUN 服务器看到的公网地址（NAT 的外侧）。'
					),
					prflx: t(
						'prflx: peer reflexive, an address learned from a connectivity check.',
						'prflx：对端反射地址，在连通性检查中发现的地址。'
					),
					relay: t(
						'relay: an address on a TURN server that forwards the traffic.',
						'relay：TURN 服务器上的中继地址，由它转发流量。'
					)
				}
			},
			{
				pattern: /^\S+ \d+ \S+ \d+ \S+(\.local) /,
				values: {
					'.local': t(
						'The .local name hides the real IP address behind a random mDNS name.',
						'.local 名称是随机的 mDNS 名字，用来隐藏真实 IP 地址。'
					)
				}
			},
			{
				pattern: / tcptype (\w+)/,
				values: {
					active: t(
						'tcptype active: this side opens the TCP connection.',
						'tcptype active：由本端发起 TCP 连接。'
					),
					passive: t(
						'tcptype passive: this side waits for a TCP connection.',
						'tcptype passive：本端等待对方发起 TCP 连接。'
					),
					so: t('tcptype so: simultaneous open.', 'tcptype so：双方同时发起连接。')
				}
			}
		]
	},
	// a=end-of-candidates
	{
		key: 'a=end-of-candidates',
		sample: 'a=end-of-candidates',
		level: 'both',
		rfc: 'RFC 8840 §8.2; RFC 8838 §8',
		api: 'icecandidate event with candidate null; addIceCandidate() with no candidate',
		explanation: t(
			'No more candidates will come for this section: gathering is finished.',
			'这一段不会再有新的候选了：候选收集已经结束。'
		)
	},
	// a=remote-candidates:1 192.0.2.3 45664
	{
		key: 'a=remote-candidates',
		sample: 'a=remote-candidates:1 192.0.2.3 45664',
		level: 'media',
		rfc: 'RFC 8839 §5.2',
		explanation: t(
			'The controlling agent tells the other side which of its candidates were chosen (classic SIP ICE; WebRTC does not send it).',
			'控制方告诉对方选中了对方的哪些候选（传统 SIP ICE 的做法，WebRTC 不发送）。'
		)
	},
	// a=sctp-port:5000
	{
		key: 'a=sctp-port',
		sample: 'a=sctp-port:5000',
		level: 'media',
		rfc: 'RFC 8841 §5.1',
		syntax: /^\d+$/,
		form: '<port>',
		api: 'RTCPeerConnection.createDataChannel()',
		explanation: t(
			'SCTP port for the data channels. It lives inside DTLS, so it is not a UDP port.',
			'数据通道使用的 SCTP 端口。它在 DTLS 内部，并不是 UDP 端口。'
		)
	},
	// a=max-message-size:262144
	{
		key: 'a=max-message-size',
		sample: 'a=max-message-size:262144',
		level: 'media',
		rfc: 'RFC 8841 §6.1',
		syntax: /^\d+$/,
		form: '<bytes>',
		api: 'RTCSctpTransport.maxMessageSize',
		explanation: t(
			'The largest data channel message, in bytes, this side can receive (0 means no limit).',
			'本端能接收的数据通道单条消息的最大字节数（0 表示没有限制）。'
		)
	},
	// a=sctpmap:5000 webrtc-datachannel 1024
	{
		key: 'a=sctpmap',
		sample: 'a=sctpmap:5000 webrtc-datachannel 1024',
		level: 'media',
		rfc: 'draft-ietf-mmusic-sctp-sdp-05 §4.1 (replaced by RFC 8841)',
		explanation: t(
			'Old way to describe the SCTP port, used with the DTLS/SCTP protocol before a=sctp-port existed.',
			'描述 SCTP 端口的旧写法，出现在 a=sctp-port 之前的 DTLS/SCTP 协议中。'
		)
	},
	// a=identity:eyJpZHAiOnsi...
	{
		key: 'a=identity',
		sample: 'a=identity:eyJpZHAiOnsiZG9tYWluIjoiZXhhbXBsZS5vcmcifX0=',
		level: 'session',
		rfc: 'RFC 8827 §5.6.4',
		api: 'RTCPeerConnection.setIdentityProvider() (rarely implemented)',
		explanation: t(
			'An identity assertion from an identity provider that binds a user to the DTLS fingerprint.',
			'来自身份提供方的身份断言，把用户身份和 DTLS 指纹绑定在一起。'
		)
	},
	// a=ptime:20
	{
		key: 'a=ptime',
		sample: 'a=ptime:20',
		level: 'media',
		rfc: 'RFC 8866 §6.4',
		syntax: /^\d+(?:\.\d+)?$/,
		form: '<milliseconds>',
		explanation: t(
			'Packet time: how many milliseconds of audio go in one packet.',
			'打包时长：每个包里放多少毫秒的音频。'
		)
	},
	// a=maxptime:60
	{
		key: 'a=maxptime',
		sample: 'a=maxptime:60',
		level: 'media',
		rfc: 'RFC 8866 §6.5',
		syntax: /^\d+(?:\.\d+)?$/,
		form: '<milliseconds>',
		explanation: t(
			'The most milliseconds of audio the receiver accepts in one packet.',
			'接收方在一个包中最多能接受的音频毫秒数。'
		)
	},
	// a=framerate:30
	{
		key: 'a=framerate',
		sample: 'a=framerate:30',
		level: 'media',
		rfc: 'RFC 8866 §6.13',
		syntax: /^\d+(?:\.\d+)?$/,
		form: '<frames per second>',
		explanation: t(
			'The largest video frame rate wanted, in frames per second.',
			'期望的最高视频帧率（帧每秒）。'
		)
	},
	// a=tls-id:9e4afe2a3e0b7e24e07c3c6a9f5c1b32
	{
		key: 'a=tls-id',
		sample: 'a=tls-id:9e4afe2a3e0b7e24e07c3c6a9f5c1b32',
		level: 'media',
		rfc: 'RFC 8842 §4',
		explanation: t(
			'Identifies the DTLS association; a new value means a new DTLS handshake is wanted.',
			'标识一个 DTLS 关联；值变化表示需要重新进行 DTLS 握手。'
		)
	},
	// a=bundle-only
	{
		key: 'a=bundle-only',
		sample: 'a=bundle-only',
		level: 'media',
		rfc: 'RFC 9143 §6',
		api: "RTCConfiguration.bundlePolicy = 'max-bundle'",
		explanation: t(
			'Use this section only if BUNDLE is accepted; it has port 0 in the offer.',
			'只有在对方接受 BUNDLE 时才使用这一段；在 offer 中它的端口为 0。'
		)
	},
	// a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
	{
		key: 'a=crypto',
		sample:
			'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32',
		level: 'media',
		rfc: 'RFC 4568 §9',
		explanation: t(
			'SDES: the SRTP key written in plain text in the SDP. WebRTC forbids it and uses DTLS instead.',
			'SDES：把 SRTP 密钥直接明文写在 SDP 里。WebRTC 禁止这种方式，改用 DTLS。'
		)
	},
	// a=label:1
	{
		key: 'a=label',
		sample: 'a=label:1',
		level: 'media',
		rfc: 'RFC 4574 §5',
		explanation: t('A label naming this media section.', '给这个媒体段起的标签。')
	},
	// a=x-google-flag:conference
	{
		key: 'a=x-google-flag',
		sample: 'a=x-google-flag:conference',
		level: 'media',
		rfc: 'Chromium only (no RFC)',
		explanation: t(
			'A Chromium-specific switch; "conference" turned on old screen-sharing simulcast.',
			'Chromium 专有的开关；“conference” 曾用于开启旧式屏幕共享联播。'
		)
	}
];

// ---------------------------------------------------------------------------------------------
// Codecs (rtpmap encoding names) and static payload types
// ---------------------------------------------------------------------------------------------

export interface CodecInfo {
	name: string;
	rfc: string;
	explanation: Localized;
}

export const codecs: CodecInfo[] = [
	// a=rtpmap:111 opus/48000/2
	{
		name: 'opus',
		rfc: 'RFC 7587',
		explanation: t(
			'Opus: the main WebRTC audio codec, good for speech and music. Always written as 48000/2.',
			'Opus：WebRTC 的主要音频编解码器，语音和音乐都适用。总是写作 48000/2。'
		)
	},
	// a=rtpmap:0 PCMU/8000
	{
		name: 'PCMU',
		rfc: 'RFC 3551 §4.5.14',
		explanation: t(
			'PCMU: G.711 μ-law, old telephone-quality audio, 64 kbit/s.',
			'PCMU：G.711 μ 律，传统电话音质，64 kbit/s。'
		)
	},
	// a=rtpmap:8 PCMA/8000
	{
		name: 'PCMA',
		rfc: 'RFC 3551 §4.5.14',
		explanation: t(
			'PCMA: G.711 A-law, old telephone-quality audio, 64 kbit/s.',
			'PCMA：G.711 A 律，传统电话音质，64 kbit/s。'
		)
	},
	// a=rtpmap:9 G722/8000
	{
		name: 'G722',
		rfc: 'RFC 3551 §4.5.2',
		explanation: t(
			'G.722: wideband telephone audio. Its rtpmap says 8000 by a historical mistake; it really samples at 16 kHz.',
			'G.722：宽带电话音频。由于历史错误，rtpmap 写的是 8000，实际采样率是 16 kHz。'
		)
	},
	// a=rtpmap:18 G729/8000
	{
		name: 'G729',
		rfc: 'RFC 3551 §4.5.6',
		explanation: t(
			'G.729: low-bitrate telephone audio (8 kbit/s).',
			'G.729：低码率电话音频（8 kbit/s）。'
		)
	},
	// a=rtpmap:13 CN/8000
	{
		name: 'CN',
		rfc: 'RFC 3389',
		explanation: t(
			'CN: comfort noise, a little background noise during silence so the line does not sound dead.',
			'CN：舒适噪声，在静音时生成少量背景噪声，让线路听起来不像断了。'
		)
	},
	// a=rtpmap:126 telephone-event/8000
	{
		name: 'telephone-event',
		rfc: 'RFC 4733',
		explanation: t(
			'telephone-event: DTMF key presses (0-9, *, #) sent as events.',
			'telephone-event：以事件方式发送的 DTMF 按键（0-9、*、#）。'
		)
	},
	// a=rtpmap:63 red/48000/2
	{
		name: 'red',
		rfc: 'RFC 2198',
		explanation: t(
			'RED: redundant encoding, each packet also carries copies of earlier data to survive loss.',
			'RED：冗余编码，每个包还附带之前数据的副本，以抵抗丢包。'
		)
	},
	// a=rtpmap:97 rtx/90000
	{
		name: 'rtx',
		rfc: 'RFC 4588',
		explanation: t(
			'RTX: retransmission stream; a=fmtp apt= says which codec it repairs.',
			'RTX：重传流；a=fmtp 中的 apt= 指明它为哪个编解码器重传。'
		)
	},
	// a=rtpmap:118 ulpfec/90000
	{
		name: 'ulpfec',
		rfc: 'RFC 5109',
		explanation: t(
			'ULPFEC: forward error correction, extra packets that can rebuild lost ones.',
			'ULPFEC：前向纠错，额外的包可以重建丢失的包。'
		)
	},
	// a=rtpmap:35 flexfec-03/90000
	{
		name: 'flexfec-03',
		rfc: 'RFC 8627 (draft 03)',
		explanation: t('FlexFEC: flexible forward error correction.', 'FlexFEC：灵活的前向纠错。')
	},
	// a=rtpmap:96 VP8/90000
	{
		name: 'VP8',
		rfc: 'RFC 7741',
		explanation: t(
			'VP8: royalty-free video codec that every WebRTC browser must support.',
			'VP8：免专利费的视频编解码器，所有 WebRTC 浏览器都必须支持。'
		)
	},
	// a=rtpmap:98 VP9/90000
	{
		name: 'VP9',
		rfc: 'RFC 9628',
		explanation: t(
			'VP9: successor of VP8, better compression and scalable layers (SVC).',
			'VP9：VP8 的后继，压缩率更高，并支持分层编码（SVC）。'
		)
	},
	// a=rtpmap:102 H264/90000
	{
		name: 'H264',
		rfc: 'RFC 6184',
		explanation: t(
			'H.264/AVC: the most widely supported video codec, often hardware-accelerated; mandatory in WebRTC.',
			'H.264/AVC：支持最广泛的视频编解码器，常有硬件加速；WebRTC 规定必须支持。'
		)
	},
	// a=rtpmap:49 H265/90000
	{
		name: 'H265',
		rfc: 'RFC 7798',
		explanation: t(
			'H.265/HEVC: newer than H.264 with better compression; support depends on the device.',
			'H.265/HEVC：比 H.264 更新、压缩更好；是否支持取决于设备。'
		)
	},
	// a=rtpmap:45 AV1/90000
	{
		name: 'AV1',
		rfc: 'AOM AV1 RTP specification',
		explanation: t(
			'AV1: royalty-free codec with the best compression here, but heavy to encode.',
			'AV1：免专利费，压缩率最高，但编码开销大。'
		)
	}
];

/** Payload types 0-95 with fixed meanings, usable without a=rtpmap (RFC 3551 §6, Table 4/5). */
export const staticPayloadTypes: Record<
	number,
	{ name: string; clockRate: number; channels?: number }
> = {
	0: { name: 'PCMU', clockRate: 8000, channels: 1 },
	3: { name: 'GSM', clockRate: 8000, channels: 1 },
	4: { name: 'G723', clockRate: 8000, channels: 1 },
	8: { name: 'PCMA', clockRate: 8000, channels: 1 },
	9: { name: 'G722', clockRate: 8000, channels: 1 },
	13: { name: 'CN', clockRate: 8000, channels: 1 },
	18: { name: 'G729', clockRate: 8000, channels: 1 },
	26: { name: 'JPEG', clockRate: 90000 },
	31: { name: 'H261', clockRate: 90000 },
	34: { name: 'H263', clockRate: 90000 }
};

// ---------------------------------------------------------------------------------------------
// Format parameters (a=fmtp)
// ---------------------------------------------------------------------------------------------

export interface FmtpParamInfo {
	/** Parameter name; a trailing `*` matches a prefix (x-google-*). */
	name: string;
	rfc: string;
	explanation: Localized;
}

export const fmtpParams: FmtpParamInfo[] = [
	// a=fmtp:102 profile-level-id=42e01f;...
	{
		name: 'profile-level-id',
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'H.264 profile and level in hex, e.g. 42e01f = Constrained Baseline, level 3.1.',
			'十六进制的 H.264 档次和级别，例如 42e01f 表示受限基线档次、3.1 级。'
		)
	},
	// a=fmtp:102 packetization-mode=1
	{
		name: 'packetization-mode',
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'How H.264 frames are split into packets; 1 (non-interleaved) allows fragmentation. Both sides must match.',
			'H.264 帧如何拆分成包；1（非交错模式）允许分片。双方必须一致。'
		)
	},
	// a=fmtp:102 level-asymmetry-allowed=1
	{
		name: 'level-asymmetry-allowed',
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'Each direction may use a different H.264 level.',
			'两个方向可以使用不同的 H.264 级别。'
		)
	},
	// a=fmtp:111 useinbandfec=1
	{
		name: 'useinbandfec',
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Opus in-band forward error correction: helps recover from lost packets.',
			'Opus 带内前向纠错：帮助从丢包中恢复。'
		)
	},
	// a=fmtp:111 usedtx=1
	{
		name: 'usedtx',
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Opus discontinuous transmission: send (almost) nothing during silence.',
			'Opus 非连续传输：静音时（几乎）不发送数据。'
		)
	},
	// a=fmtp:111 minptime=10
	{
		name: 'minptime',
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Smallest packet duration in milliseconds the receiver wants.',
			'接收方希望的最短打包时长（毫秒）。'
		)
	},
	// a=fmtp:111 stereo=1
	{
		name: 'stereo',
		rfc: 'RFC 7587 §6.1',
		explanation: t('The receiver prefers stereo Opus.', '接收方倾向接收立体声 Opus。')
	},
	// a=fmtp:111 sprop-stereo=1
	{
		name: 'sprop-stereo',
		rfc: 'RFC 7587 §6.1',
		explanation: t('The sender is likely to send stereo.', '发送方很可能发送立体声。')
	},
	// a=fmtp:109 maxplaybackrate=48000
	{
		name: 'maxplaybackrate',
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Highest audio sample rate the receiver can play, in Hz.',
			'接收方能播放的最高音频采样率（赫兹）。'
		)
	},
	// a=fmtp:111 maxaveragebitrate=64000
	{
		name: 'maxaveragebitrate',
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Highest average Opus bitrate wanted, in bits per second.',
			'期望的 Opus 最高平均码率（比特每秒）。'
		)
	},
	// a=fmtp:111 cbr=1
	{
		name: 'cbr',
		rfc: 'RFC 7587 §6.1',
		explanation: t('Constant bitrate Opus is preferred.', '倾向使用恒定码率的 Opus。')
	},
	// a=fmtp:97 apt=96
	{
		name: 'apt',
		rfc: 'RFC 4588 §8.1',
		explanation: t(
			'Associated payload type: the codec this RTX stream retransmits.',
			'关联负载类型：这路 RTX 重传的是哪个编解码器。'
		)
	},
	// a=fmtp:97 rtx-time=3000
	{
		name: 'rtx-time',
		rfc: 'RFC 4588 §8.1',
		explanation: t(
			'How long (ms) the sender keeps packets for retransmission.',
			'发送方为重传保留包的时长（毫秒）。'
		)
	},
	// a=fmtp:98 profile-id=0
	{
		name: 'profile-id',
		rfc: 'RFC 9628 §6',
		explanation: t(
			'VP9 profile (0 = 8-bit 4:2:0, 2 = 10-bit).',
			'VP9 档次（0 表示 8 位 4:2:0，2 表示 10 位）。'
		)
	},
	// a=fmtp:45 profile=0
	{
		name: 'profile',
		rfc: 'AOM AV1 RTP specification §7.2',
		explanation: t('AV1 profile (0 = Main).', 'AV1 档次（0 表示 Main）。')
	},
	// a=fmtp:45 level-idx=5
	{
		name: 'level-idx',
		rfc: 'AOM AV1 RTP specification §7.2',
		explanation: t('AV1 level index (5 = level 3.1).', 'AV1 级别索引（5 表示 3.1 级）。')
	},
	// a=fmtp:45 tier=0
	{
		name: 'tier',
		rfc: 'AOM AV1 RTP specification §7.2',
		explanation: t('AV1 tier (0 = Main tier).', 'AV1 层级（0 表示 Main 层级）。')
	},
	// a=fmtp:120 max-fs=12288
	{
		name: 'max-fs',
		rfc: 'RFC 7741 §6.1',
		explanation: t(
			'Largest frame size the receiver decodes, in 16×16 macroblocks.',
			'接收方能解码的最大帧尺寸，以 16×16 宏块计。'
		)
	},
	// a=fmtp:120 max-fr=60
	{
		name: 'max-fr',
		rfc: 'RFC 7741 §6.1',
		explanation: t('Highest frame rate the receiver decodes.', '接收方能解码的最高帧率。')
	},
	// a=fmtp:18 annexb=no
	{
		name: 'annexb',
		rfc: 'RFC 4856 (G729 media type)',
		explanation: t(
			'G.729 Annex B: silence suppression with comfort noise; "no" turns it off.',
			'G.729 附录 B：静音抑制并生成舒适噪声；“no” 表示关闭。'
		)
	},
	// a=fmtp:101 0-16  (telephone-event: the events supported, not name=value)
	{
		name: 'events',
		rfc: 'RFC 4733 §2.4.1',
		explanation: t(
			'The DTMF events supported, e.g. 0-15 = digits, * , # and A-D.',
			'支持的 DTMF 事件，例如 0-15 表示数字、*、# 和 A-D。'
		)
	},
	// a=fmtp:96 x-google-start-bitrate=1000
	{
		name: 'x-google-*',
		rfc: 'Chromium only (no RFC)',
		explanation: t(
			'A Chromium-specific bitrate hint (kbit/s), usually added by SDP munging.',
			'Chromium 专用的码率提示（kbit/s），通常是手动修改 SDP 加上的。'
		)
	}
];

// ---------------------------------------------------------------------------------------------
// RTP header extensions (a=extmap URIs)
// ---------------------------------------------------------------------------------------------

export const headerExtensions: Record<string, Localized> = {
	'urn:ietf:params:rtp-hdrext:ssrc-audio-level': t(
		'Audio level of each packet (RFC 6464), used to find who is speaking.',
		'每个包的音量（RFC 6464），用来判断谁在说话。'
	),
	'urn:ietf:params:rtp-hdrext:csrc-audio-level': t(
		'Audio levels of the mixed-in sources (RFC 6465).',
		'混音中各个来源的音量（RFC 6465）。'
	),
	'urn:ietf:params:rtp-hdrext:sdes:mid': t(
		'Carries the mid in packets so BUNDLE can route them to the right section (RFC 9143).',
		'在包中携带 mid，使 BUNDLE 能把包分发到正确的媒体段（RFC 9143）。'
	),
	'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id': t(
		'Carries the rid, so simulcast layers can be told apart (RFC 8852).',
		'携带 rid，用于区分各个多路联播层（RFC 8852）。'
	),
	'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id': t(
		'Carries the rid that a retransmission stream repairs (RFC 8852).',
		'携带重传流所修复的那路流的 rid（RFC 8852）。'
	),
	'urn:ietf:params:rtp-hdrext:toffset': t(
		'Transmission time offset (RFC 5450).',
		'传输时间偏移（RFC 5450）。'
	),
	'urn:3gpp:video-orientation': t(
		'Camera rotation, so the receiver can turn the picture (3GPP TS 26.114).',
		'摄像头旋转方向，接收方据此旋转画面（3GPP TS 26.114）。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time': t(
		'Absolute send time, used by REMB bandwidth estimation.',
		'绝对发送时间，供 REMB 带宽估计使用。'
	),
	'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01': t(
		'Transport-wide sequence number, used with transport-cc congestion control.',
		'传输层全局序号，配合 transport-cc 拥塞控制使用。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay': t(
		'Sender’s hint for the receiver’s playout delay (jitter buffer).',
		'发送方对接收方播放延迟（抖动缓冲）的建议。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/video-content-type': t(
		'Marks video as camera or screen content.',
		'标明视频内容是摄像头画面还是屏幕共享。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/video-timing': t(
		'Timing of frame capture and encoding, for delay statistics.',
		'帧采集和编码的时间信息，用于延迟统计。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/color-space': t(
		'Colour space information of the video (e.g. HDR).',
		'视频的色彩空间信息（例如 HDR）。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00': t(
		'Describes the spatial/temporal layers being sent and their bitrates.',
		'描述正在发送的空间/时间层及其码率。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time': t(
		'Capture time of the frame, for audio/video sync across servers.',
		'帧的采集时间，用于跨服务器的音视频同步。'
	),
	'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension': t(
		'Dependency descriptor: how frames depend on each other, so servers can drop layers (SVC).',
		'依赖描述符：帧之间的依赖关系，服务器据此可以丢弃某些层（SVC）。'
	)
};

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

const byKey = new Map(sdpAttributes.map((info) => [info.key, info]));
const codecByName = new Map(codecs.map((codec) => [codec.name.toLowerCase(), codec]));
const fmtpByName = new Map(fmtpParams.map((param) => [param.name.toLowerCase(), param]));

export function attributeInfo(key: string): SdpAttributeInfo | undefined {
	return byKey.get(key) ?? byKey.get(key.toLowerCase());
}

export function codecInfo(name: string): CodecInfo | undefined {
	return codecByName.get(name.toLowerCase());
}

export function fmtpParamInfo(name: string): FmtpParamInfo | undefined {
	const lower = name.toLowerCase();
	const exact = fmtpByName.get(lower);
	if (exact) return exact;
	if (lower.startsWith('x-google-')) return fmtpByName.get('x-google-*');
	return undefined;
}

/** Splits a line: `a=rtpmap:111 opus/48000/2` → key `a=rtpmap`, value `111 opus/48000/2`. */
export function splitLine(text: string): { key: string; value: string } {
	const type = text.slice(0, 2);
	const rest = text.slice(2);
	if (type === 'a=') {
		const colon = rest.indexOf(':');
		return colon === -1
			? { key: `a=${rest}`, value: '' }
			: { key: `a=${rest.slice(0, colon)}`, value: rest.slice(colon + 1) };
	}
	return { key: text.slice(0, 1), value: rest };
}

const join = (parts: Localized[]): Localized => ({
	en: parts.map((part) => part.en).join(' '),
	'zh-CN': parts.map((part) => part['zh-CN']).join('')
});

/** Looks the tokens of one detail rule up in its table. */
function detailFor(rule: SdpDetailRule, token: string): Localized[] {
	if (rule.values) {
		const value = rule.values[token] ?? rule.values[token.toLowerCase()];
		return value ? [value] : [];
	}
	if (rule.table === 'codecs') {
		const codec = codecInfo(token);
		return codec ? [codec.explanation] : [];
	}
	if (rule.table === 'header-extensions') {
		const ext = headerExtensions[token];
		return ext ? [ext] : [];
	}
	if (rule.table === 'fmtp-params') {
		// minptime=10;useinbandfec=1 → one sentence per known parameter. A value without "="
		// (telephone-event's "0-16") is the event list.
		const out: Localized[] = [];
		for (const part of token.split(';')) {
			const name = part.includes('=') ? part.split('=')[0]!.trim() : 'events';
			const info = fmtpParamInfo(name);
			if (info) {
				out.push({
					en: `${name}: ${info.explanation.en}`,
					'zh-CN': `${name}：${info.explanation['zh-CN']}`
				});
			}
		}
		return out;
	}
	return [];
}

export interface LineExplanation {
	key: string;
	value: string;
	info?: SdpAttributeInfo;
	/** Generic explanation plus value-specific detail, ready to show. */
	explanation?: Localized;
	/** The value-specific part alone. */
	detail?: Localized;
	/** The value does not have the documented form. */
	badValue: boolean;
}

/** Explains one SDP line (already trimmed). Unknown keys come back without `info`. */
export function explainLine(text: string): LineExplanation {
	const { key, value } = splitLine(text);
	const info = attributeInfo(key);
	if (!info) return { key, value, badValue: false };
	const detailParts: Localized[] = [];
	for (const rule of info.details ?? []) {
		const token = rule.pattern.exec(value)?.[1];
		if (token !== undefined) detailParts.push(...detailFor(rule, token));
	}
	const detail = detailParts.length > 0 ? join(detailParts) : undefined;
	return {
		key,
		value,
		info,
		explanation: detail ? join([info.explanation, detail]) : info.explanation,
		detail,
		badValue: info.syntax ? !info.syntax.test(value) : false
	};
}
