import { z } from 'zod';

/**
 * How a provider's schema is put together: each field is a plain reading function, and one zod
 * effect runs the whole shape per item. zod 3 spends a few microseconds and several objects on
 * every effect and object level it walks (about 35 µs per item of a provider with one effect per
 * field, most of it garbage collection), which made the schema the largest part of the node's
 * own work per item; read this way, an item costs the field functions and one effect.
 *
 * Issues are zod's (`ZodError`, `issues[0].path` naming the field), so what a refused item says
 * does not depend on how the schema is built.
 */

/** Where a field schema reports what is wrong with a value. */
export interface IssueContext {
	addIssue(issue: z.IssueData): void;
}

/** The issues of one parse, with the path of the field being read. */
export class ParseIssues implements IssueContext {
	readonly path: Array<string | number> = [];

	failed = false;

	constructor(private readonly ctx: z.RefinementCtx) {}

	addIssue(issue: z.IssueData): void {
		this.failed = true;
		this.ctx.addIssue({ ...issue, path: [...this.path, ...(issue.path ?? [])] });
	}
}

/** The outcome of {@link FieldSchema.safeParse}: zod's. */
export type ParseResult<T> = z.SafeParseReturnType<unknown, T>;

/**
 * Reads one value: the clean value, or `z.NEVER` after adding an issue that says what is wrong
 * and what to do. Nothing after a value's first issue is read.
 */
export class FieldSchema<T> {
	private zod: z.ZodType<T, z.ZodTypeDef, unknown> | undefined;

	/** @param read Reads `value` inside a parse that is already running (also an object's field). */
	constructor(readonly read: (value: unknown, issues: ParseIssues) => T) {}

	/**
	 * A further step on the value read; not run once an issue was added. (The parse stops at its
	 * first issue, so an issue anywhere means this value is not used either.)
	 */
	transform<U>(step: (value: T, ctx: IssueContext) => U): FieldSchema<U> {
		return new FieldSchema((value, issues) => {
			const read = this.read(value, issues);
			return issues.failed ? (z.NEVER as U) : step(read, issues);
		});
	}

	/** Reads `value`; the issues are zod's, the first one names the field in its path. */
	safeParse(value: unknown): ParseResult<T> {
		return this.asZod().safeParse(value);
	}

	/** Reads `value` or throws zod's error. */
	parse(value: unknown): T {
		return this.asZod().parse(value);
	}

	private asZod(): z.ZodType<T, z.ZodTypeDef, unknown> {
		this.zod ??= z.unknown().transform((value, ctx): T => {
			const issues = new ParseIssues(ctx);
			const result = this.read(value, issues);
			return issues.failed ? z.NEVER : result;
		});
		return this.zod;
	}
}

/** A field schema from its reading function (see {@link FieldSchema}). */
export function fieldSchema<T>(read: (value: unknown, ctx: IssueContext) => T): FieldSchema<T> {
	return new FieldSchema(read);
}

/** The fields of an object, each read by its own schema. */
export type Shape = Record<string, FieldSchema<unknown>>;

/** What an object of `S` reads as. */
export type ShapeOutput<S extends Shape> = {
	[K in keyof S]: S[K] extends FieldSchema<infer T> ? T : never;
};

const NOT_A_SET = 'must be a set of fields, not a single value.';

function isObject(value: unknown): value is Record<string, unknown> {
	return z.getParsedType(value) === z.ZodParsedType.object;
}

/**
 * Reads each field of `shape` in order, stopping at the first issue. Only the shape's fields
 * are kept; one that reads as undefined is kept only if the input had it (as zod's objects do).
 */
function readShape<S extends Shape>(
	shape: S,
	keys: readonly string[],
	value: Record<string, unknown>,
	issues: ParseIssues,
): ShapeOutput<S> {
	const result: Record<string, unknown> = {};
	const depth = issues.path.length;
	for (const key of keys) {
		issues.path.push(key);
		const read = shape[key].read(value[key], issues);
		issues.path.length = depth;
		if (issues.failed) return z.NEVER;
		if (read !== undefined || key in value) result[key] = read;
	}
	return result as ShapeOutput<S>;
}

/** An object with the fields of `shape`; anything else is an issue. */
export function objectSchema<S extends Shape>(shape: S): FieldSchema<ShapeOutput<S>> {
	const keys = Object.keys(shape);
	return new FieldSchema((value, issues) => {
		if (!isObject(value)) {
			issues.addIssue({ code: z.ZodIssueCode.custom, message: NOT_A_SET });
			return z.NEVER;
		}
		return readShape(shape, keys, value, issues);
	});
}

/** n8n's `additionalFields` collection: absent (or blank) or an object of optional fields. */
export function collection<S extends Shape>(shape: S): FieldSchema<ShapeOutput<S>> {
	const object = objectSchema(shape);
	return new FieldSchema((value, issues) =>
		object.read(value === undefined || value === null || value === '' ? {} : value, issues),
	);
}

/** One of several objects, told apart by the value of `key`. */
export type VariantOutput<K extends string, V extends Record<string, Shape>> = {
	[D in keyof V & string]: Record<K, D> & ShapeOutput<V[D]>;
}[keyof V & string];

/**
 * One of several objects, told apart by the value of the field `key` (a channel, a kind). A
 * value of `key` that names no variant is an issue on `key` saying `message`.
 */
export function variantsSchema<K extends string, V extends Record<string, Shape>>(
	key: K,
	variants: V,
	message: string,
): FieldSchema<VariantOutput<K, V>> {
	const readers = new Map(
		Object.entries(variants).map(([name, shape]) => [name, { shape, keys: Object.keys(shape) }]),
	);
	return new FieldSchema((value, issues) => {
		// Read once: the variant's fields and the output's discriminator come from the same value.
		const name = isObject(value) ? value[key] : undefined;
		const variant = readers.get(name as string);
		if (!isObject(value) || !variant) {
			issues.addIssue({ code: z.ZodIssueCode.custom, message, path: isObject(value) ? [key] : [] });
			return z.NEVER;
		}
		const fields = readShape(variant.shape, variant.keys, value, issues);
		if (issues.failed) return z.NEVER;
		return { ...fields, [key]: name } as VariantOutput<K, V>;
	});
}
