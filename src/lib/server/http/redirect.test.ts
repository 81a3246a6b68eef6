import { describe, expect, it } from 'vitest';
import { localPath } from './redirect.ts';

const origin = 'https://gongjian.example.org';

describe('localPath', () => {
	it('keeps paths on this site', () => {
		expect(localPath('/boards/abc?x=1', origin)).toBe('/boards/abc?x=1');
		expect(localPath('/', origin)).toBe('/');
	});

	it('refuses anything that leads to another site', () => {
		for (const target of [
			'//evil.example',
			'/\\evil.example',
			'/%09/evil.example',
			'/\t/evil.example',
			'https://evil.example',
			'evil',
			'',
			null,
			'/.//evil.example',
			'/a/..//evil.example',
			'/%2e//evil.example',
			'/./\\evil.example'
		]) {
			const path = localPath(target, origin);
			expect(new URL(path, origin).origin, String(target)).toBe(origin);
			expect(path.startsWith('//') || path.startsWith('/\\')).toBe(false);
		}
	});
});
