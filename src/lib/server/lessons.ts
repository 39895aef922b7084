/**
 * Loads lessons/ (lessons/README.md): course index.md → NN-slug/index.md → NN-slug/<lang>.md,
 * a lower file winning and `lab` merged key by key. Reading files is a parameter (`LessonFiles`),
 * so tests hand in a fake folder and the site hands in the files Vite bundled; this module only
 * computes. Frontmatter is YAML 1.2 (the `yaml` package: this module runs on the server only, so
 * pages carry none of it), validated by the schemas of src/lib/core/lessons/schema.ts. Anything
 * wrong fails loudly, naming the file, the line or the lesson item and field.
 */

import * as v from 'valibot';
import { parseDocument } from 'yaml';
import { LOCALES, type Locale } from '$lib/core/locale';
import { lessonCounts } from '$lib/core/lessons/checks';
import { parseMarkdown } from '$lib/core/lessons/markdown';
import { lessonSchemas, type LessonVocabulary } from '$lib/core/lessons/schema';
import {
	type Course,
	type Lesson,
	type LessonSummary,
	type LessonText
} from '$lib/core/lessons/types';

/** The lesson folder as files: paths relative to lessons/, e.g. `03-offer-and-answer/en.md`. */
export interface LessonFiles {
	paths(): string[];
	/** The file's text, or undefined when it does not exist. */
	read(path: string): string | undefined;
}

export class LessonError extends Error {
	constructor(
		readonly file: string,
		message: string
	) {
		super(`lessons/${file}: ${message}`);
		this.name = 'LessonError';
	}
}

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `lower` over `upper`; `lab` merged key by key, everything else (arrays too) replaced. */
export function inherit(upper: Data, lower: Data): Data {
	const merged: Data = { ...upper, ...lower };
	if (isRecord(upper.lab) && isRecord(lower.lab)) merged.lab = { ...upper.lab, ...lower.lab };
	return merged;
}

/** `checks[2].condition.type` from a valibot issue path. */
function fieldPath(issue: v.BaseIssue<unknown>): string {
	let path = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		path += typeof key === 'number' ? `[${key}]` : `${path ? '.' : ''}${String(key)}`;
	}
	return path;
}

/** The check or prediction an issue is inside, by its id: `check "relay-candidate"`. */
function itemOf(issue: v.BaseIssue<unknown>): string {
	const [list, item] = issue.path ?? [];
	if (!list || !item || (list.key !== 'checks' && list.key !== 'predictions')) return '';
	const id = isRecord(item.value) && typeof item.value.id === 'string' ? item.value.id : null;
	const what = list.key === 'checks' ? 'check' : 'prediction';
	return id ? `${what} "${id}", ` : '';
}

/** One issue in words: where, and what is wrong. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
	const where = `${itemOf(issue)}${fieldPath(issue) || 'frontmatter'}`;
	const expected = issue.expected?.replace(/^\((.*)\)$/, '$1').replaceAll('"', '');
	let what = issue.message;
	if (issue.type === 'strict_object' && issue.expected === 'never') what = 'unknown field';
	else if (issue.kind === 'schema' && issue.received === 'undefined') what = 'missing';
	else if (issue.type === 'picklist' || issue.type === 'variant' || issue.type === 'literal')
		what = `must be one of ${expected?.split(' | ').join(', ')}, not ${issue.received}`;
	else if (issue.kind === 'schema') what = `must be ${expected}, not ${issue.received}`;
	return `${where}: ${what}`;
}

/** Parses `data` with `schema`, or fails naming the file and every field that is wrong. */
function validate<T extends v.GenericSchema>(file: string, schema: T, data: unknown) {
	const result = v.safeParse(schema, data);
	if (result.success) return result.output as v.InferOutput<T>;
	throw new LessonError(file, result.issues.map(describeIssue).join('; '));
}

/** Splits `---\n<yaml>\n---\n<body>` and parses the YAML; errors give the file's line. */
export function splitFrontmatter(file: string, source: string): { data: Data; body: string } {
	const match = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(source);
	if (!match) throw new LessonError(file, 'no frontmatter (the file must start with a --- line)');
	const document = parseDocument(match[1] ?? '');
	const [error] = document.errors;
	if (error) {
		// The YAML starts on the file's second line, after `---`.
		const line = (error.linePos?.[0].line ?? 1) + 1;
		// The message's own position is the YAML's, not the file's: drop it.
		const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
		throw new LessonError(file, `line ${line}: ${message}`);
	}
	const data: unknown = document.toJS() ?? {};
	if (!isRecord(data)) throw new LessonError(file, 'line 2: the frontmatter must be a mapping');
	return { data, body: source.slice(match[0].length) };
}

function readFile(files: LessonFiles, path: string): { data: Data; body: string } {
	const text = files.read(path);
	if (text === undefined) throw new LessonError(path, 'file is missing');
	return splitFrontmatter(path, text);
}

/** The fields that belong to one file and never flow down. */
const NOT_INHERITED = ['course', 'slug', 'order', 'title', 'summary'];
const omit = (data: Data, keys: readonly string[]): Data =>
	Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));

type Schemas = ReturnType<typeof lessonSchemas>;

function readCourse(files: LessonFiles, schemas: Schemas): { course: Course; defaults: Data } {
	const { data } = readFile(files, 'index.md');
	const { course } = validate('index.md', schemas.courseFile, data);
	// The defaults flow down as written: each lesson's merged metadata is validated in full.
	return { course, defaults: omit(data, NOT_INHERITED) };
}

function readLesson(files: LessonFiles, schemas: Schemas, dir: string, defaults: Data): Lesson {
	const number = Number(/^(\d+)-/.exec(dir)?.[1]);
	const indexPath = `${dir}/index.md`;
	const own = readFile(files, indexPath).data;
	const { slug, order } = validate(indexPath, schemas.lessonFile, own);
	if (slug !== dir.replace(/^\d+-/, ''))
		throw new LessonError(indexPath, `slug "${slug}" does not match the folder name`);
	if (order !== number)
		throw new LessonError(indexPath, `order ${order} does not match the folder number ${number}`);
	const lessonData = inherit(defaults, omit(own, NOT_INHERITED));
	// Errors in the lesson's own metadata name its index.md, before any language file is read.
	validate(indexPath, schemas.lesson, lessonData);

	const text = {} as Record<Locale, LessonText>;
	let lesson: Lesson | undefined;
	for (const language of LOCALES) {
		const path = `${dir}/${language}.md`;
		const { data, body } = readFile(files, path);
		const { title, summary } = validate(path, schemas.languageFile, data);
		text[language] = { title, summary, blocks: parseMarkdown(body) };
		// A language file may override the lesson's metadata too (a lower file wins); every chain
		// is validated, and the page runs with the English one's metadata.
		const meta = validate(path, schemas.lesson, inherit(lessonData, omit(data, NOT_INHERITED)));
		if (language === 'en') lesson = { slug, order, dir, ...meta, text };
	}
	if (!lesson) throw new LessonError(dir, 'no language files');
	return lesson;
}

export interface LoadedLessons {
	course: Course;
	/** In path order: lessons[n].order === n + 1. */
	lessons: Lesson[];
}

/** Loads and validates lessons/, with the lab's state names of `vocabulary`. */
export function loadLessons(files: LessonFiles, vocabulary: LessonVocabulary): LoadedLessons {
	const schemas = lessonSchemas(vocabulary);
	const { course, defaults } = readCourse(files, schemas);
	const dirs = [
		...new Set(
			files
				.paths()
				.map((path) => /^(\d+-[^/]+)\//.exec(path)?.[1])
				.filter((dir): dir is string => dir !== undefined)
		)
	].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
	const lessons = dirs.map((dir) => readLesson(files, schemas, dir, defaults));
	lessons.forEach((lesson, index) => {
		if (lesson.order !== index + 1) {
			throw new LessonError(lesson.dir, `lesson ${index + 1} is missing: numbers must run 1…N`);
		}
	});
	return { course, lessons };
}

export function summarize(lesson: Lesson): LessonSummary {
	return {
		slug: lesson.slug,
		order: lesson.order,
		minutes: lesson.minutes,
		title: { en: lesson.text.en.title, 'zh-CN': lesson.text['zh-CN'].title },
		summary: { en: lesson.text.en.summary, 'zh-CN': lesson.text['zh-CN'].summary },
		counts: lessonCounts(lesson)
	};
}

/** lessons/ as Vite bundles it (so the built server needs no lessons/ folder at run time). */
const bundled = import.meta.glob('/lessons/**/*.md', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export const bundledLessonFiles: LessonFiles = {
	paths: () => Object.keys(bundled).map((path) => path.replace(/^\/lessons\//, '')),
	read: (path) => bundled[`/lessons/${path}`]
};
