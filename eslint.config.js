// The linter: the `sv create` defaults (JavaScript, typescript-eslint and eslint-plugin-svelte's
// recommended rules, formatting left to Prettier), over every file git keeps.
import prettier from 'eslint-config-prettier';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignore = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default defineConfig(
	includeIgnoreFile(gitignore),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks names itself; this rule only misreads its types.
			'no-undef': 'off',
			// Every Map and Set it flags is made anew for each derived value, or is bookkeeping kept out of
			// reactivity on purpose (undo managers, codes already asked for); none is mutated under a view.
			'svelte/prefer-svelte-reactivity': 'off',
			// A leading underscore says a name is left unused on purpose (a field taken out of a rest).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_',
					ignoreRestSiblings: true
				}
			]
		}
	},
	{
		// Playwright reads a fixture's dependencies from its first parameter, so a fixture with none has `{}`.
		files: ['tests/e2e/**'],
		rules: { 'no-empty-pattern': 'off' }
	},
	{
		// The server's code awaits its store: a promise left unawaited (or tested for truth, as in
		// `if (getBoard(db, id))`) is a bug the types alone do not catch.
		files: ['src/**/*.ts', 'server/**/*.ts', 'tests/**/*.ts'],
		ignores: ['**/*.svelte.ts'],
		languageOptions: {
			// server/'s tools are outside tsconfig's files, except engines.ts, which the tests import.
			parserOptions: {
				projectService: { allowDefaultProject: ['server/!(engines).ts', 'src/service-worker.ts'] }
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
