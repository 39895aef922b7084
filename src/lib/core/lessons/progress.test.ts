import { describe, expect, it } from 'vitest';
import { lessonProgress, parseProgress, withLessonProgress } from './progress';

describe('progress', () => {
	it('round-trips and ignores what it does not understand', () => {
		const saved = withLessonProgress({}, 'offer-and-answer', {
			answers: { first: 0 },
			passed: ['connected'],
			complete: true
		});
		expect(parseProgress(JSON.stringify(saved))).toEqual(saved);
		expect(parseProgress('not json')).toEqual({});
		expect(parseProgress('[1]')).toEqual({});
		expect(
			parseProgress('{"x":{"answers":{"a":"1","b":2},"passed":[3,"ok"],"complete":"yes"}}')
		).toEqual({ x: { answers: { b: 2 }, passed: ['ok'], complete: false } });
		expect(lessonProgress({}, 'missing')).toEqual({ answers: {}, passed: [], complete: false });
	});
});
