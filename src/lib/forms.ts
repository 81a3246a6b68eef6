// What a form action sends back when it refuses input: the values as typed (so nothing is lost)
// and, per field, a message key to show next to it in the reader's language.
// Inputs take these values as `defaultValue`, not `value`: what someone is typing in one form of a
// page then stays when another form of the page is submitted and the page's `form` changes.
import type { MessageKey } from '$lib/i18n/index.ts';

export type FieldError = { key: MessageKey; params?: Record<string, number | string> };
export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;
export type FormState<F extends string> = {
	values: Partial<Record<F, string>>;
	errors: FieldErrors<F>;
};
