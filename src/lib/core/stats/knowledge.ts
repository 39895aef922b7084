// What each getStats() field means: W3C "Identifiers for WebRTC's Statistics API"
// (https://w3c.github.io/webrtc-stats/), one record per field, in English and Simplified Chinese.
// Fields are listed under the WebIDL dictionary that defines them; a report type reads the
// chain of dictionaries it inherits from (e.g. inbound-rtp = RTCStats → RTCRtpStreamStats →
// RTCReceivedRtpStreamStats → RTCInboundRtpStreamStats), as the spec does.
import { localized, type Localized } from '../locale';

export interface FieldInfo extends Localized {
	/** Where browsers differ, or a Chrome-only field. */
	note?: Localized;
}

const f = (en: string, zh: string, note?: Localized): FieldInfo =>
	note ? { ...localized(en, zh), note } : localized(en, zh);
const n = localized;

export interface StatsDictionary {
	name: string;
	/** Anchor in the spec, e.g. `dom-rtcinboundrtpstreamstats`. */
	anchor: string;
	fields: Record<string, FieldInfo>;
}

const CHROME_ONLY = n(
	'Chrome-specific, not in the W3C specification; other browsers do not report it.',
	'Chrome 特有字段，不在 W3C 规范中；其他浏览器不提供。'
);
const DEPRECATED_KIND = n(
	'Chrome still reports this old alias of `kind`; the specification removed it.',
	'这是 `kind` 的旧别名，规范已删除，Chrome 仍在提供。'
);

export const dictionaries: Record<string, StatsDictionary> = {
	RTCStats: {
		name: 'RTCStats',
		anchor: 'dom-rtcstats',
		fields: {
			id: f(
				'Unique id of this stats object within the report; stable across calls.',
				'该统计对象在报告中的唯一 ID，多次调用间保持不变。'
			),
			type: f(
				'Which kind of stats object this is (RTCStatsType).',
				'统计对象的类型（RTCStatsType）。'
			),
			timestamp: f(
				'When the values were sampled, in milliseconds since the Unix epoch.',
				'取样时间，自 Unix 纪元起的毫秒数。'
			)
		}
	},
	RTCRtpStreamStats: {
		name: 'RTCRtpStreamStats',
		anchor: 'dom-rtcrtpstreamstats',
		fields: {
			ssrc: f(
				'The RTP synchronisation source (SSRC) identifying this stream (RFC 3550).',
				'标识该流的 RTP 同步源 SSRC（RFC 3550）。'
			),
			kind: f('"audio" or "video".', '"audio" 或 "video"。'),
			transportId: f(
				'Id of the transport stats object carrying this stream.',
				'承载该流的 transport 统计对象的 ID。'
			),
			codecId: f(
				'Id of the codec stats object for the payload type in use.',
				'当前负载类型对应的 codec 统计对象 ID。'
			),
			mediaType: f('Old name of `kind`.', '`kind` 的旧名称。', DEPRECATED_KIND)
		}
	},
	RTCReceivedRtpStreamStats: {
		name: 'RTCReceivedRtpStreamStats',
		anchor: 'dom-rtcreceivedrtpstreamstats',
		fields: {
			packetsReceived: f(
				'Total RTP packets received for this SSRC (including retransmissions).',
				'该 SSRC 收到的 RTP 包总数（含重传）。'
			),
			packetsLost: f(
				'Packets lost as defined by RFC 3550 §6.4.1 (expected minus received); may be negative with duplicates.',
				'按 RFC 3550 §6.4.1 计算的丢包数（期望数减实收数）；有重复包时可能为负。'
			),
			jitter: f(
				'Interarrival jitter in seconds (RFC 3550 §6.4.1).',
				'包到达间隔抖动，单位秒（RFC 3550 §6.4.1）。'
			),
			packetsDiscarded: f(
				'Packets discarded by the jitter buffer because they came too late or too early.',
				'因到达过晚或过早被抖动缓冲区丢弃的包数。'
			),
			packetsReceivedWithEct1: f(
				'Packets received with the ECT(1) ECN marking (L4S).',
				'带 ECT(1) ECN 标记（L4S）接收的包数。'
			),
			packetsReceivedWithCe: f(
				'Packets received with the Congestion Experienced ECN marking.',
				'带“拥塞经历”（CE）ECN 标记接收的包数。'
			)
		}
	},
	RTCInboundRtpStreamStats: {
		name: 'RTCInboundRtpStreamStats',
		anchor: 'dom-rtcinboundrtpstreamstats',
		fields: {
			trackIdentifier: f(
				'The id of the MediaStreamTrack this stream plays into.',
				'该流所播放到的 MediaStreamTrack 的 ID。'
			),
			mid: f('The m-section (a=mid) this receiver belongs to.', '该接收端所属的媒体段（a=mid）。'),
			remoteId: f(
				"Id of the remote-outbound-rtp object: the sender's view of this stream from RTCP SR.",
				'对应 remote-outbound-rtp 对象的 ID：来自 RTCP SR 的发送端视角。'
			),
			framesDecoded: f('Frames correctly decoded so far.', '已成功解码的帧数。'),
			keyFramesDecoded: f('Key frames decoded so far.', '已解码的关键帧数。'),
			framesRendered: f('Frames rendered so far.', '已渲染的帧数。'),
			framesDropped: f(
				'Frames dropped before decoding (too late, or decoder overload).',
				'解码前被丢弃的帧数（过晚或解码器过载）。'
			),
			frameWidth: f(
				'Width of the last decoded frame, in pixels.',
				'最近一帧解码画面的宽度（像素）。'
			),
			frameHeight: f(
				'Height of the last decoded frame, in pixels.',
				'最近一帧解码画面的高度（像素）。'
			),
			framesPerSecond: f('Decoded frames in the last second.', '最近一秒解码的帧数。'),
			qpSum: f(
				'Sum of quantisation parameters of decoded frames; qpSum/framesDecoded is the mean QP (higher = coarser).',
				'已解码帧量化参数之和；qpSum/framesDecoded 为平均 QP（越大画质越粗）。'
			),
			totalDecodeTime: f('Seconds spent decoding frames.', '解码所用的总秒数。'),
			totalInterFrameDelay: f(
				'Sum of the delays between consecutive rendered frames, in seconds.',
				'相邻渲染帧之间间隔之和（秒）。'
			),
			totalSquaredInterFrameDelay: f(
				'Sum of squared inter-frame delays; with the above gives their variance.',
				'帧间隔平方和；与上一项一起可算出方差。'
			),
			pauseCount: f(
				'Video pauses (no frame rendered for 5 s or more).',
				'视频暂停次数（5 秒以上没有渲染新帧）。'
			),
			totalPausesDuration: f('Total duration of pauses, in seconds.', '暂停总时长（秒）。'),
			freezeCount: f(
				'Video freezes (an inter-frame delay far above the recent mean).',
				'视频卡顿次数（帧间隔远大于近期平均值）。'
			),
			totalFreezesDuration: f('Total duration of freezes, in seconds.', '卡顿总时长（秒）。'),
			lastPacketReceivedTimestamp: f(
				'When the last packet was received (ms since the epoch).',
				'最近一个包的接收时间（纪元毫秒）。'
			),
			headerBytesReceived: f(
				'RTP header and padding bytes received.',
				'收到的 RTP 头部与填充字节数。'
			),
			fecPacketsReceived: f(
				'Forward error correction packets received.',
				'收到的前向纠错（FEC）包数。'
			),
			fecPacketsDiscarded: f('FEC packets received but not needed.', '收到但未被使用的 FEC 包数。'),
			bytesReceived: f(
				'RTP payload bytes received (no headers or padding).',
				'收到的 RTP 负载字节数（不含头部与填充）。'
			),
			nackCount: f(
				'NACKs sent to ask for retransmission (RFC 4585).',
				'为请求重传而发送的 NACK 数（RFC 4585）。'
			),
			firCount: f(
				'Full Intra Requests sent (RFC 5104).',
				'发送的完整帧内请求 FIR 数（RFC 5104）。'
			),
			pliCount: f(
				'Picture Loss Indications sent (RFC 4585).',
				'发送的图像丢失指示 PLI 数（RFC 4585）。'
			),
			totalProcessingDelay: f(
				'Sum of the time from receiving the first packet of a frame to decoding it, in seconds.',
				'每帧从收到首包到完成解码的时间之和（秒）。'
			),
			totalAssemblyTime: f(
				'Sum of the time to assemble frames spread over several packets, in seconds.',
				'多包帧组装所用时间之和（秒）。'
			),
			framesAssembledFromMultiplePackets: f(
				'Frames assembled from more than one packet.',
				'由多个包组装而成的帧数。'
			),
			framesReceived: f('Complete frames received.', '收到的完整帧数。'),
			decoderImplementation: f(
				'Name of the decoder (e.g. libvpx, ffmpeg); shown only with camera/mic permission.',
				'解码器名称（如 libvpx、ffmpeg）；需摄像头/麦克风授权后才提供。'
			),
			powerEfficientDecoder: f(
				'Whether the decoder is power efficient (usually hardware).',
				'解码器是否节能（通常为硬件解码）。'
			),
			playoutId: f(
				'Id of the media-playout object for this audio stream.',
				'该音频流对应的 media-playout 对象 ID。'
			),
			jitterBufferDelay: f(
				'Sum of the time each sample or frame spent in the jitter buffer, in seconds.',
				'每个样本或帧在抖动缓冲区停留时间之和（秒）。'
			),
			jitterBufferTargetDelay: f(
				"Sum of the jitter buffer's target delay at each emission, in seconds.",
				'每次输出时抖动缓冲区目标延迟之和（秒）。'
			),
			jitterBufferMinimumDelay: f(
				'Sum of the minimum delay the buffer could have had, in seconds.',
				'抖动缓冲区可达最小延迟之和（秒）。'
			),
			jitterBufferEmittedCount: f(
				'Samples or frames that left the jitter buffer; divide the delays above by it.',
				'离开抖动缓冲区的样本或帧数；上述延迟除以它得平均值。'
			),
			totalSamplesReceived: f('Audio samples received.', '收到的音频样本数。'),
			concealedSamples: f(
				'Audio samples replaced by loss concealment.',
				'被丢包隐藏算法替换的音频样本数。'
			),
			silentConcealedSamples: f('Concealed samples that were silent.', '被隐藏且为静音的样本数。'),
			concealmentEvents: f(
				'Times concealment started after real samples.',
				'由真实样本转入丢包隐藏的次数。'
			),
			insertedSamplesForDeceleration: f(
				'Samples inserted to slow playout down (jitter buffer growing).',
				'为减慢播放（抖动缓冲增大）而插入的样本数。'
			),
			removedSamplesForAcceleration: f(
				'Samples removed to speed playout up.',
				'为加快播放而删除的样本数。'
			),
			audioLevel: f(
				'Audio level of the received track, 0..1 (linear; 0.5 ≈ −6 dBov).',
				'接收音轨的音量，0..1（线性；0.5 约为 −6 dBov）。'
			),
			totalAudioEnergy: f(
				'Sum of audioLevel² × sample duration; its rate gives loudness.',
				'audioLevel² × 样本时长之和；其变化率反映响度。'
			),
			totalSamplesDuration: f('Seconds of audio received.', '收到的音频总时长（秒）。'),
			retransmittedPacketsReceived: f(
				'Retransmitted packets received (RTX, RFC 4588).',
				'收到的重传包数（RTX，RFC 4588）。'
			),
			retransmittedBytesReceived: f(
				'Retransmitted payload bytes received.',
				'收到的重传负载字节数。'
			),
			rtxSsrc: f('SSRC of the RTX stream carrying retransmissions.', '承载重传的 RTX 流的 SSRC。'),
			googTimingFrameInfo: f(
				'Timing of one recent frame through the pipeline (capture, encode, network, decode).',
				'近期某一帧在各环节（采集、编码、网络、解码）的时间信息。',
				CHROME_ONLY
			)
		}
	},
	RTCRemoteInboundRtpStreamStats: {
		name: 'RTCRemoteInboundRtpStreamStats',
		anchor: 'dom-rtcremoteinboundrtpstreamstats',
		fields: {
			localId: f(
				'Id of our outbound-rtp object this report is about.',
				'该报告所对应的本地 outbound-rtp 对象 ID。'
			),
			roundTripTime: f(
				'Latest RTT in seconds, computed from RTCP receiver reports (RFC 3550 §6.4.1 LSR/DLSR).',
				'由 RTCP 接收报告（RFC 3550 §6.4.1 的 LSR/DLSR）算出的最新往返时间（秒）。'
			),
			totalRoundTripTime: f(
				'Sum of all RTT measurements, in seconds.',
				'所有往返时间测量之和（秒）。'
			),
			fractionLost: f(
				'Fraction of packets lost in the last reporting interval, 0..1, as the receiver saw it.',
				'接收端在最近报告周期内看到的丢包比例，0..1。'
			),
			roundTripTimeMeasurements: f(
				'Number of RTT measurements so far.',
				'已进行的往返时间测量次数。'
			)
		}
	},
	RTCSentRtpStreamStats: {
		name: 'RTCSentRtpStreamStats',
		anchor: 'dom-rtcsentrtpstreamstats',
		fields: {
			packetsSent: f(
				'RTP packets sent (including retransmissions).',
				'已发送的 RTP 包数（含重传）。'
			),
			bytesSent: f(
				'RTP payload bytes sent (no headers or padding).',
				'已发送的 RTP 负载字节数（不含头部与填充）。'
			)
		}
	},
	RTCOutboundRtpStreamStats: {
		name: 'RTCOutboundRtpStreamStats',
		anchor: 'dom-rtcoutboundrtpstreamstats',
		fields: {
			mid: f('The m-section (a=mid) this sender belongs to.', '该发送端所属的媒体段（a=mid）。'),
			mediaSourceId: f(
				'Id of the media-source object: the track being sent.',
				'对应 media-source 对象的 ID，即正在发送的轨道。'
			),
			remoteId: f(
				"Id of the remote-inbound-rtp object: the receiver's view of this stream from RTCP RR.",
				'对应 remote-inbound-rtp 对象的 ID：来自 RTCP RR 的接收端视角。'
			),
			rid: f(
				'The RTP stream id of this simulcast layer (a=rid).',
				'该联播层的 RTP 流 ID（a=rid）。'
			),
			encodingIndex: f(
				"Index of this encoding in the sender's sendEncodings.",
				'该编码在发送端 sendEncodings 中的序号。'
			),
			headerBytesSent: f('RTP header and padding bytes sent.', '已发送的 RTP 头部与填充字节数。'),
			retransmittedPacketsSent: f(
				'Packets retransmitted (RTX, RFC 4588).',
				'重传的包数（RTX，RFC 4588）。'
			),
			retransmittedBytesSent: f('Payload bytes retransmitted.', '重传的负载字节数。'),
			rtxSsrc: f('SSRC of the RTX stream.', 'RTX 流的 SSRC。'),
			targetBitrate: f(
				"The encoder's current target bitrate, bits per second.",
				'编码器当前的目标码率（比特/秒）。'
			),
			totalEncodedBytesTarget: f(
				"Sum of the encoder's per-frame byte targets.",
				'编码器每帧目标字节数之和。',
				CHROME_ONLY
			),
			frameWidth: f(
				'Width of the last encoded frame, in pixels.',
				'最近一帧编码画面的宽度（像素）。'
			),
			frameHeight: f(
				'Height of the last encoded frame, in pixels.',
				'最近一帧编码画面的高度（像素）。'
			),
			framesPerSecond: f('Encoded frames in the last second.', '最近一秒编码的帧数。'),
			framesSent: f('Frames sent.', '已发送的帧数。'),
			hugeFramesSent: f(
				'Frames much larger than average (typically key frames after a change).',
				'远大于平均大小的帧数（通常是变化后的关键帧）。'
			),
			framesEncoded: f('Frames successfully encoded.', '成功编码的帧数。'),
			keyFramesEncoded: f('Key frames encoded.', '编码的关键帧数。'),
			qpSum: f(
				'Sum of quantisation parameters of encoded frames; qpSum/framesEncoded is the mean QP.',
				'已编码帧量化参数之和；qpSum/framesEncoded 为平均 QP。'
			),
			totalEncodeTime: f('Seconds spent encoding.', '编码所用的总秒数。'),
			totalPacketSendDelay: f(
				'Sum of the time packets waited in the pacer before being sent, in seconds.',
				'包在发送节奏器中等待时间之和（秒）。'
			),
			qualityLimitationReason: f(
				'Why resolution or frame rate is reduced now: none, cpu, bandwidth or other.',
				'当前分辨率或帧率降低的原因：none、cpu、bandwidth 或 other。'
			),
			qualityLimitationDurations: f(
				'Seconds spent in each quality limitation reason.',
				'处于各种质量限制原因下的时长（秒）。'
			),
			qualityLimitationResolutionChanges: f(
				'Times the resolution changed because of a quality limitation.',
				'因质量限制导致分辨率变化的次数。'
			),
			nackCount: f('NACKs received from the receiver.', '从接收端收到的 NACK 数。'),
			firCount: f('FIRs received.', '收到的 FIR 数。'),
			pliCount: f(
				'PLIs received: the receiver asked for a key frame.',
				'收到的 PLI 数：接收端请求关键帧。'
			),
			encoderImplementation: f(
				'Name of the encoder (e.g. libvpx); shown only with camera/mic permission.',
				'编码器名称（如 libvpx）；需摄像头/麦克风授权后才提供。'
			),
			powerEfficientEncoder: f(
				'Whether the encoder is power efficient (usually hardware).',
				'编码器是否节能（通常为硬件编码）。'
			),
			active: f(
				'Whether this encoding is being sent (RTCRtpEncodingParameters.active).',
				'该编码是否正在发送（RTCRtpEncodingParameters.active）。'
			),
			scalabilityMode: f(
				'SVC scalability mode in use, e.g. L1T1 (no layers).',
				'当前的 SVC 可伸缩模式，如 L1T1（无分层）。'
			),
			packetsSentWithEct1: f(
				'Packets sent with the ECT(1) ECN marking (L4S).',
				'带 ECT(1) ECN 标记（L4S）发送的包数。'
			)
		}
	},
	RTCRemoteOutboundRtpStreamStats: {
		name: 'RTCRemoteOutboundRtpStreamStats',
		anchor: 'dom-rtcremoteoutboundrtpstreamstats',
		fields: {
			localId: f(
				'Id of our inbound-rtp object this report is about.',
				'该报告所对应的本地 inbound-rtp 对象 ID。'
			),
			remoteTimestamp: f(
				"The sender's clock when it sent the RTCP sender report (ms).",
				'发送端发送 RTCP 发送者报告时的时钟（毫秒）。'
			),
			reportsSent: f('RTCP sender reports sent.', '已发送的 RTCP 发送者报告数。'),
			roundTripTime: f(
				'RTT estimated from RTCP XR DLRR, in seconds (needs rtcp-xr).',
				'由 RTCP XR DLRR 估算的往返时间（秒），需要 rtcp-xr。'
			),
			totalRoundTripTime: f('Sum of RTT measurements, in seconds.', '往返时间测量之和（秒）。'),
			roundTripTimeMeasurements: f('Number of RTT measurements.', '往返时间测量次数。')
		}
	},
	RTCMediaSourceStats: {
		name: 'RTCMediaSourceStats',
		anchor: 'dom-rtcmediasourcestats',
		fields: {
			trackIdentifier: f(
				'The id of the MediaStreamTrack being sent.',
				'正在发送的 MediaStreamTrack 的 ID。'
			),
			kind: f('"audio" or "video".', '"audio" 或 "video"。')
		}
	},
	RTCAudioSourceStats: {
		name: 'RTCAudioSourceStats',
		anchor: 'dom-rtcaudiosourcestats',
		fields: {
			audioLevel: f(
				'Level of the captured audio, 0..1 (before encoding).',
				'采集音频的音量，0..1（编码前）。'
			),
			totalAudioEnergy: f(
				'Sum of audioLevel² × duration of the captured audio.',
				'采集音频的 audioLevel² × 时长之和。'
			),
			totalSamplesDuration: f('Seconds of audio captured.', '采集的音频总时长（秒）。'),
			echoReturnLoss: f(
				'Echo return loss in dB, when echo cancellation is on.',
				'回声回损（dB），开启回声消除时提供。'
			),
			echoReturnLossEnhancement: f('Echo return loss enhancement in dB.', '回声回损增强（dB）。')
		}
	},
	RTCVideoSourceStats: {
		name: 'RTCVideoSourceStats',
		anchor: 'dom-rtcvideosourcestats',
		fields: {
			width: f('Width of the last captured frame, in pixels.', '最近一帧采集画面的宽度（像素）。'),
			height: f(
				'Height of the last captured frame, in pixels.',
				'最近一帧采集画面的高度（像素）。'
			),
			frames: f('Frames captured.', '采集的帧数。'),
			framesPerSecond: f('Frames captured in the last second.', '最近一秒采集的帧数。')
		}
	},
	RTCAudioPlayoutStats: {
		name: 'RTCAudioPlayoutStats',
		anchor: 'dom-rtcaudioplayoutstats',
		fields: {
			kind: f('Always "audio".', '始终为 "audio"。'),
			synthesizedSamplesDuration: f(
				'Seconds of audio synthesised because none was ready for playout.',
				'因无可播放数据而合成的音频时长（秒）。'
			),
			synthesizedSamplesEvents: f('Times synthesised samples were played.', '播放合成样本的次数。'),
			totalSamplesDuration: f('Seconds of audio played out.', '已播放的音频总时长（秒）。'),
			totalPlayoutDelay: f(
				'Sum of the playout delay of each sample, in seconds.',
				'每个样本播放延迟之和（秒）。'
			),
			totalSamplesCount: f('Samples played out.', '已播放的样本数。')
		}
	},
	RTCCodecStats: {
		name: 'RTCCodecStats',
		anchor: 'dom-rtccodecstats',
		fields: {
			payloadType: f('RTP payload type (a=rtpmap).', 'RTP 负载类型（a=rtpmap）。'),
			transportId: f('Id of the transport using this codec.', '使用该编解码器的 transport 的 ID。'),
			mimeType: f('Codec MIME type, e.g. video/VP8.', '编解码器 MIME 类型，如 video/VP8。'),
			clockRate: f('RTP clock rate in Hz.', 'RTP 时钟频率（Hz）。'),
			channels: f('Number of audio channels.', '音频声道数。'),
			sdpFmtpLine: f('The a=fmtp parameters of this payload type.', '该负载类型的 a=fmtp 参数。')
		}
	},
	RTCPeerConnectionStats: {
		name: 'RTCPeerConnectionStats',
		anchor: 'dom-rtcpeerconnectionstats',
		fields: {
			dataChannelsOpened: f(
				'Data channels that have entered the "open" state.',
				'已进入 "open" 状态的数据通道数。'
			),
			dataChannelsClosed: f(
				'Data channels that have left the "open" state.',
				'已离开 "open" 状态的数据通道数。'
			)
		}
	},
	RTCDataChannelStats: {
		name: 'RTCDataChannelStats',
		anchor: 'dom-rtcdatachannelstats',
		fields: {
			label: f("The channel's label.", '数据通道的标签。'),
			protocol: f('The sub-protocol given at creation.', '创建时指定的子协议。'),
			dataChannelIdentifier: f(
				'The SCTP stream id (RTCDataChannel.id).',
				'SCTP 流 ID（RTCDataChannel.id）。'
			),
			state: f('connecting, open, closing or closed.', 'connecting、open、closing 或 closed。'),
			messagesSent: f(
				'Messages sent (API calls to send()).',
				'已发送的消息数（send() 调用次数）。'
			),
			bytesSent: f(
				'Payload bytes sent (no SCTP or DTLS overhead).',
				'已发送的负载字节数（不含 SCTP/DTLS 开销）。'
			),
			messagesReceived: f('Messages received.', '已接收的消息数。'),
			bytesReceived: f('Payload bytes received.', '已接收的负载字节数。')
		}
	},
	RTCTransportStats: {
		name: 'RTCTransportStats',
		anchor: 'dom-rtctransportstats',
		fields: {
			packetsSent: f(
				'Packets sent on this transport (all streams, plus ICE and DTLS).',
				'该传输上发送的包数（所有流及 ICE、DTLS）。'
			),
			packetsReceived: f('Packets received on this transport.', '该传输上接收的包数。'),
			bytesSent: f(
				'Bytes sent on this transport, headers excluded.',
				'该传输上发送的字节数（不含头部）。'
			),
			bytesReceived: f('Bytes received on this transport.', '该传输上接收的字节数。'),
			iceRole: f(
				'controlling or controlled (RFC 8445 §6.1.1).',
				'controlling 或 controlled（RFC 8445 §6.1.1）。'
			),
			iceLocalUsernameFragment: f('The local ICE ufrag in use.', '当前使用的本地 ICE ufrag。'),
			dtlsState: f(
				'new, connecting, connected, closed or failed.',
				'new、connecting、connected、closed 或 failed。'
			),
			iceState: f(
				'The ICE transport state (RTCIceTransportState).',
				'ICE 传输状态（RTCIceTransportState）。'
			),
			selectedCandidatePairId: f(
				'Id of the candidate pair carrying the traffic now.',
				'当前承载流量的候选地址对 ID。',
				n(
					'Firefox has no transport report: look for the candidate-pair with `selected: true` (Firefox-only), or the nominated pair in state succeeded.',
					'Firefox 没有 transport 报告：请查找带 `selected: true`（Firefox 特有）的 candidate-pair，或已提名且状态为 succeeded 的那一对。'
				)
			),
			localCertificateId: f(
				'Id of our DTLS certificate stats object.',
				'本端 DTLS 证书统计对象的 ID。'
			),
			remoteCertificateId: f(
				"Id of the peer's DTLS certificate stats object.",
				'对端 DTLS 证书统计对象的 ID。'
			),
			tlsVersion: f(
				'DTLS version, as hex (FEFD = DTLS 1.2).',
				'DTLS 版本，十六进制（FEFD 即 DTLS 1.2）。'
			),
			dtlsCipher: f('The DTLS cipher suite (IANA name).', 'DTLS 加密套件（IANA 名称）。'),
			dtlsRole: f(
				'client or server in the DTLS handshake (from a=setup).',
				'DTLS 握手中的 client 或 server（由 a=setup 决定）。'
			),
			srtpCipher: f('The SRTP protection profile (RFC 5764).', 'SRTP 保护配置（RFC 5764）。'),
			selectedCandidatePairChanges: f(
				'Times the selected pair changed.',
				'选中候选地址对变化的次数。'
			)
		}
	},
	RTCIceCandidatePairStats: {
		name: 'RTCIceCandidatePairStats',
		anchor: 'dom-rtcicecandidatepairstats',
		fields: {
			transportId: f('Id of the transport this pair belongs to.', '该候选对所属 transport 的 ID。'),
			localCandidateId: f('Id of the local-candidate.', '本地候选地址的 ID。'),
			remoteCandidateId: f('Id of the remote-candidate.', '远端候选地址的 ID。'),
			state: f(
				'Check state: frozen, waiting, in-progress, failed or succeeded (RFC 8445 §6.1.2.6).',
				'检查状态：frozen、waiting、in-progress、failed 或 succeeded（RFC 8445 §6.1.2.6）。'
			),
			nominated: f(
				'Whether ICE nominated this pair (RFC 8445 §8.1.1).',
				'ICE 是否已提名该对（RFC 8445 §8.1.1）。'
			),
			packetsSent: f('Packets sent on this pair.', '该候选对上发送的包数。'),
			packetsReceived: f('Packets received on this pair.', '该候选对上接收的包数。'),
			bytesSent: f(
				'Bytes sent on this pair (no headers, no STUN).',
				'该候选对上发送的字节数（不含头部与 STUN）。'
			),
			bytesReceived: f('Bytes received on this pair.', '该候选对上接收的字节数。'),
			lastPacketSentTimestamp: f(
				'When the last packet was sent (ms since the epoch).',
				'最后一个包的发送时间（纪元毫秒）。'
			),
			lastPacketReceivedTimestamp: f(
				'When the last packet was received.',
				'最后一个包的接收时间。'
			),
			totalRoundTripTime: f(
				'Sum of STUN RTT measurements, in seconds.',
				'STUN 往返时间测量之和（秒）。'
			),
			currentRoundTripTime: f(
				'Latest RTT from STUN consent checks, in seconds (RFC 7675).',
				'由 STUN 许可检查得到的最新往返时间（秒，RFC 7675）。'
			),
			availableOutgoingBitrate: f(
				'Bandwidth estimate for sending, bits per second (congestion control).',
				'发送方向带宽估计（比特/秒，来自拥塞控制）。'
			),
			availableIncomingBitrate: f(
				'Bandwidth estimate for receiving, bits per second.',
				'接收方向带宽估计（比特/秒）。'
			),
			requestsReceived: f(
				'STUN connectivity-check requests received.',
				'收到的 STUN 连通性检查请求数。'
			),
			requestsSent: f('STUN connectivity-check requests sent.', '发送的 STUN 连通性检查请求数。'),
			responsesReceived: f('STUN responses received.', '收到的 STUN 响应数。'),
			responsesSent: f('STUN responses sent.', '发送的 STUN 响应数。'),
			consentRequestsSent: f(
				'STUN consent freshness requests sent (RFC 7675).',
				'发送的 STUN 许可刷新请求数（RFC 7675）。'
			),
			packetsDiscardedOnSend: f(
				'Packets dropped because the socket could not send them.',
				'因套接字无法发送而丢弃的包数。'
			),
			bytesDiscardedOnSend: f(
				'Bytes dropped because the socket could not send them.',
				'因套接字无法发送而丢弃的字节数。'
			),
			priority: f(
				'Pair priority (RFC 8445 §6.1.2.3); may lose precision above 2^53.',
				'候选对优先级（RFC 8445 §6.1.2.3）；超过 2^53 时可能失去精度。'
			),
			writable: f(
				'Whether a STUN response was received on this pair.',
				'是否已在该对上收到 STUN 响应。',
				CHROME_ONLY
			),
			selected: f(
				'Whether this pair carries the traffic.',
				'该对是否正在承载流量。',
				n(
					'Firefox only: Firefox has no transport report, so this flag is how to find the selected pair there.',
					'仅 Firefox 提供：Firefox 没有 transport 报告，要靠这个标志找到选中的候选对。'
				)
			)
		}
	},
	RTCIceCandidateStats: {
		name: 'RTCIceCandidateStats',
		anchor: 'dom-rtcicecandidatestats',
		fields: {
			transportId: f(
				'Id of the transport this candidate belongs to.',
				'该候选地址所属 transport 的 ID。'
			),
			address: f(
				'IP address or mDNS name (.local) of the candidate.',
				'候选地址的 IP 或 mDNS 名称（.local）。'
			),
			port: f('Port of the candidate.', '候选地址的端口。'),
			protocol: f('udp or tcp.', 'udp 或 tcp。'),
			candidateType: f(
				'host, srflx, prflx or relay (RFC 8445 §5.1.1).',
				'host、srflx、prflx 或 relay（RFC 8445 §5.1.1）。'
			),
			priority: f('Candidate priority (RFC 8445 §5.1.2).', '候选地址优先级（RFC 8445 §5.1.2）。'),
			url: f(
				'The STUN/TURN server URL this candidate came from.',
				'获得该候选地址的 STUN/TURN 服务器 URL。'
			),
			relayProtocol: f(
				'Protocol between us and the TURN server: udp, tcp or tls.',
				'本端与 TURN 服务器之间的协议：udp、tcp 或 tls。'
			),
			foundation: f(
				'ICE foundation: candidates alike share it (RFC 8445 §5.1.1.3).',
				'ICE foundation：相似的候选地址共享同一值（RFC 8445 §5.1.1.3）。'
			),
			relatedAddress: f(
				'Base address of a srflx/relay candidate.',
				'srflx/relay 候选地址的基础地址。'
			),
			relatedPort: f('Base port of a srflx/relay candidate.', 'srflx/relay 候选地址的基础端口。'),
			usernameFragment: f('ICE ufrag of the candidate.', '候选地址的 ICE ufrag。'),
			tcpType: f(
				'active, passive or so for TCP candidates (RFC 6544).',
				'TCP 候选地址的 active、passive 或 so（RFC 6544）。'
			),
			ip: f(
				'Old name of `address`.',
				'`address` 的旧名称。',
				n(
					'Deprecated; Chrome still reports it next to `address`.',
					'已废弃；Chrome 仍与 `address` 一起提供。'
				)
			),
			isRemote: f("Whether the candidate is the peer's.", '是否为对端的候选地址。', CHROME_ONLY),
			networkType: f(
				'Network interface type: ethernet, wifi, cellular, vpn…',
				'网络接口类型：ethernet、wifi、cellular、vpn 等。',
				n(
					'Removed from the specification for privacy; Chrome still reports it for local candidates.',
					'出于隐私已从规范删除；Chrome 仍为本地候选地址提供。'
				)
			)
		}
	},
	RTCCertificateStats: {
		name: 'RTCCertificateStats',
		anchor: 'dom-rtccertificatestats',
		fields: {
			fingerprint: f(
				'Certificate fingerprint, as in a=fingerprint.',
				'证书指纹，与 a=fingerprint 相同。'
			),
			fingerprintAlgorithm: f(
				'Hash function of the fingerprint, e.g. sha-256.',
				'指纹所用哈希函数，如 sha-256。'
			),
			base64Certificate: f('The DER certificate, base64-encoded.', 'DER 格式证书的 base64 编码。'),
			issuerCertificateId: f(
				"Id of the issuer's certificate stats, in a chain.",
				'证书链中签发者证书统计对象的 ID。'
			)
		}
	}
};

export interface StatsTypeInfo extends Localized {
	/** Dictionaries in inheritance order; a field is looked up from the last one back. */
	chain: string[];
	note?: Localized;
}

const RTP = ['RTCStats', 'RTCRtpStreamStats'];

export const statsTypes: Record<string, StatsTypeInfo> = {
	'peer-connection': {
		en: 'The connection as a whole.',
		'zh-CN': '整个连接。',
		chain: ['RTCStats', 'RTCPeerConnectionStats']
	},
	transport: {
		en: 'A DTLS/ICE transport: with BUNDLE, one for all media.',
		'zh-CN': '一个 DTLS/ICE 传输；使用 BUNDLE 时所有媒体共用一个。',
		chain: ['RTCStats', 'RTCTransportStats'],
		note: n(
			'Firefox reports no transport: find the selected pair through candidate-pair `selected: true`.',
			'Firefox 不提供 transport 报告：请通过 candidate-pair 的 `selected: true` 找到选中的候选对。'
		)
	},
	'candidate-pair': {
		en: 'A local/remote candidate pair ICE checked.',
		'zh-CN': 'ICE 检查过的一对本地/远端候选地址。',
		chain: ['RTCStats', 'RTCIceCandidatePairStats']
	},
	'local-candidate': {
		en: 'One of our ICE candidates.',
		'zh-CN': '本端的一个 ICE 候选地址。',
		chain: ['RTCStats', 'RTCIceCandidateStats']
	},
	'remote-candidate': {
		en: "One of the peer's ICE candidates.",
		'zh-CN': '对端的一个 ICE 候选地址。',
		chain: ['RTCStats', 'RTCIceCandidateStats']
	},
	certificate: {
		en: "A DTLS certificate (ours or the peer's).",
		'zh-CN': '一个 DTLS 证书（本端或对端）。',
		chain: ['RTCStats', 'RTCCertificateStats']
	},
	codec: {
		en: 'A codec in use by some RTP stream.',
		'zh-CN': '某个 RTP 流正在使用的编解码器。',
		chain: ['RTCStats', 'RTCCodecStats']
	},
	'media-source': {
		en: 'A track attached to a sender, before encoding.',
		'zh-CN': '附加到发送端的轨道（编码前）。',
		chain: ['RTCStats', 'RTCMediaSourceStats', 'RTCAudioSourceStats', 'RTCVideoSourceStats']
	},
	'outbound-rtp': {
		en: 'An RTP stream we send.',
		'zh-CN': '本端发送的一个 RTP 流。',
		chain: [...RTP, 'RTCSentRtpStreamStats', 'RTCOutboundRtpStreamStats']
	},
	'remote-inbound-rtp': {
		en: "The peer's view of a stream we send, from its RTCP receiver reports.",
		'zh-CN': '对端通过 RTCP 接收报告反馈的、我们发送的流的情况。',
		chain: [...RTP, 'RTCReceivedRtpStreamStats', 'RTCRemoteInboundRtpStreamStats']
	},
	'inbound-rtp': {
		en: 'An RTP stream we receive.',
		'zh-CN': '本端接收的一个 RTP 流。',
		chain: [...RTP, 'RTCReceivedRtpStreamStats', 'RTCInboundRtpStreamStats']
	},
	'remote-outbound-rtp': {
		en: "The peer's view of a stream it sends us, from its RTCP sender reports.",
		'zh-CN': '对端通过 RTCP 发送者报告反馈的、它发给我们的流的情况。',
		chain: [...RTP, 'RTCSentRtpStreamStats', 'RTCRemoteOutboundRtpStreamStats']
	},
	'media-playout': {
		en: 'Audio playout (the speaker side).',
		'zh-CN': '音频播放（扬声器一侧）。',
		chain: ['RTCStats', 'RTCAudioPlayoutStats']
	},
	'data-channel': {
		en: 'One RTCDataChannel.',
		'zh-CN': '一个 RTCDataChannel。',
		chain: ['RTCStats', 'RTCDataChannelStats']
	}
};

export interface FieldHelp extends FieldInfo {
	dictionary: string;
	/** https://w3c.github.io/webrtc-stats/#… */
	url: string;
}

/** What `field` means in a report of `type`, or undefined when the table does not know it. */
export function fieldHelp(type: string, field: string): FieldHelp | undefined {
	const chain = statsTypes[type]?.chain ?? ['RTCStats'];
	for (let i = chain.length - 1; i >= 0; i--) {
		const dictionary = dictionaries[chain[i] ?? ''];
		const info =
			dictionary && Object.hasOwn(dictionary.fields, field) ? dictionary.fields[field] : undefined;
		if (dictionary && info) {
			return {
				...info,
				dictionary: dictionary.name,
				url: `https://w3c.github.io/webrtc-stats/#${dictionary.anchor}`
			};
		}
	}
	return undefined;
}

export function statsTypeHelp(type: string): StatsTypeInfo | undefined {
	return Object.hasOwn(statsTypes, type) ? statsTypes[type] : undefined;
}
