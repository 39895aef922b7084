import { describe, expect, it } from 'vitest';
import { inLocale } from '../../../tests/in-locale';
import { drawSyntheticFrame, PLAIN_WORDS, type Canvas2D } from './actors';
import { syntheticWords } from './synthetic-words';

/** A 2D context that keeps the texts drawn into it. */
function recorder() {
	const texts: string[] = [];
	const fills: unknown[] = [];
	const g: Canvas2D = {
		fillStyle: '',
		font: '',
		fillRect: () => void fills.push(g.fillStyle),
		fillText: (text: string) => void texts.push(text)
	};
	return { g, texts, fills };
}

const size = { width: 320, height: 180 };

describe('the synthetic video’s picture', () => {
	it('names its peer and counts frames in the learner’s language', () => {
		const en = recorder();
		inLocale('en', () =>
			drawSyntheticFrame(en.g, size, 12, { peer: 'A', role: null, words: syntheticWords })
		);
		expect(en.texts).toEqual(['Peer A', 'frame 12']);
		const zh = recorder();
		inLocale('zh-CN', () =>
			drawSyntheticFrame(zh.g, size, 12, { peer: 'B', role: null, words: syntheticWords })
		);
		expect(zh.texts).toEqual(['对端 B', '第 12 帧']);
	});

	it('names the role in the remote lab, and is coloured by it', () => {
		const zh = recorder();
		inLocale('zh-CN', () =>
			drawSyntheticFrame(zh.g, size, 1, { peer: 'A', role: 'callee', words: syntheticWords })
		);
		expect(zh.texts[0]).toBe('被叫方');
		// The callee's picture is green, the caller's blue (peer A of its own page either way).
		expect(zh.fills[0]).toBe('#15803d');
		const en = recorder();
		inLocale('en', () =>
			drawSyntheticFrame(en.g, size, 1, { peer: 'A', role: 'caller', words: syntheticWords })
		);
		expect(en.texts[0]).toBe('caller');
		expect(en.fills[0]).toBe('#1d4ed8');
	});

	it('draws no English without a page’s words', () => {
		const plain = recorder();
		drawSyntheticFrame(plain.g, size, 3, { peer: 'A', role: null, words: PLAIN_WORDS });
		expect(plain.texts).toEqual(['A', '#3']);
	});
});
