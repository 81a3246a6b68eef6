// A process's CPU seconds and resident memory, read from /proc (Linux).
import { readFileSync } from 'node:fs';

export function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, 1/100 s ticks
}

export function rssMiB(pid: number): number {
	const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : 0;
}
