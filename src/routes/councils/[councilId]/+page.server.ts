// The council page for its secretaries (and administrators): member units, invitation links and
// members. Every read and every action checks the right here, on the server.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { text } from '$lib/server/http/form.ts';
import {
	readBoardNames,
	createBoard,
	listCouncilBoards,
	removeMembership,
	setCouncilSettings,
	setMembership
} from '$lib/server/council/councils.ts';
import { importBoard, readBoardFile } from '$lib/server/files/import-board.ts';
import type { FieldErrors } from '$lib/forms.ts';
import {
	createUnit,
	deleteUnit,
	getUnit,
	isUnitNameClash,
	listUnits,
	readUnitForm,
	updateUnit
} from '$lib/server/council/units.ts';
import {
	createInvitation,
	INVITE_EXPIRY_DAYS,
	listInvitations,
	revokeInvitation,
	revokeInvitationsBy,
	validateInvitation,
	type InviteExpiryDays
} from '$lib/server/council/invitations.ts';
import { getMember, listMembers, validateMembership } from '$lib/server/council/members.ts';
import { recordEvent } from '$lib/server/record/events.ts';
import { userNames } from '$lib/server/auth/accounts.ts';
import type { Db } from '$lib/server/db/index.ts';
import { httpError, requireCouncilManager } from '$lib/server/http/guards.ts';
import { keepsInvitations, mayChangeMembership } from '$lib/server/policy/council.ts';
import type { Role } from '$lib/council.ts';
import type { Actions, PageServerLoad } from './$types';

type CouncilEvent = Pick<RequestEvent, 'locals' | 'url'> & { params: { councilId: string } };

/** The council, for a secretary of it or an administrator; 404 / 403 for anyone else. */
async function manage(event: CouncilEvent) {
	const { user, council } = await requireCouncilManager(event);
	return { user, db: event.locals.app.db, council };
}

async function memberOf(db: Db, councilId: string, userId: string) {
	const member = await getMember(db, councilId, userId);
	if (!member) httpError(404, 'error.notFound');
	return member;
}

export const load: PageServerLoad = async (event) => {
	const { user, db, council } = await manage(event);
	return {
		council,
		units: await listUnits(db, council.id),
		boards: await listCouncilBoards(db, council.id),
		invitations: await listInvitations(db, council.id),
		members: (await listMembers(db, council.id)).map((member) => ({
			...member,
			mayChange: mayChangeMembership(user, member.userId)
		})),
		expiryDays: INVITE_EXPIRY_DAYS
	};
};

export const actions: Actions = {
	createBoard: async (event) => {
		const { db, council } = await manage(event);
		const form = await event.request.formData();
		const { values, errors } = readBoardNames(form);
		if (Object.keys(errors).length) return fail(400, { board: { values, errors } });
		await createBoard(db, { councilId: council.id, ...values });
		return { boardCreated: values.title };
	},

	/** A board from a JSON export: the file's title and period unless others are typed. */
	importBoard: async (event) => {
		const { user, council } = await manage(event);
		const form = await event.request.formData();
		const values = { title: text(form, 'title'), period: text(form, 'period') };
		const upload = form.get('file');
		const read =
			upload instanceof File && upload.size > 0
				? readBoardFile(new Uint8Array(await upload.arrayBuffer()))
				: ({ ok: false, problem: 'empty' } as const);
		if (!read.ok)
			return fail(400, {
				importBoard: {
					values,
					errors: {
						file: { key: `boardImport.${read.problem}` as const }
					} satisfies FieldErrors<'file'>
				}
			});
		const names = {
			title: values.title || read.file.title || '共驻共建项目计划',
			period: values.period || read.file.period || '—'
		};
		const { boardId, unitsAdded } = await importBoard(
			event.locals.app,
			council.id,
			user.id,
			read.file,
			names
		);
		return { boardImported: { boardId, title: names.title, period: names.period, unitsAdded } };
	},

	settings: async (event) => {
		const { db, council } = await manage(event);
		const form = await event.request.formData();
		await setCouncilSettings(db, council.id, {
			observersExport: form.get('observersExport') === 'on',
			observersComment: form.get('observersComment') === 'on'
		});
		return { settingsSaved: true };
	},

	createUnit: async (event) => {
		const { db, council } = await manage(event);
		const unit = await readUnitForm(db, council.id, await event.request.formData());
		if (!unit.input) return fail(400, { unit: { values: unit.values, errors: unit.errors } });
		try {
			await createUnit(db, council.id, unit.input);
		} catch (err) {
			if (!isUnitNameClash(err)) throw err;
			return fail(400, {
				unit: { values: unit.values, errors: { name: { key: 'units.nameTaken' as const } } }
			});
		}
		return { unitCreated: unit.values.name };
	},

	updateUnit: async (event) => {
		const { db, council } = await manage(event);
		const form = await event.request.formData();
		const unitId = text(form, 'unitId');
		const unit = await readUnitForm(db, council.id, form, unitId);
		if (!unit.input)
			return fail(400, { editUnit: { unitId, values: unit.values, errors: unit.errors } });
		try {
			if (!(await updateUnit(db, council.id, unitId, unit.input))) httpError(404, 'error.notFound');
		} catch (err) {
			if (!isUnitNameClash(err)) throw err;
			return fail(400, {
				editUnit: {
					unitId,
					values: unit.values,
					errors: { name: { key: 'units.nameTaken' as const } }
				}
			});
		}
		return { unitUpdated: unit.values.name };
	},

	deleteUnit: async (event) => {
		const { user, db, council } = await manage(event);
		const form = await event.request.formData();
		const unitId = text(form, 'unitId');
		const name = (await getUnit(db, unitId))?.name;
		const deleted = await deleteUnit(db, council.id, unitId);
		if (!deleted) httpError(404, 'error.notFound');
		// Its representatives are no longer members: their open boards must not stay connected.
		const names = await userNames(db, deleted.repUserIds);
		for (const userId of deleted.repUserIds) {
			await event.locals.app.sync.closeConnectionsOf({ userId });
			await recordEvent(db, { councilId: council.id, boardId: null }, user.id, {
				type: 'membership',
				subjectId: userId,
				subject: names.get(userId) ?? '',
				role: null,
				unitName: name ?? null,
				via: 'unit_deleted'
			});
		}
		return { unitDeleted: name };
	},

	createInvite: async (event) => {
		const { user, db, council } = await manage(event);
		const form = await event.request.formData();
		const values = {
			role: text(form, 'role'),
			unitId: text(form, 'unitId'),
			expiresInDays: text(form, 'expiresInDays'),
			uses: text(form, 'uses')
		};
		const input = {
			role: values.role,
			unitId: values.role === 'unit_rep' ? values.unitId || null : null,
			expiresInDays: Number(values.expiresInDays),
			maxUses: values.uses === 'single' ? 1 : values.uses === 'multi' ? null : NaN
		};
		const errors = await validateInvitation(db, council.id, input);
		if (Object.keys(errors).length > 0) return fail(400, { invite: { values, errors } });
		const { token, invitation } = await createInvitation(db, council.id, {
			role: input.role as Role,
			unitId: input.unitId,
			expiresInDays: input.expiresInDays as InviteExpiryDays,
			maxUses: input.maxUses,
			createdBy: user.id
		});
		// The only time the link exists outside the person's hands: the database keeps its hash.
		return { inviteLink: `${event.url.origin}/join/${token}`, inviteId: invitation.id };
	},

	revokeInvite: async (event) => {
		const { db, council } = await manage(event);
		const form = await event.request.formData();
		if (!(await revokeInvitation(db, council.id, text(form, 'invitationId'))))
			httpError(404, 'error.notFound');
		return { inviteRevoked: true };
	},

	setMember: async (event) => {
		const { user, db, council } = await manage(event);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const values = { role: text(form, 'role'), unitId: text(form, 'unitId') };
		const member = await memberOf(db, council.id, userId);
		if (!mayChangeMembership(user, userId)) {
			return fail(400, {
				member: { userId, values, errors: { role: { key: 'council.cannotChangeSelf' as const } } }
			});
		}
		const checked = await validateMembership(db, council.id, {
			role: values.role,
			unitId: values.unitId || null
		});
		if (!checked.ok) return fail(400, { member: { userId, values, errors: checked.errors } });
		await setMembership(db, council.id, userId, checked.role, checked.unitId);
		if (!keepsInvitations(checked.role)) await revokeInvitationsBy(db, council.id, userId);
		const unitName = checked.unitId ? ((await getUnit(db, checked.unitId))?.name ?? null) : null;
		await recordEvent(db, { councilId: council.id, boardId: null }, user.id, {
			type: 'membership',
			subjectId: userId,
			subject: member.displayName,
			role: checked.role,
			unitName,
			via: 'secretary'
		});
		await event.locals.app.sync.closeConnectionsOf({ userId }); // reconnects with the new rights
		return { memberSaved: member.displayName };
	},

	removeMember: async (event) => {
		const { user, db, council } = await manage(event);
		const form = await event.request.formData();
		const userId = text(form, 'userId');
		const member = await memberOf(db, council.id, userId);
		if (!mayChangeMembership(user, userId)) {
			return fail(400, {
				member: {
					userId,
					values: {},
					errors: { role: { key: 'council.cannotChangeSelf' as const } }
				}
			});
		}
		await removeMembership(db, council.id, userId);
		await revokeInvitationsBy(db, council.id, userId);
		await recordEvent(db, { councilId: council.id, boardId: null }, user.id, {
			type: 'membership',
			subjectId: userId,
			subject: member.displayName,
			role: null,
			unitName: null,
			via: 'secretary'
		});
		await event.locals.app.sync.closeConnectionsOf({ userId });
		return { memberRemoved: member.displayName };
	}
};
