// Token bucket (the classic traffic-shaping meter, RFC 2697's idea without the colours): a bucket
// holds up to `burst` tokens, refills at `perSecond`, and each message takes one. A peer may send
// a burst of candidates at once, but not a sustained flood. Pure: time is a parameter.

export interface RateLimit {
	/** Messages allowed at once (the bucket's size). */
	burst: number;
	/** Sustained messages per second (the refill rate). */
	perSecond: number;
}

export interface Bucket {
	tokens: number;
	/** Milliseconds (any monotonic clock) when `tokens` was last brought up to date. */
	atMs: number;
}

export const fullBucket = (limit: RateLimit, nowMs: number): Bucket => ({
	tokens: limit.burst,
	atMs: nowMs
});

/** Refill for the time that passed, then take one token if there is one. */
export function take(
	bucket: Bucket,
	limit: RateLimit,
	nowMs: number
): { bucket: Bucket; allowed: boolean } {
	const elapsed = Math.max(0, nowMs - bucket.atMs);
	const tokens = Math.min(limit.burst, bucket.tokens + (elapsed * limit.perSecond) / 1000);
	if (tokens < 1) return { bucket: { tokens, atMs: nowMs }, allowed: false };
	return { bucket: { tokens: tokens - 1, atMs: nowMs }, allowed: true };
}
