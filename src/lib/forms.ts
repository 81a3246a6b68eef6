// What a form action sends back when it refuses input: the values as typed (so nothing is lost)
// and, per field, a message key to show next to it in the reader's language.
import type { MessageKey } from '$lib/i18n/index.ts';

export type FieldError = { key: MessageKey; params?: Record<string, number | string> };
export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;
export type FormState<F extends string> = { values: Partial<Record<F, string>>; errors: FieldErrors<F> };
