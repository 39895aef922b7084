import { describe, expect, it } from 'vitest';
import { fullBucket, take, type Bucket } from './token-bucket';

describe('token bucket', () => {
	const limit = { burst: 3, perSecond: 2 };

	it('allows a burst, then refills at the sustained rate', () => {
		let bucket: Bucket = fullBucket(limit, 0);
		const at = (ms: number) => {
			const result = take(bucket, limit, ms);
			bucket = result.bucket;
			return result.allowed;
		};
		expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
		expect(at(250)).toBe(false); // half a token
		expect(at(500)).toBe(true); // one token after 0.5 s at 2/s
		expect(at(500)).toBe(false);
		expect([at(10_000), at(10_000), at(10_000), at(10_000)]).toEqual([true, true, true, false]);
	});
});
