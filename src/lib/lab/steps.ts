// The one step table: what each JSEP step does, as data — the API call it makes and one sentence
// on what and why, in English and Simplified Chinese — and the states it passes through: `doing`
// (the state that runs the call) and `done` (the state it ends in). The order of the steps, per
// mode and per role, is the order of the machines' states: both machines build their step states
// from these lists (lab/jsep.ts `stepStates`), the step cards show them, the holds
// (`holdBefore`, `heldAt`) and the lessons' `before:` names derive from them. When one step's
// `done` is the next one's `doing`, the lab moves on by itself (nothing to wait for); otherwise
// the `done` state waits for "Next step". The tests (jsep.test.ts) fail if a machine has a step
// state this table does not list, or the other way round.

import type { Localized } from '$lib/core/locale';
import type { LabConfig } from './types';

export interface LabStep {
	id: string;
	doing: string;
	done: string;
	/** Only in this mode; both modes when absent. */
	mode?: LabConfig['mode'];
	code: string;
	explain: Localized;
	/** JSEP / RFC section behind the step. */
	ref: string;
	/** Only for this role in the remote lab. */
	role?: 'caller' | 'callee';
	/** Shown while the step waits for the other side rather than for a call to finish. */
	waiting?: Localized;
}

const LAB_STEP_TABLE = [
	{
		id: 'createPeers',
		doing: 'creatingPeers',
		done: 'peersCreated',
		code: 'const pcA = new RTCPeerConnection(config); const pcB = new RTCPeerConnection(config);',
		explain: {
			en: 'Each side gets its own RTCPeerConnection: the object that will negotiate, gather ICE candidates and carry media and data.',
			'zh-CN':
				'双方各自创建一个 RTCPeerConnection：它负责协商、收集 ICE 候选地址，并承载媒体和数据。'
		},
		ref: 'W3C WebRTC §4.4'
	},
	{
		id: 'createDataChannel',
		doing: 'creatingDataChannel',
		done: 'dataChannelCreated',
		mode: 'datachannel',
		code: "const channel = pcA.createDataChannel('chat');",
		explain: {
			en: 'Creating a data channel before the offer makes the offer contain an m=application section, so SCTP over DTLS is negotiated.',
			'zh-CN':
				'在生成 offer 之前创建数据通道，offer 中才会出现 m=application 段，从而协商基于 DTLS 的 SCTP。'
		},
		ref: 'RFC 8831 §6'
	},
	{
		id: 'addMedia',
		doing: 'addingMedia',
		done: 'mediaAdded',
		mode: 'media',
		code: 'stream.getTracks().forEach((track) => pc.addTrack(track, stream));',
		explain: {
			en: 'Each side captures audio and video (or synthesises them) and adds the tracks, so the offer and answer describe an audio and a video section.',
			'zh-CN':
				'双方采集（或合成）音频和视频并添加轨道，这样 offer 和 answer 中就会描述音频段和视频段。'
		},
		ref: 'W3C WebRTC §5.1'
	},
	{
		id: 'createOffer',
		doing: 'creatingOffer',
		done: 'offerCreated',
		code: 'const offer = await pcA.createOffer();',
		explain: {
			en: 'Peer A writes an SDP offer: its codecs, ICE credentials, DTLS fingerprint and one m-section per transceiver or data channel. Nothing is applied yet.',
			'zh-CN':
				'A 端生成 SDP offer：其中包含编解码器、ICE 凭据、DTLS 指纹，以及每个收发器或数据通道对应的 m 段。此时尚未应用任何内容。'
		},
		ref: 'RFC 9429 §5.2'
	},
	{
		id: 'setLocalOffer',
		doing: 'settingLocalOffer',
		done: 'localOfferSet',
		code: 'await pcA.setLocalDescription(offer);',
		explain: {
			en: 'Applying its own offer moves A to have-local-offer and starts ICE gathering; without trickle the lab waits until gathering is complete so the offer carries every candidate.',
			'zh-CN':
				'应用自己的 offer 后，A 进入 have-local-offer 状态并开始收集 ICE 候选；若不使用 trickle，实验会等收集完成，让 offer 带上全部候选地址。'
		},
		ref: 'RFC 9429 §5.5'
	},
	{
		id: 'signalOffer',
		doing: 'signalingOffer',
		done: 'offerSignaled',
		code: "signaling.send({ type: 'offer', sdp: pcA.localDescription.sdp });",
		explain: {
			en: 'WebRTC does not define how descriptions travel: the application sends the offer to B over its own signaling channel (here, in memory).',
			'zh-CN':
				'WebRTC 并未规定描述如何传递：由应用通过自己的信令通道把 offer 发给 B（这里在内存中传递）。'
		},
		ref: 'RFC 9429 §3.1'
	},
	{
		id: 'setRemoteOffer',
		doing: 'settingRemoteOffer',
		done: 'remoteOfferSet',
		code: 'await pcB.setRemoteDescription(offer);',
		explain: {
			en: 'B learns what A proposes and moves to have-remote-offer; candidates that arrived early can now be added.',
			'zh-CN': 'B 得知 A 的提议并进入 have-remote-offer 状态；提前到达的候选地址现在可以添加了。'
		},
		ref: 'RFC 9429 §5.6'
	},
	{
		id: 'createAnswer',
		doing: 'creatingAnswer',
		done: 'answerCreated',
		code: 'const answer = await pcB.createAnswer();',
		explain: {
			en: 'B answers each offered m-section: it keeps the codecs both support, resolves directions and takes a DTLS role (setup:active).',
			'zh-CN':
				'B 针对 offer 中的每个 m 段作答：保留双方都支持的编解码器，确定传输方向，并选择 DTLS 角色（setup:active）。'
		},
		ref: 'RFC 9429 §5.3'
	},
	{
		id: 'setLocalAnswer',
		doing: 'settingLocalAnswer',
		done: 'localAnswerSet',
		code: 'await pcB.setLocalDescription(answer);',
		explain: {
			en: 'B applies its answer and returns to stable; B starts gathering and, having both descriptions, starts ICE checks.',
			'zh-CN':
				'B 应用自己的 answer 并回到 stable 状态；B 开始收集候选，并在拥有双方描述后开始 ICE 连通性检查。'
		},
		ref: 'RFC 9429 §5.5'
	},
	{
		id: 'signalAnswer',
		doing: 'signalingAnswer',
		done: 'answerSignaled',
		code: "signaling.send({ type: 'answer', sdp: pcB.localDescription.sdp });",
		explain: {
			en: 'The answer travels back to A over the same signaling channel.',
			'zh-CN': 'answer 通过同一条信令通道传回 A。'
		},
		ref: 'RFC 9429 §3.1'
	},
	{
		id: 'setRemoteAnswer',
		doing: 'settingRemoteAnswer',
		done: 'iceChecking',
		code: 'await pcA.setRemoteDescription(answer);',
		explain: {
			en: 'A applies the answer and returns to stable; with both descriptions on both sides, ICE pairs candidates and checks them.',
			'zh-CN':
				'A 应用 answer 并回到 stable 状态；双方都拥有两份描述后，ICE 开始配对并检查候选地址。'
		},
		ref: 'RFC 9429 §5.6'
	},
	{
		id: 'connect',
		doing: 'iceChecking',
		done: 'connected',
		code: "pc.onconnectionstatechange = () => pc.connectionState; // 'connected'",
		explain: {
			en: 'Nothing to call: STUN connectivity checks find a working candidate pair, then DTLS authenticates the peers against the fingerprints in the SDP.',
			'zh-CN':
				'无需调用任何方法：STUN 连通性检查找到可用的候选对，随后 DTLS 依据 SDP 中的指纹验证双方身份。'
		},
		ref: 'RFC 8445 §7, RFC 8842'
	}
] as const satisfies readonly LabStep[];

/** The loopback lab's steps, in order (both modes; `stepsFor` picks one mode's). */
export const LAB_STEPS: readonly LabStep[] = LAB_STEP_TABLE;

/**
 * The steps of one configuration. Given the whole configuration (not just the mode), the add-media
 * step shows the calls that really make its tracks: getUserMedia for devices, a canvas and WebAudio
 * for the synthetic sources, or both when they are mixed.
 */
export function stepsFor(config: LabConfig['mode'] | MediaChoice): LabStep[] {
	const mode = typeof config === 'string' ? config : config.mode;
	return LAB_STEPS.filter((step) => !step.mode || step.mode === mode).map((step) =>
		step.id === 'addMedia' && typeof config !== 'string'
			? { ...step, code: addMediaCode(config) }
			: step
	);
}

/** What the media step needs to know: the mode, the source and the chosen devices. */
export type MediaChoice = Pick<LabConfig, 'mode' | 'source' | 'camera' | 'microphone'>;

/**
 * Where each kind of track comes from: a device through getUserMedia, or a synthetic source (a
 * canvas picture, a WebAudio tone). `deviceId` is the chosen device, null for the default one.
 */
export function mediaSources(config: MediaChoice): {
	video: { from: 'device'; deviceId: string | null } | { from: 'canvas' };
	audio: { from: 'device'; deviceId: string | null } | { from: 'tone' };
} {
	const devices = config.source === 'devices';
	const pick = (choice: string | undefined) =>
		({ from: 'device', deviceId: choice ? choice : null }) as const;
	return {
		video: devices && config.camera !== SYNTHETIC_DEVICE ? pick(config.camera) : { from: 'canvas' },
		audio:
			devices && config.microphone !== SYNTHETIC_DEVICE ? pick(config.microphone) : { from: 'tone' }
	};
}

/** The `camera` / `microphone` value that picks the synthetic source for that kind. */
export const SYNTHETIC_DEVICE = 'synthetic';

/** The constraints the add-media step passes to getUserMedia, as code ("true" or a device). */
function constraintCode(source: { from: string; deviceId?: string | null }, name: string) {
	return source.from === 'device' && 'deviceId' in source && source.deviceId
		? `{ deviceId: { exact: ${name} } }`
		: 'true';
}

/** The add-media step's code: the calls that make the tracks, then addTrack for each. */
export function addMediaCode(config: MediaChoice): string {
	const { video, audio } = mediaSources(config);
	const add = 'stream.getTracks().forEach((track) => pc.addTrack(track, stream));';
	const canvas = 'canvas.captureStream(30).getVideoTracks()';
	const tone = 'audioCtx.createMediaStreamDestination().stream.getAudioTracks()';
	if (video.from === 'canvas' && audio.from === 'tone')
		return `const stream = new MediaStream([...${canvas}, ...${tone}]); ${add}`;
	const wanted = [
		audio.from === 'device' ? `audio: ${constraintCode(audio, 'microphoneId')}` : null,
		video.from === 'device' ? `video: ${constraintCode(video, 'cameraId')}` : null
	].filter(Boolean);
	const gum = `await navigator.mediaDevices.getUserMedia({ ${wanted.join(', ')} })`;
	if (video.from === 'device' && audio.from === 'device') return `const stream = ${gum}; ${add}`;
	const synthetic = video.from === 'canvas' ? canvas : tone;
	return `const device = ${gum}; const stream = new MediaStream([...device.getTracks(), ...${synthetic}]); ${add}`;
}

/** The add-media step in the sequence diagram: the calls that were made, briefly. */
export function addMediaNote(config: MediaChoice): string {
	const { video, audio } = mediaSources(config);
	const made = [
		video.from === 'device' || audio.from === 'device' ? 'getUserMedia()' : null,
		video.from === 'canvas' ? 'canvas.captureStream()' : null,
		audio.from === 'tone' ? 'WebAudio tone' : null
	].filter(Boolean);
	return `${made.join(' + ')} + addTrack()`;
}

const step = (id: string) => LAB_STEPS.find((s) => s.id === id)!;
const you = (code: string) => code.replaceAll('pcA', 'pc').replaceAll('pcB', 'pc');

/**
 * The remote lab's steps, seen from this page: the caller's path and the callee's path share the
 * first steps and the last one. Explanations are the loopback lab's where the call is the same.
 */
export const REMOTE_STEPS: readonly LabStep[] = [
	{
		...step('createPeers'),
		doing: 'creatingPeer',
		done: 'peerCreated',
		code: 'const pc = new RTCPeerConnection(config);'
	},
	{ ...step('createDataChannel'), role: 'caller', code: you(step('createDataChannel').code) },
	{ ...step('addMedia') },
	{ ...step('createOffer'), role: 'caller', code: you(step('createOffer').code) },
	{ ...step('setLocalOffer'), role: 'caller', code: you(step('setLocalOffer').code) },
	{
		id: 'sendOffer',
		role: 'caller',
		doing: 'sendingOffer',
		done: 'waitingForAnswer',
		code: "ws.send(JSON.stringify({ type: 'offer', sdp: pc.localDescription.sdp }));",
		explain: {
			en: 'The offer goes to our signaling server over a WebSocket, and the server relays it to the other peer in the room.',
			'zh-CN': 'offer 通过 WebSocket 发送到我们的信令服务器，服务器再把它转发给房间里的另一端。'
		},
		waiting: {
			en: 'Waiting for another peer to join the room: the server can only relay to someone who is there.',
			'zh-CN': '正在等待另一端加入房间：服务器只能把消息转发给房间里的人。'
		},
		ref: 'RFC 9429 §3.1'
	},
	{
		id: 'receiveAnswer',
		role: 'caller',
		doing: 'waitingForAnswer',
		done: 'answerReceived',
		code: "ws.onmessage = ({ data }) => { /* { type: 'answer', sdp } */ };",
		explain: {
			en: 'The remote peer answers in its own time; the answer arrives through the server.',
			'zh-CN': '远端按自己的节奏生成 answer，answer 经由服务器到达。'
		},
		waiting: {
			en: "Waiting for the remote peer's answer: it has to take its own steps first.",
			'zh-CN': '正在等待远端的 answer：对方需要先完成自己的步骤。'
		},
		ref: 'RFC 9429 §3.1'
	},
	{ ...step('setRemoteAnswer'), role: 'caller', code: you(step('setRemoteAnswer').code) },
	{
		id: 'receiveOffer',
		role: 'callee',
		doing: 'waitingForOffer',
		done: 'offerReceived',
		code: "ws.onmessage = ({ data }) => { /* { type: 'offer', sdp } */ };",
		explain: {
			en: 'The callee makes no offer: it waits for the caller’s, which arrives through the server.',
			'zh-CN': '被叫方不生成 offer：它等待主叫方的 offer 经由服务器到达。'
		},
		waiting: {
			en: "Waiting for the caller's offer: the other side has to create and send it first.",
			'zh-CN': '正在等待主叫方的 offer：对方需要先创建并发送它。'
		},
		ref: 'RFC 9429 §3.1'
	},
	{ ...step('setRemoteOffer'), role: 'callee', code: you(step('setRemoteOffer').code) },
	{ ...step('createAnswer'), role: 'callee', code: you(step('createAnswer').code) },
	{ ...step('setLocalAnswer'), role: 'callee', code: you(step('setLocalAnswer').code) },
	{
		id: 'sendAnswer',
		role: 'callee',
		doing: 'sendingAnswer',
		done: 'iceChecking',
		code: "ws.send(JSON.stringify({ type: 'answer', sdp: pc.localDescription.sdp }));",
		explain: {
			en: 'The answer goes back through the server to the caller.',
			'zh-CN': 'answer 经由服务器发回给主叫方。'
		},
		ref: 'RFC 9429 §3.1'
	},
	{ ...step('connect') }
];

export const remoteStepsFor = (role: 'caller' | 'callee', mode: LabConfig['mode']) =>
	REMOTE_STEPS.filter((s) => (!s.role || s.role === role) && (!s.mode || s.mode === mode));

// ---------------------------------------------------------------------------------------------
// The table read as a statechart: the order of states one configuration passes through, where
// each waiting state leads, and which states a hold may stop before.

/** One configuration's run of steps: a mode, and in the remote lab a role. */
export interface StepChain {
	mode: LabConfig['mode'];
	role?: 'caller' | 'callee';
	steps: LabStep[];
}

const MODES: readonly LabConfig['mode'][] = ['datachannel', 'media'];

/** The loopback lab's runs: one per mode. */
export const LAB_CHAINS: readonly StepChain[] = MODES.map((mode) => ({
	mode,
	steps: stepsFor(mode)
}));

/** The remote lab's runs: one per role and mode. */
export const REMOTE_CHAINS: readonly StepChain[] = (['caller', 'callee'] as const).flatMap((role) =>
	MODES.map((mode) => ({ mode, role, steps: remoteStepsFor(role, mode) }))
);

/**
 * States a learner enters by a button on a connected call rather than by a JSEP step: "Restart
 * ICE" (and "Force TURN now") from `connected`. A hold stops them like a step.
 */
export const LIVE_CALL_STEPS = [{ from: 'connected', doing: 'restartingIce' }] as const;

/** Where a session starts: the lab waits here before the first step. */
export const START_STATE = 'idle';

/**
 * The session's states that are not steps of the table: how a session ends, and a media change on
 * a live call (loopback lab). With the steps and LIVE_CALL_STEPS, every state of both machines.
 */
export const OFF_TABLE_STATES = ['changingMedia', 'failed', 'closing', 'closed'] as const;

type LabStepOf = (typeof LAB_STEP_TABLE)[number];

/**
 * The states where the loopback lab waits for the learner, by name: idle, and each step's done
 * state that no step does (connected included: "Restart ICE" starts there).
 */
export type LabWaitingState = typeof START_STATE | Exclude<LabStepOf['done'], LabStepOf['doing']>;

/** Every state the steps of these runs pass through (doing and done), each once, in order. */
export function chainStates(chains: readonly StepChain[]): string[] {
	return [...new Set(chains.flatMap((c) => c.steps.flatMap((s) => [s.doing, s.done])))];
}

/** The states one run passes through, in order: idle, then each step's doing and done state. */
export function chainOrder(chain: StepChain): string[] {
	const order = [START_STATE];
	for (const step of chain.steps)
		for (const state of [step.doing, step.done]) if (order.at(-1) !== state) order.push(state);
	return order;
}

/**
 * The states that wait for "Next step": a step's `done` state that is not also the next step's
 * `doing` state, and not the end of the run (connected), plus idle.
 */
export function waitingStates(chains: readonly StepChain[]): string[] {
	const doing = new Set(chains.flatMap((c) => c.steps.map((s) => s.doing)));
	const waiting = chains.flatMap((c) =>
		c.steps.slice(0, -1).flatMap((s) => (doing.has(s.done) ? [] : [s.done]))
	);
	return [...new Set([START_STATE, ...waiting])];
}

/**
 * Where each step leads: from a state that waits for the learner, the states the next step passes
 * through up to the next wait (in any of the runs). A hold on any of them keeps the lab waiting.
 */
export function leadsTo(chains: readonly StepChain[]): Record<string, string[]> {
	const waiting = new Set(waitingStates(chains));
	const into: Record<string, string[]> = {};
	for (const chain of chains) {
		const order = chainOrder(chain);
		order.forEach((state, i) => {
			if (!waiting.has(state)) return;
			const next = order.slice(i + 1);
			const stop = next.findIndex((s) => waiting.has(s));
			const passed = stop === -1 ? next : next.slice(0, stop + 1);
			into[state] = [...new Set([...(into[state] ?? []), ...passed])];
		});
	}
	for (const { from, doing } of LIVE_CALL_STEPS) into[from] = [...(into[from] ?? []), doing];
	return into;
}

/** The state `holdBefore` keeps the next step out of, waiting in `state`; null when none. */
export function heldIn(
	into: Record<string, readonly string[]>,
	state: string,
	holdBefore: readonly string[]
): string | null {
	return into[state]?.find((s) => holdBefore.includes(s)) ?? null;
}

/** The plain-words meaning of getUserMedia failures (DOMException names). */
export const MEDIA_ERRORS: Record<string, Localized> = {
	NotAllowedError: {
		en: 'Permission was refused: the browser or you blocked camera/microphone access. Allow it in the address bar, or use the synthetic sources, which need no permission.',
		'zh-CN':
			'权限被拒绝：浏览器或你阻止了摄像头/麦克风访问。请在地址栏中允许，或改用不需要权限的合成音视频源。'
	},
	NotFoundError: {
		en: 'No camera or microphone was found. Plug one in, or use the synthetic sources (a canvas picture and a tone).',
		'zh-CN': '没有找到摄像头或麦克风。请接入设备，或改用合成音视频源（画布画面和音调）。'
	},
	NotReadableError: {
		en: 'The device exists but could not be started, usually because another application is using it.',
		'zh-CN': '设备存在但无法启动，通常是因为其他应用正在使用它。'
	},
	OverconstrainedError: {
		en: 'No device can satisfy the requested constraints (size, frame rate or device id).',
		'zh-CN': '没有设备能满足所请求的约束（尺寸、帧率或设备 ID）。'
	},
	SecurityError: {
		en: 'Media capture needs a secure context: open the lab over https:// or on localhost.',
		'zh-CN': '媒体采集需要安全上下文：请通过 https:// 或 localhost 打开实验。'
	},
	TypeError: {
		en: 'The request was invalid, or this page is not a secure context (getUserMedia is missing over plain http on another host).',
		'zh-CN': '请求无效，或页面不在安全上下文中（在非 localhost 的 http 页面上没有 getUserMedia）。'
	}
};
