// Reads and checks the fields of a new account (first-run setup, admin). Errors are message keys
// with parameters, translated where they are shown; the typed values go back with them.
import type { FieldErrors } from '$lib/forms.ts';
import type { Db } from '../db/index.ts';
import { USERNAME_PATTERN, findUserByUsername } from './accounts.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';
import { text } from '../http/form.ts';

export async function readAccountForm(db: Db, form: FormData) {
	const values = {
		username: text(form, 'username'), // echoed as typed; checked and stored lowercased
		displayName: text(form, 'displayName')
	};
	const { password, errors: passwordErrors } = readNewPassword(form);
	const errors: FieldErrors<'username' | 'displayName' | 'password' | 'passwordConfirm'> = {
		...passwordErrors
	};
	if (!USERNAME_PATTERN.test(values.username.toLowerCase()))
		errors.username = { key: 'field.usernameInvalid' };
	else if (await findUserByUsername(db, values.username))
		errors.username = { key: 'field.usernameTaken' };
	if (!values.displayName) errors.displayName = { key: 'field.displayNameRequired' };
	return { values, password, errors, ok: Object.keys(errors).length === 0 };
}

/** A new password (`password`, and `passwordConfirm` where the form has it), checked by the one rule. */
export function readNewPassword(form: FormData) {
	const password = String(form.get('password') ?? '');
	const confirm = String(form.get('passwordConfirm') ?? '');
	const errors: FieldErrors<'password' | 'passwordConfirm'> = {};
	if (password.length < PASSWORD_MIN_LENGTH)
		errors.password = { key: 'field.passwordTooShort', params: { min: PASSWORD_MIN_LENGTH } };
	else if (password.length > PASSWORD_MAX_LENGTH)
		errors.password = { key: 'field.passwordTooLong', params: { max: PASSWORD_MAX_LENGTH } };
	if (form.has('passwordConfirm') && confirm !== password)
		errors.passwordConfirm = { key: 'field.passwordMismatch' };
	return { password, errors, ok: Object.keys(errors).length === 0 };
}
