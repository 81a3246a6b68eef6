import { fail } from '@sveltejs/kit';
import { userNames } from '$lib/server/auth/accounts.ts';
import { mayManageBoard, mayRestoreVersion } from '$lib/server/policy/board.ts';
import { httpError, requireBoard, requireBoardSecretary } from '$lib/server/http/guards.ts';
import {
	getVersion,
	listVersions,
	restoreVersion,
	takeVersion
} from '$lib/server/versions/versions.ts';
import type { FormState } from '$lib/forms.ts';
import { LABEL_MAX, versionName } from '$lib/versions.ts';
import { translator } from '$lib/i18n/dictionaries.ts';
import { recordEvent } from '$lib/server/record/events.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const rights = await requireBoard(event);
	const { db } = event.locals.app;
	const versions = await listVersions(db, rights.board.id);
	const names = await userNames(
		db,
		versions.map((v) => v.authorId)
	);
	return {
		board: rights.board,
		canManage: mayManageBoard(rights),
		canRestore: mayRestoreVersion(rights, rights.board),
		versions: versions.map((v) => ({
			...v,
			author: v.authorId ? (names.get(v.authorId) ?? '') : ''
		}))
	};
};

export const actions: Actions = {
	take: async (event) => {
		const { user, board } = await requireBoardSecretary(event);
		const label = String((await event.request.formData()).get('label') ?? '').trim();
		const errors: FormState<'label'>['errors'] = {};
		if (!label) errors.label = { key: 'field.required' };
		else if (label.length > LABEL_MAX)
			errors.label = { key: 'field.tooLong', params: { max: LABEL_MAX } };
		if (errors.label)
			return fail(400, { take: { values: { label }, errors } satisfies FormState<'label'> });
		const version = await takeVersion(event.locals.app, board, {
			label,
			kind: 'manual',
			authorId: user.id
		});
		await recordEvent(
			event.locals.app.db,
			{ councilId: board.councilId, boardId: board.id },
			user.id,
			{
				type: 'version',
				versionId: version.id,
				label,
				kind: 'manual'
			}
		);
		event.locals.app.log.info(
			{ board: board.id, version: version.id, user: user.id },
			'version taken'
		);
		return { taken: label };
	},

	restore: async (event) => {
		const { user, ...rights } = await requireBoardSecretary(event);
		const { board } = rights;
		const form = await event.request.formData();
		const version = await getVersion(
			event.locals.app.db,
			board.id,
			String(form.get('versionId') ?? '')
		);
		if (!version) httpError(404, 'versions.notFound');
		// A secretary's: an agreed plan is changed only after it is reopened (back to 会议中).
		if (!mayRestoreVersion(rights, board)) httpError(409, 'versions.locked');
		const label =
			String(form.get('beforeLabel') ?? '')
				.trim()
				.slice(0, LABEL_MAX) || version.label;
		await restoreVersion(event.locals.app, board, version, user.id, label);
		await recordEvent(
			event.locals.app.db,
			{ councilId: board.councilId, boardId: board.id },
			user.id,
			{
				type: 'restore',
				versionId: version.id,
				label: version.label
			}
		);
		event.locals.app.log.info(
			{ board: board.id, version: version.id, user: user.id },
			'version restored'
		);
		return { restored: versionName(version, translator(event.locals.locale), event.locals.locale) };
	}
};
