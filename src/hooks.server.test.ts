import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handle, handleError } from './hooks.server';

const event = (path: string) =>
	({
		url: new URL(`http://127.0.0.1:3000${path}`),
		request: new Request(`http://x/`)
	}) as unknown as RequestEvent;

afterEach(() => vi.restoreAllMocks());

describe('handle', () => {
	it.each([
		['/remote/%%', '/remote/%25%25'],
		['/remote/%E0%A4%A?lesson=x', '/remote/%25E0%25A4%25A?lesson=x'],
		['/lessons/a%2', '/lessons/a%252']
	])(
		'sends the malformed path %s to %s, which decodes to what was typed',
		async (path, location) => {
			const resolve = vi.fn();
			const response = await handle({ event: event(path), resolve });
			expect(response.status).toBe(307);
			expect(response.headers.get('location')).toBe(location);
			expect(resolve).not.toHaveBeenCalled();
			expect(decodeURI(new URL(location, 'http://x').pathname)).toBe(
				new URL(path, 'http://x').pathname
			);
		}
	);
});

describe('handleError', () => {
	it('logs a client error as one short line with no stack, and a flood as a few lines and a count', () => {
		const lines: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((line: string) => lines.push(line));
		const error = new Error('Failed to decode URI');
		for (let i = 0; i < 1_000; i++)
			handleError({
				error,
				event: event(`/x/${'%'.repeat(8_000)}`),
				status: 400,
				message: 'Malformed URI'
			});
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.length).toBeLessThanOrEqual(10);
		for (const line of lines) {
			expect(line).not.toContain('\n');
			expect(line).not.toContain('at ');
			expect(line.length).toBeLessThan(300);
		}
	});

	it('does not log a 404, and hands the page no English (it words the status itself)', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(
			handleError({
				error: new Error('x'),
				event: event('/nope'),
				status: 404,
				message: 'Not Found'
			})
		).toEqual({ message: '' });
		expect(log).not.toHaveBeenCalled();
	});

	it("hands the page neither SvelteKit's message nor the exception of a server error", () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(
			handleError({
				error: new Error('database exploded at line 3'),
				event: event('/lab'),
				status: 500,
				message: 'Internal Error'
			})
		).toEqual({ message: '' });
	});
});
