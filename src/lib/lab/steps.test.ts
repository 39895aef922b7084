import { describe, expect, it } from 'vitest';
import {
	addMediaCode,
	addMediaNote,
	LAB_STEPS,
	MEDIA_ERRORS,
	mediaSources,
	stepsFor,
	SYNTHETIC_DEVICE
} from './steps';

describe('the add-media step names the calls that really make the tracks', () => {
	const synthetic = { mode: 'media', source: 'synthetic' } as const;
	const devices = { mode: 'media', source: 'devices' } as const;

	it('synthetic sources: a canvas and WebAudio, no getUserMedia', () => {
		const code = addMediaCode(synthetic);
		expect(code).toContain('canvas.captureStream(30)');
		expect(code).toContain('createMediaStreamDestination()');
		expect(code).not.toContain('getUserMedia');
		expect(addMediaNote(synthetic)).toBe('canvas.captureStream() + WebAudio tone + addTrack()');
		// The camera/microphone choices only matter with devices.
		expect(mediaSources({ ...synthetic, camera: 'cam1' }).video).toEqual({ from: 'canvas' });
	});

	it('devices: one getUserMedia call, a chosen device as an exact deviceId', () => {
		expect(addMediaCode(devices)).toMatch(
			/^const stream = await navigator\.mediaDevices\.getUserMedia\(\{ audio: true, video: true \}\);/
		);
		expect(addMediaCode({ ...devices, camera: 'cam1' })).toContain(
			'getUserMedia({ audio: true, video: { deviceId: { exact: cameraId } } })'
		);
		expect(addMediaNote(devices)).toBe('getUserMedia() + addTrack()');
		expect(mediaSources({ ...devices, microphone: 'mic2' }).audio).toEqual({
			from: 'device',
			deviceId: 'mic2'
		});
	});

	it('a mix: a real camera beside the synthetic tone (and the other way round)', () => {
		const camera = { ...devices, microphone: SYNTHETIC_DEVICE };
		expect(addMediaCode(camera)).toContain('getUserMedia({ video: true })');
		expect(addMediaCode(camera)).toContain('createMediaStreamDestination()');
		expect(addMediaCode(camera)).not.toContain('captureStream');
		expect(addMediaNote(camera)).toBe('getUserMedia() + WebAudio tone + addTrack()');
		const microphone = { ...devices, camera: SYNTHETIC_DEVICE };
		expect(addMediaCode(microphone)).toContain('getUserMedia({ audio: true })');
		expect(addMediaNote(microphone)).toBe('getUserMedia() + canvas.captureStream() + addTrack()');
	});

	it('stepsFor(config) puts that code in the add-media step; stepsFor(mode) keeps the table', () => {
		const step = stepsFor(synthetic).find((s) => s.id === 'addMedia');
		expect(step?.code).toBe(addMediaCode(synthetic));
		expect(stepsFor('media').find((s) => s.id === 'addMedia')?.code).toBe(
			LAB_STEPS.find((s) => s.id === 'addMedia')?.code
		);
		expect(stepsFor({ mode: 'datachannel', source: 'synthetic' }).map((s) => s.id)).toEqual(
			stepsFor('datachannel').map((s) => s.id)
		);
	});
});

describe('getUserMedia errors in plain words', () => {
	it('explains NotAllowedError and NotFoundError (and the rest) in both languages', () => {
		for (const name of ['NotAllowedError', 'NotFoundError'])
			expect(MEDIA_ERRORS).toHaveProperty(name);
		for (const [name, text] of Object.entries(MEDIA_ERRORS)) {
			expect(text.en.trim(), name).not.toBe('');
			expect(text['zh-CN'], name).toMatch(/[\u4e00-\u9fff]/);
		}
		expect(MEDIA_ERRORS.NotAllowedError?.en).toContain('synthetic sources');
	});
});
