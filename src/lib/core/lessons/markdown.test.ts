import { describe, expect, it } from 'vitest';
import {
	codeRuns,
	inlineText,
	parseInline,
	parseMarkdown,
	safeHref,
	withoutCodeMarks
} from './markdown';

describe('parseMarkdown', () => {
	it('splits headings, paragraphs, lists, code fences and tables', () => {
		const blocks = parseMarkdown(
			[
				'Two peers *cannot* talk.',
				'Still the same paragraph.',
				'',
				'## The nine steps',
				'',
				'- its **local description**,',
				'  continued;',
				'- its `remote` one.',
				'',
				'1. First',
				'   more.',
				'2. Second',
				'',
				'| #   | Call |',
				'| --- | :--: |',
				'| 1   | `pcA.createOffer()` |',
				'',
				'```mermaid',
				'sequenceDiagram',
				'  A->>B: offer',
				'```',
				'',
				'```js',
				'const x = `<b>`;',
				'```'
			].join('\n')
		);
		expect(blocks.map((b) => b.type)).toEqual([
			'paragraph',
			'heading',
			'list',
			'list',
			'table',
			'code',
			'code'
		]);
		expect(blocks[0]).toEqual({
			type: 'paragraph',
			children: [
				{ type: 'text', text: 'Two peers ' },
				{ type: 'em', children: [{ type: 'text', text: 'cannot' }] },
				{ type: 'text', text: ' talk. Still the same paragraph.' }
			]
		});
		const list = blocks[2];
		expect(list?.type === 'list' && list.items.map(inlineText)).toEqual([
			'its local description, continued;',
			'its remote one.'
		]);
		const ordered = blocks[3];
		expect(ordered?.type === 'list' && [ordered.ordered, ordered.items.map(inlineText)]).toEqual([
			true,
			['First more.', 'Second']
		]);
		const table = blocks[4];
		expect(table?.type === 'table' && table.align).toEqual([null, 'center']);
		expect(table?.type === 'table' && table.rows[0]?.[1]).toEqual([
			{ type: 'code', text: 'pcA.createOffer()' }
		]);
		expect(blocks[5]).toEqual({ type: 'code', lang: 'mermaid', text: 'sequenceDiagram\n  A->>B: offer' });
		expect(blocks[6]).toEqual({ type: 'code', lang: 'js', text: 'const x = `<b>`;' });
	});

	it('keeps HTML as text', () => {
		expect(parseMarkdown('<script>alert(1)</script>')).toEqual([
			{ type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script>' }] }
		]);
	});
});

describe('parseInline', () => {
	it('reads code spans literally, and snake_case is not emphasis', () => {
		expect(parseInline('`*not em*` and have_local_offer')).toEqual([
			{ type: 'code', text: '*not em*' },
			{ type: 'text', text: ' and have_local_offer' }
		]);
	});

	it('makes safe links only', () => {
		expect(parseInline('[SDP](/sdp) [x](javascript:alert(1))')[0]).toEqual({
			type: 'link',
			href: '/sdp',
			children: [{ type: 'text', text: 'SDP' }]
		});
		expect(inlineText(parseInline('[x](javascript:alert)'))).toBe('[x](javascript:alert)');
		expect(safeHref('https://www.rfc-editor.org/rfc/rfc8445')).toBe(
			'https://www.rfc-editor.org/rfc/rfc8445'
		);
		expect(safeHref('data:text/html,hi')).toBeNull();
		expect(inlineText(parseInline('[x](/\\evil.example)'))).toBe('[x](/\\evil.example)');
	});

	// Every spelling a browser reads as another site or a script must come out null; links to our
	// own pages come back as the browser resolves them from the site's root.
	it.each([
		// Our own pages, anchors and queries.
		['/sdp', '/sdp'],
		['/lessons/turn-and-fallback#try-it', '/lessons/turn-and-fallback#try-it'],
		['#try-it', '#try-it'],
		['ice-candidates', '/lessons/ice-candidates'],
		['../nat?preset=symmetric', '/nat?preset=symmetric'],
		['/remote?lesson=signaling', '/remote?lesson=signaling'],
		['  /sdp  ', '/sdp'],
		['%2F%2Fevil.example', '/lessons/%2F%2Fevil.example'],
		['/%5Cevil.example', '/%5Cevil.example'],
		// Explicit https links to other sites.
		['https://www.rfc-editor.org/rfc/rfc8445', 'https://www.rfc-editor.org/rfc/rfc8445'],
		['HTTPS://W3C.github.io/webrtc-pc/#dom-rtcpeerconnection', 'https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection'],
		// Another host, spelt so that a browser reads it as one (WHATWG URL: \ is / in http(s)).
		['//evil.example', null],
		['/\\evil.example', null],
		['\\\\evil.example', null],
		['\\/evil.example', null],
		['/\t/evil.example', null],
		['/\n/evil.example', null],
		['\t//evil.example', null],
		['/.//evil.example', null],
		['///evil.example', null],
		// A scheme a page on http would read as another host, a page on https as a path.
		['https:evil.example', null],
		['https:/evil.example', null],
		// …unless every page reads it alike: then it is an explicit https link, written out in full.
		['https:\\\\evil.example', 'https://evil.example/'],
		// Scripts and other schemes, however spelt.
		['javascript:alert(1)', null],
		['JavaScript:alert(1)', null],
		[' javascript:alert(1)', null],
		['java\tscript:alert(1)', null],
		['java\nscript:alert(1)', null],
		['java\rscript:alert(1)', null],
		['\u0000javascript:alert(1)', null],
		['\u001fjavascript:alert(1)', null],
		['javascript\t:alert(1)', null],
		['vbscript:msgbox(1)', null],
		['data:text/html,<script>alert(1)</script>', null],
		['blob:https://lab.example/1', null],
		['file:///etc/passwd', null],
		['http://evil.example', null],
		['ftp://evil.example', null],
		['mailto:someone@example.org', null],
		['https://user:secret@evil.example', null],
		['', null],
		['   ', null]
	])('safeHref(%j) is %j', (href, expected) => {
		expect(safeHref(href)).toBe(expected);
	});

	it('nests strong and emphasis', () => {
		expect(parseInline('**Try *it* now**')).toEqual([
			{
				type: 'strong',
				children: [
					{ type: 'text', text: 'Try ' },
					{ type: 'em', children: [{ type: 'text', text: 'it' }] },
					{ type: 'text', text: ' now' }
				]
			}
		]);
	});
});

describe('codeRuns', () => {
	it('splits a frontmatter text into text and `code`, and drops the marks for quoting', () => {
		expect(codeRuns('Reach `have-local-offer` on Peer A.')).toEqual([
			{ code: false, text: 'Reach ' },
			{ code: true, text: 'have-local-offer' },
			{ code: false, text: ' on Peer A.' }
		]);
		expect(codeRuns('`stable`')).toEqual([{ code: true, text: 'stable' }]);
		expect(codeRuns('no code, a lone ` tick')).toEqual([
			{ code: false, text: 'no code, a lone ` tick' }
		]);
		expect(withoutCodeMarks('`have-remote-offer`')).toBe('have-remote-offer');
	});
});
