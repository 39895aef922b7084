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

import { parseCandidate, type CandidateProblem } from '../ice/candidate';
import {
	candidateTypeKnowledge,
	candidateTypeLabels,
	componentKnowledge,
	mdnsKnowledge,
	tcpTypeKnowledge
} from '../ice/knowledge';
import { localized as t, type Localized } from '../locale';

export type SdpAttributeLevel = 'session' | 'media' | 'both';

/**
 * Value-specific detail: `pattern` is matched against the value; capture group 1 picks a record
 * (from `values`, or from one of the shared tables below).
 */
export interface SdpDetailRule {
	pattern: RegExp;
	values?: Record<string, Localized>;
	/** Look the captured token up in one of the shared tables below instead of `values`. */
	table?:
		'codecs' | 'fmtp-params' | 'header-extensions' | 'rtcp-fb' | 'ssrc-attributes' | 'candidate';
	/** The captured text is a list: split it with this and explain each item. */
	each?: RegExp;
	/** A captured token that is not in the table is reported as "value not recognised". */
	strict?: boolean;
}

export interface SdpAttributeInfo {
	/** `v`, `o`, … for line types; `a=<name>` for attributes. */
	key: string;
	/** A real-looking line, also used by the tests: it must parse back to `key`. */
	sample: string;
	level: SdpAttributeLevel;
	/** Where it is defined, e.g. 'RFC 8866 §5.1' (a reference only: prose goes in `rfcNote`). */
	rfc: string;
	/** A remark on the reference ("replaced by RFC 8841"), in both languages. */
	rfcNote?: Localized;
	explanation: Localized;
	/**
	 * The WebRTC API (or JSEP rule) that decides this line, in both languages. Identifiers are
	 * written between backticks so a view can show them as code.
	 */
	api?: Localized;
	/** Expected form of the value (the text after `x=` or `a=name:`), used to flag bad values. */
	syntax?: RegExp;
	/** Human-readable form of `syntax`, shown in problems. */
	form?: string;
	details?: SdpDetailRule[];
}

/** An API note that is only identifiers: the same in both languages. */
const code = (...apis: string[]): Localized => {
	const text = apis.map((api) => `\`${api}\``).join(' / ');
	return { en: text, 'zh-CN': text };
};
const chromiumOnly = t('Chromium only; no RFC', '仅 Chromium 使用，没有 RFC');
/** Said of lines people change by hand although no API does (JSEP RFC 9429 §5.4). */
const noApiMunging = (nearest?: string): Localized =>
	nearest
		? t(
				`No API sets this; munging the SDP is unsupported. Nearest API: \`${nearest}\``,
				`没有 API 能设置它；手改 SDP（munging）不受支持。最接近的 API：\`${nearest}\``
			)
		: t(
				'No API sets this; munging the SDP is unsupported (RFC 9429 §5.4)',
				'没有 API 能设置它；手改 SDP（munging）不受支持（RFC 9429 §5.4）'
			);

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
						'0.0.0.0 is a placeholder (RFC 9429 §5.2.1): ICE will find the real path.',
						'0.0.0.0 只是占位符（RFC 9429 §5.2.1），真正的路径由 ICE 找出。'
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
		rfc: 'RFC 8866 §5.8; RFC 3890 §6.2',
		syntax: /^[\w-]+:\d+$/,
		form: '<bwtype>:<bandwidth>',
		api: t(
			'`RTCRtpSender.setParameters({ encodings: [{ maxBitrate }] })`; the b= line itself changes only by SDP munging',
			'`RTCRtpSender.setParameters({ encodings: [{ maxBitrate }] })`；b= 行本身只能靠手改 SDP（munging）改变'
		),
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
		api: t(
			'`addTrack()` / `addTransceiver()` add sections; `setCodecPreferences()` orders the formats',
			'`addTrack()` / `addTransceiver()` 添加媒体段；`setCodecPreferences()` 决定格式的顺序'
		),
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
				pattern: /^\S+ \d+(?:\/\d+)? ([\w/]+)(?: |$)/,
				values: {
					'DTLS/SCTP': t(
						'DTLS/SCTP: the old name of the data channel transport, used with a=sctpmap before RFC 8841.',
						'DTLS/SCTP：数据通道传输的旧名称，在 RFC 8841 之前与 a=sctpmap 一起使用。'
					),
					'TCP/DTLS/SCTP': t(
						'TCP/DTLS/SCTP: data channels over DTLS over TCP (RFC 8841).',
						'TCP/DTLS/SCTP：经 TCP 上的 DTLS 传输的数据通道（RFC 8841）。'
					),
					'RTP/SAVPF': t(
						'RTP/SAVPF: SRTP with RTCP feedback (RFC 5124); older WebRTC endpoints write this.',
						'RTP/SAVPF：带 RTCP 反馈的 SRTP（RFC 5124）；较老的 WebRTC 端点这样写。'
					),
					'RTP/AVPF': t(
						'RTP/AVPF: plain RTP with RTCP feedback (RFC 4585).',
						'RTP/AVPF：带 RTCP 反馈的不加密 RTP（RFC 4585）。'
					),
					'UDP/TLS/RTP/SAVP': t(
						'UDP/TLS/RTP/SAVP: DTLS-SRTP without RTCP feedback (RFC 5764).',
						'UDP/TLS/RTP/SAVP：不带 RTCP 反馈的 DTLS-SRTP（RFC 5764）。'
					),
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
		api: code('RTCConfiguration.bundlePolicy'),
		explanation: t('Groups media sections by their mid.', '按 mid 把多个媒体段归为一组。'),
		details: [
			{
				pattern: /^(\S+)/,
				values: {
					BUNDLE: t(
						'BUNDLE: all listed sections share one ICE/DTLS transport, so one port carries everything.',
						'BUNDLE：列出的各段共用一条 ICE/DTLS 传输，一个端口承载全部媒体。'
					),
					LS: t('LS: lip sync, play these sections in sync.', 'LS：唇音同步，这些段需要同步播放。'),
					FID: t(
						'FID: flow identification, the sections carry one flow (RFC 5888 §8).',
						'FID：流标识，这些段承载同一路流（RFC 5888 §8）。'
					),
					ANAT: t(
						'ANAT: alternative network address types, one IPv4 and one IPv6 choice (RFC 4091, obsolete).',
						'ANAT：备选网络地址类型，IPv4 与 IPv6 二选一（RFC 4091，已废弃）。'
					)
				},
				strict: true
			}
		]
	},
	// a=msid-semantic: WMS stream-id
	{
		key: 'a=msid-semantic',
		sample: 'a=msid-semantic: WMS 92c05748-869a-4cf6-be0c-8d4313e8b2c6',
		level: 'session',
		rfc: 'draft-ietf-mmusic-msid-16 §4',
		rfcNote: t('dropped from RFC 8830', 'RFC 8830 中已删除'),
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
		api: t(
			'`RTCPeerConnection.restartIce()` makes a new one',
			'`RTCPeerConnection.restartIce()` 会生成新的值'
		),
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
		api: t(
			'`RTCPeerConnection.restartIce()` makes a new one',
			'`RTCPeerConnection.restartIce()` 会生成新的值'
		),
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
				pattern: /^(.*)$/,
				each: /\s+/,
				strict: true,
				values: {
					'rtp+ecn': t(
						'rtp+ecn: explicit congestion notification for RTP (RFC 6679).',
						'rtp+ecn：RTP 的显式拥塞通知（RFC 6679）。'
					),
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
		api: code('RTCConfiguration.certificates', 'RTCPeerConnection.generateCertificate()'),
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
		api: t(
			'No API: the JSEP answerer rules decide (RFC 9429 §5.2.1: an offer says `actpass`; §5.3.1: the answer says `active`)',
			'没有 API：由 JSEP 的应答规则决定（RFC 9429 §5.2.1：offer 写 `actpass`；§5.3.1：answer 写 `active`）'
		),
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
		api: code('RTCRtpTransceiver.mid'),
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
		api: code('RTCRtpTransceiver.setHeaderExtensionsToNegotiate()'),
		explanation: t(
			'RTP header extension: gives a small number to an extension URI so packets can carry it.',
			'RTP 头部扩展：给扩展的 URI 分配一个小编号，之后 RTP 包里就用这个编号携带它。'
		),
		details: [{ pattern: /^\d+(?:\/\w+)? (\S+)/, table: 'header-extensions', strict: true }]
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
		api: code('RTCRtpTransceiver.direction'),
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
		api: code('RTCRtpTransceiver.direction'),
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
		api: code('RTCRtpTransceiver.direction'),
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
		api: code('RTCRtpTransceiver.direction'),
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
		api: code('addTrack(track, ...streams)', 'RTCRtpSender.setStreams()'),
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
		api: code('RTCConfiguration.rtcpMuxPolicy'),
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
		api: code("RTCConfiguration.rtcpMuxPolicy = 'require'"),
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
		api: t(
			'`RTCRtpTransceiver.setCodecPreferences()` (`RTCRtpCodec.mimeType`, `clockRate`, `channels`)',
			'`RTCRtpTransceiver.setCodecPreferences()`（`RTCRtpCodec.mimeType`、`clockRate`、`channels`）'
		),
		explanation: t(
			'Maps an RTP payload type number to a codec, its clock rate and channel count.',
			'把 RTP 负载类型编号映射到编解码器、时钟频率和声道数。'
		),
		details: [{ pattern: /^\d+ ([\w.-]+)/, table: 'codecs', strict: true }]
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
		details: [{ pattern: /^\S+ (trr-int(?= |$)|\S+(?: \S+)?)/, table: 'rtcp-fb', strict: true }]
	},
	// a=fmtp:111 minptime=10;useinbandfec=1
	{
		key: 'a=fmtp',
		sample: 'a=fmtp:111 minptime=10;useinbandfec=1',
		level: 'media',
		rfc: 'RFC 8866 §6.15',
		syntax: /^\d+ \S/,
		form: '<payload type> <format parameters>',
		api: t(
			'`RTCRtpCodec.sdpFmtpLine`: read it from `RTCRtpReceiver.getCapabilities()`, choose with `setCodecPreferences()`',
			'`RTCRtpCodec.sdpFmtpLine`：可从 `RTCRtpReceiver.getCapabilities()` 读取，用 `setCodecPreferences()` 选择'
		),
		explanation: t(
			'Format parameters: codec-specific settings for one payload type.',
			'格式参数：某个负载类型的编解码器专用设置。'
		),
		details: [{ pattern: /^(\d+ .+)$/, table: 'fmtp-params', strict: true }]
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
		details: [{ pattern: /^\d+ ([\w-]+)/, table: 'ssrc-attributes', strict: true }]
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
					FEC: t(
						'FEC: the second SSRC carries forward error correction for the first (RFC 5576 §4.3).',
						'FEC：第二个 SSRC 为第一个携带前向纠错数据（RFC 5576 §4.3）。'
					),
					DUP: t(
						'DUP: the SSRCs carry duplicate copies of the same stream (RFC 7104).',
						'DUP：这些 SSRC 携带同一路流的重复副本（RFC 7104）。'
					),
					'FEC-FR': t(
						'FEC-FR: the second SSRC carries forward error correction.',
						'FEC-FR：第二个 SSRC 携带前向纠错数据。'
					)
				},
				strict: true
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
		api: code('addTransceiver(track, { sendEncodings: [{ rid }] })'),
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
		api: code('addTransceiver(track, { sendEncodings: [...] })'),
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
		form: '<foundation> <component> <transport> <priority> <address> <port> typ <type> ...',
		api: t(
			'`icecandidate` event / `addIceCandidate()`; `RTCConfiguration.iceServers` and `iceTransportPolicy`',
			'`icecandidate` 事件 / `addIceCandidate()`；`RTCConfiguration.iceServers` 和 `iceTransportPolicy`'
		),
		explanation: t(
			'An ICE candidate: one address and port where this side might be reached.',
			'一个 ICE 候选：可能联系到本端的一个地址和端口。'
		),
		// The value is read by core/ice's parser (RFC 8839 §5.1); its errors become line problems.
		details: [{ pattern: /^(.*)$/, table: 'candidate' }]
	},
	// a=end-of-candidates
	{
		key: 'a=end-of-candidates',
		sample: 'a=end-of-candidates',
		level: 'both',
		rfc: 'RFC 8840 §8.2; RFC 8838 §8',
		api: t(
			'`icecandidate` event with `candidate` null; `addIceCandidate()` with no candidate',
			'`candidate` 为 null 的 `icecandidate` 事件；不带候选调用 `addIceCandidate()`'
		),
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
		api: code('RTCPeerConnection.createDataChannel()'),
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
		api: code('RTCSctpTransport.maxMessageSize'),
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
		rfc: 'draft-ietf-mmusic-sctp-sdp-05 §4.1',
		rfcNote: t('replaced by RFC 8841', '已被 RFC 8841 取代'),
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
		api: t(
			'`RTCPeerConnection.setIdentityProvider()` (rarely implemented)',
			'`RTCPeerConnection.setIdentityProvider()`（很少有浏览器实现）'
		),
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
		api: noApiMunging(),
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
		api: code("RTCConfiguration.bundlePolicy = 'max-bundle'"),
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
		rfc: 'libwebrtc',
		rfcNote: chromiumOnly,
		explanation: t(
			'A Chromium-specific switch; "conference" turned on old screen-sharing simulcast.',
			'Chromium 专有的开关；“conference” 曾用于开启旧式屏幕共享联播。'
		)
	},
	// a=silenceSupp:off - - - -
	{
		key: 'a=silenceSupp',
		sample: 'a=silenceSupp:off - - - -',
		level: 'media',
		rfc: 'RFC 3108',
		explanation: t(
			'Silence suppression (voice activity detection) on or off, from SIP/ATM telephony; FreeSWITCH writes "off - - - -". WebRTC ignores it.',
			'静音抑制（语音活动检测）开或关，来自 SIP/ATM 电话；FreeSWITCH 写作 "off - - - -"。WebRTC 忽略它。'
		)
	},
	// a=zrtp-hash:1.10 1d2c...
	{
		key: 'a=zrtp-hash',
		sample: 'a=zrtp-hash:1.10 fe30efd02423cb054e50efd0248742ac7a52c8f91bc2df881ae642c371ba46df',
		level: 'media',
		rfc: 'RFC 6189 §8.1',
		syntax: /^\S+ [0-9A-Fa-f]{64}$/,
		form: '<zrtp-version> <64 hex digits>',
		explanation: t(
			'ZRTP: a hash of this side’s ZRTP Hello message, so the key agreement in the media path can be tied to the signalling. Browsers do not do ZRTP.',
			'ZRTP：本端 ZRTP Hello 消息的哈希，把媒体通道里的密钥协商和信令绑定起来。浏览器不支持 ZRTP。'
		)
	},
	// a=connection:new
	{
		key: 'a=connection',
		sample: 'a=connection:new',
		level: 'both',
		rfc: 'RFC 4145 §5',
		syntax: /^(?:new|existing)$/,
		form: 'new | existing',
		explanation: t(
			'Whether to open a new transport connection or reuse the existing one (TCP and DTLS in SIP; WebRTC uses a=tls-id instead).',
			'是新建传输连接还是沿用已有连接（用于 SIP 中的 TCP 和 DTLS；WebRTC 改用 a=tls-id）。'
		),
		details: [
			{
				pattern: /^(\w+)/,
				values: {
					new: t('new: set up a new connection.', 'new：建立新的连接。'),
					existing: t('existing: keep the current connection.', 'existing：继续使用当前连接。')
				}
			}
		]
	},
	// a=imageattr:97 send [x=800,y=640,sar=1.1] recv [x=330,y=250]
	{
		key: 'a=imageattr',
		sample: 'a=imageattr:97 send [x=800,y=640] recv [x=330,y=250]',
		level: 'media',
		rfc: 'RFC 6236 §3',
		explanation: t(
			'Image sizes this side can send and receive for a video payload type (width x, height y, aspect ratio).',
			'本端对某个视频负载类型能发送和接收的画面尺寸（宽 x、高 y、宽高比）。'
		)
	},
	// a=ice-pacing:50
	{
		key: 'a=ice-pacing',
		sample: 'a=ice-pacing:50',
		level: 'session',
		rfc: 'RFC 8839 §5.5',
		syntax: /^\d+$/,
		form: '<milliseconds>',
		explanation: t(
			'ICE pacing: how many milliseconds apart this agent sends connectivity checks (default 50).',
			'ICE 节奏：本端发送连通性检查的间隔毫秒数（默认 50）。'
		)
	},
	// a=ice-mismatch
	{
		key: 'a=ice-mismatch',
		sample: 'a=ice-mismatch',
		level: 'media',
		rfc: 'RFC 8839',
		explanation: t(
			'Sent in an answer: the offer’s default address was not among its candidates (a middlebox changed it), so ICE cannot be used for this section.',
			'出现在应答中：offer 的默认地址不在它的候选里（被中间设备改写了），因此这一段无法使用 ICE。'
		)
	},
	// a=tool:libavformat 60.16.100
	{
		key: 'a=tool',
		sample: 'a=tool:libavformat 60.16.100',
		level: 'session',
		rfc: 'RFC 8866 §6.3',
		explanation: t(
			'The name and version of the program that wrote this SDP.',
			'生成这份 SDP 的程序名称和版本。'
		)
	},
	// a=cat:foo.bar
	{
		key: 'a=cat',
		sample: 'a=cat:foo.bar',
		level: 'session',
		rfc: 'RFC 8866 §6.1',
		explanation: t(
			'Category of the session, dot-separated, for filtering announced sessions. Not used by WebRTC.',
			'会话类别，用点号分隔，用来筛选公告的会话。WebRTC 不使用。'
		)
	},
	// a=keywds:lecture networks
	{
		key: 'a=keywds',
		sample: 'a=keywds:lecture networks',
		level: 'session',
		rfc: 'RFC 8866 §6.2',
		explanation: t(
			'Keywords describing the session, for finding announced sessions. Not used by WebRTC.',
			'描述会话的关键词，用来查找公告的会话。WebRTC 不使用。'
		)
	},
	// a=orient:landscape
	{
		key: 'a=orient',
		sample: 'a=orient:landscape',
		level: 'media',
		rfc: 'RFC 8866 §6.8',
		explanation: t(
			'Orientation of a shared whiteboard (portrait, landscape, seascape). Not used by WebRTC.',
			'共享白板的方向（纵向、横向、倒横向）。WebRTC 不使用。'
		)
	},
	// a=type:broadcast
	{
		key: 'a=type',
		sample: 'a=type:broadcast',
		level: 'session',
		rfc: 'RFC 8866 §6.9',
		explanation: t(
			'Type of conference: broadcast, meeting, moderated, test or H332.',
			'会议类型：broadcast、meeting、moderated、test 或 H332。'
		)
	},
	// a=charset:UTF-8
	{
		key: 'a=charset',
		sample: 'a=charset:UTF-8',
		level: 'session',
		rfc: 'RFC 8866 §6.10',
		explanation: t(
			'Character set of the s= and i= text (UTF-8 when absent).',
			's= 和 i= 文字所用的字符集（不写时为 UTF-8）。'
		)
	},
	// a=sdplang:en
	{
		key: 'a=sdplang',
		sample: 'a=sdplang:en',
		level: 'both',
		rfc: 'RFC 8866 §6.11',
		explanation: t(
			'Language of the SDP text itself (s=, i=), as a language tag.',
			'SDP 文字本身（s=、i=）所用的语言，用语言标签表示。'
		)
	},
	// a=lang:zh-CN
	{
		key: 'a=lang',
		sample: 'a=lang:zh-CN',
		level: 'both',
		rfc: 'RFC 8866 §6.12',
		explanation: t(
			'Language spoken in the session or in this media section, as a language tag.',
			'会话或这个媒体段中所说的语言，用语言标签表示。'
		)
	},
	// a=quality:10
	{
		key: 'a=quality',
		sample: 'a=quality:10',
		level: 'media',
		rfc: 'RFC 8866 §6.14',
		syntax: /^\d+$/,
		form: '<0-10>',
		explanation: t(
			'Video quality hint from 0 (worst still picture) to 10 (best); 5 is the default. Not used by WebRTC.',
			'视频质量提示，从 0（最差）到 10（最好），默认 5。WebRTC 不使用。'
		)
	},
	// a=content:slides
	{
		key: 'a=content',
		sample: 'a=content:slides',
		level: 'media',
		rfc: 'RFC 4796 §5',
		explanation: t(
			'What this stream shows: slides, speaker, sl (sign language), main or alt. SIP video systems use it to tell a presentation from the camera.',
			'这路流的内容：slides（幻灯片）、speaker（讲话人）、sl（手语）、main 或 alt。SIP 视频系统用它区分演示内容和摄像头画面。'
		),
		details: [
			{
				pattern: /^(\w+)/,
				values: {
					slides: t('slides: a presentation.', 'slides：演示内容。'),
					speaker: t('speaker: the person talking.', 'speaker：正在讲话的人。'),
					sl: t('sl: sign language.', 'sl：手语。'),
					main: t('main: the main stream.', 'main：主画面。'),
					alt: t('alt: an alternative stream.', 'alt：备选画面。')
				}
			}
		]
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
	},
	// a=rtpmap:104 multiopus/48000/6
	{
		name: 'multiopus',
		rfc: 'libwebrtc (RFC 7587 + Ogg channel mapping)',
		explanation: t(
			'multiopus: Opus with more than two channels (surround sound), a Chromium extension; a=fmtp gives the channel mapping.',
			'multiopus：超过两个声道（环绕声）的 Opus，是 Chromium 的扩展；a=fmtp 给出声道映射。'
		)
	},
	// a=rtpmap:97 iLBC/8000
	{
		name: 'iLBC',
		rfc: 'RFC 3952',
		explanation: t(
			'iLBC: narrowband speech codec that copes well with packet loss (13.33 or 15.2 kbit/s).',
			'iLBC：抗丢包能力较好的窄带语音编解码器（13.33 或 15.2 kbit/s）。'
		)
	},
	// a=rtpmap:103 ISAC/16000
	{
		name: 'ISAC',
		rfc: 'draft-ietf-avt-rtp-isac (never an RFC)',
		explanation: t(
			'iSAC: an old adaptive-bitrate speech codec from early Chrome; removed from Chromium in 2022.',
			'iSAC：早期 Chrome 使用的自适应码率语音编解码器，2022 年已从 Chromium 中移除。'
		)
	},
	// a=rtpmap:99 speex/16000
	{
		name: 'speex',
		rfc: 'RFC 5574',
		explanation: t(
			'Speex: an older open speech codec, replaced by Opus.',
			'Speex：较老的开源语音编解码器，已被 Opus 取代。'
		)
	},
	// a=rtpmap:10 L16/44100/2
	{
		name: 'L16',
		rfc: 'RFC 3551 §4.5.11',
		explanation: t(
			'L16: uncompressed 16-bit linear audio (PCM).',
			'L16：不压缩的 16 位线性音频（PCM）。'
		)
	},
	// a=rtpmap:96 AMR/8000
	{
		name: 'AMR',
		rfc: 'RFC 4867',
		explanation: t(
			'AMR: the narrowband speech codec of GSM and 3G mobile networks.',
			'AMR：GSM 和 3G 移动网络使用的窄带语音编解码器。'
		)
	},
	// a=rtpmap:97 AMR-WB/16000
	{
		name: 'AMR-WB',
		rfc: 'RFC 4867',
		explanation: t(
			'AMR-WB: wideband AMR (G.722.2), "HD voice" in mobile networks.',
			'AMR-WB：宽带 AMR（G.722.2），即移动网络中的“高清语音”。'
		)
	},
	// a=rtpmap:98 G7221/16000
	{
		name: 'G7221',
		rfc: 'RFC 5577',
		explanation: t(
			'G.722.1: wideband (or, at 32000, super-wideband) audio codec used by video conferencing systems.',
			'G.722.1：宽带（时钟 32000 时为超宽带）音频编解码器，视频会议系统常用。'
		)
	},
	// a=rtpmap:3 GSM/8000
	{
		name: 'GSM',
		rfc: 'RFC 3551 §4.5.8',
		explanation: t(
			'GSM: the full-rate GSM speech codec (13 kbit/s).',
			'GSM：GSM 全速率语音编解码器（13 kbit/s）。'
		)
	},
	// a=rtpmap:4 G723/8000
	{
		name: 'G723',
		rfc: 'RFC 3551 §4.5.3',
		explanation: t(
			'G.723.1: low-bitrate telephone speech (5.3 or 6.3 kbit/s).',
			'G.723.1：低码率电话语音（5.3 或 6.3 kbit/s）。'
		)
	},
	// a=rtpmap:2 G726-32/8000
	{
		name: 'G726-32',
		rfc: 'RFC 3551 §4.5.4',
		explanation: t(
			'G.726: ADPCM telephone audio at 32 kbit/s.',
			'G.726：32 kbit/s 的 ADPCM 电话音频。'
		)
	},
	// a=rtpmap:26 JPEG/90000
	{
		name: 'JPEG',
		rfc: 'RFC 2435',
		explanation: t(
			'Motion JPEG: video as a series of JPEG images.',
			'Motion JPEG：由一张张 JPEG 图片组成的视频。'
		)
	},
	// a=rtpmap:31 H261/90000
	{
		name: 'H261',
		rfc: 'RFC 4587',
		explanation: t(
			'H.261: the first digital video conferencing codec (1990), still offered by some SIP systems.',
			'H.261：最早的数字视频会议编解码器（1990 年），一些 SIP 系统仍会提供。'
		)
	},
	// a=rtpmap:34 H263/90000
	{
		name: 'H263',
		rfc: 'RFC 2190',
		explanation: t(
			'H.263: video codec of 1990s video phones.',
			'H.263：1990 年代可视电话使用的视频编解码器。'
		)
	},
	// a=rtpmap:115 H263-1998/90000
	{
		name: 'H263-1998',
		rfc: 'RFC 4629',
		explanation: t(
			'H.263+ (1998 version of H.263), common in SIP video phones.',
			'H.263+（H.263 的 1998 版），SIP 可视电话中常见。'
		)
	},
	// a=rtpmap:116 H263-2000/90000
	{
		name: 'H263-2000',
		rfc: 'RFC 4629',
		explanation: t('H.263++ (2000 version of H.263).', 'H.263++（H.263 的 2000 版）。')
	},
	// a=rtpmap:127 flexfec/90000
	{
		name: 'flexfec',
		rfc: 'RFC 8627',
		explanation: t(
			'FlexFEC: flexible forward error correction (the final RFC version).',
			'FlexFEC：灵活的前向纠错（RFC 正式版）。'
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
	/**
	 * The codecs (rtpmap encoding names, lower case) this meaning belongs to; absent = any codec.
	 * The same name can mean different things: profile-id is VP9's profile or H.265's.
	 */
	codecs?: string[];
	rfc: string;
	explanation: Localized;
	/** For parameters people munge: the API way, or that there is none. */
	api?: Localized;
}

const h264 = ['h264'];
const h265 = ['h265'];
const opus = ['opus', 'multiopus'];
const amr = ['amr', 'amr-wb'];
const h263 = ['h263-1998', 'h263-2000'];

/**
 * Format parameters, looked up by (codec, name) with a codec-independent fallback. Parameter
 * lists are `name=value` pairs separated by `;` (RFC 8866 §6.15); a few codecs use a bare value
 * instead (RED: `111/111`, telephone-event: `0-15`), see `bareFmtp`.
 */
export const fmtpParams: FmtpParamInfo[] = [
	// a=fmtp:102 profile-level-id=42e01f;...
	{
		name: 'profile-level-id',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'H.264 profile and level in hex, e.g. 42e01f = Constrained Baseline, level 3.1.',
			'十六进制的 H.264 档次和级别，例如 42e01f 表示受限基线档次、3.1 级。'
		)
	},
	// a=fmtp:102 packetization-mode=1
	{
		name: 'packetization-mode',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'How H.264 frames are split into packets; 1 (non-interleaved) allows fragmentation. Both sides must match.',
			'H.264 帧如何拆分成包；1（非交错模式）允许分片。双方必须一致。'
		)
	},
	// a=fmtp:102 level-asymmetry-allowed=1
	{
		name: 'level-asymmetry-allowed',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'Each direction may use a different H.264 level.',
			'两个方向可以使用不同的 H.264 级别。'
		)
	},
	// a=fmtp:102 sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==
	{
		name: 'sprop-parameter-sets',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'The sender’s H.264 SPS and PPS (base64), so the decoder can start before they arrive in-band.',
			'发送方的 H.264 SPS 和 PPS（base64），让解码器不必等到码流中出现它们就能开始解码。'
		)
	},
	// a=fmtp:102 max-mbps=108000
	{
		name: 'max-mbps',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'Most macroblocks per second the receiver can decode, above what its level allows.',
			'接收方每秒最多能解码的宏块数，可高于其级别的规定。'
		)
	},
	// a=fmtp:102 max-br=5000
	{
		name: 'max-br',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'Highest video bitrate the receiver can handle, in units of 1000 (or 1200) bit/s.',
			'接收方能处理的最高视频码率，单位为 1000（或 1200）比特每秒。'
		)
	},
	// a=fmtp:102 max-fs=3600 (H.264: macroblocks; VP8: see below)
	{
		name: 'max-fs',
		codecs: [...h264, 'vp8', 'vp9'],
		rfc: 'RFC 6184 §8.1; RFC 7741 §6.1',
		explanation: t(
			'Largest frame size the receiver decodes, in 16×16 macroblocks.',
			'接收方能解码的最大帧尺寸，以 16×16 宏块计。'
		)
	},
	// a=fmtp:102 max-cpb=…, max-dpb=…, max-smbps=…
	{
		name: 'max-cpb',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t('Largest coded picture buffer the receiver has.', '接收方的最大编码图像缓冲区。')
	},
	{
		name: 'max-dpb',
		codecs: h264,
		rfc: 'RFC 6184 §8.1',
		explanation: t(
			'Largest decoded picture buffer the receiver has.',
			'接收方的最大解码图像缓冲区。'
		)
	},
	// a=fmtp:49 level-id=93;profile-id=1;tier-flag=0;tx-mode=SRST
	{
		name: 'level-id',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'H.265 level × 30, e.g. 93 = level 3.1, 120 = level 4, 180 = level 6.',
			'H.265 级别乘以 30，例如 93 表示 3.1 级，120 表示 4 级，180 表示 6 级。'
		)
	},
	{
		name: 'profile-id',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'H.265 profile: 1 = Main (8-bit), 2 = Main 10 (10-bit).',
			'H.265 档次：1 表示 Main（8 位），2 表示 Main 10（10 位）。'
		)
	},
	{
		name: 'tier-flag',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'H.265 tier: 0 = Main tier, 1 = High tier (higher bitrates).',
			'H.265 层级：0 表示 Main 层级，1 表示 High 层级（码率更高）。'
		)
	},
	{
		name: 'tx-mode',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'H.265 transmission mode: SRST = one RTP stream on one transport, the WebRTC case.',
			'H.265 传输模式：SRST 表示单个 RTP 流走单个传输，WebRTC 就是这种情况。'
		)
	},
	{
		name: 'profile-space',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t('H.265 profile space (always 0).', 'H.265 档次空间（总是 0）。')
	},
	{
		name: 'max-recv-level-id',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'The highest H.265 level the receiver can decode, when above level-id.',
			'接收方能解码的最高 H.265 级别（高于 level-id 时给出）。'
		)
	},
	{
		name: 'sprop-vps',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'The sender’s H.265 video parameter set (base64).',
			'发送方的 H.265 视频参数集（base64）。'
		)
	},
	{
		name: 'sprop-sps',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'The sender’s H.265 sequence parameter set (base64).',
			'发送方的 H.265 序列参数集（base64）。'
		)
	},
	{
		name: 'sprop-pps',
		codecs: h265,
		rfc: 'RFC 7798 §7.1',
		explanation: t(
			'The sender’s H.265 picture parameter set (base64).',
			'发送方的 H.265 图像参数集（base64）。'
		)
	},
	// a=fmtp:98 profile-id=0
	{
		name: 'profile-id',
		codecs: ['vp9'],
		rfc: 'RFC 9628 §6',
		explanation: t(
			'VP9 profile (0 = 8-bit 4:2:0, 2 = 10-bit).',
			'VP9 档次（0 表示 8 位 4:2:0，2 表示 10 位）。'
		)
	},
	// a=fmtp:120 max-fr=60
	{
		name: 'max-fr',
		codecs: ['vp8', 'vp9'],
		rfc: 'RFC 7741 §6.1',
		explanation: t('Highest frame rate the receiver decodes.', '接收方能解码的最高帧率。')
	},
	// a=fmtp:45 level-idx=5;profile=0;tier=0
	{
		name: 'profile',
		codecs: ['av1'],
		rfc: 'AOM AV1 RTP specification §7.2',
		explanation: t('AV1 profile (0 = Main).', 'AV1 档次（0 表示 Main）。')
	},
	{
		name: 'level-idx',
		codecs: ['av1'],
		rfc: 'AOM AV1 RTP specification §7.2',
		explanation: t('AV1 level index (5 = level 3.1).', 'AV1 级别索引（5 表示 3.1 级）。')
	},
	{
		name: 'tier',
		codecs: ['av1'],
		rfc: 'AOM AV1 RTP specification §7.2',
		explanation: t('AV1 tier (0 = Main tier).', 'AV1 层级（0 表示 Main 层级）。')
	},
	// a=fmtp:111 minptime=10;useinbandfec=1
	{
		name: 'useinbandfec',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Opus in-band forward error correction: helps recover from lost packets.',
			'Opus 带内前向纠错：帮助从丢包中恢复。'
		)
	},
	{
		name: 'usedtx',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Opus discontinuous transmission: send (almost) nothing during silence.',
			'Opus 非连续传输：静音时（几乎）不发送数据。'
		),
		api: noApiMunging()
	},
	{
		name: 'stereo',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t('The receiver prefers stereo Opus.', '接收方倾向接收立体声 Opus。'),
		api: noApiMunging()
	},
	{
		name: 'sprop-stereo',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t('The sender is likely to send stereo.', '发送方很可能发送立体声。')
	},
	{
		name: 'maxplaybackrate',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Highest audio sample rate the receiver can play, in Hz.',
			'接收方能播放的最高音频采样率（赫兹）。'
		)
	},
	{
		name: 'sprop-maxcapturerate',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Highest sample rate the sender captures at, in Hz.',
			'发送方采集音频的最高采样率（赫兹）。'
		)
	},
	{
		name: 'maxaveragebitrate',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Highest average Opus bitrate wanted, in bits per second.',
			'期望的 Opus 最高平均码率（比特每秒）。'
		),
		api: noApiMunging('RTCRtpSender.setParameters({ encodings: [{ maxBitrate }] })')
	},
	{
		name: 'cbr',
		codecs: opus,
		rfc: 'RFC 7587 §6.1',
		explanation: t('Constant bitrate Opus is preferred.', '倾向使用恒定码率的 Opus。')
	},
	// a=fmtp:104 channel_mapping=0,4,1,2,3,5;coupled_streams=2;num_streams=4
	{
		name: 'channel_mapping',
		codecs: ['multiopus'],
		rfc: 'libwebrtc (RFC 7845 §5.1.1)',
		explanation: t(
			'Which Opus stream carries which output channel (Ogg Opus channel mapping).',
			'哪个 Opus 流承载哪个输出声道（Ogg Opus 声道映射）。'
		)
	},
	{
		name: 'num_streams',
		codecs: ['multiopus'],
		rfc: 'libwebrtc (RFC 7845 §5.1.1)',
		explanation: t('How many Opus streams are packed together.', '打包在一起的 Opus 流的数量。')
	},
	{
		name: 'coupled_streams',
		codecs: ['multiopus'],
		rfc: 'libwebrtc (RFC 7845 §5.1.1)',
		explanation: t('How many of the streams are stereo pairs.', '其中有多少个流是立体声对。')
	},
	// a=fmtp:97 apt=96;rtx-time=3000
	{
		name: 'apt',
		codecs: ['rtx'],
		rfc: 'RFC 4588 §8.1',
		explanation: t(
			'Associated payload type: the codec this RTX stream retransmits.',
			'关联负载类型：这路 RTX 重传的是哪个编解码器。'
		)
	},
	{
		name: 'rtx-time',
		codecs: ['rtx'],
		rfc: 'RFC 4588 §8.1',
		explanation: t(
			'How long (ms) the sender keeps packets for retransmission.',
			'发送方为重传保留包的时长（毫秒）。'
		)
	},
	// a=fmtp:35 repair-window=10000000
	{
		name: 'repair-window',
		codecs: ['flexfec', 'flexfec-03'],
		rfc: 'RFC 8627 §5.1.1',
		explanation: t(
			'Time span (µs) of media packets one FEC packet may protect.',
			'一个 FEC 包可保护的媒体包的时间跨度（微秒）。'
		)
	},
	// a=fmtp:18 annexb=no
	{
		name: 'annexb',
		codecs: ['g729'],
		rfc: 'RFC 4856 §2.1.9',
		explanation: t(
			'G.729 Annex B: silence suppression with comfort noise; "no" turns it off.',
			'G.729 附录 B：静音抑制并生成舒适噪声；“no” 表示关闭。'
		)
	},
	// a=fmtp:4 annexa=no / bitrate=6.3
	{
		name: 'annexa',
		codecs: ['g723'],
		rfc: 'RFC 4856 §2.1.6',
		explanation: t(
			'G.723.1 Annex A: silence suppression; "no" turns it off.',
			'G.723.1 附录 A：静音抑制；“no” 表示关闭。'
		)
	},
	// a=fmtp:98 bitrate=24000
	{
		name: 'bitrate',
		codecs: ['g7221', 'g723', 'ilbc'],
		rfc: 'RFC 5577 §6; RFC 4856 §2.1.6',
		explanation: t(
			'The codec bitrate to use, in bits per second.',
			'要使用的编码码率（比特每秒）。'
		)
	},
	// a=fmtp:97 mode=30
	{
		name: 'mode',
		codecs: ['ilbc'],
		rfc: 'RFC 3952 §5',
		explanation: t(
			'iLBC frame length: 20 ms (15.2 kbit/s) or 30 ms (13.33 kbit/s).',
			'iLBC 帧长：20 毫秒（15.2 kbit/s）或 30 毫秒（13.33 kbit/s）。'
		)
	},
	// a=fmtp:99 mode="1,any";vbr=on
	{
		name: 'mode',
		codecs: ['speex'],
		rfc: 'RFC 5574 §5',
		explanation: t('Speex encoding mode(s) the receiver prefers.', '接收方偏好的 Speex 编码模式。')
	},
	{
		name: 'vbr',
		codecs: ['speex'],
		rfc: 'RFC 5574 §5',
		explanation: t('Variable bitrate on, off or with VAD.', '可变码率：开、关或配合语音检测。')
	},
	// a=fmtp:96 octet-align=1;mode-set=0,2,5,7;mode-change-period=2
	{
		name: 'octet-align',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t(
			'AMR payload format: 1 = octet-aligned, 0 = bandwidth-efficient. Both sides must match.',
			'AMR 负载格式：1 表示按字节对齐，0 表示带宽节省模式。双方必须一致。'
		)
	},
	{
		name: 'mode-set',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t(
			'The AMR bitrate modes that may be used (0-7 for AMR, 0-8 for AMR-WB).',
			'可以使用的 AMR 码率模式（AMR 为 0-7，AMR-WB 为 0-8）。'
		)
	},
	{
		name: 'mode-change-period',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t('Modes may change only every N frames.', '只能每 N 帧切换一次模式。')
	},
	{
		name: 'mode-change-capability',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t(
			'2 = this side can limit mode changes to every other frame.',
			'2 表示本端可以把模式切换限制为每隔一帧一次。'
		)
	},
	{
		name: 'mode-change-neighbor',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t('Modes may only change to a neighbouring mode.', '只能切换到相邻的模式。')
	},
	{
		name: 'max-red',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t(
			'Longest time (ms) a frame may be held back for redundancy.',
			'为冗余传输最多可以延后一帧的时间（毫秒）。'
		)
	},
	{
		name: 'crc',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t('Frames carry a CRC checksum.', '帧带有 CRC 校验。')
	},
	{
		name: 'robust-sorting',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t('Robust payload sorting is used.', '使用鲁棒的负载排序。')
	},
	{
		name: 'interleaving',
		codecs: amr,
		rfc: 'RFC 4867 §8.1',
		explanation: t('Frame interleaving, and its maximum depth.', '帧交织及其最大深度。')
	},
	// a=fmtp:115 CIF=1;QCIF=1;SQCIF=1
	...['SQCIF', 'QCIF', 'CIF', 'CIF4', 'CIF16'].map((size): FmtpParamInfo => ({
		name: size,
		codecs: [...h263, 'h263', 'h261'],
		rfc: 'RFC 4629 §8.1.1',
		explanation: t(
			`${size} pictures supported; the value is the smallest frame interval, in units of 1/29.97 s.`,
			`支持 ${size} 尺寸的画面；值为最小帧间隔，单位为 1/29.97 秒。`
		)
	})),
	{
		name: 'profile',
		codecs: h263,
		rfc: 'RFC 4629 §8.1.1',
		explanation: t('H.263 profile number (Annex X).', 'H.263 档次编号（附录 X）。')
	},
	{
		name: 'level',
		codecs: h263,
		rfc: 'RFC 4629 §8.1.1',
		explanation: t('H.263 level number (Annex X).', 'H.263 级别编号（附录 X）。')
	},
	// Any codec: a=fmtp:102 ... ptime=20;maxptime=40;minptime=10 (FreeSWITCH writes these for Opus)
	{
		name: 'minptime',
		rfc: 'RFC 7587 §6.1',
		explanation: t(
			'Smallest packet duration in milliseconds the receiver wants.',
			'接收方希望的最短打包时长（毫秒）。'
		)
	},
	{
		name: 'ptime',
		rfc: 'RFC 7587 §6.1; RFC 8866 §6.4',
		explanation: t(
			'Packet duration in milliseconds the receiver prefers (like a=ptime).',
			'接收方偏好的打包时长（毫秒），同 a=ptime。'
		),
		api: noApiMunging()
	},
	{
		name: 'maxptime',
		rfc: 'RFC 7587 §6.1; RFC 8866 §6.5',
		explanation: t(
			'Longest packet duration in milliseconds the receiver accepts (like a=maxptime).',
			'接收方能接受的最长打包时长（毫秒），同 a=maxptime。'
		)
	},
	// a=fmtp:96 x-google-start-bitrate=1000
	{
		name: 'x-google-*',
		rfc: 'libwebrtc',
		explanation: t(
			'A Chromium-specific bitrate hint (kbit/s), usually added by SDP munging.',
			'Chromium 专用的码率提示（kbit/s），通常是手动修改 SDP 加上的。'
		),
		api: noApiMunging('RTCRtpSender.setParameters({ encodings: [{ maxBitrate }] })')
	}
];

/**
 * Codecs whose fmtp is a bare value instead of name=value pairs.
 *   a=fmtp:63 111/111   RED: the payload types of the primary and the redundant encodings
 *   a=fmtp:126 0-15     telephone-event: the events supported
 */
export const bareFmtp: Record<string, FmtpParamInfo> = {
	red: {
		name: 'red',
		codecs: ['red'],
		rfc: 'RFC 2198 §5',
		explanation: t(
			'The payload types inside each RED packet: the first is the primary encoding, the next are the redundant copies (111/111 = Opus carried twice).',
			'每个 RED 包里装的负载类型：第一个是主编码，后面的是冗余副本（111/111 表示 Opus 被携带两次）。'
		)
	},
	'telephone-event': {
		name: 'events',
		codecs: ['telephone-event'],
		rfc: 'RFC 4733 §2.4.1',
		explanation: t(
			'The DTMF events supported, e.g. 0-15 = digits, * , # and A-D.',
			'支持的 DTMF 事件，例如 0-15 表示数字、*、# 和 A-D。'
		)
	}
};

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
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/generic-frame-descriptor-00': t(
		'Generic frame descriptor: frame and layer dependencies for any codec, so a server can forward layers (the forerunner of the AV1 dependency descriptor).',
		'通用帧描述符：适用于任何编解码器的帧与分层依赖信息，服务器据此转发各层（AV1 依赖描述符的前身）。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/video-frame-tracking-id': t(
		'A frame id used by Chromium to follow one frame through the pipeline, for tests and analysis.',
		'Chromium 用来在处理流程中跟踪某一帧的帧 ID，用于测试和分析。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/inband-cn': t(
		'Marks audio packets that carry comfort noise inside the codec.',
		'标记在编解码器内部携带舒适噪声的音频包。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/corruption-detection': t(
		'Samples of the sent frame, so the receiver can detect corrupted video.',
		'所发送帧的采样值，接收方据此检测视频是否损坏。'
	),
	'http://www.webrtc.org/experiments/rtp-hdrext/transport-wide-cc-02': t(
		'Transport-wide sequence number, version 2: the sender can ask for feedback on demand.',
		'传输层全局序号第 2 版：发送方可以按需请求反馈。'
	),
	'http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07': t(
		'Frame marking: key frame, discardable and layer flags, readable without decrypting (draft).',
		'帧标记：关键帧、可丢弃以及分层标志，无需解密即可读取（草案）。'
	),
	'urn:ietf:params:rtp-hdrext:framemarking': t(
		'Frame marking: key frame, discardable and layer flags, readable without decrypting (RFC 9626).',
		'帧标记：关键帧、可丢弃以及分层标志，无需解密即可读取（RFC 9626）。'
	),
	'urn:ietf:params:rtp-hdrext:encrypt': t(
		'Encrypted header extension (RFC 6904): the extension URI that follows is sent encrypted.',
		'加密的头部扩展（RFC 6904）：后面给出的扩展 URI 以加密方式发送。'
	),
	'urn:ietf:params:rtp-hdrext:ntp-64': t(
		'Full 64-bit NTP timestamp of the packet, for fast synchronisation (RFC 6051).',
		'包的完整 64 位 NTP 时间戳，用于快速同步（RFC 6051）。'
	),
	'urn:ietf:params:rtp-hdrext:ntp-56': t(
		'Short 56-bit NTP timestamp of the packet, for fast synchronisation (RFC 6051).',
		'包的 56 位短 NTP 时间戳，用于快速同步（RFC 6051）。'
	),
	'urn:ietf:params:rtp-hdrext:sdes:cname': t(
		'Carries the CNAME in packets (RFC 7941).',
		'在包中携带 CNAME（RFC 7941）。'
	),
	'urn:ietf:params:rtp-hdrext:smpte-tc': t(
		'SMPTE time code of the frame (RFC 5484).',
		'帧的 SMPTE 时间码（RFC 5484）。'
	)
};

// ---------------------------------------------------------------------------------------------
// RTCP feedback (a=rtcp-fb values) and source attributes (a=ssrc:<id> <attribute>)
// ---------------------------------------------------------------------------------------------

export const rtcpFeedback: Record<string, Localized> = {
	// a=rtcp-fb:96 nack
	nack: t(
		'nack: ask for lost packets to be sent again (RFC 4585 §6.2.1).',
		'nack：请求重传丢失的包（RFC 4585 §6.2.1）。'
	),
	'nack pli': t(
		'nack pli: picture loss, ask for a new key frame (RFC 4585 §6.3.1).',
		'nack pli：画面丢失，请求发送新的关键帧（RFC 4585 §6.3.1）。'
	),
	'nack sli': t(
		'nack sli: slice loss, part of a picture was lost (RFC 4585 §6.3.2).',
		'nack sli：条带丢失，画面的一部分丢了（RFC 4585 §6.3.2）。'
	),
	'nack rpsi': t(
		'nack rpsi: reference picture selection, tells the sender which picture to predict from (RFC 4585 §6.3.3).',
		'nack rpsi：参考图像选择，告诉发送方应以哪幅图像为参考（RFC 4585 §6.3.3）。'
	),
	'ack rpsi': t(
		'ack rpsi: positive acknowledgement of reference pictures (RFC 4585 §4.2).',
		'ack rpsi：对参考图像的肯定确认（RFC 4585 §4.2）。'
	),
	'ccm fir': t(
		'ccm fir: full intra request, also asks for a key frame (RFC 5104 §3.5.1).',
		'ccm fir：完整帧内请求，同样是请求关键帧（RFC 5104 §3.5.1）。'
	),
	'ccm tmmbr': t(
		'ccm tmmbr: temporary maximum bitrate request, the receiver caps the sender’s bitrate (RFC 5104 §3.5.4).',
		'ccm tmmbr：临时最大码率请求，由接收方限制发送方的码率（RFC 5104 §3.5.4）。'
	),
	'ccm tstr': t(
		'ccm tstr: temporal-spatial trade-off request, more frames or sharper frames (RFC 5104 §3.5.2).',
		'ccm tstr：时间-空间权衡请求，要更多帧还是更清晰的帧（RFC 5104 §3.5.2）。'
	),
	'ccm vbcm': t(
		'ccm vbcm: video back channel messages (RFC 5104 §3.5.3).',
		'ccm vbcm：视频回传信道消息（RFC 5104 §3.5.3）。'
	),
	'trr-int': t(
		'trr-int: the smallest interval (ms) between regular RTCP reports (RFC 4585 §3.6.1).',
		'trr-int：两次常规 RTCP 报告之间的最小间隔（毫秒）（RFC 4585 §3.6.1）。'
	),
	'goog-remb': t(
		'goog-remb: receiver-side bandwidth estimate (older congestion control).',
		'goog-remb：接收端估算的带宽（较旧的拥塞控制方式）。'
	),
	'transport-cc': t(
		'transport-cc: per-packet arrival reports for sender-side congestion control.',
		'transport-cc：逐包到达报告，供发送端做拥塞控制。'
	),
	'goog-lntf': t(
		'goog-lntf: loss notification, tells the sender which frames could not be decoded (Chromium).',
		'goog-lntf：丢失通知，告诉发送方哪些帧无法解码（Chromium）。'
	)
};

export const ssrcAttributes: Record<string, Localized> = {
	// a=ssrc:573845648 cname:3sIItV0q9vJTDUMp
	cname: t(
		'cname: canonical name; streams with the same cname are played in sync.',
		'cname：规范名称；cname 相同的流会同步播放。'
	),
	// a=ssrc:573845648 msid:stream track
	msid: t(
		'msid: the stream and track of this SSRC (older form of a=msid).',
		'msid：该 SSRC 所属的流和轨道（a=msid 的旧写法）。'
	),
	// a=ssrc:573845648 mslabel:stream  (Plan B, pre-standard; Janus and pion still write it)
	mslabel: t(
		'mslabel: the MediaStream id of this SSRC, from pre-standard Plan B SDP.',
		'mslabel：该 SSRC 所属 MediaStream 的 ID，来自标准化之前的 Plan B SDP。'
	),
	// a=ssrc:573845648 label:track
	label: t(
		'label: the track id of this SSRC, from pre-standard Plan B SDP.',
		'label：该 SSRC 的轨道 ID，来自标准化之前的 Plan B SDP。'
	),
	// a=ssrc:573845648 previous-ssrc:123
	'previous-ssrc': t(
		'previous-ssrc: the SSRC this one replaces (RFC 5576 §6.2).',
		'previous-ssrc：被这个 SSRC 取代的旧 SSRC（RFC 5576 §6.2）。'
	),
	// a=ssrc:573845648 fmtp:96 …
	fmtp: t(
		'fmtp: format parameters that apply to this source only (RFC 5576 §6.3).',
		'fmtp：只对这个源生效的格式参数（RFC 5576 §6.3）。'
	)
};

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

const byKey = new Map(sdpAttributes.map((info) => [info.key, info]));
const codecByName = new Map(codecs.map((codec) => [codec.name.toLowerCase(), codec]));

export function attributeInfo(key: string): SdpAttributeInfo | undefined {
	return byKey.get(key) ?? byKey.get(key.toLowerCase());
}

export function codecInfo(name: string): CodecInfo | undefined {
	return codecByName.get(name.toLowerCase());
}

/**
 * The meaning of an fmtp parameter for a codec: the codec's own entry first, then a
 * codec-independent one. Without a codec (no rtpmap for the payload type) every entry of that
 * name is returned, since the meaning cannot be told.
 */
export function fmtpParamInfo(name: string, codec?: string): FmtpParamInfo[] {
	const lower = name.toLowerCase();
	const wanted = lower.startsWith('x-google-') ? 'x-google-*' : lower;
	const named = fmtpParams.filter((param) => param.name.toLowerCase() === wanted);
	if (codec === undefined || codec === '') return named;
	const c = codec.toLowerCase();
	const own = named.filter((param) => param.codecs?.includes(c));
	if (own.length > 0) return own;
	return named.filter((param) => param.codecs === undefined);
}

export function headerExtensionInfo(uri: string): Localized | undefined {
	return Object.hasOwn(headerExtensions, uri) ? headerExtensions[uri] : undefined;
}

/** `nack pli`, `transport-cc`, `trr-int 100`, `ccm tmmbr smaxpr=120` → their record. */
export function rtcpFeedbackInfo(value: string): Localized | undefined {
	const [type = '', param] = value.trim().split(/\s+/);
	if (type === 'trr-int') return rtcpFeedback['trr-int'];
	const key = param && !param.includes('=') ? `${type} ${param}` : type;
	return Object.hasOwn(rtcpFeedback, key) ? rtcpFeedback[key] : undefined;
}

export function ssrcAttributeInfo(name: string): Localized | undefined {
	return Object.hasOwn(ssrcAttributes, name) ? ssrcAttributes[name] : undefined;
}

/** The `values` of one detail rule of a record, e.g. the ice-options tokens or ssrc-group semantics. */
export function detailValues(key: string): Record<string, Localized> {
	const out: Record<string, Localized> = {};
	for (const rule of attributeInfo(key)?.details ?? []) Object.assign(out, rule.values ?? {});
	return out;
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
const labelled = (label: string, text: Localized): Localized => ({
	en: `${label}: ${text.en}`,
	'zh-CN': `${label}：${text['zh-CN']}`
});
const titled = (title: Localized, text: Localized): Localized => ({
	en: `${title.en}: ${text.en}`,
	'zh-CN': `${title['zh-CN']}：${text['zh-CN']}`
});
const firstSentence = (text: Localized): Localized => ({
	en: /^.*?\.(?=\s|$)/.exec(text.en)?.[0] ?? text.en,
	'zh-CN': /^.*?。/.exec(text['zh-CN'])?.[0] ?? text['zh-CN']
});

/** What a line's surroundings tell about its value: the codec of each payload type. */
export interface LineContext {
	/** Encoding name (from a=rtpmap, or the static table) of a payload type in this section. */
	codecOf?: (payloadType: string) => string | undefined;
}

/** What one detail rule found. */
interface Found {
	parts: Localized[];
	/** Tokens of a strict rule that no table knows. */
	unknown: string[];
	api: Localized[];
	candidateError?: CandidateProblem;
}

/**
 * a=candidate, told by core/ice: type, address kind, priority split (RFC 8445 §5.1.2.1),
 * component, tcptype. The ice module owns this knowledge; here it is only put in order.
 */
function explainCandidate(value: string, found: Found) {
	const result = parseCandidate(`candidate:${value}`);
	if (!result.ok) {
		found.candidateError = result.problem;
		return;
	}
	const c = result.candidate;
	const type = candidateTypeKnowledge[c.type];
	const label = candidateTypeLabels[c.type];
	found.parts.push({
		en: `${type.title.en}: ${label.en} (${type.ref}).`,
		'zh-CN': `${type.title['zh-CN']}：${label['zh-CN']}（${type.ref}）。`
	});
	found.parts.push(firstSentence(type.text));
	if (c.addressKind === 'mdns')
		found.parts.push(titled(mdnsKnowledge.title, firstSentence(mdnsKnowledge.text)));
	const p = c.priorityParts;
	found.parts.push({
		en: `Priority ${c.priority} = ${p.typePreference}·2^24 + ${p.localPreference}·2^8 + ${p.componentPreference}: type preference ${p.typePreference}, local preference ${p.localPreference}, component preference ${p.componentPreference} (RFC 8445 §5.1.2.1).`,
		'zh-CN': `优先级 ${c.priority} = ${p.typePreference}·2^24 + ${p.localPreference}·2^8 + ${p.componentPreference}：类型优先级 ${p.typePreference}，本地优先级 ${p.localPreference}，组件优先级 ${p.componentPreference}（RFC 8445 §5.1.2.1）。`
	});
	const component =
		c.component === 1 || c.component === 2 ? componentKnowledge[c.component] : undefined;
	if (component) {
		found.parts.push({ en: `${component.title.en}.`, 'zh-CN': `${component.title['zh-CN']}。` });
	}
	if (c.tcpType) {
		const tcp = tcpTypeKnowledge[c.tcpType];
		found.parts.push(titled(tcp.title, firstSentence(tcp.text)));
	}
}

/** Looks the token of one detail rule up in its table. */
function detailFor(rule: SdpDetailRule, token: string, context: LineContext, found: Found) {
	const miss = (what: string) => {
		if (rule.strict) found.unknown.push(what);
	};
	if (rule.values) {
		const value = rule.values[token] ?? rule.values[token.toLowerCase()];
		if (value) found.parts.push(value);
		else miss(token);
		return;
	}
	switch (rule.table) {
		case 'codecs': {
			const codec = codecInfo(token);
			if (codec) found.parts.push(codec.explanation);
			else miss(token);
			return;
		}
		case 'header-extensions': {
			const ext = headerExtensionInfo(token);
			if (ext) found.parts.push(ext);
			else miss(token);
			return;
		}
		case 'rtcp-fb': {
			const fb = rtcpFeedbackInfo(token);
			if (fb) found.parts.push(fb);
			else miss(token);
			return;
		}
		case 'ssrc-attributes': {
			const attr = ssrcAttributeInfo(token);
			if (attr) found.parts.push(attr);
			else miss(token);
			return;
		}
		case 'candidate':
			explainCandidate(token, found);
			return;
		case 'fmtp-params':
			explainFmtp(token, context, found, rule.strict === true);
			return;
	}
}

/** `a=fmtp:<pt> <params>`: the token is the whole value, payload type first. */
function explainFmtp(value: string, context: LineContext, found: Found, strict: boolean) {
	const space = value.indexOf(' ');
	const pt = value.slice(0, space);
	const params = value.slice(space + 1).trim();
	const codec = context.codecOf?.(pt);
	const lower = codec?.toLowerCase();
	if (!params.includes('=')) {
		// A bare value: RED's "111/111" or telephone-event's "0-15". Without an rtpmap, tell them
		// apart by their shape.
		const kind =
			lower && Object.hasOwn(bareFmtp, lower)
				? lower
				: lower === undefined && /^\d+(?:\/\d+)+$/.test(params)
					? 'red'
					: lower === undefined && /^[\d,\s-]+$/.test(params)
						? 'telephone-event'
						: undefined;
		const info = kind ? bareFmtp[kind] : undefined;
		if (info) found.parts.push(labelled(params, info.explanation));
		else if (strict) found.unknown.push(params);
		return;
	}
	// "useinbandfec=1; maxaveragebitrate=30000" (FreeSWITCH puts a space after each ";").
	for (const part of params.split(';')) {
		const name = (part.split('=')[0] ?? '').trim();
		if (name === '') continue;
		const infos = fmtpParamInfo(name, codec);
		if (infos.length === 0) {
			if (strict) found.unknown.push(name);
			continue;
		}
		if (infos.length === 1 || codec) {
			const info = infos[0]!;
			found.parts.push(labelled(name, info.explanation));
			if (info.api) found.api.push(labelled(name, info.api));
		} else {
			// No rtpmap for this payload type: the same name means different things per codec.
			for (const info of infos) {
				found.parts.push(labelled(`${name} (${(info.codecs ?? []).join('/')})`, info.explanation));
			}
		}
	}
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
	/** Values of a known key that no table knows (a codec, an extension URI, a parameter…). */
	unrecognised: string[];
	/** The record's API note plus notes for the values (a munged fmtp parameter…). */
	api?: Localized;
	/** a=candidate only: why core/ice's parser rejected the candidate. */
	candidateError?: CandidateProblem;
}

/**
 * Explains one SDP line (already trimmed). Unknown keys come back without `info`. `context`
 * makes fmtp codec-aware: parseSdp passes the codec of each payload type of the section.
 */
export function explainLine(text: string, context: LineContext = {}): LineExplanation {
	const { key, value } = splitLine(text);
	const info = attributeInfo(key);
	if (!info) return { key, value, badValue: false, unrecognised: [] };
	const found: Found = { parts: [], unknown: [], api: [] };
	const codecOf =
		context.codecOf ??
		((pt: string) => (/^\d+$/.test(pt) ? staticPayloadTypes[Number(pt)]?.name : undefined));
	for (const rule of info.details ?? []) {
		const token = rule.pattern.exec(value)?.[1];
		if (token === undefined) continue;
		if (rule.each) {
			for (const item of token.split(rule.each)) {
				if (item !== '') detailFor(rule, item, { codecOf }, found);
			}
		} else {
			detailFor(rule, token, { codecOf }, found);
		}
	}
	const detail = found.parts.length > 0 ? join(found.parts) : undefined;
	const apiParts = [...(info.api ? [info.api] : []), ...found.api];
	const explained: LineExplanation = {
		key,
		value,
		info,
		explanation: detail ? join([info.explanation, detail]) : info.explanation,
		detail,
		badValue: info.syntax ? !info.syntax.test(value) : false,
		unrecognised: found.unknown
	};
	if (apiParts.length > 0) {
		explained.api = {
			en: apiParts.map((part) => part.en).join('. '),
			'zh-CN': apiParts.map((part) => part['zh-CN']).join('。')
		};
	}
	if (found.candidateError !== undefined) explained.candidateError = found.candidateError;
	return explained;
}

/** `` `code` `` spans of an API note as plain text (for the English `SdpLine.api`). */
export const plainApi = (text: string): string => text.replaceAll('`', '');
