// Adds lockfile entries for the platform-specific optional packages (esbuild, rollup, tailwind's
// oxide, …) of operating systems and CPUs that the registry mirror here does not serve. npm leaves
// them out when it cannot fetch their metadata, and `npm ci` then calls the lockfile out of sync.
// Each entry carries the os/cpu read from the package name, so npm skips it on every other
// platform without fetching anything. Run after `npm install` changes the lockfile:
//   node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = [
	'android',
	'darwin',
	'freebsd',
	'linux',
	'openbsd',
	'netbsd',
	'sunos',
	'win32',
	'aix',
	'openharmony',
	'cygwin'
];
const CPU = {
	x64: 'x64',
	ia32: 'ia32',
	arm64: 'arm64',
	arm: 'arm',
	loong64: 'loong64',
	ppc64: 'ppc64',
	riscv64: 'riscv64',
	s390x: 's390x',
	mips64el: 'mips64el',
	wasm32: 'wasm32'
};

function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((p) => OS.includes(p));
	const cpu = parts.map((p) => CPU[p]).find(Boolean);
	const libc = parts.includes('musl')
		? 'musl'
		: parts.includes('gnu') || parts.includes('gnueabihf')
			? 'glibc'
			: undefined;
	return { os, cpu, libc };
}

let added = 0;
for (const [where, pkg] of Object.entries(packages)) {
	for (const [dep, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
		const nested = `${where ? `${where}/` : ''}node_modules/${dep}`;
		if (packages[nested] || packages[`node_modules/${dep}`]) continue;
		if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue; // only pinned platform builds
		const { os, cpu, libc } = platformOf(dep);
		if (!os && !cpu) continue;
		packages[`node_modules/${dep}`] = {
			version: spec,
			...(cpu && { cpu: [cpu] }),
			...(os && { os: [os] }),
			...(libc && { libc: [libc] }),
			optional: true
		};
		added++;
	}
}
lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1))
);
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform entries to package-lock.json`);
