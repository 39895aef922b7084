/**
 * Test helper: run mermaid's real parser in Node.
 *
 * Mermaid loads in Node, but state diagrams pass labels through DOMPurify, which without a DOM
 * is an inert object lacking `sanitize`/`addHook`. Sanitising is the browser's job (the
 * component renders with securityLevel 'strict'); here we only want the grammar's verdict, so
 * the missing functions become identity functions. A real DOMPurify is left untouched.
 */
import DOMPurify from 'dompurify';

export async function mermaidParse(text: string): Promise<void> {
	const purify = DOMPurify as unknown as Record<string, unknown>;
	if (typeof purify.sanitize !== 'function') {
		purify.sanitize = (dirty: unknown) => String(dirty);
		purify.addHook = () => undefined;
		purify.removeHook = () => undefined;
	}
	const { default: mermaid } = await import('mermaid');
	await mermaid.parse(text);
}

interface DiagramData {
	nodes: { id: string; parentId?: string; label?: unknown }[];
	edges: { start: string; end: string; label?: unknown }[];
}

/** The state diagram's parsed nodes and edges, as mermaid will lay them out. */
export async function mermaidStateData(text: string): Promise<DiagramData> {
	await mermaidParse(text);
	const { default: mermaid } = await import('mermaid');
	const api = (
		mermaid as unknown as {
			mermaidAPI: {
				getDiagramFromText: (t: string) => Promise<{ db: { getData: () => DiagramData } }>;
			};
		}
	).mermaidAPI;
	const diagram = await api.getDiagramFromText(text);
	return diagram.db.getData();
}
