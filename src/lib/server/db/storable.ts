// What both stores can keep. PostgreSQL's text and jsonb take no NUL character and jsonb no lone
// surrogate, where SQLite takes both; what people type and what documents hold may have either.

/** `value` with every string in it (also inside arrays and plain objects) made storable: NULs
 *  dropped, lone surrogates replaced by U+FFFD. */
export function storable<T>(value: T): T {
	if (typeof value === 'string') return value.replaceAll('\0', '').toWellFormed() as T;
	if (Array.isArray(value)) return value.map(storable) as T;
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)])) as T;
	return value;
}
