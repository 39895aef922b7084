/** Runs `work` once the page is idle (or soon, where requestIdleCallback is missing). */
export function whenIdle(work: () => unknown): void {
	const run = () => void work();
	if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
	else setTimeout(run, 200);
}
