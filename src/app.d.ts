import type { App as GongjianApp } from '$lib/server/app.ts';
import type { Session, SessionUser } from '$lib/server/auth/session.ts';
import type { Locale } from '$lib/i18n/index.ts';

declare global {
	namespace App {
		interface Locals {
			app: GongjianApp;
			user: SessionUser | null;
			session: Session | null;
			locale: Locale;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
