// Reading posted forms: every field is a string or absent, and what a person typed is trimmed.

/** The field `name` of a posted form, trimmed; empty when absent or a file. */
export function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}
